#include "catalog/service_catalog.h"

#include <chrono>
#include <random>

#include "common/memory.h"
#include "common/regex.h"
#include "common/strings.h"
#include "dispatch/criteria.h"
#include "dispatch/json_body_rules.h"
#include "dispatch/script_dispatch.h"
#include "importer/artifact_type.h"
#include "importer/examples_importer.h"
#include "importer/har_importer.h"
#include "importer/metadata_importer.h"
#include "importer/openapi_importer.h"
#include "importer/postman_importer.h"
#include "importer/secondary_target.h"
#include "spdlog/spdlog.h"

namespace mimic {
namespace {

std::string KeyOf(const Service& service) { return service.name + ":" + service.version; }

// True for the dispatcher names Microcks defines.
bool IsKnownDispatcher(std::string_view name) {
  using namespace dispatch;
  for (std::string_view known :
       {kUriParts, kSequence, kUriParams, kUriElements, kQueryHeader, kQueryArgs, kQueryMatch,
        kJsonBody, kScript, kGroovy, kJs, kRandom, kProxy, kFallback, kProxyFallback}) {
    if (name == known) return true;
  }
  return false;
}

bool IsHttpStatus(const std::string& status) {
  return status.size() == 3 && std::all_of(status.begin(), status.end(), ::isdigit) &&
         status >= "100" && status <= "599";
}

// Reports what would make the service misbehave: names that need escaping, examples
// left unserved, statuses that are no HTTP code, invalid constraints and dispatchers.
void CheckService(const Service& service, const IndexOptions& options,
                  std::vector<ImportDiagnostic>* diagnostics) {
  const std::pair<const char*, const std::string&> key_parts[] = {{"name", service.name},
                                                                  {"version", service.version}};
  for (const auto& [what, value] : key_parts) {
    if (value.find('/') == std::string::npos) continue;
    diagnostics->push_back(
        {"", std::string("the service ") + what + " '" + value +
                 "' contains '/', so mock URLs must write it as %2F (for example /rest/" +
                 PercentEncode(service.name, "") + "/" + PercentEncode(service.version, "") +
                 "/...)."});
  }

  for (const auto& [operation_name, exchanges] : service.exchanges) {
    bool only_singular = !exchanges.empty() && !options.serve_singular_examples &&
                         std::all_of(exchanges.begin(), exchanges.end(),
                                     [](const Exchange& item) { return item.response.is_default; });
    if (only_singular) {
      diagnostics->push_back({operation_name,
                              "no mock response: the operation only has a singular `example`, and "
                              "this server runs with --ignore-singular-examples, so calls get 400. "
                              "Give a response a named `examples` entry."});
    }
    auto bad_status = std::find_if(exchanges.begin(), exchanges.end(), [](const Exchange& item) {
      return !item.response.status.empty() && !IsHttpStatus(item.response.status);
    });
    if (bad_status != exchanges.end()) {
      diagnostics->push_back(
          {operation_name, "example '" + bad_status->response.name + "' has status '" +
                               bad_status->response.status +
                               "', which is not an HTTP status code from 100 to 599, so it is "
                               "served with 200. Fix the status in the artifact."});
    }
  }

  for (const Operation& operation : service.operations) {
    for (const ParameterConstraint& constraint : operation.parameter_constraints) {
      if (constraint.must_match_regexp.empty()) continue;
      auto compiled = Regex::Compile(constraint.must_match_regexp);
      if (!compiled) {
        diagnostics->push_back(
            {operation.name, "the mustMatchRegexp of parameter '" + constraint.name +
                                 "' is not a valid regular expression (" +
                                 compiled.error().message + "), so it is not checked."});
      }
    }
    if (operation.dispatcher.empty()) continue;
    if (!IsKnownDispatcher(operation.dispatcher)) {
      diagnostics->push_back(
          {operation.name,
           "unknown dispatcher '" + operation.dispatcher +
               "'; the operation dispatches as if it had none. Use one of URI_PARTS, "
               "URI_PARAMS, URI_ELEMENTS, QUERY_HEADER, QUERY_ARGS, QUERY_MATCH, JSON_BODY, "
               "SCRIPT, GROOVY, JS, SEQUENCE, RANDOM, FALLBACK, PROXY or PROXY_FALLBACK."});
      continue;
    }
    auto root = dispatch::ResolveRootDispatcher(operation.dispatcher, operation.dispatcher_rules);
    if (!root.valid) {
      diagnostics->push_back({operation.name, operation.dispatcher +
                                                  " rules are not a JSON object with dispatcher "
                                                  "and dispatcherRules; the operation dispatches "
                                                  "as if it had no dispatcher."});
      continue;
    }
    if (IsScriptDispatcher(root.dispatcher)) {
      auto script = CompileDispatchScript(root.dispatcher, root.rules, operation.name);
      if (!script) {
        diagnostics->push_back({operation.name, script.error().message +
                                                    "; the operation serves its responses as if "
                                                    "it had no dispatcher."});
      }
    } else if (root.dispatcher == dispatch::kJsonBody) {
      auto rules = dispatch::JsonBodyRules::Parse(root.rules);
      if (!rules) diagnostics->push_back({operation.name, rules.error().message});
    }
  }
}

// Service names and versions travel in mock URLs and API paths, so blank ones,
// control characters and names longer than a URL can carry are rejected.
constexpr size_t kMaxServiceKeyBytes = 512;

Result<void> CheckServiceKey(const Service& service) {
  auto check = [](const std::string& value, const char* what) -> Result<void> {
    if (Trim(value).empty()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       std::string("The artifact gives the service an empty ") + what +
                           ". Set the API title (or collection name) and version.");
    }
    if (value.size() > kMaxServiceKeyBytes) {
      return MakeError(ErrorCode::kInvalidArgument,
                       std::string("The service ") + what + " is " + std::to_string(value.size()) +
                           " bytes long; mock URLs carry at most " +
                           std::to_string(kMaxServiceKeyBytes) + ". Shorten it.");
    }
    auto is_control = [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; };
    if (std::any_of(value.begin(), value.end(), is_control)) {
      std::string printable = value.substr(0, 80);
      std::replace_if(printable.begin(), printable.end(), is_control, '?');
      return MakeError(ErrorCode::kInvalidArgument,
                       std::string("The service ") + what + " '" + printable +
                           "' contains a control character (shown as '?': a line break or tab?). "
                           "Remove it from the artifact.");
    }
    return {};
  };
  auto name = check(service.name, "name");
  if (!name) return name;
  return check(service.version, "version");
}

void LogDiagnostics(const std::string& artifact, const std::vector<ImportDiagnostic>& diagnostics) {
  for (const ImportDiagnostic& diagnostic : diagnostics) {
    spdlog::warn("event=import.diagnostic artifact={} operation={} message={}", LogValue(artifact),
                 LogValue(diagnostic.operation), LogValue(diagnostic.message));
  }
}

using Clock = std::chrono::steady_clock;

constexpr size_t kLargeImportBytes = 1 << 20;

double MillisSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string NewObjectId() {
  static std::atomic<uint32_t> counter{static_cast<uint32_t>(std::random_device{}())};
  thread_local std::mt19937_64 engine{std::random_device{}()};
  static const char* kHex = "0123456789abcdef";
  uint32_t seconds = static_cast<uint32_t>(NowMillis() / 1000);
  uint64_t random = engine();
  uint32_t count = counter.fetch_add(1);
  unsigned char bytes[12];
  for (int i = 0; i < 4; ++i) bytes[i] = static_cast<unsigned char>(seconds >> (24 - 8 * i));
  for (int i = 0; i < 5; ++i) bytes[4 + i] = static_cast<unsigned char>(random >> (8 * i));
  for (int i = 0; i < 3; ++i) bytes[9 + i] = static_cast<unsigned char>(count >> (16 - 8 * i));
  std::string id;
  for (unsigned char byte : bytes) {
    id.push_back(kHex[byte >> 4]);
    id.push_back(kHex[byte & 15]);
  }
  return id;
}

Result<void> ServiceCatalog::Load() {
  auto loaded = store_->LoadServices();
  if (!loaded) return tl::unexpected(loaded.error());
  std::vector<std::shared_ptr<const Service>> all;
  {
    std::lock_guard<std::mutex> lock(read_mutex_);
    services_.clear();
    for (Service& service : *loaded) {
      auto shared = std::make_shared<const Service>(std::move(service));
      services_[shared->id] = shared;
      all.push_back(shared);
    }
    index_ = MockIndex::Build(std::move(all), index_options_);
  }
  generation_.fetch_add(1, std::memory_order_release);
  return {};
}

std::shared_ptr<const MockIndex> ServiceCatalog::index() const {
  std::lock_guard<std::mutex> lock(read_mutex_);
  return index_;
}

std::vector<std::shared_ptr<const Service>> ServiceCatalog::ListServices() const {
  std::vector<std::shared_ptr<const Service>> list;
  {
    std::lock_guard<std::mutex> lock(read_mutex_);
    for (const auto& [id, service] : services_) list.push_back(service);
  }
  std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
    return a->name != b->name ? a->name < b->name : a->version < b->version;
  });
  return list;
}

