#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "model/service.h"

namespace mimic {

// An artifact as it was imported, kept so that imports can be replayed in order.
struct ArtifactRecord {
  std::string name;
  bool main_artifact = true;
  std::string content;
  int64_t imported_at = 0;  // epoch milliseconds
};

// An artifact to save, borrowed from the caller so a large upload is not copied
// again on its way to the store.
struct ArtifactView {
  std::string_view name;
  bool main_artifact = true;
  std::string_view content;
  int64_t imported_at = 0;  // epoch milliseconds
};

// A document stored by a stateful (/dynarest) mock.
struct GenericResource {
  std::string id;
  std::string service_id;
  Json payload;
  bool reference = false;  // the reference payload given when the service was created
};

// Mock invocation counts of one service on one day (UTC), as Microcks reports them.
struct DailyStatistic {
  std::string day;  // yyyyMMdd
  std::string service_name;
  std::string service_version;
  int64_t daily_count = 0;
  std::vector<int64_t> hourly_count = std::vector<int64_t>(24, 0);
  std::vector<int64_t> minute_count = std::vector<int64_t>(1440, 0);
};

// A management record (a secret, an import job, a test result...): a JSON
// document filed under a kind and an id.
struct StoredRecord {
  std::string id;
  Json document;
};

// One atomic change to the store: everything in it is written, or nothing.
struct StoreChange {
  std::vector<const Service*> upserts;
  std::vector<std::string> deleted_service_ids;
  std::optional<ArtifactView> artifact;
};

// Persistence behind the catalog. Implementations must make Commit atomic and
// durable before it returns.
class Store {
 public:
  virtual ~Store() = default;
  virtual Result<std::vector<Service>> LoadServices() = 0;
  virtual Result<void> Commit(const StoreChange& change) = 0;
  virtual Result<std::vector<ArtifactRecord>> LoadArtifacts() = 0;

  // Documents of stateful mocks, kept per service in insertion order.
  virtual Result<void> PutGenericResource(const GenericResource& resource) = 0;
  virtual Result<std::optional<GenericResource>> GetGenericResource(const std::string& service_id,
                                                                    const std::string& id) = 0;
  virtual Result<bool> DeleteGenericResource(const std::string& service_id,
                                             const std::string& id) = 0;
  virtual Result<std::vector<GenericResource>> ListGenericResources(
      const std::string& service_id) = 0;

  // Management records by kind. Put inserts or replaces; List returns them in
  // first-insertion order.
  virtual Result<void> PutRecord(std::string_view kind, const std::string& id,
                                 const Json& document) = 0;
  virtual Result<std::optional<Json>> GetRecord(std::string_view kind, const std::string& id) = 0;
  virtual Result<bool> DeleteRecord(std::string_view kind, const std::string& id) = 0;
  virtual Result<std::vector<StoredRecord>> ListRecords(std::string_view kind) = 0;

  // Invocation statistics: upserts whole daily records, reads them back by day.
  virtual Result<void> SaveDailyStatistics(const std::vector<DailyStatistic>& statistics) = 0;
  virtual Result<std::vector<DailyStatistic>> LoadDailyStatistics(const std::string& day) = 0;
};

}  // namespace mimic
