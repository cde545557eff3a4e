#include "store/sqlite_store.h"

#include <sqlite3.h>

#include <limits>

#include "common/json_reader.h"

namespace mimic {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS services (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  document TEXT NOT NULL,
  UNIQUE (name, version)
);
CREATE TABLE IF NOT EXISTS artifacts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  main_artifact INTEGER NOT NULL,
  content BLOB NOT NULL,
  imported_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS generic_resources (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  service_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  reference INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS generic_resources_service ON generic_resources (service_id, seq);
CREATE TABLE IF NOT EXISTS daily_statistics (
  day TEXT NOT NULL,
  service_name TEXT NOT NULL,
  service_version TEXT NOT NULL,
  daily_count INTEGER NOT NULL,
  counts TEXT NOT NULL,
  PRIMARY KEY (day, service_name, service_version)
);
CREATE TABLE IF NOT EXISTS records (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  document TEXT NOT NULL,
  UNIQUE (kind, id)
);
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
)sql";

// Finalizes a statement on every path out of a scope.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return rc_ == SQLITE_OK; }
  sqlite3_stmt* get() { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
};

Error SqlError(sqlite3* db, const std::string& what) {
  return Error{ErrorCode::kInternal, what + ": " + sqlite3_errmsg(db)};
}

// SQLite binds a null pointer as NULL, which the NOT NULL columns reject, and an
// empty view may contain one.
const char* NonNullData(std::string_view text) { return text.data() ? text.data() : ""; }

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return MakeError(ErrorCode::kInternal,
                     "Cannot open the SQLite store at " + path + ": " + message +
                         ". Check that the data directory exists and is writable.");
  }
  std::unique_ptr<SqliteStore> store(new SqliteStore(db));
  sqlite3_busy_timeout(db, 5000);
  // A stored service contains its whole spec, often megabytes, so 64 KiB pages cut the
  // page writes of an import several times over. page_size only applies to a new
  // database. The default checkpoint threshold of 1,000 pages then lets the WAL reach
  // 64 MiB, and journal_size_limit trims the file back after a checkpoint.
  for (const char* pragma :
       {"PRAGMA page_size=65536;", "PRAGMA journal_mode=WAL;", "PRAGMA synchronous=NORMAL;",
        "PRAGMA foreign_keys=ON;", "PRAGMA journal_size_limit=67108864;"}) {
    auto executed = store->Execute(pragma);
    if (!executed) return tl::unexpected(executed.error());
  }
  auto created = store->Execute(kSchema);
  if (!created) return tl::unexpected(created.error());
  return store;
}

SqliteStore::~SqliteStore() { sqlite3_close(db_); }

Result<void> SqliteStore::Execute(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    return MakeError(ErrorCode::kInternal, std::string("SQLite statement failed: ") + text);
  }
  return {};
}

Result<std::vector<Service>> SqliteStore::LoadServices() {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement statement(db_, "SELECT document FROM services ORDER BY name, version");
  if (!statement.ok()) return tl::unexpected(SqlError(db_, "Cannot read services"));
  std::vector<Service> services;
  int rc;
  while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
    const char* text = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 0));
    int size = sqlite3_column_bytes(statement.get(), 0);
    // The store wrote these documents itself, so they get no size limits; the fast
    // reader matters at start, when every service is read at once.
    auto document = ReadJson(std::string_view(text, static_cast<size_t>(size)),
                             {std::numeric_limits<int>::max(), std::numeric_limits<size_t>::max()});
    if (!document) {
      return MakeError(ErrorCode::kInternal,
                       "A stored service document is not valid JSON: " + document.error().reason);
    }
    services.push_back(ServiceFromStoredJson(*document));
  }
  if (rc != SQLITE_DONE) return tl::unexpected(SqlError(db_, "Cannot read services"));
  return services;
}

