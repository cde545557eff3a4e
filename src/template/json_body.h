#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/error.h"
#include "common/json.h"

namespace mimic::tmpl {

// Parses `text` as one JSON document without throwing. Rejects documents nested deeper
// than kMaxJsonDepth. Duplicate object keys are all kept, and lookups find the first.
// Builds the tree itself because Json objects check every insert for an existing key,
// which makes an object with n keys cost O(n^2) to parse.
Result<Json> ParseJsonDocument(std::string_view text);

// Splits an RFC 6901 JSON Pointer such as "/books/0/title" into unescaped reference
// tokens. The empty pointer selects the whole document and yields no tokens.
Result<std::vector<std::string>> ParseJsonPointer(std::string_view pointer);

// Hash indexes of the large objects of one document, built on their first lookup, so
// that many lookups in an object with n members cost O(n) in total instead of O(n) each.
// The document must outlive the cache and stay unchanged.
class JsonLookupCache {
 public:
  // Returns the first member of `object` named `key`, or null.
  const Json* FindMember(const Json& object, const std::string& key);

 private:
  std::unordered_map<const Json*, std::unordered_map<std::string_view, const Json*>> indexes_;
};

// Follows reference tokens from `document`. Returns null when a token names no member or
// no array element. "-" and indexes with leading zeros select nothing.
const Json* FindJsonValue(const Json& document, const std::vector<std::string>& tokens,
                          JsonLookupCache* cache = nullptr);

// Returns a string value without quotes and any other value as compact JSON, the way
// Microcks renders a selected node.
std::string JsonValueText(const Json& value);

}  // namespace mimic::tmpl
