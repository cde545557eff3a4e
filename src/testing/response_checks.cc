#include "testing/response_checks.h"

#include "common/strings.h"
#include "importer/ref_resolver.h"
#include "schema/json_values.h"

namespace mimic::contract {
namespace {

std::string EscapePointerToken(std::string_view token) {
  return ReplaceAll(ReplaceAll(std::string(token), "~", "~0"), "/", "~1");
}

bool IsJsonMediaType(std::string_view media_type) {
  return StartsWith(media_type, "application/") &&
         (EndsWith(media_type, "json") || media_type.find("+json") != std::string_view::npos);
}

// Follows one local $ref, as response and header objects may be references to
// components. Returns the pointer of the object actually used.
std::string FollowLocalRef(const Json& document, std::string pointer) {
  for (int hops = 0; hops < 8; ++hops) {
    const Json* node = EvaluatePointer(document, pointer);
    if (node == nullptr || !node->is_object()) return pointer;
    std::string ref = FieldOr(*node, "$ref", "");
    if (!StartsWith(ref, "#")) return pointer;
    pointer = PercentDecode(ref.substr(1));
  }
  return pointer;
}

}  // namespace

std::string StepVerdict::Message() const {
  std::string message;
  for (const std::string& failure : failures) message += (message.empty() ? "" : "\n") + failure;
  return message;
}

std::string BareMediaType(std::string_view content_type) {
  return ToLower(Trim(content_type.substr(0, content_type.find(';'))));
}

StepVerdict CheckHttpStatus(const CallOutcome& outcome, const Response& expected) {
  StepVerdict verdict;
  if (!outcome.completed) {
    verdict.Fail(outcome.error);
    return verdict;
  }
  int status_class = outcome.status / 100;
  int expected_class = expected.status.empty() ? 2 : (expected.status[0] - '0');
  if (status_class != 2 && status_class != expected_class) {
    verdict.Fail("the response status is " + std::to_string(outcome.status) +
                 "; expected a 2xx status" +
                 (expected_class == 2 ? std::string()
                                      : " or one of class " + std::to_string(expected_class) +
                                            "xx like the example's " + expected.status));
  }
  return verdict;
}

const ResponseSchemaChecker::CompiledSchema& ResponseSchemaChecker::SchemaAt(
    const std::string& pointer) {
  auto found = cache_.find(pointer);
  if (found != cache_.end()) return found->second;
  CompiledSchema compiled;
  const Json* document = spec_->document();
  if (document != nullptr && EvaluatePointer(*document, pointer) != nullptr) {
    auto validator = schema::Validator::Compile(*document, pointer, spec_->dialect());
    if (validator) {
      compiled.validator = std::make_shared<schema::Validator>(std::move(*validator));
    } else {
      compiled.error = validator.error().message;
    }
  }
  return cache_.emplace(pointer, std::move(compiled)).first->second;
}

StepVerdict ResponseSchemaChecker::Check(const Operation& operation, const Response& expected,
                                         const CallOutcome& outcome) {
  StepVerdict verdict;
  if (!outcome.completed) {
    verdict.Fail(outcome.error);
    return verdict;
  }
  std::string actual_status = std::to_string(outcome.status);
  std::string expected_status = expected.status.empty() ? "200" : expected.status;
  if (actual_status != expected_status) {
    verdict.Fail("the response status is " + actual_status + "; the example expects " +
                 expected_status);
  }
  const Json* document = spec_->document();
  if (document == nullptr) {
    verdict.Fail(
        "the service has no OpenAPI or Swagger document to check responses against; use the "
        "HTTP runner or import the specification");
    return verdict;
  }

  std::string actual_media = BareMediaType(outcome.Header("Content-Type"));
  std::string expected_media = BareMediaType(expected.media_type);
  bool has_body = !Trim(outcome.body).empty();
  if (!expected_media.empty() && outcome.status != 204 && has_body &&
      actual_media != expected_media) {
    verdict.Fail("the response Content-Type is '" + std::string(outcome.Header("Content-Type")) +
                 "'; the example expects '" + expected.media_type + "'");
  }

  // The declaration of the status that came back: its exact code, else "default".
  std::string operation_pointer =
      "/paths/" + EscapePointerToken(OperationPath(operation)) + "/" + ToLower(operation.method);
  std::string response_pointer = operation_pointer + "/responses/" + actual_status;
  if (EvaluatePointer(*document, response_pointer) == nullptr) {
    response_pointer = operation_pointer + "/responses/default";
  }
  response_pointer = FollowLocalRef(*document, response_pointer);
  const Json* response = EvaluatePointer(*document, response_pointer);
  if (response == nullptr || !response->is_object()) {
    if (actual_status == expected_status) {
      verdict.Fail("the document declares no response " + actual_status + " for " + operation.name);
    }
    return verdict;
  }

  const Json& headers = FieldOr(*response, "headers", Json::object());
  for (const auto& [name, raw] : headers.items()) {
    if (spec_->swagger() || EqualsIgnoreCase(name, "Content-Type")) continue;
    std::string header_pointer =
        FollowLocalRef(*document, response_pointer + "/headers/" + EscapePointerToken(name));
    const Json* header = EvaluatePointer(*document, header_pointer);
    if (header == nullptr || !header->is_object()) continue;
    std::string_view value = outcome.Header(name);
    bool present = false;
    for (const auto& [key, ignored] : outcome.headers)
      present = present || EqualsIgnoreCase(key, name);
    if (!present) {
      if (FieldOr(*header, "required", false)) {
        verdict.Fail("the required response header '" + name + "' is missing");
      }
      continue;
    }
    if (!header->contains("schema")) continue;
    std::string schema_pointer = FollowLocalRef(*document, header_pointer + "/schema");
    const Json* header_schema = EvaluatePointer(*document, schema_pointer);
    const CompiledSchema& compiled = SchemaAt(schema_pointer);
    if (!compiled.validator || header_schema == nullptr) continue;
    Json typed = schema::ValueFromText(std::string(value), FieldOr(*header_schema, "type", ""));
    for (const schema::ValidationError& error : compiled.validator->Validate(typed)) {
      verdict.Fail("response header '" + name + "': " + error.message);
    }
  }

  if (outcome.status == 204) return verdict;
  std::string media = actual_media.empty() ? expected_media : actual_media;
  std::string schema_pointer;
  std::string declared_media;
  if (spec_->swagger()) {
    if (response->contains("schema")) schema_pointer = response_pointer + "/schema";
    declared_media = media;
  } else {
    const Json& content = FieldOr(*response, "content", Json::object());
    std::string chosen;
    for (const auto& [key, value] : content.items()) {
      std::string bare = BareMediaType(key);
      bool matches = bare == media || bare == "*/*" ||
                     (EndsWith(bare, "/*") && StartsWith(media, bare.substr(0, bare.size() - 1)));
      if (matches && (chosen.empty() || bare == media)) chosen = key;
    }
    if (chosen.empty()) {
      if (!content.empty() && has_body) {
        std::string declared;
        for (const auto& [key, value] : content.items())
          declared += (declared.empty() ? "" : ", ") + key;
        verdict.Fail("the response Content-Type '" + media + "' is not declared for status " +
                     actual_status + " (declared: " + declared + ")");
      }
      return verdict;
    }
    declared_media = BareMediaType(chosen);
    if (content[chosen].is_object() && content[chosen].contains("schema")) {
      schema_pointer = response_pointer + "/content/" + EscapePointerToken(chosen) + "/schema";
    }
  }
  if (schema_pointer.empty() || !IsJsonMediaType(media.empty() ? declared_media : media)) {
    return verdict;
  }
  if (!has_body) {
    verdict.Fail("the response has no body; the document declares a " + declared_media +
                 " schema for status " + actual_status);
    return verdict;
  }
  const CompiledSchema& compiled = SchemaAt(schema_pointer);
  if (!compiled.validator) {
    verdict.Fail("the response schema at " + schema_pointer + " cannot be used: " + compiled.error);
    return verdict;
  }
  Json instance = Json::parse(outcome.body, nullptr, /*allow_exceptions=*/false);
  if (instance.is_discarded()) {
    verdict.Fail("the response body is not valid JSON although its Content-Type is " + media);
    return verdict;
  }
  for (const schema::ValidationError& error : compiled.validator->Validate(instance)) {
    verdict.Fail(schema::FormatValidationError(error));
  }
  return verdict;
}

}  // namespace mimic::contract
