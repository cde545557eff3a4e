#include "template/request_variables.h"

#include <utility>

#include "template/json_body.h"
#include "template/template_limits.h"

namespace mimic::tmpl {
namespace {

char FirstNonSpace(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return c;
  }
  return '\0';
}

ExpressionValue TextOrNull(const std::string* value) {
  return value == nullptr ? ExpressionValue::Null() : ExpressionValue::Text(*value);
}

// Renders all parameters or headers as a JSON object, keeping the first value of a
// repeated name as lookups do.
ExpressionValue PairsAsJson(const std::vector<std::pair<std::string, std::string>>& pairs) {
  Json object = Json::object();
  for (const auto& [name, value] : pairs) {
    if (!object.contains(name)) object[name] = value;
  }
  return ExpressionValue::Text(JsonValueText(object));
}

}  // namespace

ExpressionValue RequestVariables::Resolve(const RequestVariable& variable) {
  switch (variable.field) {
    case RequestField::kBody:
      if (variable.body_path.empty()) return ExpressionValue::Text(std::string(request_.body));
      return ResolveBodyPath(variable);

    case RequestField::kPath: {
      if (variable.index) {
        if (*variable.index >= request_.path.size()) return ExpressionValue::Null();
        return ExpressionValue::Text(request_.path[*variable.index]);
      }
      std::string joined;
      for (size_t i = 0; i < request_.path.size(); ++i) {
        if (i > 0) joined.push_back('/');
        joined += request_.path[i];
      }
      return ExpressionValue::Text(std::move(joined));
    }

    case RequestField::kParams:
      if (!variable.key) return PairsAsJson(request_.params);
      return TextOrNull(FindParam(request_, *variable.key));

    case RequestField::kHeaders:
      if (!variable.key) return PairsAsJson(request_.headers);
      return TextOrNull(FindHeader(request_, *variable.key));
  }
  return ExpressionValue::Null();
}

void RequestVariables::ParseBody() {
  char first = FirstNonSpace(request_.body);
  if (first != '{' && first != '[' && first != '<') {
    body_format_ = BodyFormat::kOther;
    return;
  }
  if (request_.body.size() > kMaxParsedBodyBytes) {
    body_format_ = BodyFormat::kInvalid;
    body_error_ = "request body of " + std::to_string(request_.body.size()) +
                  " bytes is larger than the " + std::to_string(kMaxParsedBodyBytes) +
                  " bytes read for JSON Pointer and XPath";
    return;
  }
  if (first == '<') {
    Result<XmlDocument> document = XmlDocument::Parse(request_.body);
    if (!document) {
      body_format_ = BodyFormat::kInvalid;
      body_error_ = "request body is not usable XML: " + document.error().message;
      return;
    }
    xml_body_.emplace(std::move(*document));
    body_format_ = BodyFormat::kXml;
    return;
  }
  Result<Json> document = ParseJsonDocument(request_.body);
  if (!document) {
    body_format_ = BodyFormat::kInvalid;
    body_error_ = "request body is not valid JSON: " + document.error().message;
    return;
  }
  json_body_ = std::move(*document);
  body_format_ = BodyFormat::kJson;
}

ExpressionValue RequestVariables::ResolveBodyPath(const RequestVariable& variable) {
  if (body_format_ == BodyFormat::kUnknown) ParseBody();

  switch (body_format_) {
    case BodyFormat::kJson: {
      if (!variable.pointer_error.empty()) return ExpressionValue::Failure(variable.pointer_error);
      const Json* value = FindJsonValue(json_body_, variable.pointer_tokens, &json_lookups_);
      if (value == nullptr) return ExpressionValue::Null();
      return ExpressionValue::Text(JsonValueText(*value));
    }
    case BodyFormat::kXml: {
      Result<std::optional<std::string>> value =
          xml_body_->SelectString(variable.body_path, &xpath_operation_budget_);
      if (!value) return ExpressionValue::Failure(value.error().message);
      if (!*value) return ExpressionValue::Null();
      return ExpressionValue::Text(std::move(**value));
    }
    case BodyFormat::kInvalid:
      return ExpressionValue::Failure(body_error_);
    case BodyFormat::kOther:
    case BodyFormat::kUnknown:
      break;
  }
  // A body that is neither JSON nor XML has no structure to select from.
  return ExpressionValue::Null();
}

}  // namespace mimic::tmpl
