#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "catalog/service_catalog.h"
#include "common/error.h"
#include "common/json.h"
#include "net/http_fetcher.h"

namespace mimic {

// The store kind under which import jobs are filed, in Microcks' ImportJob JSON.
inline constexpr std::string_view kImportJobRecordKind = "import-job";

// Builds the stored form of a job from a client's ImportJob JSON: the editable
// fields (name, repositoryUrl, mainArtifact, repositoryDisableSSLValidation,
// frequency, secretRef, metadata) come from `input`, the rest (id, dates,
// active, results of the last import) from `existing`. Fails with a message
// when the name or URL is missing or the URL is not http(s).
Result<Json> MergeImportJob(const Json& input, const Json& existing);

// Import jobs: a repository URL imported on demand and, while the job is
// active, again at a fixed interval by a background thread. Each run records
// its date, its error (if any) and the services it touched on the job.
class ImportJobs {
 public:
  ImportJobs(ServiceCatalog* catalog, FetcherFactory make_fetcher, std::chrono::seconds interval);
  ~ImportJobs();
  ImportJobs(const ImportJobs&) = delete;
  ImportJobs& operator=(const ImportJobs&) = delete;

  // Starts the scheduler thread; the destructor stops and joins it.
  void StartScheduler();
  void StopScheduler();

  Result<std::vector<Json>> List();
  Result<std::optional<Json>> Get(const std::string& id);
  // Fails with kAlreadyExists when another job has the same name.
  Result<Json> Create(const Json& input);
  Result<std::optional<Json>> Update(const std::string& id, const Json& input);
  Result<bool> Delete(const std::string& id);
  Result<std::optional<Json>> SetActive(const std::string& id, bool active);

  // Imports the job's repository now, records the outcome on the job and
  // returns the updated job; nullopt when no job has that id. Blocks on the
  // network: call it off the I/O threads.
  Result<std::optional<Json>> Run(const std::string& id);

 private:
  Result<void> CheckNameFree(const std::string& name, const std::string& own_id);
  void SchedulerLoop();

  ServiceCatalog* catalog_;
  FetcherFactory make_fetcher_;
  std::chrono::seconds interval_;
  std::mutex records_mutex_;  // read-modify-write of job records
  std::mutex run_mutex_;      // one import at a time, on demand or scheduled
  std::mutex scheduler_mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread scheduler_;
};

}  // namespace mimic
