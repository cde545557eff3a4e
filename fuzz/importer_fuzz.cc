// Feeds arbitrary bytes to artifact detection and every importer that applies,
// through the catalog, as an upload would.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "catalog/service_catalog.h"
#include "spdlog/spdlog.h"
#include "store/sqlite_store.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static bool initialized = [] {
    spdlog::set_level(spdlog::level::off);
    return true;
  }();
  (void)initialized;
  auto store = mimic::SqliteStore::Open(":memory:");
  if (!store) return 0;
  mimic::ServiceCatalog catalog(store->get());
  if (!catalog.Load()) return 0;
  // A main artifact that the sample APIExamples and APIMetadata seeds complete.
  mimic::ImportRequest base;
  base.artifact_name = "base.yaml";
  (void)catalog.Import(
      "openapi: 3.0.0\ninfo: {title: Pet Shelter, version: 1.0.0}\npaths:\n  /pets/{id}:\n"
      "    get:\n      responses: {}\n  /pets:\n    post:\n      responses: {}\n",
      base);
  std::string content(reinterpret_cast<const char*>(data), size);
  mimic::ImportRequest request;
  request.artifact_name = "fuzz.yaml";
  auto outcome = catalog.Import(content, request);
  // The catalog turns an importer exception into an error; for the fuzzer it
  // is still a bug.
  auto fault = [](const auto& result) {
    if (result || !result.error().message.starts_with(mimic::kImportBugPrefix)) return false;
    std::fprintf(stderr, "%s\n", result.error().message.c_str());
    return true;
  };
  if (fault(outcome)) __builtin_trap();
  if (outcome) {
    // The imported service must be servable: build its index and list it.
    auto index = catalog.index();
    (void)index->services().size();
  }
  request.main_artifact = false;
  if (fault(catalog.Import(content, request))) __builtin_trap();
  return 0;
}
