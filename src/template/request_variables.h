#pragma once

#include <optional>
#include <string>

#include "common/json.h"
#include "template/evaluable_request.h"
#include "template/expression_value.h"
#include "template/json_body.h"
#include "template/template_expression.h"
#include "template/template_limits.h"
#include "template/xml_path.h"

namespace mimic::tmpl {

// Resolves `request.` references during one render. The body is parsed, as JSON when it
// starts with '{' or '[' and as XML when it starts with '<', on the first reference that
// needs it, and the parsed document serves every later reference of the same render.
// Not thread-safe: each render creates its own.
class RequestVariables {
 public:
  explicit RequestVariables(const EvaluableRequest& request) : request_(request) {}

  // Returns the referenced value. A missing parameter, header, path segment or body node
  // yields Null. A body that cannot be parsed, or a path that is invalid for it, yields
  // an error.
  ExpressionValue Resolve(const RequestVariable& variable);

 private:
  enum class BodyFormat { kUnknown, kJson, kXml, kOther, kInvalid };

  ExpressionValue ResolveBodyPath(const RequestVariable& variable);
  void ParseBody();

  const EvaluableRequest& request_;
  BodyFormat body_format_ = BodyFormat::kUnknown;
  std::string body_error_;  // why the body could not be parsed, for kInvalid
  Json json_body_;
  JsonLookupCache json_lookups_;
  std::optional<XmlDocument> xml_body_;
  unsigned long xpath_operation_budget_ = kMaxXPathOperationsPerRender;
};

}  // namespace mimic::tmpl
