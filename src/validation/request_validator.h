#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "model/service.h"
#include "schema/json_schema.h"

namespace mimic {

// The OpenAPI or Swagger document of a service, parsed on first use by a
// validating mock and shared by all its operations.
class ServiceSpec {
 public:
  explicit ServiceSpec(std::shared_ptr<const Service> service) : service_(std::move(service)) {}

  // Null when the service has no OPEN_API_SPEC or SWAGGER resource, or it does not parse.
  const Json* document() const;
  schema::Dialect dialect() const;
  bool swagger() const;

 private:
  void Load() const;

  std::shared_ptr<const Service> service_;
  mutable std::once_flag once_;
  mutable Json document_;
  mutable bool loaded_ = false;
  mutable bool swagger_ = false;
  mutable schema::Dialect dialect_ = schema::Dialect::kOpenApi30;
};

struct BodyValidation {
  bool has_spec = true;                // false: the service has no OpenAPI or Swagger document
  std::vector<schema::ValidationError> errors;
};

// Checks JSON request bodies of one operation against the schema its OpenAPI
// requestBody (or Swagger body parameter) declares. Schemas are compiled on
// first use and kept.
class RequestValidator {
 public:
  RequestValidator(std::shared_ptr<const ServiceSpec> spec, std::string method, std::string path)
      : spec_(std::move(spec)), method_(std::move(method)), path_(std::move(path)) {}

  // Reports a missing required body and a Content-Type the operation does not declare,
  // then validates JSON bodies (application/*json) against their schema.
  BodyValidation ValidateBody(std::string_view content_type, std::string_view body) const;

  // Checks path, query and header parameters against their declared schemas: required
  // ones must be present, and values are read as the schema's type (integer, number,
  // boolean, comma-separated array) before validation. Errors locate the parameter as
  // "query/limit", "header/X-Id" or "path/id".
  std::vector<schema::ValidationError> ValidateParameters(
      const std::vector<std::pair<std::string, std::string>>& path_params,
      const std::vector<std::pair<std::string, std::string>>& query,
      const std::vector<std::pair<std::string_view, std::string_view>>& headers) const;

 private:
  struct Parameter {
    std::string name;
    std::string in;
    bool required = false;
    std::string type;  // the schema's type, to read the text value
    std::shared_ptr<schema::Validator> validator;
  };
  void CompileParameters() const;

  struct Compiled {
    std::string media_type;  // lower-cased, without parameters; "" for Swagger
    std::shared_ptr<schema::Validator> validator;
    std::string error;  // set when the schema could not be compiled
  };
  void Compile() const;

  std::shared_ptr<const ServiceSpec> spec_;
  std::string method_;
  std::string path_;
  mutable std::once_flag once_;
  mutable std::vector<Compiled> schemas_;
  mutable bool body_required_ = false;
  mutable std::vector<std::string> declared_media_types_;  // lower-cased, OpenAPI 3 only
  mutable std::once_flag parameters_once_;
  mutable std::vector<Parameter> parameters_;
};

}  // namespace mimic