std::shared_ptr<const Service> ServiceCatalog::FindLocked(std::string_view id_or_key) const {
  auto by_id = services_.find(std::string(id_or_key));
  if (by_id != services_.end()) return by_id->second;
  std::string key = PercentDecode(id_or_key, /*plus_as_space=*/true);
  size_t colon = key.rfind(':');
  if (colon == std::string::npos) return nullptr;
  std::string name = key.substr(0, colon);
  std::string version = key.substr(colon + 1);
  for (const auto& [id, service] : services_) {
    if (service->name == name && service->version == version) return service;
  }
  return nullptr;
}

std::shared_ptr<const Service> ServiceCatalog::FindService(std::string_view id_or_key) const {
  std::lock_guard<std::mutex> lock(read_mutex_);
  return FindLocked(id_or_key);
}

Result<void> ServiceCatalog::Apply(std::vector<std::shared_ptr<const Service>> upserts,
                                   std::vector<std::string> deleted_ids,
                                   std::optional<ArtifactView> artifact) {
  Clock::time_point started = Clock::now();
  StoreChange change;
  for (const auto& service : upserts) change.upserts.push_back(service.get());
  change.deleted_service_ids = deleted_ids;
  change.artifact = artifact;
  auto committed = store_->Commit(change);
  if (!committed) return committed;
  last_apply_times_.store_ms = MillisSince(started);
  started = Clock::now();

  std::vector<std::shared_ptr<const Service>> all;
  {
    std::lock_guard<std::mutex> lock(read_mutex_);
    for (const std::string& id : deleted_ids) services_.erase(id);
    for (const auto& service : upserts) {
      // Drop an older entry for the same name and version under another id.
      for (auto it = services_.begin(); it != services_.end();) {
        if (it->first != service->id && it->second->name == service->name &&
            it->second->version == service->version) {
          it = services_.erase(it);
        } else {
          ++it;
        }
      }
      services_[service->id] = service;
    }
    for (const auto& [id, service] : services_) all.push_back(service);
  }
  auto index = MockIndex::Build(std::move(all), index_options_);
  {
    std::lock_guard<std::mutex> lock(read_mutex_);
    index_ = std::move(index);
  }
  generation_.fetch_add(1, std::memory_order_release);
  last_apply_times_.index_ms = MillisSince(started);
  return {};
}