Result<std::vector<ArtifactRecord>> SqliteStore::LoadArtifacts() {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement statement(
      db_, "SELECT name, main_artifact, content, imported_at FROM artifacts ORDER BY seq");
  if (!statement.ok()) return tl::unexpected(SqlError(db_, "Cannot read artifacts"));
  std::vector<ArtifactRecord> records;
  while (sqlite3_step(statement.get()) == SQLITE_ROW) {
    ArtifactRecord record;
    record.name = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 0));
    record.main_artifact = sqlite3_column_int(statement.get(), 1) != 0;
    const void* blob = sqlite3_column_blob(statement.get(), 2);
    int size = sqlite3_column_bytes(statement.get(), 2);
    record.content.assign(static_cast<const char*>(blob), static_cast<size_t>(size));
    record.imported_at = sqlite3_column_int64(statement.get(), 3);
    records.push_back(std::move(record));
  }
  return records;
}

Result<void> SqliteStore::Commit(const StoreChange& change) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto begun = Execute("BEGIN IMMEDIATE;");
  if (!begun) return begun;
  auto rollback = [&](Error error) -> Result<void> {
    Execute("ROLLBACK;");
    return tl::unexpected(std::move(error));
  };

  for (const std::string& id : change.deleted_service_ids) {
    Statement documents(db_, "DELETE FROM generic_resources WHERE service_id = ?1");
    if (!documents.ok()) return rollback(SqlError(db_, "Cannot delete a service"));
    sqlite3_bind_text(documents.get(), 1, id.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(documents.get()) != SQLITE_DONE) {
      return rollback(SqlError(db_, "Cannot delete a service"));
    }
    Statement statement(db_, "DELETE FROM services WHERE id = ?1");
    if (!statement.ok()) return rollback(SqlError(db_, "Cannot delete a service"));
    sqlite3_bind_text(statement.get(), 1, id.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(statement.get()) != SQLITE_DONE) {
      return rollback(SqlError(db_, "Cannot delete a service"));
    }
  }
  for (const Service* service : change.upserts) {
    // A service is unique by name and version; a re-import may carry a new id for an old pair.
    Statement clear(db_, "DELETE FROM services WHERE name = ?1 AND version = ?2 AND id <> ?3");
    if (!clear.ok()) return rollback(SqlError(db_, "Cannot save a service"));
    sqlite3_bind_text(clear.get(), 1, service->name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(clear.get(), 2, service->version.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(clear.get(), 3, service->id.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(clear.get()) != SQLITE_DONE) {
      return rollback(SqlError(db_, "Cannot save a service"));
    }
    // The document goes in as a zeroblob, then is written through a blob handle:
    // binding it directly would make SQLite build the row as one more copy of a
    // service that can hold several megabytes of spec text.
    std::vector<std::string> chunks = DumpStoredJsonChunks(*service);
    size_t size = 0;
    for (const std::string& chunk : chunks) size += chunk.size();
    Statement statement(
        db_,
        "INSERT INTO services (id, name, version, document) VALUES (?1, ?2, ?3, zeroblob(?4)) "
        "ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
        "version = excluded.version, document = excluded.document RETURNING rowid");
    if (!statement.ok()) return rollback(SqlError(db_, "Cannot save a service"));
    sqlite3_bind_text(statement.get(), 1, service->id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(statement.get(), 2, service->name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(statement.get(), 3, service->version.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(statement.get(), 4, static_cast<sqlite3_int64>(size));
    if (sqlite3_step(statement.get()) != SQLITE_ROW) {
      return rollback(SqlError(db_, "Cannot save a service"));
    }
    sqlite3_int64 rowid = sqlite3_column_int64(statement.get(), 0);
    if (sqlite3_step(statement.get()) != SQLITE_DONE) {
      return rollback(SqlError(db_, "Cannot save a service"));
    }
    sqlite3_blob* blob = nullptr;
    if (sqlite3_blob_open(db_, "main", "services", "document", rowid, 1, &blob) != SQLITE_OK) {
      sqlite3_blob_close(blob);
      return rollback(SqlError(db_, "Cannot save a service"));
    }
    int written = SQLITE_OK;
    int offset = 0;
    for (const std::string& chunk : chunks) {
      if (written != SQLITE_OK) break;
      written = sqlite3_blob_write(blob, chunk.data(), static_cast<int>(chunk.size()), offset);
      offset += static_cast<int>(chunk.size());
    }
    sqlite3_blob_close(blob);
    if (written != SQLITE_OK) return rollback(SqlError(db_, "Cannot save a service"));
  }
  if (change.artifact) {
    // Re-importing an artifact replaces its earlier record but keeps the first position,
    // so imports replay at start in the order they were first made.
    Statement update(db_,
                     "UPDATE artifacts SET main_artifact = ?2, content = ?3, imported_at = ?4 "
                     "WHERE name = ?1");
    if (!update.ok()) return rollback(SqlError(db_, "Cannot save the artifact"));
    const ArtifactView& existing = *change.artifact;
    sqlite3_bind_text(update.get(), 1, existing.name.data(), static_cast<int>(existing.name.size()),
                      SQLITE_TRANSIENT);
    sqlite3_bind_int(update.get(), 2, existing.main_artifact ? 1 : 0);
    sqlite3_bind_blob(update.get(), 3, NonNullData(existing.content),
                      static_cast<int>(existing.content.size()), SQLITE_STATIC);
    sqlite3_bind_int64(update.get(), 4, existing.imported_at);
    if (sqlite3_step(update.get()) != SQLITE_DONE) {
      return rollback(SqlError(db_, "Cannot save the artifact"));
    }
  }
  if (change.artifact && sqlite3_changes(db_) == 0) {
    Statement statement(db_,
                        "INSERT INTO artifacts (name, main_artifact, content, imported_at) "
                        "VALUES (?1, ?2, ?3, ?4)");
    if (!statement.ok()) return rollback(SqlError(db_, "Cannot save the artifact"));
    const ArtifactView& record = *change.artifact;
    sqlite3_bind_text(statement.get(), 1, record.name.data(), static_cast<int>(record.name.size()),
                      SQLITE_TRANSIENT);
    sqlite3_bind_int(statement.get(), 2, record.main_artifact ? 1 : 0);
    sqlite3_bind_blob(statement.get(), 3, NonNullData(record.content),
                      static_cast<int>(record.content.size()), SQLITE_STATIC);
    sqlite3_bind_int64(statement.get(), 4, record.imported_at);
    if (sqlite3_step(statement.get()) != SQLITE_DONE) {
      return rollback(SqlError(db_, "Cannot save the artifact"));
    }
  }
  auto committed = Execute("COMMIT;");
  if (!committed) return rollback(committed.error());
  return {};
}

namespace {

GenericResource ReadGenericResource(sqlite3_stmt* statement) {
  GenericResource resource;
  resource.id = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  resource.service_id = reinterpret_cast<const char*>(sqlite3_column_text(statement, 1));
  const char* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, 2));
  int size = sqlite3_column_bytes(statement, 2);
  resource.payload = Json::parse(text, text + size, nullptr, /*allow_exceptions=*/false);
  if (resource.payload.is_discarded()) resource.payload = Json::object();
  resource.reference = sqlite3_column_int(statement, 3) != 0;
  return resource;
}

}  // namespace

Result<void> SqliteStore::PutGenericResource(const GenericResource& resource) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement statement(db_,
                      "INSERT INTO generic_resources (id, service_id, payload, reference) "
                      "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(id) DO UPDATE SET "
                      "payload = excluded.payload");
  if (!statement.ok()) return tl::unexpected(SqlError(db_, "Cannot save a document"));
  std::string payload = DumpJson(resource.payload);
  sqlite3_bind_text(statement.get(), 1, resource.id.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(statement.get(), 2, resource.service_id.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(statement.get(), 3, payload.c_str(), static_cast<int>(payload.size()),
                    SQLITE_TRANSIENT);
  sqlite3_bind_int(statement.get(), 4, resource.reference ? 1 : 0);
  if (sqlite3_step(statement.get()) != SQLITE_DONE) {
    return tl::unexpected(SqlError(db_, "Cannot save a document"));
  }
  return {};
}

Result<std::optional<GenericResource>> SqliteStore::GetGenericResource(
    const std::string& service_id, const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement statement(db_,
                      "SELECT id, service_id, payload, reference FROM generic_resources "
                      "WHERE service_id = ?1 AND id = ?2");
  if (!statement.ok()) return tl::unexpected(SqlError(db_, "Cannot read a document"));
  sqlite3_bind_text(statement.get(), 1, service_id.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(statement.get(), 2, id.c_str(), -1, SQLITE_TRANSIENT);
  int rc = sqlite3_step(statement.get());
  if (rc == SQLITE_DONE) return std::optional<GenericResource>();
  if (rc != SQLITE_ROW) return tl::unexpected(SqlError(db_, "Cannot read a document"));
  return std::optional<GenericResource>(ReadGenericResource(statement.get()));
}

Result<bool> SqliteStore::DeleteGenericResource(const std::string& service_id,
                                                const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement statement(db_, "DELETE FROM generic_resources WHERE service_id = ?1 AND id = ?2");
  if (!statement.ok()) return tl::unexpected(SqlError(db_, "Cannot delete a document"));
  sqlite3_bind_text(statement.get(), 1, service_id.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(statement.get(), 2, id.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(statement.get()) != SQLITE_DONE) {
    return tl::unexpected(SqlError(db_, "Cannot delete a document"));
  }
  return sqlite3_changes(db_) > 0;
}

Result<std::vector<GenericResource>> SqliteStore::ListGenericResources(
    const std::string& service_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement statement(db_,
                      "SELECT id, service_id, payload, reference FROM generic_resources "
                      "WHERE service_id = ?1 ORDER BY seq");
  if (!statement.ok()) return tl::unexpected(SqlError(db_, "Cannot read documents"));
  sqlite3_bind_text(statement.get(), 1, service_id.c_str(), -1, SQLITE_TRANSIENT);
  std::vector<GenericResource> resources;
  while (sqlite3_step(statement.get()) == SQLITE_ROW) {
    resources.push_back(ReadGenericResource(statement.get()));
  }
  return resources;
}

Result<void> SqliteStore::PutRecord(std::string_view kind, const std::string& id,
                                    const Json& document) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement statement(db_,
                      "INSERT INTO records (kind, id, document) VALUES (?1, ?2, ?3) "
                      "ON CONFLICT(kind, id) DO UPDATE SET document = excluded.document");
  if (!statement.ok()) return tl::unexpected(SqlError(db_, "Cannot save a record"));
  std::string text = DumpJson(document);
  sqlite3_bind_text(statement.get(), 1, kind.data(), static_cast<int>(kind.size()),
                    SQLITE_TRANSIENT);
  sqlite3_bind_text(statement.get(), 2, id.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(statement.get(), 3, text.c_str(), static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
  if (sqlite3_step(statement.get()) != SQLITE_DONE) {
    return tl::unexpected(SqlError(db_, "Cannot save a record"));
  }
  return {};
}

Result<std::optional<Json>> SqliteStore::GetRecord(std::string_view kind, const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement statement(db_, "SELECT document FROM records WHERE kind = ?1 AND id = ?2");
  if (!statement.ok()) return tl::unexpected(SqlError(db_, "Cannot read a record"));
  sqlite3_bind_text(statement.get(), 1, kind.data(), static_cast<int>(kind.size()),
                    SQLITE_TRANSIENT);
  sqlite3_bind_text(statement.get(), 2, id.c_str(), -1, SQLITE_TRANSIENT);
  int rc = sqlite3_step(statement.get());
  if (rc == SQLITE_DONE) return std::optional<Json>();
  if (rc != SQLITE_ROW) return tl::unexpected(SqlError(db_, "Cannot read a record"));
  const char* text = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 0));
  int size = sqlite3_column_bytes(statement.get(), 0);
  Json document = Json::parse(text, text + size, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) document = Json::object();
  return std::optional<Json>(std::move(document));
}

Result<bool> SqliteStore::DeleteRecord(std::string_view kind, const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement statement(db_, "DELETE FROM records WHERE kind = ?1 AND id = ?2");
  if (!statement.ok()) return tl::unexpected(SqlError(db_, "Cannot delete a record"));
  sqlite3_bind_text(statement.get(), 1, kind.data(), static_cast<int>(kind.size()),
                    SQLITE_TRANSIENT);
  sqlite3_bind_text(statement.get(), 2, id.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(statement.get()) != SQLITE_DONE) {
    return tl::unexpected(SqlError(db_, "Cannot delete a record"));
  }
  return sqlite3_changes(db_) > 0;
}

Result<std::vector<StoredRecord>> SqliteStore::ListRecords(std::string_view kind) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement statement(db_, "SELECT id, document FROM records WHERE kind = ?1 ORDER BY seq");
  if (!statement.ok()) return tl::unexpected(SqlError(db_, "Cannot read records"));
  sqlite3_bind_text(statement.get(), 1, kind.data(), static_cast<int>(kind.size()),
                    SQLITE_TRANSIENT);
  std::vector<StoredRecord> records;
  while (sqlite3_step(statement.get()) == SQLITE_ROW) {
    StoredRecord record;
    record.id = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 0));
    const char* text = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 1));
    int size = sqlite3_column_bytes(statement.get(), 1);
    record.document = Json::parse(text, text + size, nullptr, /*allow_exceptions=*/false);
    if (record.document.is_discarded()) record.document = Json::object();
    records.push_back(std::move(record));
  }
  return records;
}

