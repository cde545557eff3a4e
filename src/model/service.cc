#include "model/service.h"

#include <algorithm>

#include "common/base64.h"

namespace mimic {
namespace {

constexpr std::pair<ServiceType, const char*> kServiceTypeNames[] = {
    {ServiceType::kRest, "REST"},
    {ServiceType::kSoapHttp, "SOAP_HTTP"},
    {ServiceType::kGenericRest, "GENERIC_REST"},
    {ServiceType::kEvent, "EVENT"},
    {ServiceType::kGenericEvent, "GENERIC_EVENT"},
    {ServiceType::kGrpc, "GRPC"},
    {ServiceType::kGraphql, "GRAPHQL"},
};

Json HeadersToJson(const std::vector<Header>& headers) {
  Json out = Json::array();
  for (const Header& header : headers) {
    out.push_back({{"name", header.name}, {"values", header.values}});
  }
  return out;
}

std::vector<Header> HeadersFromJson(const Json& json) {
  std::vector<Header> headers;
  if (!json.is_array()) return headers;
  for (const Json& item : json) {
    Header header;
    header.name = FieldOr(item, "name", "");
    if (item.contains("values") && item["values"].is_array()) {
      for (const Json& value : item["values"]) {
        if (value.is_string()) header.values.push_back(value.get<std::string>());
      }
    }
    headers.push_back(std::move(header));
  }
  return headers;
}

void PutIfNotEmpty(Json& json, const char* key, const std::string& value) {
  if (!value.empty()) json[key] = value;
}

// Puts a body into `json`. A body that is not UTF-8 (an image in a recording) goes in
// as base64, marked by contentEncoding, so that it survives the store and exports.
void PutContent(Json& json, const std::string& content) {
  if (content.empty()) return;
  if (IsValidUtf8(content)) {
    json["content"] = content;
  } else {
    json["content"] = EncodeBase64(content);
    json["contentEncoding"] = "base64";
  }
}

std::string StringOr(const Json& json, const char* key);

std::string ContentOf(const Json& json) {
  std::string content = StringOr(json, "content");
  if (FieldOr(json, "contentEncoding", "") != "base64") return content;
  auto decoded = DecodeBase64(content);
  return decoded ? std::move(*decoded) : content;
}

std::string StringOr(const Json& json, const char* key) {
  auto it = json.find(key);
  if (it == json.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

Json MetadataToJson(const Metadata& metadata) {
  Json json = Json::object();
  json["createdOn"] = metadata.created_on;
  json["lastUpdate"] = metadata.last_update;
  json["annotations"] = Json::object();
  for (const auto& [key, value] : metadata.annotations) json["annotations"][key] = value;
  json["labels"] = Json::object();
  for (const auto& [key, value] : metadata.labels) json["labels"][key] = value;
  return json;
}

Metadata MetadataFromJson(const Json& json) {
  Metadata metadata;
  if (!json.is_object()) return metadata;
  metadata.created_on = FieldOr(json, "createdOn", int64_t{0});
  metadata.last_update = FieldOr(json, "lastUpdate", int64_t{0});
  if (json.contains("labels") && json["labels"].is_object()) {
    for (const auto& [key, value] : json["labels"].items()) {
      if (value.is_string()) metadata.labels[key] = value.get<std::string>();
    }
  }
  if (json.contains("annotations") && json["annotations"].is_object()) {
    for (const auto& [key, value] : json["annotations"].items()) {
      if (value.is_string()) metadata.annotations[key] = value.get<std::string>();
    }
  }
  return metadata;
}

Json ConstraintToJson(const ParameterConstraint& constraint) {
  Json json = {{"name", constraint.name},
               {"in", constraint.in},
               {"required", constraint.required},
               {"recopy", constraint.recopy}};
  PutIfNotEmpty(json, "mustMatchRegexp", constraint.must_match_regexp);
  return json;
}

ParameterConstraint ConstraintFromJson(const Json& json) {
  ParameterConstraint constraint;
  constraint.name = StringOr(json, "name");
  constraint.in =
      json.contains("in") && json["in"].is_string() ? json["in"].get<std::string>() : "query";
  constraint.required = FieldOr(json, "required", false);
  constraint.recopy = FieldOr(json, "recopy", false);
  constraint.must_match_regexp = StringOr(json, "mustMatchRegexp");
  return constraint;
}

Json RequestToJson(const Request& request, const std::string& operation_id) {
  Json json = Json::object();
  json["name"] = request.name;
  PutContent(json, request.content);
  json["operationId"] = operation_id;
  if (!request.headers.empty()) json["headers"] = HeadersToJson(request.headers);
  if (!request.query_parameters.empty()) {
    Json params = Json::array();
    for (const Parameter& p : request.query_parameters) {
      params.push_back({{"name", p.name}, {"value", p.value}});
    }
    json["queryParameters"] = params;
  }
  PutIfNotEmpty(json, "sourceArtifact", request.source_artifact);
  return json;
}

Request RequestFromJson(const Json& json) {
  Request request;
  request.name = StringOr(json, "name");
  request.content = ContentOf(json);
  request.headers = HeadersFromJson(ArrayField(json, "headers"));
  if (json.contains("queryParameters") && json["queryParameters"].is_array()) {
    for (const Json& p : json["queryParameters"]) {
      request.query_parameters.push_back({StringOr(p, "name"), StringOr(p, "value")});
    }
  }
  request.source_artifact = StringOr(json, "sourceArtifact");
  return request;
}

Json ResponseToJson(const Response& response, const std::string& operation_id) {
  Json json = Json::object();
  json["name"] = response.name;
  PutContent(json, response.content);
  json["operationId"] = operation_id;
  if (!response.headers.empty()) json["headers"] = HeadersToJson(response.headers);
  json["status"] = response.status;
  PutIfNotEmpty(json, "mediaType", response.media_type);
  PutIfNotEmpty(json, "dispatchCriteria", response.dispatch_criteria);
  json["fault"] = response.fault;
  PutIfNotEmpty(json, "sourceArtifact", response.source_artifact);
  return json;
}

Response ResponseFromJson(const Json& json) {
  Response response;
  response.name = StringOr(json, "name");
  response.content = ContentOf(json);
  response.headers = HeadersFromJson(ArrayField(json, "headers"));
  response.status = json.contains("status") && json["status"].is_string()
                        ? json["status"].get<std::string>()
                        : "200";
  response.media_type = StringOr(json, "mediaType");
  response.dispatch_criteria = StringOr(json, "dispatchCriteria");
  response.fault = FieldOr(json, "fault", false);
  response.source_artifact = StringOr(json, "sourceArtifact");
  response.is_default = FieldOr(json, "defaultExample", false);
  return response;
}

Resource ResourceFromJson(const Json& json) {
  Resource resource;
  resource.id = StringOr(json, "id");
  resource.name = StringOr(json, "name");
  resource.type = StringOr(json, "type");
  resource.path = StringOr(json, "path");
  resource.content = StringOr(json, "content");
  resource.source_artifact = StringOr(json, "sourceArtifact");
  resource.main_artifact = FieldOr(json, "mainArtifact", false);
  return resource;
}

}  // namespace

Operation OperationFromJson(const Json& json) {
  Operation operation;
  operation.name = StringOr(json, "name");
  operation.method = StringOr(json, "method");
  operation.action = StringOr(json, "action");
  operation.input_name = StringOr(json, "inputName");
  operation.output_name = StringOr(json, "outputName");
  operation.dispatcher = StringOr(json, "dispatcher");
  operation.dispatcher_rules = StringOr(json, "dispatcherRules");
  if (json.contains("defaultDelay") && json["defaultDelay"].is_number()) {
    operation.default_delay = json["defaultDelay"].get<int64_t>();
  }
  operation.default_delay_strategy = StringOr(json, "defaultDelayStrategy");
  if (json.contains("resourcePaths")) {
    for (const Json& path : json["resourcePaths"]) {
      if (path.is_string()) operation.resource_paths.push_back(path.get<std::string>());
    }
  }
  if (json.contains("parameterConstraints")) {
    for (const Json& item : json["parameterConstraints"]) {
      operation.parameter_constraints.push_back(ConstraintFromJson(item));
    }
  }
  operation.override_set = FieldOr(json, "override", false);
  return operation;
}

const char* ServiceTypeName(ServiceType type) {
  for (const auto& [value, name] : kServiceTypeNames) {
    if (value == type) return name;
  }
  return "REST";
}

std::optional<ServiceType> ParseServiceType(std::string_view name) {
  for (const auto& [value, type_name] : kServiceTypeNames) {
    if (name == type_name) return value;
  }
  return std::nullopt;
}

const Operation* Service::FindOperation(std::string_view operation_name) const {
  for (const Operation& operation : operations) {
    if (operation.name == operation_name) return &operation;
  }
  return nullptr;
}

Operation* Service::FindOperation(std::string_view operation_name) {
  for (Operation& operation : operations) {
    if (operation.name == operation_name) return &operation;
  }
  return nullptr;
}

Json ToJson(const Operation& operation) {
  Json json = Json::object();
  json["name"] = operation.name;
  PutIfNotEmpty(json, "method", operation.method);
  PutIfNotEmpty(json, "action", operation.action);
  PutIfNotEmpty(json, "inputName", operation.input_name);
  PutIfNotEmpty(json, "outputName", operation.output_name);
  json["override"] = operation.override_set;
  PutIfNotEmpty(json, "dispatcher", operation.dispatcher);
  PutIfNotEmpty(json, "dispatcherRules", operation.dispatcher_rules);
  if (operation.default_delay) json["defaultDelay"] = *operation.default_delay;
  PutIfNotEmpty(json, "defaultDelayStrategy", operation.default_delay_strategy);
  if (!operation.resource_paths.empty()) json["resourcePaths"] = operation.resource_paths;
  if (!operation.parameter_constraints.empty()) {
    Json constraints = Json::array();
    for (const auto& constraint : operation.parameter_constraints) {
      constraints.push_back(ConstraintToJson(constraint));
    }
    json["parameterConstraints"] = constraints;
  }
  return json;
}

Json ToJson(const Service& service) {
  Json json = Json::object();
  json["id"] = service.id;
  json["name"] = service.name;
  json["version"] = service.version;
  PutIfNotEmpty(json, "xmlNS", service.xml_ns);
  json["type"] = ServiceTypeName(service.type);
  json["metadata"] = MetadataToJson(service.metadata);
  PutIfNotEmpty(json, "sourceArtifact", service.source_artifact);
  json["operations"] = Json::array();
  for (const Operation& operation : service.operations) {
    json["operations"].push_back(ToJson(operation));
  }
  return json;
}

Json ToJson(const Exchange& exchange, const std::string& operation_id) {
  // Member assignment moves the parts, where an initializer list would copy them.
  Json json = Json::object();
  json["type"] = "reqRespPair";
  json["request"] = RequestToJson(exchange.request, operation_id);
  json["response"] = ResponseToJson(exchange.response, operation_id);
  return json;
}

Json ToJson(const Resource& resource, const std::string& service_id) {
  Json json = Json::object();
  json["id"] = resource.id;
  json["name"] = resource.name;
  PutIfNotEmpty(json, "path", resource.path);
  json["content"] = resource.content;
  json["type"] = resource.type;
  json["serviceId"] = service_id;
  PutIfNotEmpty(json, "sourceArtifact", resource.source_artifact);
  json["mainArtifact"] = resource.main_artifact;
  return json;
}

namespace {

Json AppliedMetadataToJson(const Service& service) {
  Json list = Json::array();
  for (const AppliedMetadata& applied : service.applied_metadata) {
    list.push_back({{"artifact", applied.artifact},
                    {"document", applied.document},
                    {"before", applied.before}});
  }
  return list;
}

}  // namespace

Json ToStoredJson(const Service& service) {
  Json json = ToJson(service);
  // Appending to the underlying vector skips ordered_map's linear key search, and the
  // reserve avoids reallocations, which copy every element because a pair with a
  // const key cannot be moved.
  Json exchanges = Json::object();
  auto& exchange_map = exchanges.get_ref<Json::object_t&>();
  exchange_map.reserve(service.exchanges.size());
  for (const auto& [operation_name, list] : service.exchanges) {
    Json items = Json::array();
    for (const Exchange& exchange : list) {
      Json item = ToJson(exchange, "");
      if (exchange.response.is_default) item["response"]["defaultExample"] = true;
      items.push_back(std::move(item));
    }
    exchange_map.push_back({operation_name, std::move(items)});
  }
  json["exchanges"] = std::move(exchanges);
  Json resources = Json::array();
  for (const Resource& resource : service.resources) {
    resources.push_back(ToJson(resource, service.id));
  }
  json["resources"] = std::move(resources);
  if (!service.applied_metadata.empty()) json["appliedMetadata"] = AppliedMetadataToJson(service);
  return json;
}

namespace {

// Text cut into chunks that are reserved once and never reallocated.
class ChunkedText {
 public:
  static constexpr size_t kChunkBytes = 1 << 20;

  // Returns the chunk to append `size` more bytes to.
  std::string& Room(size_t size) {
    if (chunks_.empty() || chunks_.back().size() + size > chunks_.back().capacity()) {
      chunks_.emplace_back().reserve(std::max(size, kChunkBytes));
    }
    return chunks_.back();
  }
  void Append(std::string_view text) { Room(text.size()) += text; }
  void AppendString(std::string_view text) {
    // Short strings reserve their worst case (every byte a \u escape), so they are
    // scanned once. Only long ones, such as a whole spec, are measured first.
    size_t room = text.size() < 4096 ? text.size() * 6 + 2 : JsonStringSize(text);
    AppendJsonString(&Room(room), text);
  }
  std::vector<std::string> Take() { return std::move(chunks_); }

 private:
  std::vector<std::string> chunks_;
};

// Writes one JSON object member by member, with the text DumpJson gives the
// equivalent tree. Keys are plain ASCII and need no escaping.
class ObjectWriter {
 public:
  explicit ObjectWriter(ChunkedText* text) : text_(text) { text_->Append("{"); }
  ~ObjectWriter() { text_->Append("}"); }
  ObjectWriter(const ObjectWriter&) = delete;
  ObjectWriter& operator=(const ObjectWriter&) = delete;

  // Starts a member whose value the caller writes.
  ChunkedText& Key(const char* key) {
    text_->Append(first_ ? "\"" : ",\"");
    first_ = false;
    text_->Append(key);
    text_->Append("\":");
    return *text_;
  }
  void String(const char* key, std::string_view value) { Key(key).AppendString(value); }
  void StringIfNotEmpty(const char* key, std::string_view value) {
    if (!value.empty()) String(key, value);
  }
  void Bool(const char* key, bool value) { Key(key).Append(value ? "true" : "false"); }

 private:
  ChunkedText* text_;
  bool first_ = true;
};

// Writes a body as PutContent puts it into JSON.
void WriteStoredContent(ObjectWriter& json, const std::string& content) {
  if (content.empty()) return;
  if (IsValidUtf8(content)) {
    json.String("content", content);
  } else {
    json.String("content", EncodeBase64(content));
    json.String("contentEncoding", "base64");
  }
}

void WriteStoredHeaders(ChunkedText& text, const std::vector<Header>& headers) {
  text.Append("[");
  for (size_t i = 0; i < headers.size(); ++i) {
    if (i > 0) text.Append(",");
    ObjectWriter header(&text);
    header.String("name", headers[i].name);
    ChunkedText& values = header.Key("values");
    values.Append("[");
    for (size_t v = 0; v < headers[i].values.size(); ++v) {
      if (v > 0) values.Append(",");
      values.AppendString(headers[i].values[v]);
    }
    values.Append("]");
  }
  text.Append("]");
}

// Writes the text of DumpJson(ToJson(exchange, "")) plus the stored defaultExample flag.
void WriteStoredExchange(ChunkedText& text, const Exchange& exchange) {
  ObjectWriter item(&text);
  item.String("type", "reqRespPair");

  {
    const Request& request = exchange.request;
    ObjectWriter json(&item.Key("request"));
    json.String("name", request.name);
    WriteStoredContent(json, request.content);
    json.String("operationId", "");
    if (!request.headers.empty()) WriteStoredHeaders(json.Key("headers"), request.headers);
    if (!request.query_parameters.empty()) {
      ChunkedText& list = json.Key("queryParameters");
      list.Append("[");
      for (size_t i = 0; i < request.query_parameters.size(); ++i) {
        if (i > 0) list.Append(",");
        ObjectWriter parameter(&list);
        parameter.String("name", request.query_parameters[i].name);
        parameter.String("value", request.query_parameters[i].value);
      }
      list.Append("]");
    }
    json.StringIfNotEmpty("sourceArtifact", request.source_artifact);
  }

  const Response& response = exchange.response;
  ObjectWriter json(&item.Key("response"));
  json.String("name", response.name);
  WriteStoredContent(json, response.content);
  json.String("operationId", "");
  if (!response.headers.empty()) WriteStoredHeaders(json.Key("headers"), response.headers);
  json.String("status", response.status);
  json.StringIfNotEmpty("mediaType", response.media_type);
  json.StringIfNotEmpty("dispatchCriteria", response.dispatch_criteria);
  json.Bool("fault", response.fault);
  json.StringIfNotEmpty("sourceArtifact", response.source_artifact);
  if (response.is_default) json.Bool("defaultExample", true);
}

}  // namespace

std::vector<std::string> DumpStoredJsonChunks(const Service& service) {
  ChunkedText text;
  std::string head = DumpJson(ToJson(service));
  head.pop_back();  // the closing brace of the service object
  text.Append(head);
  text.Append(",\"exchanges\":{");
  bool first_operation = true;
  for (const auto& [operation_name, list] : service.exchanges) {
    if (!first_operation) text.Append(",");
    first_operation = false;
    text.AppendString(operation_name);
    text.Append(":[");
    for (size_t i = 0; i < list.size(); ++i) {
      if (i > 0) text.Append(",");
      WriteStoredExchange(text, list[i]);
    }
    text.Append("]");
  }
  text.Append("},\"resources\":[");
  for (size_t i = 0; i < service.resources.size(); ++i) {
    const Resource& resource = service.resources[i];
    if (i > 0) text.Append(",");
    ObjectWriter json(&text);
    json.String("id", resource.id);
    json.String("name", resource.name);
    json.StringIfNotEmpty("path", resource.path);
    json.String("content", resource.content);
    json.String("type", resource.type);
    json.String("serviceId", service.id);
    json.StringIfNotEmpty("sourceArtifact", resource.source_artifact);
    json.Bool("mainArtifact", resource.main_artifact);
  }
  text.Append("]");
  if (!service.applied_metadata.empty()) {
    text.Append(",\"appliedMetadata\":");
    text.Append(DumpJson(AppliedMetadataToJson(service)));
  }
  text.Append("}");
  return text.Take();
}

std::string DumpStoredJson(const Service& service) {
  std::string text;
  for (const std::string& chunk : DumpStoredJsonChunks(service)) text += chunk;
  return text;
}

Service ServiceFromStoredJson(const Json& json) {
  Service service;
  service.id = StringOr(json, "id");
  service.name = StringOr(json, "name");
  service.version = StringOr(json, "version");
  service.type = ParseServiceType(StringOr(json, "type")).value_or(ServiceType::kRest);
  service.xml_ns = StringOr(json, "xmlNS");
  service.metadata = MetadataFromJson(ObjectField(json, "metadata"));
  service.source_artifact = StringOr(json, "sourceArtifact");
  if (json.contains("operations")) {
    for (const Json& item : json["operations"])
      service.operations.push_back(OperationFromJson(item));
  }
  if (json.contains("exchanges") && json["exchanges"].is_object()) {
    for (const auto& [operation_name, list] : json["exchanges"].items()) {
      auto& exchanges = service.exchanges[operation_name];
      for (const Json& item : list) {
        Exchange exchange;
        exchange.request = RequestFromJson(ObjectField(item, "request"));
        exchange.response = ResponseFromJson(ObjectField(item, "response"));
        exchanges.push_back(std::move(exchange));
      }
    }
  }
  if (json.contains("resources")) {
    for (const Json& item : json["resources"]) service.resources.push_back(ResourceFromJson(item));
  }
  for (const Json& item : ArrayField(json, "appliedMetadata")) {
    std::string artifact = FieldOr(item, "artifact", "");
    if (artifact.empty()) continue;
    service.applied_metadata.push_back(
        {artifact, FieldOr(item, "document", Json()), FieldOr(item, "before", Json())});
  }
  return service;
}

}  // namespace mimic
