#pragma once

#include <cstdint>
#include <optional>
#include <string>
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

// One atomic change to the store: everything in it is written, or nothing.
struct StoreChange {
  std::vector<const Service*> upserts;
  std::vector<std::string> deleted_service_ids;
  std::optional<ArtifactRecord> artifact;
};

// Persistence behind the catalog. Implementations must make Commit atomic and
// durable before it returns.
class Store {
 public:
  virtual ~Store() = default;
  virtual Result<std::vector<Service>> LoadServices() = 0;
  virtual Result<void> Commit(const StoreChange& change) = 0;
  virtual Result<std::vector<ArtifactRecord>> LoadArtifacts() = 0;
};

}  // namespace mimic
