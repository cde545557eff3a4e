#include "jobs/import_jobs.h"

#include "common/strings.h"
#include "secrets/origin_credentials.h"
#include "secrets/secret.h"
#include "spdlog/spdlog.h"

namespace mimic {
namespace {

// The secret a job refers to, by id first and then by name, as Microcks' secretRef allows.
Result<std::optional<Secret>> JobSecret(Store& store, const Json& job) {
  Json ref = FieldOr(job, "secretRef", Json::object());
  std::string id = FieldOr(ref, "secretId", "");
  std::string name = FieldOr(ref, "name", "");
  if (id.empty() && name.empty()) return std::optional<Secret>();
  if (!id.empty()) {
    auto record = store.GetRecord(kSecretRecordKind, id);
    if (!record) return tl::unexpected(record.error());
    if (record->has_value()) {
      Secret secret = SecretFromJson(**record);
      secret.id = id;
      return std::optional<Secret>(secret);
    }
  }
  if (!name.empty()) {
    auto found = FindSecret(store, name);
    if (!found) return tl::unexpected(found.error());
    if (found->has_value()) return found;
  }
  return MakeError(ErrorCode::kNotFound,
                   "The job refers to secret '" + (name.empty() ? id : name) +
                       "', which does not exist: create it or change the job's secretRef.");
}

// Rejects a job whose secretRef names no stored secret, so the mistake shows
// at creation instead of in the job's first lastImportError.
Result<void> CheckJobSecret(Store& store, Json* job) {
  auto secret = JobSecret(store, *job);
  if (!secret) {
    Error error = secret.error();
    if (error.code == ErrorCode::kNotFound) error.code = ErrorCode::kInvalidArgument;
    return tl::unexpected(error);
  }
  if (secret->has_value()) {
    (*job)["secretRef"] = Json{{"secretId", (*secret)->id}, {"name", (*secret)->name}};
  }
  return {};
}

}  // namespace

Result<Json> MergeImportJob(const Json& input, const Json& existing) {
  Json job = existing.is_object() ? existing : Json::object();
  std::string name = FieldOr(input, "name", "");
  std::string url = FieldOr(input, "repositoryUrl", "");
  if (Trim(name).empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "The import job needs a non-empty 'name'.");
  }
  if (!UrlOrigin(url)) {
    return MakeError(ErrorCode::kInvalidArgument, "The import job's repositoryUrl '" + url +
                                                      "' is not an absolute http or https URL.");
  }

  job["name"] = name;
  job["repositoryUrl"] = url;
  job["mainArtifact"] = FieldOr(input, "mainArtifact", true);
  job["repositoryDisableSSLValidation"] = FieldOr(input, "repositoryDisableSSLValidation", false);
  std::string frequency = FieldOr(input, "frequency", "");
  if (!frequency.empty()) {
    job["frequency"] = frequency;
  } else {
    job.erase("frequency");
  }

  Json secret_ref = FieldOr(input, "secretRef", Json::object());
  std::string secret_id = FieldOr(secret_ref, "secretId", "");
  std::string secret_name = FieldOr(secret_ref, "name", "");
  if (!secret_id.empty() || !secret_name.empty()) {
    job["secretRef"] = Json{{"secretId", secret_id}, {"name", secret_name}};
  } else {
    job.erase("secretRef");
  }

  Json metadata = FieldOr(input, "metadata", Json::object());
  if (!metadata.empty()) {
    job["metadata"] = metadata;
  }

  if (!job.contains("active")) job["active"] = false;
  if (!job.contains("serviceRefs")) job["serviceRefs"] = Json::array();
  return job;
}

ImportJobs::ImportJobs(ServiceCatalog* catalog, FetcherFactory make_fetcher,
                       std::chrono::seconds interval)
    : catalog_(catalog), make_fetcher_(std::move(make_fetcher)), interval_(interval) {}

