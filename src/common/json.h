#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace mimic {

// Documents keep their key order: examples are served exactly as written, and
// operations are listed in the order the artifact declares them.
using Json = nlohmann::ordered_json;

// Serializes compactly. Invalid UTF-8 in strings becomes U+FFFD instead of
// throwing, because artifacts and request bodies are untrusted bytes.
inline std::string DumpJson(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace mimic
