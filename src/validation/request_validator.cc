#include "validation/request_validator.h"

#include "common/strings.h"
#include "importer/document.h"
#include "importer/ref_resolver.h"
#include "schema/json_values.h"
#include "spdlog/spdlog.h"

namespace mimic {
namespace {

std::string EscapePointerToken(std::string_view token) {
  return ReplaceAll(ReplaceAll(std::string(token), "~", "~0"), "/", "~1");
}

std::string BareMediaType(std::string_view value) {
  return ToLower(Trim(value.substr(0, value.find(';'))));
}

bool IsJsonMediaType(std::string_view media_type) {
  return StartsWith(media_type, "application/") &&
         (EndsWith(media_type, "json") || media_type.find("+json") != std::string_view::npos);
}

}  // namespace

void ServiceSpec::Load() const {
  std::call_once(once_, [this] {
    const Resource* chosen = nullptr;
    for (const Resource& resource : service_->resources) {
      if (resource.type != "OPEN_API_SPEC" && resource.type != "SWAGGER") continue;
      if (chosen == nullptr || (resource.main_artifact && !chosen->main_artifact)) {
        chosen = &resource;
      }
    }
    if (chosen == nullptr) return;
    auto parsed = ParseDocument(chosen->content);
    if (!parsed) {
      spdlog::warn("event=validation.spec_unreadable service={} error={}", LogValue(service_->name),
                   LogValue(parsed.error().message));
      return;
    }
    document_ = std::move(*parsed);
    swagger_ = chosen->type == "SWAGGER";
    std::string version = FieldOr(document_, "openapi", "");
    dialect_ = swagger_ || StartsWith(version, "3.0") ? schema::Dialect::kOpenApi30
                                                      : schema::Dialect::kDraft2020_12;
    if (swagger_) dialect_ = schema::Dialect::kDraft4;
    loaded_ = true;
  });
}

const Json* ServiceSpec::document() const {
  Load();
  return loaded_ ? &document_ : nullptr;
}

schema::Dialect ServiceSpec::dialect() const {
  Load();
  return dialect_;
}

bool ServiceSpec::swagger() const {
  Load();
  return swagger_;
}

void RequestValidator::Compile() const {
  std::call_once(once_, [this] {
    const Json* document = spec_->document();
    if (document == nullptr) return;
    std::string verb = ToLower(method_);
    std::string operation_pointer = "/paths/" + EscapePointerToken(path_) + "/" + verb;
    const Json* operation = EvaluatePointer(*document, operation_pointer);
    if (operation == nullptr || !operation->is_object()) return;

    auto compile = [&](const std::string& pointer, const std::string& media_type) {
      Compiled compiled;
      compiled.media_type = media_type;
      auto validator = schema::Validator::Compile(*document, pointer, spec_->dialect());
      if (validator) {
        compiled.validator = std::make_shared<schema::Validator>(std::move(*validator));
      } else {
        compiled.error = validator.error().message;
      }
      schemas_.push_back(std::move(compiled));
    };

    if (spec_->swagger()) {
      const Json& parameters = FieldOr(*operation, "parameters", Json::array());
      for (size_t i = 0; parameters.is_array() && i < parameters.size(); ++i) {
        if (FieldOr(parameters[i], "in", "") == "body") {
          body_required_ = FieldOr(parameters[i], "required", false);
        }
        if (FieldOr(parameters[i], "in", "") == "body" && parameters[i].contains("schema")) {
          compile(operation_pointer + "/parameters/" + std::to_string(i) + "/schema", "");
        }
      }
      return;
    }
    std::string body_pointer = operation_pointer + "/requestBody";
    const Json* body = EvaluatePointer(*document, body_pointer);
    // A requestBody given as a $ref is followed once, inside the same document.
    if (body != nullptr && body->is_object() && body->contains("$ref") &&
        (*body)["$ref"].is_string() && StartsWith((*body)["$ref"].get<std::string>(), "#")) {
      body_pointer = (*body)["$ref"].get<std::string>().substr(1);
      body = EvaluatePointer(*document, body_pointer);
    }
    if (body == nullptr || !body->is_object() || !body->contains("content")) return;
    body_required_ = FieldOr(*body, "required", false);
    for (const auto& [media_type, media] : (*body)["content"].items()) {
      declared_media_types_.push_back(BareMediaType(media_type));
      if (!media.is_object() || !media.contains("schema")) continue;
      compile(body_pointer + "/content/" + EscapePointerToken(media_type) + "/schema",
              BareMediaType(media_type));
    }
  });
}

BodyValidation RequestValidator::ValidateBody(std::string_view content_type,
                                              std::string_view body) const {
  BodyValidation result;
  if (spec_->document() == nullptr) {
    result.has_spec = false;
    return result;
  }
  std::string media_type = BareMediaType(content_type);
  Compile();
  if (Trim(body).empty()) {
    if (body_required_) {
      result.errors.push_back({"", "required", "", "the request body is required"});
    }
    return result;
  }
  if (!declared_media_types_.empty()) {
    bool declared = false;
    std::string accepted;
    for (const std::string& type : declared_media_types_) {
      if (type == media_type || type == "*/*" ||
          (EndsWith(type, "/*") && StartsWith(media_type, type.substr(0, type.size() - 1)))) {
        declared = true;
      }
      accepted += (accepted.empty() ? "" : ", ") + type;
    }
    if (!declared) {
      result.errors.push_back({"", "content", "",
                               "the request Content-Type '" + std::string(content_type) +
                                   "' is not one the operation accepts (" + accepted + ")"});
      return result;
    }
  }
  if (!IsJsonMediaType(media_type)) return result;
  const Compiled* chosen = nullptr;
  for (const Compiled& compiled : schemas_) {
    if (compiled.media_type.empty() || compiled.media_type == media_type) {
      chosen = &compiled;
      break;
    }
  }
  if (chosen == nullptr) {
    for (const Compiled& compiled : schemas_) {
      if (IsJsonMediaType(compiled.media_type)) {
        chosen = &compiled;
        break;
      }
    }
  }
  if (chosen == nullptr) return result;
  if (!chosen->validator) {
    result.errors.push_back(
        {"", "$ref", "", "the request schema cannot be used: " + chosen->error});
    return result;
  }
  Json instance = Json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (instance.is_discarded()) {
    result.errors.push_back({"", "type", "", "the request body is not valid JSON"});
    return result;
  }
  result.errors = chosen->validator->Validate(instance);
  return result;
}

namespace {}  // namespace

void RequestValidator::CompileParameters() const {
  std::call_once(parameters_once_, [this] {
    const Json* document = spec_->document();
    if (document == nullptr) return;
    std::string path_pointer = "/paths/" + EscapePointerToken(path_);
    std::string operation_pointer = path_pointer + "/" + ToLower(method_);
    // Operation-level parameters override path-level ones with the same name and location.
    for (const std::string& base : {operation_pointer, path_pointer}) {
      std::string list_pointer = base + "/parameters";
      const Json* list = EvaluatePointer(*document, list_pointer);
      if (list == nullptr || !list->is_array()) continue;
      for (size_t i = 0; i < list->size(); ++i) {
        std::string pointer = list_pointer + "/" + std::to_string(i);
        const Json* node = &(*list)[i];
        if (node->is_object() && node->contains("$ref") && (*node)["$ref"].is_string() &&
            StartsWith((*node)["$ref"].get<std::string>(), "#")) {
          pointer = (*node)["$ref"].get<std::string>().substr(1);
          node = EvaluatePointer(*document, pointer);
        }
        if (node == nullptr || !node->is_object()) continue;
        Parameter parameter;
        parameter.name = FieldOr(*node, "name", "");
        parameter.in = FieldOr(*node, "in", "");
        parameter.required = FieldOr(*node, "required", false) || parameter.in == "path";
        if (parameter.name.empty() ||
            (parameter.in != "query" && parameter.in != "header" && parameter.in != "path")) {
          continue;
        }
        bool known = false;
        for (const Parameter& existing : parameters_) {
          if (existing.name == parameter.name && existing.in == parameter.in) known = true;
        }
        if (known) continue;
        // OpenAPI 3 nests the schema; Swagger 2 puts type and constraints on the parameter.
        std::string schema_pointer = node->contains("schema") ? pointer + "/schema" : pointer;
        const Json* schema = EvaluatePointer(*document, schema_pointer);
        if (schema != nullptr && schema->is_object()) {
          parameter.type = FieldOr(*schema, "type", "");
          if (schema->contains("$ref") && (*schema)["$ref"].is_string()) {
            const Json* target =
                EvaluatePointer(*document, (*schema)["$ref"].get<std::string>().substr(1));
            if (target != nullptr && target->is_object())
              parameter.type = FieldOr(*target, "type", "");
          }
          if (node->contains("schema") || spec_->swagger()) {
            auto validator =
                schema::Validator::Compile(*document, schema_pointer, spec_->dialect());
            if (validator) {
              parameter.validator = std::make_shared<schema::Validator>(std::move(*validator));
            }
          }
        }
        parameters_.push_back(std::move(parameter));
      }
    }
  });
}

std::vector<schema::ValidationError> RequestValidator::ValidateParameters(
    const std::vector<std::pair<std::string, std::string>>& path_params,
    const std::vector<std::pair<std::string, std::string>>& query,
    const std::vector<std::pair<std::string_view, std::string_view>>& headers) const {
  std::vector<schema::ValidationError> errors;
  if (spec_->document() == nullptr) return errors;
  CompileParameters();
  for (const Parameter& parameter : parameters_) {
    std::optional<std::string> value;
    if (parameter.in == "path") {
      for (const auto& [name, text] : path_params) {
        if (name == parameter.name) value = text;
      }
    } else if (parameter.in == "query") {
      for (const auto& [name, text] : query) {
        if (name == parameter.name && !value) value = text;
      }
    } else {
      for (const auto& [name, text] : headers) {
        if (EqualsIgnoreCase(name, parameter.name) && !value) value = std::string(text);
      }
    }
    std::string location = parameter.in + "/" + parameter.name;
    if (!value) {
      if (parameter.required) {
        errors.push_back(
            {location, "required", "",
             "required " + parameter.in + " parameter '" + parameter.name + "' is missing"});
      }
      continue;
    }
    if (!parameter.validator) continue;
    for (schema::ValidationError error :
         parameter.validator->Validate(schema::ValueFromText(*value, parameter.type))) {
      error.instance_location = location + error.instance_location;
      error.message = parameter.in + " parameter '" + parameter.name + "': " + error.message;
      errors.push_back(std::move(error));
    }
  }
  return errors;
}

}  // namespace mimic