Result<ImportOutcome> ServiceCatalog::Import(std::string_view content,
                                             const ImportRequest& request) {
  Clock::time_point started = Clock::now();
  auto detected = DetectArtifact(content);
  if (!detected) return tl::unexpected(detected.error());
  double parse_ms = MillisSince(started);
  std::lock_guard<std::mutex> lock(write_mutex_);
  last_apply_times_ = {};
  bool secondary_only =
      detected->type == ArtifactType::kApiMetadata || detected->type == ArtifactType::kApiExamples;
  bool as_main =
      (request.main_artifact && !secondary_only) || detected->type == ArtifactType::kOpenApi;
  // Importers read untrusted documents; an exception from one is a bug, and it
  // must cost the caller one failed import, not the server.
  Result<ImportOutcome> outcome = MakeError(ErrorCode::kInternal, "");
  try {
    outcome = as_main ? ImportMain(*detected, content, request)
                      : ImportSecondary(*detected, content, request);
  } catch (const std::exception& exception) {
    spdlog::error("event=import.failed artifact={} error={}", LogValue(request.artifact_name),
                  LogValue(exception.what()));
    return MakeError(ErrorCode::kInternal, std::string(kImportBugPrefix) + request.artifact_name +
                                               ": " + exception.what());
  }
  if (!outcome) return outcome;
  // The parsed document, the replaced service and the serialized copy are freed by
  // now. Without this, a large import would leave them resident in this thread's arena.
  if (content.size() >= kLargeImportBytes) ReleaseFreeMemory();
  LogDiagnostics(request.artifact_name, outcome->diagnostics);
  spdlog::info(
      "event=import.done artifact={} type={} main={} services={} size={} parse_ms={:.1f} "
      "import_ms={:.1f} store_ms={:.1f} index_ms={:.1f}",
      LogValue(request.artifact_name), ArtifactTypeName(detected->type), as_main,
      outcome->service_refs.size(), content.size(), parse_ms,
      MillisSince(started) - parse_ms - last_apply_times_.store_ms - last_apply_times_.index_ms,
      last_apply_times_.store_ms, last_apply_times_.index_ms);
  return outcome;
}

