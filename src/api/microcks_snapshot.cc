#include "api/microcks_snapshot.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "common/strings.h"

namespace mimic {
namespace {

Error NotAMicrocksSnapshot(const std::string& reason) {
  return Error{ErrorCode::kInvalidArgument,
               "The file looks like a Microcks snapshot but " + reason +
                   ". Send the file that Microcks' GET /api/export wrote, unchanged."};
}

// Microcks builds an operation's id from the service id and the operation name.
std::string OperationId(const std::string& service_id, const std::string& operation_name) {
  return service_id + "-" + operation_name;
}

}  // namespace

bool LooksLikeMicrocksSnapshot(const Json& document) {
  if (!document.is_object() || document.contains("format")) return false;
  auto services = document.find("services");
  if (services == document.end() || !services->is_array()) return false;
  for (const char* key : {"resources", "requests", "responses", "eventMessages"}) {
    if (document.contains(key)) return true;
  }
  return false;
}

Result<std::vector<Service>> ReadMicrocksSnapshot(const Json& document,
                                                  MicrocksSnapshotSkips* skips) {
  // Each service is rebuilt in Mimic's stored form (the service, its resources and
  // its exchanges by operation) and read back with the store's own reader.
  std::vector<Json> stored;
  std::map<std::string, size_t> by_id;
  // Operation id -> (position of the service, operation name).
  std::map<std::string, std::pair<size_t, std::string>> operations;
  size_t position = 0;
  for (const Json& item : ArrayField(document, "services")) {
    std::string where = "services[" + std::to_string(position++) + "]";
    if (!item.is_object()) return tl::unexpected(NotAMicrocksSnapshot(where + " is not an object"));
    std::string id = FieldOr(item, "id", "");
    if (id.empty() || FieldOr(item, "name", "").empty() || FieldOr(item, "version", "").empty()) {
      return tl::unexpected(NotAMicrocksSnapshot(where + " has no id, name or version"));
    }
    if (item.contains("operations") && !item["operations"].is_array()) {
      return tl::unexpected(NotAMicrocksSnapshot(where + ".operations is not an array"));
    }
    Json service = item;
    service["resources"] = Json::array();
    service["exchanges"] = Json::object();
    for (const Json& operation : ArrayField(item, "operations")) {
      std::string name = FieldOr(operation, "name", "");
      if (name.empty()) continue;
      operations[OperationId(id, name)] = {stored.size(), name};
      service["exchanges"][name] = Json::array();
    }
    by_id[id] = stored.size();
    stored.push_back(std::move(service));
  }

  for (const Json& resource : ArrayField(document, "resources")) {
    auto owner = by_id.find(FieldOr(resource, "serviceId", ""));
    if (owner == by_id.end() || !resource.is_object()) continue;
    stored[owner->second]["resources"].push_back(resource);
  }

  // Requests and responses of one operation pair by name; a response without a
  // request still serves, as it does in Microcks.
  std::map<std::pair<std::string, std::string>, const Json*> requests;
  for (const Json& request : ArrayField(document, "requests")) {
    std::string operation_id = FieldOr(request, "operationId", "");
    if (operations.count(operation_id) == 0) {
      ++skips->unpaired_messages;
      continue;
    }
    requests[{operation_id, FieldOr(request, "name", "")}] = &request;
  }
  for (const Json& response : ArrayField(document, "responses")) {
    std::string operation_id = FieldOr(response, "operationId", "");
    auto operation = operations.find(operation_id);
    if (operation == operations.end() || !response.is_object()) {
      ++skips->unpaired_messages;
      continue;
    }
    std::string name = FieldOr(response, "name", "");
    Json exchange = {{"type", "reqRespPair"}, {"response", response}};
    auto request = requests.find({operation_id, name});
    exchange["request"] = request != requests.end() && request->second->is_object()
                              ? *request->second
                              : Json{{"name", name}};
    auto& [service_position, operation_name] = operation->second;
    stored[service_position]["exchanges"][operation_name].push_back(std::move(exchange));
  }
  skips->event_messages = ArrayField(document, "eventMessages").size();

  std::vector<Service> services;
  services.reserve(stored.size());
  for (const Json& service : stored) services.push_back(ServiceFromStoredJson(service));
  return services;
}

Json WriteMicrocksSnapshot(const std::vector<std::shared_ptr<const Service>>& services) {
  Json service_list = Json::array();
  Json resources = Json::array();
  Json requests = Json::array();
  Json responses = Json::array();
  for (const auto& service : services) {
    service_list.push_back(ToJson(*service));
    for (const Resource& resource : service->resources) {
      resources.push_back(ToJson(resource, service->id));
    }
    for (const auto& [operation_name, exchanges] : service->exchanges) {
      std::string operation_id = OperationId(service->id, operation_name);
      for (const Exchange& exchange : exchanges) {
        if (exchange.response.is_default) continue;
        Exchange portable = exchange;
        auto& headers = portable.response.headers;
        headers.erase(
            std::remove_if(headers.begin(), headers.end(),
                           [](const Header& header) { return IsTransportHeader(header.name); }),
            headers.end());
        Json pair = ToJson(portable, operation_id);
        requests.push_back(std::move(pair["request"]));
        responses.push_back(std::move(pair["response"]));
      }
    }
  }
  return {{"services", std::move(service_list)},
          {"resources", std::move(resources)},
          {"requests", std::move(requests)},
          {"responses", std::move(responses)},
          {"eventMessages", Json::array()}};
}

}  // namespace mimic
