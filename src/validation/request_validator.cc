#include "validation/request_validator.h"

#include "common/strings.h"
#include "importer/document.h"
#include "importer/ref_resolver.h"
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
      spdlog::warn("event=validation.spec_unreadable service={} error={}",
                   LogValue(service_->name), LogValue(parsed.error().message));
      return;
    }
    document_ = std::move(*parsed);
    swagger_ = chosen->type == "SWAGGER";
    std::string version = document_.value("openapi", "");
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
      const Json& parameters = operation->value("parameters", Json::array());
      for (size_t i = 0; parameters.is_array() && i < parameters.size(); ++i) {
        if (parameters[i].value("in", "") == "body" && parameters[i].contains("schema")) {
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
    for (const auto& [media_type, media] : (*body)["content"].items()) {
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
  if (Trim(body).empty() || !IsJsonMediaType(media_type)) return result;
  Compile();
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
    result.errors.push_back({"", "$ref", "", "the request schema cannot be used: " + chosen->error});
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

}  // namespace mimic