Result<ImportOutcome> ServiceCatalog::ImportMain(DetectedArtifact& detected,
                                                 std::string_view content,
                                                 const ImportRequest& request) {
  ImportSource source;
  source.artifact_name = request.artifact_name;
  source.base_uri = request.base_uri;
  source.fetcher = request.fetcher;
  source.now_ms = NowMillis();

  Result<ImportedServices> imported = MakeError(ErrorCode::kInternal, "");
  switch (detected.type) {
    case ArtifactType::kOpenApi:
    case ArtifactType::kSwagger:
      imported = ImportOpenApi(detected.document, content, source);
      break;
    case ArtifactType::kPostmanCollection:
      imported = ImportPostmanCollection(detected.document, source, content);
      break;
    case ArtifactType::kHar:
      imported = ImportHar(detected.document, source);
      break;
    case ArtifactType::kApiMetadata:
    case ArtifactType::kApiExamples:
      return ImportSecondary(detected, content, request);
    default:
      return MakeError(ErrorCode::kUnsupported,
                       std::string("The artifact is ") + ArtifactTypeName(detected.type) +
                           ", which this version of Mimic recognizes but does not import yet. "
                           "Supported now: "
                           "OpenAPI 3.0/3.1, Swagger 2.0, Postman collections, HAR, Microcks "
                           "APIMetadata and APIExamples.");
  }
  if (!imported) return tl::unexpected(imported.error());
  detected.document = Json();

  for (const Service& service : imported->services) {
    auto checked = CheckServiceKey(service);
    if (!checked) return tl::unexpected(checked.error());
  }
  ImportOutcome outcome;
  outcome.diagnostics = std::move(imported->diagnostics);
  std::vector<std::shared_ptr<const Service>> upserts;
  int64_t now = source.now_ms;
  for (Service& service : imported->services) {
    std::shared_ptr<const Service> existing;
    {
      std::lock_guard<std::mutex> read_lock(read_mutex_);
      existing = FindLocked(KeyOf(service));
    }
    if (existing) {
      // A re-import keeps the id, creation date, labels from other artifacts, operator
      // overrides, and what secondary artifacts brought.
      service.id = existing->id;
      service.metadata.created_on = existing->metadata.created_on;
      // Beyond Microcks, which loses them here: APIMetadata files imported before
      // apply again to the new version, in their order, before other labels return.
      for (const AppliedMetadata& applied : existing->applied_metadata) {
        auto reapplied = ApplyApiMetadata(applied.document, applied.artifact, &service);
        if (reapplied) {
          for (ImportDiagnostic& diagnostic : *reapplied) {
            outcome.diagnostics.push_back(std::move(diagnostic));
          }
        }
      }
      for (const auto& [key, value] : existing->metadata.labels) {
        service.metadata.labels.emplace(key, value);
      }
      for (const auto& [key, value] : existing->metadata.annotations) {
        service.metadata.annotations.emplace(key, value);
      }
      for (Operation& operation : service.operations) {
        const Operation* old = existing->FindOperation(operation.name);
        if (old == nullptr) continue;
        if (old->override_set) {
          operation.override_set = true;
          operation.dispatcher = old->dispatcher;
          operation.dispatcher_rules = old->dispatcher_rules;
          operation.default_delay = old->default_delay;
          operation.default_delay_strategy = old->default_delay_strategy;
          if (!old->parameter_constraints.empty()) {
            operation.parameter_constraints = old->parameter_constraints;
          }
        }
        auto old_exchanges = existing->exchanges.find(operation.name);
        if (old_exchanges == existing->exchanges.end()) continue;
        auto& exchanges = service.exchanges[operation.name];
        for (const Exchange& exchange : old_exchanges->second) {
          if (exchange.response.source_artifact != request.artifact_name) {
            exchanges.push_back(exchange);
          }
        }
      }
      for (const Resource& resource : existing->resources) {
        if (resource.source_artifact != request.artifact_name) {
          service.resources.push_back(resource);
        }
      }
    } else {
      service.id = NewObjectId();
      service.metadata.created_on = now;
    }
    service.metadata.last_update = now;
    for (Resource& resource : service.resources) {
      if (resource.id.empty()) resource.id = NewObjectId();
      if (resource.source_artifact == request.artifact_name) resource.main_artifact = true;
    }
    outcome.service_refs.push_back(KeyOf(service));
    CheckService(service, index_options_, &outcome.diagnostics);
    upserts.push_back(std::make_shared<const Service>(std::move(service)));
  }
  ArtifactView record{request.artifact_name, true, content, now};
  auto applied = Apply(std::move(upserts), {}, std::move(record));
  if (!applied) return tl::unexpected(applied.error());
  return outcome;
}

