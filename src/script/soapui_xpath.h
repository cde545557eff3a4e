#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mimic::script {

// An XPath written the SoapUI way, made ready for an XPath 1.0 engine.
struct PreparedXPath {
  std::string expression;
  std::vector<std::pair<std::string, std::string>> namespaces;  // prefix, URI
};

// Splits leading "declare namespace p='uri';" declarations off `text` and rewrites
// the XPath 2 wildcard step "*:name" as "*[local-name()='name']".
PreparedXPath PrepareSoapUiXPath(std::string_view text);

// Returns the string value of the XPath on the XML text, "" when nothing matches, or
// an error message prefixed with "error: " when the XML or the XPath is invalid.
std::string EvaluateSoapUiXPath(std::string_view xml, std::string_view xpath);

}  // namespace mimic::script
