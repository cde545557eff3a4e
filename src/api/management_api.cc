#include "api/management_api.h"

#include "api/api_util.h"

#include <charconv>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <map>
#include <set>

#include "api/multipart.h"
#include "catalog/bundle_import.h"
#include "common/regex.h"
#include "common/strings.h"
#include "front/rest_front.h"
#include "importer/ref_resolver.h"
#include "secrets/origin_credentials.h"
#include "spdlog/spdlog.h"

namespace mimic {
namespace {

std::string FindParameter(const NameValueList& list, std::string_view name) {
  for (const auto& [key, value] : list) {
    if (key == name) return value;
  }
  return "";
}

int ParseInt(const std::string& text, int fallback) {
  int value = fallback;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return fallback;
  return value;
}

std::string JoinRefs(const std::vector<std::string>& refs) {
  std::string joined;
  for (const std::string& ref : refs) {
    if (!joined.empty()) joined += ",";
    joined += ref;
  }
  return joined;
}

bool ParseBool(const std::string& text, bool fallback) {
  if (text.empty()) return fallback;
  std::string lowered = ToLower(text);
  return lowered == "true" || lowered == "1" || lowered == "yes";
}

}  // namespace

HttpResponseData ManagementApi::Handle(const HttpRequestView& request) {
  std::string_view path = request.path();
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  std::string_view method = request.method;

  if (method == "OPTIONS") {
    HttpResponseData response;
    response.status = 200;
    response.headers = {{"Access-Control-Allow-Origin", "*"},
                        {"Access-Control-Allow-Methods", "POST, PUT, GET, OPTIONS, DELETE"},
                        {"Access-Control-Allow-Headers", "*"},
                        {"Access-Control-Max-Age", "3600"}};
    return response;
  }
  if (auto denied = CheckAccess(*authenticator_, request, path)) return std::move(*denied);
  for (auto& module : modules_) {
    if (auto response = module->Handle(request, path)) return std::move(*response);
  }
  if (path == "/api/health" && method == "GET") {
    return JsonResponse(200, R"({"status":"UP"})");
  }
  if (path == "/api/keycloak/config" && method == "GET") {
    Json config = {
        {"enabled", authenticator_->enabled()}, {"realm", "microcks"},
        {"resource", "microcks-app-js"},        {"auth-server-url", "http://localhost:8180"},
        {"ssl-required", "external"},           {"public-client", true}};
    return JsonResponse(200, DumpJson(config));
  }
  if (path == "/api/version/info" && method == "GET") {
    return JsonResponse(200, DumpJson(Json{{"versionId", MIMIC_VERSION}, {"buildTimestamp", ""}}));
  }
  constexpr std::string_view kInvocationsPrefix = "/api/metrics/invocations/";
  if (StartsWith(path, kInvocationsPrefix) && method == "GET") {
    return InvocationMetrics(request, path.substr(kInvocationsPrefix.size()));
  }
  if (path == "/api/artifact/upload" && method == "POST") return UploadArtifact(request);
  if (path == "/api/artifact/download" && method == "POST") return DownloadArtifact(request);
  if (path == "/api/services" && method == "GET") return ListServices(request);
  if (path == "/api/services/generic" && method == "POST") {
    Json body = Json::parse(request.body.begin(), request.body.end(), nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
      return TextResponse(400,
                          "The request body must be a JSON object with name, version and "
                          "resource.");
    }
    auto text = [&](const char* key) {
      return body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : "";
    };
    auto created = catalog_->CreateGenericService(text("name"), text("version"), text("resource"),
                                                  FieldOr(body, "referencePayload", Json()));
    if (!created) return ErrorAsResponse(created.error());
    spdlog::info("event=service.created id={} name={} type=GENERIC_REST", (*created)->id,
                 LogValue((*created)->name));
    return JsonResponse(201, DumpJson(ToJson(**created)));
  }
  constexpr std::string_view kGenericPrefix = "/api/genericresources/service/";
  if (StartsWith(path, kGenericPrefix) && method == "GET") {
    std::string_view rest = path.substr(kGenericPrefix.size());
    bool count = EndsWith(rest, "/count");
    if (count) rest.remove_suffix(6);
    auto service = catalog_->FindService(PercentDecode(rest));
    if (!service) return TextResponse(404, "No service with id '" + PercentDecode(rest) + "'.");
    auto documents = catalog_->store()->ListGenericResources(service->id);
    if (!documents) return ErrorAsResponse(documents.error());
    if (count) {
      Json counter = {{"counter", documents->size()}};
      return JsonResponse(200, DumpJson(counter));
    }
    NameValueList query = ParseQuery(request.query());
    int page = std::max(0, ParseInt(FindParameter(query, "page"), 0));
    int size = ParseInt(FindParameter(query, "size"), 10);
    if (size <= 0) size = 10;
    Json list = Json::array();
    size_t first = static_cast<size_t>(page) * static_cast<size_t>(size);
    for (size_t i = first; i < documents->size() && list.size() < static_cast<size_t>(size); ++i) {
      const GenericResource& document = (*documents)[i];
      list.push_back({{"id", document.id},
                      {"serviceId", document.service_id},
                      {"payload", document.payload},
                      {"reference", document.reference}});
    }
    return JsonResponse(200, DumpJson(list));
  }
  if (path == "/api/services/search" && method == "GET") return SearchServices(request);
  if (path == "/api/services/map" && method == "GET") {
    Json map = Json::object();
    for (const auto& service : catalog_->ListServices()) {
      std::string type = ServiceTypeName(service->type);
      map[type] = map.value(type, 0) + 1;
    }
    return JsonResponse(200, DumpJson(map));
  }
  if (path == "/api/services/labels" && method == "GET") {
    std::map<std::string, std::set<std::string>> labels;
    for (const auto& service : catalog_->ListServices()) {
      for (const auto& [key, value] : service->metadata.labels) labels[key].insert(value);
    }
    Json json = Json::object();
    for (const auto& [key, values] : labels) json[key] = values;
    return JsonResponse(200, DumpJson(json));
  }
  if (path == "/api/features/config" && method == "GET") {
    // Every feature is an object with `enabled` and its settings, as the Microcks UI expects.
    Json features = {
        {"repository-filter", {{"enabled", false}, {"label-key", "app"}, {"label-label", "App"}}},
        {"repository-tenancy", {{"enabled", false}, {"artifact-import-allowed-roles", ""}}},
        {"microcks-hub", {{"enabled", false}, {"allowed-roles", ""}}},
        {"async-api", {{"enabled", false}, {"default-binding", "KAFKA"}}},
        {"ai-copilot", {{"enabled", false}}},
        {"explain-traces", {{"enabled", false}}}};
    return JsonResponse(200, DumpJson(features));
  }
  constexpr std::string_view kResourceIdPrefix = "/api/resources/id/";
  if (StartsWith(path, kResourceIdPrefix) && method == "GET") {
    return ResourceContent(PercentDecode(path.substr(kResourceIdPrefix.size())), true);
  }
  if (path == "/api/services/count" && method == "GET") {
    Json counter = {{"counter", catalog_->ListServices().size()}};
    return JsonResponse(200, DumpJson(counter));
  }
  constexpr std::string_view kResourcesPrefix = "/api/resources/service/";
  if (StartsWith(path, kResourcesPrefix) && method == "GET") {
    return ServiceResources(path.substr(kResourcesPrefix.size()));
  }
  constexpr std::string_view kResourceNamePrefix = "/api/resources/";
  if (StartsWith(path, kResourceNamePrefix) && method == "GET" &&
      path.substr(kResourceNamePrefix.size()).find('/') == std::string_view::npos) {
    return ResourceContent(PercentDecode(path.substr(kResourceNamePrefix.size())), false);
  }
  constexpr std::string_view kServicePrefix = "/api/services/";
  if (StartsWith(path, kServicePrefix) && method == "PUT") {
    std::string_view rest = path.substr(kServicePrefix.size());
    size_t slash = rest.find('/');
    std::string id = PercentDecode(rest.substr(0, slash));
    std::string_view action = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
    Json body = Json::parse(request.body.begin(), request.body.end(), nullptr, false);
    if (body.is_discarded()) return TextResponse(400, "The request body is not valid JSON.");
    Result<void> updated;
    if (action == "operation") {
      std::string operation_name = FindParameter(ParseQuery(request.query()), "operationName");
      if (operation_name.empty()) {
        return TextResponse(400, "Missing the operationName query parameter.");
      }
      updated = catalog_->OverrideOperation(id, operation_name, body);
    } else if (action == "metadata") {
      updated = catalog_->UpdateMetadata(id, body);
    } else {
      return TextResponse(404, "No management API endpoint PUT " + std::string(path) + ".");
    }
    if (!updated) return ErrorAsResponse(updated.error());
    spdlog::info("event=service.updated id={} change={}", LogValue(id), LogValue(action));
    HttpResponseData response;
    response.status = 200;
    return response;
  }
  if (StartsWith(path, kServicePrefix)) {
    std::string_view id = path.substr(kServicePrefix.size());
    if (id.find('/') == std::string_view::npos) {
      if (method == "GET") return GetService(request, id);
      if (method == "DELETE") {
        auto deleted = catalog_->DeleteService(PercentDecode(id));
        if (!deleted) return ErrorAsResponse(deleted.error());
        spdlog::info("event=service.deleted id={}", LogValue(id));
        HttpResponseData response;
        response.status = 200;
        return response;
      }
    }
  }
  return TextResponse(
      404, "No management API endpoint " + std::string(method) + " " + std::string(path) + ".");
}

HttpResponseData ManagementApi::UploadArtifact(const HttpRequestView& request) {
  auto parts = ParseMultipart(request.Header("Content-Type"), request.body);
  if (!parts) return ErrorAsResponse(parts.error());
  const FormPart* file = nullptr;
  std::string main_field;
  for (const FormPart& part : *parts) {
    if (part.name == "file" && file == nullptr) file = &part;
    if (part.name == "mainArtifact") main_field = std::string(Trim(part.body));
  }
  if (file == nullptr) {
    return TextResponse(400,
                        "The multipart request has no part named 'file'. Send the artifact "
                        "as form field 'file'.");
  }
  NameValueList query = ParseQuery(request.query());
  std::string main_query = FindParameter(query, "mainArtifact");
  bool main_artifact = ParseBool(!main_query.empty() ? main_query : main_field, true);

  ImportRequest import;
  import.artifact_name = file->filename.empty() ? "artifact" : file->filename;
  import.main_artifact = main_artifact;
  // A zip or tar.gz is a bundle of artifacts, recognized by its first bytes.
  bool bundle = DetectArchiveFormat(file->body) != ArchiveFormat::kNone;
  auto outcome =
      bundle ? ImportBundle(*catalog_, file->body) : catalog_->Import(file->body, import);
#if defined(__GLIBC__)
  // A large import frees tens of megabytes across the allocator's per-thread arenas.
  // Handing them back keeps the next import from stacking its peak on top of them.
  malloc_trim(0);
#endif
  if (!outcome) {
    spdlog::debug("event=artifact.rejected artifact={} error={}", LogValue(import.artifact_name),
                  LogValue(outcome.error().message));
    return ErrorAsResponse(outcome.error());
  }
  if (outcome->nothing_imported || outcome->service_refs.empty()) {
    HttpResponseData response;
    response.status = 204;
    AddImportDiagnostics(outcome->diagnostics, &response);
    return response;
  }
  spdlog::info("event=artifact.imported artifact={} main={} services={} diagnostics={}",
               LogValue(import.artifact_name), main_artifact,
               LogValue(JoinRefs(outcome->service_refs)), outcome->diagnostics.size());
  HttpResponseData response = TextResponse(201, JoinRefs(outcome->service_refs));
  AddImportDiagnostics(outcome->diagnostics, &response);
  return response;
}

HttpResponseData ManagementApi::DownloadArtifact(const HttpRequestView& request) {
  NameValueList fields = ParseQuery(request.query());
  std::string_view content_type = request.Header("Content-Type");
  if (StartsWith(ToLower(content_type), "application/x-www-form-urlencoded")) {
    NameValueList form = ParseQuery(request.body);
    fields.insert(fields.end(), form.begin(), form.end());
  } else if (StartsWith(ToLower(content_type), "multipart/form-data")) {
    auto parts = ParseMultipart(content_type, request.body);
    if (!parts) return ErrorAsResponse(parts.error());
    for (const FormPart& part : *parts) fields.emplace_back(part.name, std::string(part.body));
  }
  // Some clients send the URL unencoded in a form body, so decoding it turned
  // %20 into a space; escaping restores a URL libcurl accepts.
  std::string url = EscapeUnsafeUrlBytes(FindParameter(fields, "url"));
  if (url.empty()) {
    return TextResponse(400,
                        "Missing the 'url' field: send the http(s) URL of the artifact as a "
                        "form field (application/x-www-form-urlencoded or multipart/form-data), "
                        "for example url=https://example.com/api.yaml&mainArtifact=true.");
  }
  std::string lowered = ToLower(url);
  if (!StartsWith(lowered, "http://") && !StartsWith(lowered, "https://")) {
    return TextResponse(400, "The url '" + url + "' is not an http or https URL.");
  }
  bool main_artifact = ParseBool(FindParameter(fields, "mainArtifact"), true);
  // Microcks clients name the secret either way.
  std::string secret_name = FindParameter(fields, "secretName");
  if (secret_name.empty()) secret_name = FindParameter(fields, "secret");
  FetchSettings settings;
  if (!secret_name.empty()) {
    auto secret = FindSecret(*catalog_->store(), secret_name);
    if (!secret) return ErrorAsResponse(secret.error());
    if (!secret->has_value()) {
      return TextResponse(400, "Unknown secret '" + secret_name +
                                   "': create it with POST /api/secrets or fix the name.");
    }
    auto credentials = CredentialsForArtifact(**secret, url);
    if (!credentials) return TextResponse(400, credentials.error().message);
    settings.credentials = std::move(*credentials);
  }

  // The download blocks on the network, so it runs off the I/O thread.
  HttpResponseData deferred;
  deferred.deferred = [catalog = catalog_, make_fetcher = config_.make_fetcher,
                       settings = std::move(settings), url, main_artifact] {
    std::unique_ptr<DocumentFetcher> fetcher = make_fetcher(settings);
    auto content = fetcher->Fetch(url);
    if (!content) {
      spdlog::debug("event=artifact.download_failed url={} error={}", LogValue(url),
                    LogValue(content.error().message));
      return TextResponse(400, content.error().message);
    }
    ImportRequest import;
    import.artifact_name = url;
    import.main_artifact = main_artifact;
    import.base_uri = url;
    import.fetcher = fetcher.get();
    auto outcome = catalog->Import(*content, import);
    if (!outcome) return ErrorAsResponse(outcome.error());
    if (outcome->nothing_imported || outcome->service_refs.empty()) {
      HttpResponseData response;
      response.status = 204;
      AddImportDiagnostics(outcome->diagnostics, &response);
      return response;
    }
    spdlog::info("event=artifact.imported artifact={} main={} services={} diagnostics={}",
                 LogValue(url), main_artifact, LogValue(JoinRefs(outcome->service_refs)),
                 outcome->diagnostics.size());
    Json body = {{"name", JoinRefs(outcome->service_refs)}};
    HttpResponseData response = JsonResponse(201, DumpJson(body));
    AddImportDiagnostics(outcome->diagnostics, &response);
    return response;
  };
  return deferred;
}

HttpResponseData ManagementApi::ListServices(const HttpRequestView& request) {
  NameValueList query = ParseQuery(request.query());
  int page = std::max(0, ParseInt(FindParameter(query, "page"), 0));
  int size = ParseInt(FindParameter(query, "size"), 20);
  if (size <= 0) size = 20;
  std::shared_ptr<const ServiceListCache> cache = CurrentServiceList();
  const std::vector<std::string>& items = cache->items;
  size_t start = static_cast<size_t>(page) * static_cast<size_t>(size);
  std::string body = "[";
  for (size_t i = start; i < items.size() && i < start + static_cast<size_t>(size); ++i) {
    if (body.size() > 1) body += ',';
    body += items[i];
  }
  body += ']';
  return JsonResponse(200, std::move(body));
}

std::shared_ptr<const ManagementApi::ServiceListCache> ManagementApi::CurrentServiceList() {
  uint64_t generation = catalog_->generation();
  {
    std::lock_guard<std::mutex> lock(list_cache_mutex_);
    if (list_cache_ && list_cache_->generation == generation) return list_cache_;
  }
  // Serialized once per catalog change: listing 1,000 services then costs a
  // string join instead of 1,000 JSON conversions.
  auto cache = std::make_shared<ServiceListCache>();
  cache->generation = generation;
  for (const auto& service : catalog_->ListServices()) {
    cache->items.push_back(DumpJson(ToJson(*service)));
  }
  std::lock_guard<std::mutex> lock(list_cache_mutex_);
  if (!list_cache_ || list_cache_->generation <= generation) list_cache_ = cache;
  return cache;
}

HttpResponseData ManagementApi::GetService(const HttpRequestView& request, std::string_view id) {
  auto service = catalog_->FindService(PercentDecode(id));
  if (!service) {
    return TextResponse(404, "No service with id or name:version '" + PercentDecode(id) + "'.");
  }
  NameValueList query = ParseQuery(request.query());
  std::string messages = FindParameter(query, "messages");
  if (!messages.empty() && !ParseBool(messages, true)) {
    return JsonResponse(200, DumpJson(ToJson(*service)));
  }
  Json messages_map = Json::object();
  for (const Operation& operation : service->operations) {
    Json list = Json::array();
    auto exchanges = service->exchanges.find(operation.name);
    if (exchanges != service->exchanges.end()) {
      for (const Exchange& exchange : exchanges->second) {
        // Defaults built from a singular `example` are Mimic's own addition, not examples.
        if (exchange.response.is_default) continue;
        list.push_back(ToJson(exchange, service->id + "-" + operation.name));
      }
    }
    messages_map[operation.name] = std::move(list);
  }
  return JsonResponse(200,
                      DumpJson(Json{{"service", ToJson(*service)}, {"messagesMap", messages_map}}));
}

HttpResponseData ManagementApi::InvocationMetrics(const HttpRequestView& request,
                                                  std::string_view rest) {
  NameValueList query = ParseQuery(request.query());
  std::string day = FindParameter(query, "day");
  if (!day.empty() &&
      (day.size() != 8 || day.find_first_not_of("0123456789") != std::string::npos)) {
    return TextResponse(400, "Invalid day '" + day + "': use the form yyyyMMdd.");
  }
  if (rest == "global") {
    DailyStatistic total;
    total.day = day.empty() ? InvocationStats::Today() : day;
    for (const DailyStatistic& statistic : stats_->ForDay(day)) {
      total.daily_count += statistic.daily_count;
      for (size_t i = 0; i < 24; ++i) total.hourly_count[i] += statistic.hourly_count[i];
      for (size_t i = 0; i < 1440; ++i) total.minute_count[i] += statistic.minute_count[i];
    }
    return JsonResponse(200, DumpJson(ToJson(total)));
  }
  if (rest == "global/latest") {
    int limit = std::clamp(ParseInt(FindParameter(query, "limit"), 20), 1, 366);
    Json latest = Json::object();
    for (int i = limit - 1; i >= 0; --i) {
      std::string past = InvocationStats::DayBefore(i);
      int64_t count = 0;
      for (const DailyStatistic& statistic : stats_->ForDay(past)) count += statistic.daily_count;
      latest[past] = count;
    }
    return JsonResponse(200, DumpJson(latest));
  }
  if (rest == "top") {
    int limit = std::clamp(ParseInt(FindParameter(query, "limit"), 20), 1, 1000);
    auto statistics = stats_->ForDay(day);
    std::sort(statistics.begin(), statistics.end(),
              [](const auto& a, const auto& b) { return a.daily_count > b.daily_count; });
    Json list = Json::array();
    for (size_t i = 0; i < statistics.size() && i < static_cast<size_t>(limit); ++i) {
      list.push_back(ToJson(statistics[i]));
    }
    return JsonResponse(200, DumpJson(list));
  }
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos) {
    return TextResponse(404, "Use /api/metrics/invocations/{service}/{version}.");
  }
  std::string name = PercentDecode(rest.substr(0, slash), /*plus_as_space=*/true);
  std::string version = PercentDecode(rest.substr(slash + 1));
  auto statistic = stats_->ForService(name, version, day);
  // Microcks returns 200 with an empty body for a service that was never called.
  if (!statistic) return JsonResponse(200, "");
  return JsonResponse(200, DumpJson(ToJson(*statistic)));
}