Result<ImportOutcome> ServiceCatalog::ImportSecondary(const DetectedArtifact& detected,
                                                      std::string_view content,
                                                      const ImportRequest& request) {
  const char* kind = ArtifactTypeName(detected.type);
  Result<ServiceKey> target = MakeError(ErrorCode::kInternal, "");
  switch (detected.type) {
    case ArtifactType::kApiMetadata:
      target = ReadSecondaryTarget(detected.document, "APIMetadata");
      break;
    case ArtifactType::kApiExamples:
      target = ReadSecondaryTarget(detected.document, "APIExamples");
      break;
    case ArtifactType::kPostmanCollection:
      target = ReadPostmanServiceKey(detected.document);
      break;
    case ArtifactType::kHar:
      target = ReadHarServiceKey(detected.document);
      break;
    default:
      return MakeError(
          ErrorCode::kUnsupported,
          std::string("The artifact is ") + ArtifactTypeName(detected.type) +
              ", which cannot be imported as a secondary artifact by this version of Mimic. "
              "Secondary artifacts supported now: APIMetadata, APIExamples, Postman "
              "collections and HAR recordings.");
  }
  if (!target) return tl::unexpected(target.error());

  std::shared_ptr<const Service> existing;
  {
    std::lock_guard<std::mutex> read_lock(read_mutex_);
    existing = FindLocked(target->name + ":" + target->version);
  }
  ImportOutcome outcome;
  if (!existing) {
    outcome.nothing_imported = true;
    outcome.diagnostics.push_back(
        {"", std::string("the artifact (") + kind + ") completes the service '" + target->name +
                 "' version '" + target->version +
                 "', which does not exist. Import its main artifact first."});
    return outcome;
  }

  Service service = *existing;
  // Re-importing an artifact replaces what it brought before, and nothing else.
  for (auto& [operation_name, exchanges] : service.exchanges) {
    exchanges.erase(std::remove_if(exchanges.begin(), exchanges.end(),
                                   [&](const Exchange& exchange) {
                                     return exchange.response.source_artifact ==
                                            request.artifact_name;
                                   }),
                    exchanges.end());
  }
  Result<std::vector<ImportDiagnostic>> applied = std::vector<ImportDiagnostic>();
  switch (detected.type) {
    case ArtifactType::kApiMetadata:
      applied = ApplyApiMetadata(detected.document, request.artifact_name, &service);
      break;
    case ArtifactType::kApiExamples:
      applied = ApplyApiExamples(detected.document, request.artifact_name, &service);
      break;
    case ArtifactType::kPostmanCollection:
      applied = ApplyPostmanCollection(detected.document, request.artifact_name, &service, content);
      break;
    default:
      applied = ApplyHar(detected.document, request.artifact_name, &service);
      break;
  }
  if (!applied) return tl::unexpected(applied.error());
  for (Resource& resource : service.resources) {
    if (resource.id.empty()) resource.id = NewObjectId();
  }
  outcome.diagnostics = std::move(*applied);
  CheckService(service, index_options_, &outcome.diagnostics);
  service.metadata.last_update = NowMillis();
  outcome.service_refs.push_back(KeyOf(service));
  ArtifactView record{request.artifact_name, false, content, NowMillis()};
  auto saved = Apply({std::make_shared<const Service>(std::move(service))}, {}, std::move(record));
  if (!saved) return tl::unexpected(saved.error());
  return outcome;
}

