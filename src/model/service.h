#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/json.h"

namespace mimic {

// The service model shared by every importer, the store, the index and the
// management API. Field names follow Microcks' domain model so that the JSON
// the API returns has the same shape.

enum class ServiceType { kRest, kSoapHttp, kGenericRest, kEvent, kGenericEvent, kGrpc, kGraphql };
const char* ServiceTypeName(ServiceType type);
std::optional<ServiceType> ParseServiceType(std::string_view name);

struct Header {
  std::string name;
  std::vector<std::string> values;
};

struct Parameter {
  std::string name;
  std::string value;
};

struct ParameterConstraint {
  std::string name;
  std::string in = "query";  // path, query, header, cookie
  bool required = false;
  bool recopy = false;
  std::string must_match_regexp;
};

struct Metadata {
  int64_t created_on = 0;   // epoch milliseconds
  int64_t last_update = 0;  // epoch milliseconds
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
};

struct Operation {
  std::string name;  // "GET /pastry/{name}"
  std::string method;
  std::string action;
  std::string input_name;
  std::string output_name;
  std::string dispatcher;
  std::string dispatcher_rules;
  std::optional<int64_t> default_delay;  // milliseconds
  std::string default_delay_strategy;
  std::vector<std::string> resource_paths;
  std::vector<ParameterConstraint> parameter_constraints;
  bool override_set = false;  // Microcks' `override`: set through the API, kept on re-import
};

struct Request {
  std::string name;
  std::string content;
  std::vector<Header> headers;
  std::vector<Parameter> query_parameters;
  std::string source_artifact;
};

struct Response {
  std::string name;
  std::string content;
  std::vector<Header> headers;
  std::string status = "200";
  std::string media_type;
  std::string dispatch_criteria;
  bool fault = false;
  std::string source_artifact;
  // Beyond Microcks: true for a response built from a singular media-type
  // `example`. It is served only when no named example matches.
  bool is_default = false;
};

struct Exchange {
  Request request;
  Response response;
};

struct Resource {
  std::string id;
  std::string name;
  std::string type;  // OPEN_API_SPEC, SWAGGER, JSON_SCHEMA, ...
  std::string path;
  std::string content;
  std::string source_artifact;
  bool main_artifact = false;
};

// An APIMetadata artifact applied to a service, kept so that importing it again
// first undoes what it set, and a re-import of the main artifact applies it again.
struct AppliedMetadata {
  std::string artifact;
  Json document;  // the APIMetadata as imported
  Json before;    // what it replaced: labels, annotations and operation settings
};

struct Service {
  std::string id;
  std::string name;
  std::string version;
  ServiceType type = ServiceType::kRest;
  std::string xml_ns;
  Metadata metadata;
  std::string source_artifact;
  std::vector<Operation> operations;
  // Exchanges per operation name, in artifact order.
  std::map<std::string, std::vector<Exchange>> exchanges;
  std::vector<Resource> resources;
  std::vector<AppliedMetadata> applied_metadata;  // in the order they were imported

  const Operation* FindOperation(std::string_view name) const;
  Operation* FindOperation(std::string_view name);
};

// Microcks' JSON shapes: nulls omitted, dates as epoch milliseconds.
Json ToJson(const Service& service);  // without exchanges and resources
Json ToJson(const Operation& operation);
Operation OperationFromJson(const Json& json);
Json ToJson(const Exchange& exchange, const std::string& operation_id);
Json ToJson(const Resource& resource, const std::string& service_id);

// The full service, exchanges and resources included, for the store.
Json ToStoredJson(const Service& service);
// Writes the text of DumpJson(ToStoredJson(service)) one exchange and resource at a
// time, so that a large service is never held as one JSON tree. The joined chunks are
// that text. Each is at most about a megabyte, except a resource's own chunk, so no
// buffer is reallocated and copied while it grows.
std::vector<std::string> DumpStoredJsonChunks(const Service& service);
std::string DumpStoredJson(const Service& service);
Service ServiceFromStoredJson(const Json& json);

}  // namespace mimic
