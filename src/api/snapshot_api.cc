#include "api/snapshot_api.h"

#include <set>

#include "api/api_util.h"
#include "api/microcks_snapshot.h"
#include "api/multipart.h"
#include "common/json_reader.h"
#include "common/strings.h"
#include "front/rest_front.h"
#include "importer/artifact_type.h"
#include "importer/document.h"
#include "importer/har_importer.h"
#include "importer/postman_importer.h"
#include "importer/secondary_target.h"
#include "spdlog/spdlog.h"

namespace mimic {
namespace {

constexpr int kSnapshotVersion = 1;
constexpr std::string_view kSnapshotFileName = "microcks-repository.json";

HttpResponseData ErrorResponse(const Error& error) {
  int status = HttpStatusFor(error.code);
  if (status >= 500) {
    spdlog::error("event=snapshot.failed error={}", LogValue(error.message));
  } else {
    spdlog::debug("event=snapshot.rejected error={}", LogValue(error.message));
  }
  return TextResponse(status, error.message);
}

// Names of every artifact that brought something to the service.
std::set<std::string> SourceArtifacts(const Service& service) {
  std::set<std::string> names;
  if (!service.source_artifact.empty()) names.insert(service.source_artifact);
  for (const Resource& resource : service.resources) {
    if (!resource.source_artifact.empty()) names.insert(resource.source_artifact);
  }
  for (const auto& [operation, exchanges] : service.exchanges) {
    for (const Exchange& exchange : exchanges) {
      if (!exchange.request.source_artifact.empty()) {
        names.insert(exchange.request.source_artifact);
      }
      if (!exchange.response.source_artifact.empty()) {
        names.insert(exchange.response.source_artifact);
      }
    }
  }
  return names;
}

// Reads "name:version" of the service that a secondary artifact completes. APIMetadata
// leaves no trace in the service it changes, so the export finds it this way.
std::string CompletedServiceKey(const ArtifactRecord& record) {
  auto detected = DetectArtifact(record.content);
  if (!detected) return "";
  Result<ServiceKey> key = MakeError(ErrorCode::kNotFound, "");
  switch (detected->type) {
    case ArtifactType::kApiMetadata:
      key = ReadSecondaryTarget(detected->document, "APIMetadata");
      break;
    case ArtifactType::kApiExamples:
      key = ReadSecondaryTarget(detected->document, "APIExamples");
      break;
    case ArtifactType::kPostmanCollection:
      key = ReadPostmanServiceKey(detected->document);
      break;
    case ArtifactType::kHar:
      key = ReadHarServiceKey(detected->document);
      break;
    default:
      break;
  }
  return key ? key->name + ":" + key->version : "";
}

Error NotASnapshot(const std::string& reason) {
  return Error{ErrorCode::kInvalidArgument,
               "The file is not a Mimic snapshot: " + reason +
                   ". Send a file written by GET /api/export (Mimic's or Microcks') as the "
                   "multipart field 'file'; API artifacts go to POST /api/artifact/upload."};
}

bool IsArrayField(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_array();
}

// Checks the shapes that ServiceFromStoredJson iterates over, so a hand-edited
// file fails with a message instead of being half read.
Result<Service> ReadService(const Json& item, size_t position) {
  std::string where = "services[" + std::to_string(position) + "]";
  if (!item.is_object()) return tl::unexpected(NotASnapshot(where + " is not an object"));
  for (const char* key : {"id", "name", "version"}) {
    std::string value = FieldOr(item, key, std::string());
    if (value.empty()) {
      return tl::unexpected(NotASnapshot(where + " has no " + std::string(key)));
    }
  }
  for (const char* key : {"operations", "resources"}) {
    if (item.contains(key) && !IsArrayField(item, key)) {
      return tl::unexpected(NotASnapshot(where + "." + key + " is not an array"));
    }
  }
  auto exchanges = item.find("exchanges");
  if (exchanges != item.end()) {
    if (!exchanges->is_object()) {
      return tl::unexpected(NotASnapshot(where + ".exchanges is not an object"));
    }
    for (const auto& [operation, list] : exchanges->items()) {
      if (!list.is_array()) {
        return tl::unexpected(
            NotASnapshot(where + ".exchanges['" + operation + "'] is not an array"));
      }
    }
  }
  return ServiceFromStoredJson(item);
}

struct Snapshot {
  std::vector<Service> services;
  std::vector<ArtifactRecord> artifacts;
  std::vector<GenericResource> generic_resources;
};

Result<Snapshot> ReadSnapshot(const Json& document) {
  if (!document.is_object()) return tl::unexpected(NotASnapshot("it is not a JSON object"));
  if (FieldOr(document, "format", std::string()) != kSnapshotFormat) {
    return tl::unexpected(
        NotASnapshot("its 'format' member is not '" + std::string(kSnapshotFormat) + "'"));
  }
  int64_t version = FieldOr(document, "version", int64_t{0});
  if (version != kSnapshotVersion) {
    return tl::unexpected(NotASnapshot("its version " + std::to_string(version) +
                                       " is not the supported version " +
                                       std::to_string(kSnapshotVersion)));
  }
  if (!IsArrayField(document, "services")) {
    return tl::unexpected(NotASnapshot("it has no 'services' array"));
  }

  Snapshot snapshot;
  std::set<std::string> ids;
  size_t position = 0;
  for (const Json& item : document["services"]) {
    auto service = ReadService(item, position++);
    if (!service) return tl::unexpected(service.error());
    ids.insert(service->id);
    snapshot.services.push_back(std::move(*service));
  }

  if (IsArrayField(document, "artifacts")) {
    for (const Json& item : document["artifacts"]) {
      ArtifactRecord record;
      record.name = FieldOr(item, "name", std::string());
      if (record.name.empty()) return tl::unexpected(NotASnapshot("an artifact has no name"));
      record.main_artifact = FieldOr(item, "mainArtifact", true);
      record.content = FieldOr(item, "content", std::string());
      record.imported_at = FieldOr(item, "importedAt", int64_t{0});
      snapshot.artifacts.push_back(std::move(record));
    }
  }

  if (IsArrayField(document, "genericResources")) {
    for (const Json& item : document["genericResources"]) {
      GenericResource resource;
      resource.id = FieldOr(item, "id", std::string());
      resource.service_id = FieldOr(item, "serviceId", std::string());
      resource.payload = FieldOr(item, "payload", Json());
      resource.reference = FieldOr(item, "reference", false);
      if (resource.id.empty() || !ids.count(resource.service_id)) {
        return tl::unexpected(
            NotASnapshot("a generic resource has no id or names a service not in the file"));
      }
      snapshot.generic_resources.push_back(std::move(resource));
    }
  }
  return snapshot;
}

}  // namespace

std::optional<HttpResponseData> SnapshotApi::Handle(const HttpRequestView& request,
                                                    std::string_view path) {
  if (path == "/api/export" && request.method == "GET") return Export(request);
  if (path == "/api/import" && request.method == "POST") return Import(request);
  return std::nullopt;
}

HttpResponseData SnapshotApi::Export(const HttpRequestView& request) {
  std::vector<std::shared_ptr<const Service>> services;
  std::set<std::string> chosen;
  std::string format = "mimic";
  for (const auto& [key, value] : ParseQuery(request.query())) {
    if (key == "format") format = value;
    if (key != "serviceIds") continue;
    auto service = catalog_->FindService(value);
    if (!service) {
      return TextResponse(404, "No service with id or name:version '" + value +
                                   "'. List the services with GET /api/services.");
    }
    if (chosen.insert(service->id).second) services.push_back(std::move(service));
  }
  if (services.empty()) {
    return TextResponse(400,
                        "Missing the serviceIds query parameter: give the id of each service "
                        "to export, e.g. /api/export?serviceIds=ID1&serviceIds=ID2.");
  }

  if (format == "microcks") {
    HttpResponseData response = JsonResponse(200, DumpJson(WriteMicrocksSnapshot(services)));
    response.headers.emplace_back("Content-Disposition",
                                  "attachment; filename=" + std::string(kSnapshotFileName));
    spdlog::info("event=snapshot.exported format=microcks services={}", services.size());
    return response;
  }
  if (format != "mimic") {
    return TextResponse(400, "Unknown export format '" + format +
                                 "'. Use format=mimic (the default: everything, for another "
                                 "Mimic server) or format=microcks (Microcks' own snapshot).");
  }

  Json snapshot = {
      {"format", kSnapshotFormat}, {"version", kSnapshotVersion}, {"exportedAt", NowMillis()}};
  Json service_list = Json::array();
  Json generic_list = Json::array();
  std::set<std::string> artifact_names;
  std::set<std::string> service_keys;
  for (const auto& service : services) {
    service_keys.insert(service->name + ":" + service->version);
    service_list.push_back(ToStoredJson(*service));
    artifact_names.merge(SourceArtifacts(*service));
    auto documents = catalog_->store()->ListGenericResources(service->id);
    if (!documents) return ErrorResponse(documents.error());
    for (const GenericResource& document : *documents) {
      generic_list.push_back({{"id", document.id},
                              {"serviceId", document.service_id},
                              {"payload", document.payload},
                              {"reference", document.reference}});
    }
  }
  auto artifacts = catalog_->store()->LoadArtifacts();
  if (!artifacts) return ErrorResponse(artifacts.error());
  Json artifact_list = Json::array();
  for (const ArtifactRecord& record : *artifacts) {
    bool included = artifact_names.count(record.name) > 0 ||
                    (!record.main_artifact && service_keys.count(CompletedServiceKey(record)) > 0);
    if (!included) continue;
    artifact_list.push_back({{"name", record.name},
                             {"mainArtifact", record.main_artifact},
                             {"content", record.content},
                             {"importedAt", record.imported_at}});
  }
  snapshot["services"] = std::move(service_list);
  snapshot["artifacts"] = std::move(artifact_list);
  snapshot["genericResources"] = std::move(generic_list);

  HttpResponseData response = JsonResponse(200, DumpJson(snapshot));
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename=" + std::string(kSnapshotFileName));
  spdlog::info("event=snapshot.exported services={}", services.size());
  return response;
}

HttpResponseData SnapshotApi::Import(const HttpRequestView& request) {
  auto parts = ParseMultipart(request.Header("Content-Type"), request.body);
  if (!parts) return ErrorResponse(parts.error());
  const FormPart* file = nullptr;
  for (const FormPart& part : *parts) {
    if (part.name == "file") {
      file = &part;
      break;
    }
  }
  if (file == nullptr) {
    return TextResponse(400,
                        "The multipart request has no part named 'file'. Send the snapshot "
                        "written by GET /api/export as form field 'file'.");
  }
  if (Trim(file->body).empty()) return TextResponse(400, "The snapshot file is empty.");
  // A snapshot contains whole specs, so it is read with the fast reader; its limits are
  // those of an artifact, since a snapshot carries artifacts.
  auto document = ReadJson(file->body, {DocumentLimits{}.max_depth, DocumentLimits{}.max_nodes});
  if (!document) {
    spdlog::debug("event=snapshot.rejected error={}", LogValue(document.error().reason));
    // Microcks returns 415 when the snapshot is not JSON.
    return TextResponse(415, "The snapshot file is not valid JSON (" + document.error().reason +
                                 "). Send a file written by GET /api/export.");
  }
  if (LooksLikeMicrocksSnapshot(*document)) return ImportMicrocks(*document);
  auto snapshot = ReadSnapshot(*document);
  if (!snapshot) return ErrorResponse(snapshot.error());

  size_t service_count = snapshot->services.size();
  std::vector<std::string> ids;
  for (const Service& service : snapshot->services) ids.push_back(service.id);
  auto restored =
      catalog_->RestoreServices(std::move(snapshot->services), std::move(snapshot->artifacts));
  if (!restored) return ErrorResponse(restored.error());

  // Stateful documents of a restored service are replaced by those of the snapshot.
  Store* store = catalog_->store();
  for (const std::string& id : ids) {
    auto existing = store->ListGenericResources(id);
    if (!existing) return ErrorResponse(existing.error());
    for (const GenericResource& document : *existing) {
      auto deleted = store->DeleteGenericResource(id, document.id);
      if (!deleted) return ErrorResponse(deleted.error());
    }
  }
  for (const GenericResource& document : snapshot->generic_resources) {
    auto saved = store->PutGenericResource(document);
    if (!saved) return ErrorResponse(saved.error());
  }
  spdlog::info("event=snapshot.imported services={} generic_resources={}", service_count,
               snapshot->generic_resources.size());
  HttpResponseData response;
  response.status = 201;
  return response;
}

HttpResponseData SnapshotApi::ImportMicrocks(const Json& document) {
  MicrocksSnapshotSkips skips;
  auto services = ReadMicrocksSnapshot(document, &skips);
  if (!services) return ErrorResponse(services.error());
  size_t service_count = services->size();
  auto restored = catalog_->RestoreServices(std::move(*services), {});
  if (!restored) return ErrorResponse(restored.error());
  spdlog::info(
      "event=snapshot.imported format=microcks services={} skipped_messages={} "
      "skipped_event_messages={}",
      service_count, skips.unpaired_messages, skips.event_messages);
  HttpResponseData response;
  response.status = 201;
  std::vector<ImportDiagnostic> diagnostics;
  if (skips.unpaired_messages > 0) {
    diagnostics.push_back({"", std::to_string(skips.unpaired_messages) +
                                   " requests or responses named no operation of the file's "
                                   "services and were not imported."});
  }
  if (skips.event_messages > 0) {
    diagnostics.push_back({"", std::to_string(skips.event_messages) +
                                   " asynchronous event messages were not imported: event "
                                   "mocks are not served yet."});
  }
  AddImportDiagnostics(diagnostics, &response);
  return response;
}

}  // namespace mimic