Result<void> ServiceCatalog::DeleteService(std::string_view id_or_key) {
  std::lock_guard<std::mutex> lock(write_mutex_);
  auto service = FindService(id_or_key);
  if (!service) {
    return MakeError(ErrorCode::kNotFound,
                     "No service with id or name:version '" + std::string(id_or_key) + "'.");
  }
  return Apply({}, {service->id}, std::nullopt);
}

}  // namespace mimic

namespace mimic {

Result<void> ServiceCatalog::OverrideOperation(std::string_view id_or_key,
                                               std::string_view operation_name,
                                               const Json& fields) {
  if (!fields.is_object()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The operation override must be a JSON object with dispatcher, "
                     "dispatcherRules, defaultDelay, defaultDelayStrategy or "
                     "parameterConstraints.");
  }
  std::lock_guard<std::mutex> lock(write_mutex_);
  auto existing = FindService(id_or_key);
  if (!existing) {
    return MakeError(ErrorCode::kNotFound,
                     "No service with id or name:version '" + std::string(id_or_key) + "'.");
  }
  Service service = *existing;
  Operation* operation = service.FindOperation(operation_name);
  if (operation == nullptr) {
    return MakeError(ErrorCode::kNotFound,
                     "The service has no operation named '" + std::string(operation_name) + "'.");
  }
  auto text = [&](const char* key) -> std::optional<std::string> {
    auto it = fields.find(key);
    if (it == fields.end() || it->is_null()) return std::nullopt;
    return it->is_string() ? it->get<std::string>() : DumpJson(*it);
  };
  if (auto dispatcher = text("dispatcher")) operation->dispatcher = *dispatcher;
  if (auto rules = text("dispatcherRules")) operation->dispatcher_rules = *rules;
  if (fields.contains("defaultDelay") && !fields["defaultDelay"].is_null()) {
    if (!fields["defaultDelay"].is_number_integer() || fields["defaultDelay"].get<int64_t>() < 0) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "defaultDelay must be a non-negative number of milliseconds.");
    }
    operation->default_delay = fields["defaultDelay"].get<int64_t>();
  }
  if (auto strategy = text("defaultDelayStrategy")) operation->default_delay_strategy = *strategy;
  if (fields.contains("parameterConstraints") && fields["parameterConstraints"].is_array()) {
    operation->parameter_constraints.clear();
    for (const Json& item : fields["parameterConstraints"]) {
      if (!item.is_object()) continue;
      ParameterConstraint constraint;
      constraint.name = FieldOr(item, "name", "");
      constraint.in = FieldOr(item, "in", "query");
      constraint.required = FieldOr(item, "required", false);
      constraint.recopy = FieldOr(item, "recopy", false);
      constraint.must_match_regexp = FieldOr(item, "mustMatchRegexp", "");
      operation->parameter_constraints.push_back(std::move(constraint));
    }
  }
  operation->override_set = true;
  service.metadata.last_update = NowMillis();
  return Apply({std::make_shared<const Service>(std::move(service))}, {}, std::nullopt);
}