ImportJobs::~ImportJobs() { StopScheduler(); }

void ImportJobs::StartScheduler() {
  std::lock_guard lock(scheduler_mutex_);
  if (scheduler_.joinable()) return;
  stopping_ = false;
  scheduler_ = std::thread([this] { SchedulerLoop(); });
}

void ImportJobs::StopScheduler() {
  {
    std::lock_guard lock(scheduler_mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (scheduler_.joinable()) scheduler_.join();
}

void ImportJobs::SchedulerLoop() {
  while (true) {
    {
      std::unique_lock lock(scheduler_mutex_);
      if (wake_.wait_for(lock, interval_, [this] { return stopping_; })) return;
    }
    auto jobs = List();
    if (!jobs) {
      spdlog::error("event=job.schedule_failed error={}", LogValue(jobs.error().message));
      continue;
    }
    for (const Json& job : *jobs) {
      {
        std::lock_guard lock(scheduler_mutex_);
        if (stopping_) return;
      }
      if (!FieldOr(job, "active", false)) continue;
      auto ran = Run(FieldOr(job, "id", ""));
      if (!ran) {
        spdlog::error("event=job.run_failed id={} error={}", LogValue(FieldOr(job, "id", "")),
                      LogValue(ran.error().message));
      }
    }
  }
}

Result<std::vector<Json>> ImportJobs::List() {
  auto records = catalog_->store()->ListRecords(kImportJobRecordKind);
  if (!records) return tl::unexpected(records.error());
  std::vector<Json> jobs;
  for (StoredRecord& record : *records) {
    record.document["id"] = record.id;
    jobs.push_back(std::move(record.document));
  }
  return jobs;
}

Result<std::optional<Json>> ImportJobs::Get(const std::string& id) {
  auto record = catalog_->store()->GetRecord(kImportJobRecordKind, id);
  if (!record) return tl::unexpected(record.error());
  if (record->has_value()) (**record)["id"] = id;
  return std::move(*record);
}

Result<void> ImportJobs::CheckNameFree(const std::string& name, const std::string& own_id) {
  auto jobs = List();
  if (!jobs) return tl::unexpected(jobs.error());
  for (const Json& job : *jobs) {
    if (FieldOr(job, "id", "") != own_id && FieldOr(job, "name", "") == name) {
      return MakeError(ErrorCode::kAlreadyExists,
                       "An import job named '" + name + "' already exists (id " +
                           FieldOr(job, "id", "") + "): choose another name or update that job.");
    }
  }
  return {};
}

Result<Json> ImportJobs::Create(const Json& input) {
  std::lock_guard lock(records_mutex_);
  auto job = MergeImportJob(input, Json::object());
  if (!job) return job;
  if (auto checked = CheckJobSecret(*catalog_->store(), &*job); !checked) {
    return tl::unexpected(checked.error());
  }
  if (auto free = CheckNameFree((*job)["name"].get<std::string>(), ""); !free) {
    return tl::unexpected(free.error());
  }
  std::string id = NewObjectId();
  Json stored = Json{{"id", id}};
  stored.update(*job);
  stored["createdDate"] = NowMillis();
  if (auto put = catalog_->store()->PutRecord(kImportJobRecordKind, id, stored); !put) {
    return tl::unexpected(put.error());
  }
  spdlog::info("event=job.created id={} name={}", id, LogValue(FieldOr(stored, "name", "")));
  return stored;
}

Result<std::optional<Json>> ImportJobs::Update(const std::string& id, const Json& input) {
  std::lock_guard lock(records_mutex_);
  auto existing = Get(id);
  if (!existing || !existing->has_value()) return existing;
  auto job = MergeImportJob(input, **existing);
  if (!job) return tl::unexpected(job.error());
  if (auto checked = CheckJobSecret(*catalog_->store(), &*job); !checked) {
    return tl::unexpected(checked.error());
  }
  if (auto free = CheckNameFree((*job)["name"].get<std::string>(), id); !free) {
    return tl::unexpected(free.error());
  }
  if (auto put = catalog_->store()->PutRecord(kImportJobRecordKind, id, *job); !put) {
    return tl::unexpected(put.error());
  }
  spdlog::info("event=job.updated id={}", LogValue(id));
  return std::optional<Json>(std::move(*job));
}

Result<bool> ImportJobs::Delete(const std::string& id) {
  std::lock_guard lock(records_mutex_);
  auto deleted = catalog_->store()->DeleteRecord(kImportJobRecordKind, id);
  if (deleted && *deleted) spdlog::info("event=job.deleted id={}", LogValue(id));
  return deleted;
}

Result<std::optional<Json>> ImportJobs::SetActive(const std::string& id, bool active) {
  std::lock_guard lock(records_mutex_);
  auto job = Get(id);
  if (!job || !job->has_value()) return job;
  (**job)["active"] = active;
  if (auto put = catalog_->store()->PutRecord(kImportJobRecordKind, id, **job); !put) {
    return tl::unexpected(put.error());
  }
  spdlog::info("event=job.{} id={}", active ? "activated" : "stopped", LogValue(id));
  return job;
}

Result<std::optional<Json>> ImportJobs::Run(const std::string& id) {
  std::lock_guard run_lock(run_mutex_);
  auto loaded = Get(id);
  if (!loaded || !loaded->has_value()) return loaded;
  Json job = std::move(**loaded);
  std::string url = FieldOr(job, "repositoryUrl", "");

  // The network part runs without the records lock so the API stays responsive.
  std::string error;
  Json service_refs = Json::array();
  FetchSettings settings;
  settings.verify_tls = !FieldOr(job, "repositoryDisableSSLValidation", false);
  auto secret = JobSecret(*catalog_->store(), job);
  if (!secret) {
    error = secret.error().message;
  } else if (secret->has_value()) {
    auto credentials = CredentialsForArtifact(**secret, url);
    if (credentials) {
      settings.credentials = std::move(*credentials);
    } else {
      error = credentials.error().message;
    }
  }
  if (error.empty()) {
    std::unique_ptr<DocumentFetcher> fetcher = make_fetcher_(settings);
    auto content = fetcher->Fetch(url);
    if (!content) {
      error = content.error().message;
    } else {
      ImportRequest request;
      request.artifact_name = url;
      request.main_artifact = FieldOr(job, "mainArtifact", true);
      request.base_uri = url;
      request.fetcher = fetcher.get();
      auto outcome = catalog_->Import(*content, request);
      if (!outcome) {
        error = outcome.error().message;
      } else {
        for (const std::string& ref : outcome->service_refs) {
          auto service = catalog_->FindService(ref);
          if (service == nullptr) continue;
          service_refs.push_back(
              {{"serviceId", service->id}, {"name", service->name}, {"version", service->version}});
        }
      }
    }
  }

  std::lock_guard lock(records_mutex_);
  // Re-read: the job may have been edited or deleted while the import ran.
  auto current = Get(id);
  if (!current) return tl::unexpected(current.error());
  if (!current->has_value()) return current;
  Json& updated = **current;
  updated["lastImportDate"] = NowMillis();
  if (error.empty()) {
    updated.erase("lastImportError");
    updated["serviceRefs"] = std::move(service_refs);
    spdlog::info("event=job.imported id={} url={} services={}", LogValue(id), LogValue(url),
                 updated["serviceRefs"].size());
  } else {
    updated["lastImportError"] = error;
    spdlog::warn("event=job.import_failed id={} url={} error={}", LogValue(id), LogValue(url),
                 LogValue(error));
  }
  if (auto put = catalog_->store()->PutRecord(kImportJobRecordKind, id, updated); !put) {
    return tl::unexpected(put.error());
  }
  return current;
}

}  // namespace mimic
