#include "front/dynarest_front.h"

#include <charconv>

#include "catalog/service_catalog.h"
#include "common/strings.h"
#include "front/rest_front.h"

namespace mimic {
namespace {

constexpr int kDefaultPageSize = 20;
constexpr int kMaxPageSize = 1000;

// The document as served: its payload with the "id" field set.
Json WithId(const GenericResource& resource) {
  Json document = resource.payload.is_object() ? resource.payload : Json::object();
  document["id"] = resource.id;
  return document;
}

// True when every field of `filter` equals the document's field of the same name.
bool Matches(const Json& document, const Json& filter) {
  for (const auto& [key, value] : filter.items()) {
    auto it = document.find(key);
    if (it == document.end() || *it != value) return false;
  }
  return true;
}

int ParsePositive(std::string_view text, int fallback) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) return fallback;
  return value;
}

HttpResponseData StoreError(const Error& error) {
  return TextResponse(500, "The document store failed: " + error.message);
}

}  // namespace

HttpResponseData HandleDynarest(const HttpRequestView& request, const MockIndex& index,
                                Store& store) {
  // /dynarest/{service}/{version}/{resource}[/{id}]
  std::vector<std::string> segments;
  std::string_view path = request.path();
  for (const std::string& part : Split(path.substr(1), "/")) segments.push_back(part);
  if (segments.size() < 4 || segments.size() > 5) return TextResponse(400, "");
  std::string service_name = PercentDecode(segments[1], /*plus_as_space=*/true);
  std::string version = PercentDecode(segments[2]);
  std::string resource = PercentDecode(segments[3]);
  std::string id = segments.size() == 5 ? PercentDecode(segments[4]) : "";

  const CompiledService* compiled = index.FindService(service_name, version);
  if (compiled == nullptr || compiled->service->type != ServiceType::kGenericRest) {
    return TextResponse(400, "");
  }
  const Service& service = *compiled->service;
  std::string operation_name = std::string(request.method) + " /" + resource + (id.empty() ? "" : "/:id");
  if (service.FindOperation(operation_name) == nullptr) return TextResponse(400, "");

  NameValueList query = ParseQuery(request.query());
  HttpResponseData response;
  if (request.method == "POST" || request.method == "PUT") {
    Json payload = Json::parse(request.body.begin(), request.body.end(), nullptr, false);
    if (payload.is_discarded() || !payload.is_object()) {
      return TextResponse(422, "The request body must be a JSON object.");
    }
    payload.erase("id");
    GenericResource document;
    document.service_id = service.id;
    document.payload = std::move(payload);
    if (request.method == "PUT") {
      auto existing = store.GetGenericResource(service.id, id);
      if (!existing) return StoreError(existing.error());
      if (!existing->has_value()) return TextResponse(404, "");
      document.id = id;
    } else {
      document.id = NewObjectId();
    }
    auto saved = store.PutGenericResource(document);
    if (!saved) return StoreError(saved.error());
    response = JsonResponse(request.method == "POST" ? 201 : 200, DumpJson(WithId(document)));
  } else if (request.method == "GET" && !id.empty()) {
    auto found = store.GetGenericResource(service.id, id);
    if (!found) return StoreError(found.error());
    if (!found->has_value()) return TextResponse(404, "");
    response = JsonResponse(200, DumpJson(WithId(**found)));
  } else if (request.method == "GET") {
    int page = 0;
    int size = kDefaultPageSize;
    for (const auto& [name, value] : query) {
      if (name == "page") page = ParsePositive(value, 0);
      if (name == "size") size = std::min(ParsePositive(value, kDefaultPageSize), kMaxPageSize);
    }
    Json filter = Json::object();
    if (!Trim(request.body).empty()) {
      filter = Json::parse(request.body.begin(), request.body.end(), nullptr, false);
      if (filter.is_discarded() || !filter.is_object()) {
        return TextResponse(422, "A filter body must be a JSON object.");
      }
    }
    auto all = store.ListGenericResources(service.id);
    if (!all) return StoreError(all.error());
    Json list = Json::array();
    size_t skipped = 0;
    size_t first = static_cast<size_t>(page) * static_cast<size_t>(size);
    for (const GenericResource& document : *all) {
      if (document.reference || !Matches(document.payload, filter)) continue;
      if (skipped++ < first) continue;
      if (list.size() >= static_cast<size_t>(size)) break;
      list.push_back(WithId(document));
    }
    response = JsonResponse(200, DumpJson(list));
  } else if (request.method == "DELETE") {
    auto deleted = store.DeleteGenericResource(service.id, id);
    if (!deleted) return StoreError(deleted.error());
    response.status = 204;
  } else {
    return TextResponse(400, "");
  }
  response.delay_ms = ComputeDelay(request, query, nullptr);
  return response;
}

}  // namespace mimic
