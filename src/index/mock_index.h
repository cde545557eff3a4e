#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/regex.h"
#include "dispatch/criteria.h"
#include "dispatch/json_body_rules.h"
#include "script/dispatch_script.h"
#include "dispatch/path_template.h"
#include "model/service.h"
#include "template/template_engine.h"
#include "validation/request_validator.h"

namespace mimic {

// One response of an operation, ready to serve: status parsed, Content-Type
// built, and templates compiled once here instead of on every request.
struct CompiledResponse {
  const Exchange* exchange = nullptr;
  int status = 200;
  std::string content_type;  // "<mediaType>;charset=UTF-8", empty without a media type
  std::shared_ptr<const tmpl::CompiledTemplate> body_template;  // null when the body is static
  // Header values in order; a template is set where the value has expressions.
  struct HeaderValue {
    std::string name;
    std::string value;
    std::shared_ptr<const tmpl::CompiledTemplate> value_template;
  };
  std::vector<HeaderValue> headers;
};

struct CompiledConstraint {
  const ParameterConstraint* constraint = nullptr;
  std::optional<Regex> regex;
};

struct CompiledOperation {
  const Operation* operation = nullptr;
  PathTemplate path;
  dispatch::RootDispatcher root;
  // Set when the root dispatcher is JSON_BODY and its rules parse.
  std::optional<dispatch::JsonBodyRules> json_body;
  // Set when the root dispatcher is SCRIPT, GROOVY or JS and the script compiles.
  std::shared_ptr<script::DispatchScript> script;
  std::vector<CompiledResponse> responses;  // named ones first, defaults last
  size_t named_count = 0;
  std::vector<CompiledConstraint> constraints;
  // Request headers to copy into the response.
  std::vector<std::string> recopied_headers;
  // Checks request bodies for /rest-valid; compiles its schemas on first use.
  std::shared_ptr<const RequestValidator> validator;
};

struct CompiledService {
  std::shared_ptr<const Service> service;
  std::vector<CompiledOperation> operations;
};

// Choices that change which responses the index serves.
struct IndexOptions {
  // Serve a media type's singular `example` when no named example applies. Microcks
  // ignores it; a user who wants exactly Microcks' responses turns this off.
  bool serve_singular_examples = true;
};

// The immutable lookup structure the mock fronts read. A new index is built
// after every change and swapped in whole, so requests never see a partial
// import and never take a lock.
class MockIndex {
 public:
  static std::shared_ptr<const MockIndex> Build(
      std::vector<std::shared_ptr<const Service>> services, const IndexOptions& options = {});

  const CompiledService* FindService(std::string_view name, std::string_view version) const;

  // Finds the operation for a method and decoded path segments. Exact
  // literal paths win over templates with more parameters.
  const CompiledOperation* FindOperation(const CompiledService& service, std::string_view method,
                                         const std::vector<std::string>& segments,
                                         NameValueList* path_params) const;

  // True when some operation of the service has this path, whatever its method.
  bool HasPath(const CompiledService& service, const std::vector<std::string>& segments) const;

  const std::vector<std::shared_ptr<const Service>>& services() const { return services_; }

 private:
  std::vector<std::shared_ptr<const Service>> services_;
  std::unordered_map<std::string, CompiledService> by_key_;
};

}  // namespace mimic
