#pragma once

#include <cstddef>
#include <string_view>

#include "common/error.h"
#include "common/json.h"

namespace mimic {

// Bounds applied while reading an untrusted YAML or JSON document.
struct DocumentLimits {
  size_t max_bytes = 32 * 1024 * 1024;
  int max_depth = 256;
  // Counts nodes after YAML aliases are expanded, so an alias bomb stops here.
  size_t max_nodes = 4 * 1024 * 1024;
};

// Parses YAML (1.2 core schema scalars) or JSON into a document. JSON is
// recognized by its first significant character. Errors name the line and
// column of the problem.
Result<Json> ParseDocument(std::string_view content, const DocumentLimits& limits = {});

// True when the first significant character opens a JSON object or array.
bool LooksLikeJson(std::string_view content);

}  // namespace mimic
