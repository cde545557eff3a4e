#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"

struct _xmlDoc;

namespace mimic::tmpl {

// A parsed XML request body that XPath expressions select from. Parsing never touches
// the network and never expands entities: a body with a DOCTYPE is rejected outright, so
// no DTD, internal or external, is ever processed.
//
// Thread-safety: a document may be read by one thread at a time. Distinct documents can
// be used on distinct threads concurrently.
class XmlDocument {
 public:
  // Parses `text`, which must be at most kMaxParsedBodyBytes long. Returns
  // kInvalidArgument for malformed XML, kUnsupported for a DOCTYPE and kLimitExceeded
  // for a larger body.
  static Result<XmlDocument> Parse(std::string_view text);

  // Evaluates an XPath 1.0 expression and returns its string value: for a node-set, the
  // string value of its first node in document order. An empty node-set yields nullopt.
  // Namespace prefixes declared on the root element can be used in `xpath`; other
  // namespaced nodes are reachable with local-name().
  // Returns kInvalidArgument for a malformed expression and kLimitExceeded for one longer
  // than kMaxBodyPathBytes, nested deeper than kMaxNestingDepth, or that runs more than
  // kMaxXPathOperations steps.
  Result<std::optional<std::string>> SelectString(std::string_view xpath) const;

 private:
  struct DocumentDeleter {
    void operator()(_xmlDoc* document) const;
  };

  explicit XmlDocument(_xmlDoc* document) : document_(document) {}

  std::unique_ptr<_xmlDoc, DocumentDeleter> document_;
};

}  // namespace mimic::tmpl