HttpResponseData ManagementApi::SearchServices(const HttpRequestView& request) {
  NameValueList query = ParseQuery(request.query());
  std::string name_pattern = FindParameter(query, "name");
  std::optional<Regex> name_regex;
  if (!name_pattern.empty()) {
    // Microcks matches the name as a case-insensitive regular expression.
    auto compiled = Regex::Compile("(?i)" + name_pattern);
    if (!compiled) return TextResponse(400, compiled.error().message);
    name_regex = std::move(*compiled);
  }
  Json list = Json::array();
  for (const auto& service : catalog_->ListServices()) {
    if (name_regex && !name_regex->Search(service->name)) continue;
    bool labels_match = true;
    for (const auto& [key, value] : query) {
      if (!StartsWith(key, "labels.")) continue;
      auto label = service->metadata.labels.find(key.substr(7));
      if (label == service->metadata.labels.end() || label->second != value) labels_match = false;
    }
    if (labels_match) list.push_back(ToJson(*service));
  }
  return JsonResponse(200, DumpJson(list));
}

HttpResponseData ManagementApi::ResourceContent(const std::string& key, bool by_id) {
  for (const auto& service : catalog_->ListServices()) {
    for (const Resource& resource : service->resources) {
      if (by_id ? resource.id != key : (resource.name != key || !resource.main_artifact)) continue;
      HttpResponseData response;
      response.status = 200;
      std::string content_type = "text/plain;charset=UTF-8";
      if (EndsWith(resource.name, ".json") || EndsWith(resource.name, ".avsc")) {
        content_type = "application/json";
      } else if (EndsWith(resource.name, ".yaml") || EndsWith(resource.name, ".yml")) {
        content_type = "text/yaml";
        response.headers.emplace_back("Content-Disposition", "inline");
      } else if (EndsWith(resource.name, ".wsdl") || EndsWith(resource.name, ".xsd")) {
        content_type = "text/xml";
      }
      response.headers.emplace_back("Content-Type", content_type);
      response.body = resource.content;
      return response;
    }
  }
  return TextResponse(404, "No resource named '" + key + "'.");
}

HttpResponseData ManagementApi::ServiceResources(std::string_view id) {
  auto service = catalog_->FindService(PercentDecode(id));
  if (!service) {
    return TextResponse(404, "No service with id or name:version '" + PercentDecode(id) + "'.");
  }
  Json list = Json::array();
  for (const Resource& resource : service->resources) list.push_back(ToJson(resource, service->id));
  return JsonResponse(200, DumpJson(list));
}

}  // namespace mimic