Result<std::shared_ptr<const Service>> ServiceCatalog::CreateGenericService(
    const std::string& name, const std::string& version, const std::string& resource,
    const Json& reference_payload) {
  if (name.empty() || version.empty() || resource.empty() ||
      resource.find('/') != std::string::npos) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "A generic service needs a name, a version and a resource name without '/'.");
  }
  std::lock_guard<std::mutex> lock(write_mutex_);
  if (FindService(name + ":" + version)) {
    return MakeError(ErrorCode::kAlreadyExists,
                     "The service " + name + " with version " + version + " already exists.");
  }
  Service service;
  service.id = NewObjectId();
  service.name = name;
  service.version = version;
  service.type = ServiceType::kGenericRest;
  service.metadata.created_on = NowMillis();
  service.metadata.last_update = service.metadata.created_on;
  auto add = [&](const std::string& method, const std::string& path, bool by_id) {
    Operation operation;
    operation.method = method;
    operation.name = method + " /" + resource + path;
    if (by_id) {
      operation.dispatcher = "URI_PARTS";
      operation.dispatcher_rules = "id";
    }
    service.operations.push_back(std::move(operation));
  };
  add("POST", "", false);
  add("GET", "/:id", true);
  add("PUT", "/:id", true);
  add("GET", "", false);
  add("DELETE", "/:id", true);
  auto shared = std::make_shared<const Service>(std::move(service));
  auto applied = Apply({shared}, {}, std::nullopt);
  if (!applied) return tl::unexpected(applied.error());
  if (reference_payload.is_object()) {
    GenericResource reference;
    reference.id = NewObjectId();
    reference.service_id = shared->id;
    reference.payload = reference_payload;
    reference.reference = true;
    auto saved = store_->PutGenericResource(reference);
    if (!saved) return tl::unexpected(saved.error());
  }
  return shared;
}

Result<void> ServiceCatalog::UpdateMetadata(std::string_view id_or_key, const Json& metadata) {
  if (!metadata.is_object()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The metadata must be a JSON object with labels and annotations.");
  }
  std::lock_guard<std::mutex> lock(write_mutex_);
  auto existing = FindService(id_or_key);
  if (!existing) {
    return MakeError(ErrorCode::kNotFound,
                     "No service with id or name:version '" + std::string(id_or_key) + "'.");
  }
  Service service = *existing;
  for (const char* key : {"labels", "annotations"}) {
    if (!metadata.contains(key) || !metadata[key].is_object()) continue;
    auto& target =
        std::string(key) == "labels" ? service.metadata.labels : service.metadata.annotations;
    target.clear();
    for (const auto& [name, value] : metadata[key].items()) {
      target[name] = value.is_string() ? value.get<std::string>() : DumpJson(value);
    }
  }
  service.metadata.last_update = NowMillis();
  return Apply({std::make_shared<const Service>(std::move(service))}, {}, std::nullopt);
}

Result<void> ServiceCatalog::RestoreServices(std::vector<Service> services,
                                             std::vector<ArtifactRecord> artifacts) {
  std::lock_guard<std::mutex> lock(write_mutex_);
  std::vector<std::shared_ptr<const Service>> upserts;
  for (Service& service : services) {
    upserts.push_back(std::make_shared<const Service>(std::move(service)));
  }
  auto view = [](const ArtifactRecord& record) {
    return ArtifactView{record.name, record.main_artifact, record.content, record.imported_at};
  };
  std::optional<ArtifactView> first;
  if (!artifacts.empty()) first = view(artifacts.front());
  auto applied = Apply(std::move(upserts), {}, first);
  if (!applied) return applied;
  // The store saves one artifact per change, so the others follow in their own commits.
  for (size_t i = 1; i < artifacts.size(); ++i) {
    StoreChange change;
    change.artifact = view(artifacts[i]);
    auto committed = store_->Commit(change);
    if (!committed) return committed;
  }
  return {};
}

}  // namespace mimic
