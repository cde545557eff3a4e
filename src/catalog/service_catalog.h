#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "importer/artifact_type.h"
#include "importer/import_result.h"
#include "index/mock_index.h"
#include "store/store.h"

namespace mimic {

struct ImportRequest {
  std::string artifact_name;
  bool main_artifact = true;
  std::string base_uri;                // for relative references; empty for uploads
  DocumentFetcher* fetcher = nullptr;  // reaches referenced documents; may be null
};

struct ImportOutcome {
  std::vector<std::string> service_refs;  // "name:version" of every service touched
  std::vector<ImportDiagnostic> diagnostics;
  bool nothing_imported = false;  // a secondary artifact whose service does not exist
};

// The services Mimic has imported, the store behind them, and the mock index built
// from them. Writers are serialized; readers take the current index without
// locking. Every change is written to the store before the new index is
// published, so a failed import changes nothing.
inline constexpr std::string_view kImportBugPrefix = "internal error while importing ";

class ServiceCatalog {
 public:
  explicit ServiceCatalog(Store* store) : store_(store) {}

  // Loads every service from the store and builds the first index.
  Result<void> Load();

  // An importer fault comes back as kInternal with a message that starts
  // with kImportBugPrefix, so fuzz targets can tell it from refused input.
  Result<ImportOutcome> Import(std::string_view content, const ImportRequest& request);

  std::vector<std::shared_ptr<const Service>> ListServices() const;
  // Finds by id, or by "name:version" ('+' standing for a space is accepted).
  std::shared_ptr<const Service> FindService(std::string_view id_or_key) const;
  Result<void> DeleteService(std::string_view id_or_key);

  // Changes an operation's dispatching at runtime, as Microcks' operation override does.
  // The change is marked as an override, so re-importing the main artifact keeps it.
  Result<void> OverrideOperation(std::string_view id_or_key, std::string_view operation_name,
                                 const Json& override_fields);
  // Creates a stateful GENERIC_REST service whose documents live under
  // /dynarest/{name}/{version}/{resource}. Fails with kAlreadyExists when the
  // name and version are taken.
  Result<std::shared_ptr<const Service>> CreateGenericService(const std::string& name,
                                                              const std::string& version,
                                                              const std::string& resource,
                                                              const Json& reference_payload);

  Store* store() const { return store_; }

  // Writes services exactly as given (ids, dates, overrides and exchanges included),
  // replacing those with the same id or the same name and version, then saves the
  // artifacts they came from. Used to restore a snapshot.
  Result<void> RestoreServices(std::vector<Service> services,
                               std::vector<ArtifactRecord> artifacts);

  // Replaces the labels and annotations of a service.
  Result<void> UpdateMetadata(std::string_view id_or_key, const Json& metadata);

  std::shared_ptr<const MockIndex> index() const;
  // Applies to every index built afterwards; call it before Load.
  void set_index_options(const IndexOptions& options) { index_options_ = options; }
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

 private:
  // Releases `detected.document` once the importer is done with it, before the store
  // write, so the parsed tree and the serialized service do not peak together.
  Result<ImportOutcome> ImportMain(DetectedArtifact& detected, std::string_view content,
                                   const ImportRequest& request);
  Result<ImportOutcome> ImportSecondary(const DetectedArtifact& detected, std::string_view content,
                                        const ImportRequest& request);
  // Persists then publishes. Callers hold write_mutex_.
  Result<void> Apply(std::vector<std::shared_ptr<const Service>> upserts,
                     std::vector<std::string> deleted_ids, std::optional<ArtifactView> artifact);
  std::shared_ptr<const Service> FindLocked(std::string_view id_or_key) const;

  // How long the phases of the last Apply took, for the import log line.
  // Guarded by write_mutex_.
  struct ApplyTimes {
    double store_ms = 0;
    double index_ms = 0;
  };
  ApplyTimes last_apply_times_;
  IndexOptions index_options_;

  Store* store_;
  std::mutex write_mutex_;
  mutable std::mutex read_mutex_;
  std::map<std::string, std::shared_ptr<const Service>> services_;  // by id
  std::shared_ptr<const MockIndex> index_;
  std::atomic<uint64_t> generation_{0};
};

// A 24-hex-digit identifier shaped like Microcks' (MongoDB ObjectId) ids.
std::string NewObjectId();

int64_t NowMillis();

}  // namespace mimic
