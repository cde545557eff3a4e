#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
  // Namespace prefixes declared on the root element can be used in `xpath`. Other
  // namespaced nodes are reachable with local-name().
  // Evaluation stops after kMaxXPathOperations operations, or after `operation_budget`
  // ones when that is smaller. The operations used are subtracted from the budget.
  // Returns kInvalidArgument for a malformed expression or an evaluation error. Returns
  // kLimitExceeded for an expression longer than kMaxBodyPathBytes or nested deeper than
  // kMaxNestingDepth, and when the budget is already spent.
  // `namespaces` adds prefix to URI bindings, as SoapUI's "declare namespace" lines do.
  Result<std::optional<std::string>> SelectString(
      std::string_view xpath, unsigned long* operation_budget = nullptr,
      const std::vector<std::pair<std::string, std::string>>* namespaces = nullptr) const;

 private:
  struct DocumentDeleter {
    void operator()(_xmlDoc* document) const;
  };

  explicit XmlDocument(_xmlDoc* document) : document_(document) {}

  std::unique_ptr<_xmlDoc, DocumentDeleter> document_;
};

}  // namespace mimic::tmpl
