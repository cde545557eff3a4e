#pragma once

#include <string>
#include <string_view>

namespace mimic {

// Escapes text for XML and HTML content and attribute values. Invalid UTF-8
// and characters XML 1.0 forbids become U+FFFD, and a CR is kept as "&#13;".
std::string XmlEscape(std::string_view text);

}  // namespace mimic
