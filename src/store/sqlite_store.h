#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "store/store.h"

struct sqlite3;

namespace mimic {

// The embedded default store: one SQLite file in WAL mode. Services are kept
// as JSON documents, so the schema does not change with every model field.
class SqliteStore : public Store {
 public:
  // Opens or creates `path`; ":memory:" gives a store that lives with the process.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);
  ~SqliteStore() override;

  Result<std::vector<Service>> LoadServices() override;
  Result<void> Commit(const StoreChange& change) override;
  Result<std::vector<ArtifactRecord>> LoadArtifacts() override;
  Result<void> PutGenericResource(const GenericResource& resource) override;
  Result<std::optional<GenericResource>> GetGenericResource(const std::string& service_id,
                                                            const std::string& id) override;
  Result<bool> DeleteGenericResource(const std::string& service_id, const std::string& id) override;
  Result<std::vector<GenericResource>> ListGenericResources(const std::string& service_id) override;
  Result<void> PutRecord(std::string_view kind, const std::string& id,
                         const Json& document) override;
  Result<std::optional<Json>> GetRecord(std::string_view kind, const std::string& id) override;
  Result<bool> DeleteRecord(std::string_view kind, const std::string& id) override;
  Result<std::vector<StoredRecord>> ListRecords(std::string_view kind) override;
  Result<void> SaveDailyStatistics(const std::vector<DailyStatistic>& statistics) override;
  Result<std::vector<DailyStatistic>> LoadDailyStatistics(const std::string& day) override;

 private:
  explicit SqliteStore(sqlite3* db) : db_(db) {}
  Result<void> Execute(const char* sql);

  sqlite3* db_;
  std::mutex mutex_;
};

}  // namespace mimic