Result<void> SqliteStore::SaveDailyStatistics(const std::vector<DailyStatistic>& statistics) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto begun = Execute("BEGIN IMMEDIATE;");
  if (!begun) return begun;
  for (const DailyStatistic& statistic : statistics) {
    Statement statement(db_,
                        "INSERT INTO daily_statistics (day, service_name, service_version, "
                        "daily_count, counts) VALUES (?1, ?2, ?3, ?4, ?5) "
                        "ON CONFLICT(day, service_name, service_version) DO UPDATE SET "
                        "daily_count = excluded.daily_count, counts = excluded.counts");
    Json counts = {{"hourly", statistic.hourly_count}, {"minute", statistic.minute_count}};
    std::string text = DumpJson(counts);
    sqlite3_bind_text(statement.get(), 1, statistic.day.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(statement.get(), 2, statistic.service_name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(statement.get(), 3, statistic.service_version.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(statement.get(), 4, statistic.daily_count);
    sqlite3_bind_text(statement.get(), 5, text.c_str(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
    if (!statement.ok() || sqlite3_step(statement.get()) != SQLITE_DONE) {
      Error error = SqlError(db_, "Cannot save invocation statistics");
      Execute("ROLLBACK;");
      return tl::unexpected(error);
    }
  }
  return Execute("COMMIT;");
}

Result<std::vector<DailyStatistic>> SqliteStore::LoadDailyStatistics(const std::string& day) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement statement(db_,
                      "SELECT service_name, service_version, daily_count, counts "
                      "FROM daily_statistics WHERE day = ?1");
  if (!statement.ok()) return tl::unexpected(SqlError(db_, "Cannot read invocation statistics"));
  sqlite3_bind_text(statement.get(), 1, day.c_str(), -1, SQLITE_TRANSIENT);
  std::vector<DailyStatistic> statistics;
  while (sqlite3_step(statement.get()) == SQLITE_ROW) {
    DailyStatistic statistic;
    statistic.day = day;
    statistic.service_name = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 0));
    statistic.service_version =
        reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 1));
    statistic.daily_count = sqlite3_column_int64(statement.get(), 2);
    const char* text = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 3));
    Json counts = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    auto copy = [&](const char* key, std::vector<int64_t>& target) {
      if (!counts.is_object() || !counts.contains(key) || !counts[key].is_array()) return;
      const Json& values = counts[key];
      for (size_t i = 0; i < target.size() && i < values.size(); ++i) {
        if (values[i].is_number_integer()) target[i] = values[i].get<int64_t>();
      }
    };
    copy("hourly", statistic.hourly_count);
    copy("minute", statistic.minute_count);
    statistics.push_back(std::move(statistic));
  }
  return statistics;
}

}  // namespace mimic
