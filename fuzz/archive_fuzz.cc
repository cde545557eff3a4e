// Feeds arbitrary bytes to the archive reader and, through the catalog, to the
// bundle import that an uploaded zip or tar.gz goes through.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "catalog/bundle_import.h"
#include "importer/archive_reader.h"
#include "spdlog/spdlog.h"
#include "store/sqlite_store.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static bool initialized = [] {
    spdlog::set_level(spdlog::level::off);
    return true;
  }();
  (void)initialized;
  std::string_view content(reinterpret_cast<const char*>(data), size);
  // Small limits keep each run fast while still reaching every limit check.
  mimic::ArchiveLimits limits;
  limits.max_entries = 64;
  limits.max_total_bytes = 1 << 20;
  limits.max_entry_bytes = 256 * 1024;
  limits.ratio_free_bytes = 64 * 1024;

  auto files = mimic::ReadArchive(content, limits);
  if (files) {
    for (const mimic::ArchiveFile& file : *files) {
      // The reader promises normalized relative paths.
      auto again = mimic::NormalizeArchivePath(file.path);
      if (!again || *again != file.path || file.path.empty()) __builtin_trap();
    }
  }

  auto store = mimic::SqliteStore::Open(":memory:");
  if (!store) return 0;
  mimic::ServiceCatalog catalog(store->get());
  if (!catalog.Load()) return 0;
  auto outcome = mimic::ImportBundle(catalog, content, limits);
  if (!outcome && outcome.error().message.starts_with(mimic::kImportBugPrefix)) {
    std::fprintf(stderr, "%s\n", outcome.error().message.c_str());
    __builtin_trap();
  }
  return 0;
}
