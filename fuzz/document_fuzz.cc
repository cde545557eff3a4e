// Feeds arbitrary bytes to the YAML and JSON document readers, with small limits.
// A JSON text is also read by nlohmann's parser: where both accept it, the two
// trees must be the same, because the importers were written against that parser.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

#include "common/json_reader.h"
#include "importer/document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  mimic::DocumentLimits limits;
  limits.max_depth = 64;
  limits.max_nodes = 20000;
  (void)mimic::ParseDocument(text, limits);

  auto fast = mimic::ReadJson(text, {limits.max_depth, limits.max_nodes});
  if (!fast) return 0;
  mimic::Json reference =
      mimic::Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (reference.is_discarded()) return 0;
  if (mimic::DumpJson(*fast) != mimic::DumpJson(reference)) {
    std::fprintf(stderr, "readers disagree:\n%s\n%s\n", mimic::DumpJson(*fast).c_str(),
                 mimic::DumpJson(reference).c_str());
    __builtin_trap();
  }
  return 0;
}
