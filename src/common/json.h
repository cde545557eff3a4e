#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace mimic {

// Documents keep their key order: examples are served exactly as written, and
// operations are listed in the order the artifact declares them.
using Json = nlohmann::ordered_json;

// Serializes compactly, with the same text as nlohmann's dump(). Invalid UTF-8
// in strings becomes U+FFFD instead of throwing, because artifacts and request
// bodies are untrusted bytes. Strings are escaped in runs, which makes large
// documents (a stored service holding a whole spec) several times faster.
std::string DumpJson(const Json& json);
// Appends `text` as a quoted JSON string, escaped as DumpJson escapes it.
void AppendJsonString(std::string* out, std::string_view text);
// True when `text` is valid UTF-8, so that JSON can carry it unchanged.
bool IsValidUtf8(std::string_view text);
// An upper bound of the size AppendJsonString gives `text`, quotes included, exact
// for ASCII; callers reserve with it before writing large documents.
size_t JsonStringSize(std::string_view text);

// Field readers for untrusted documents. Each returns `fallback` when `node`
// is not an object, lacks `key`, or contains a value of another type, so a
// document that puts a string where a flag belongs degrades instead of
// throwing out of an importer.
bool FieldOr(const Json& node, std::string_view key, bool fallback);
int64_t FieldOr(const Json& node, std::string_view key, int64_t fallback);
std::string FieldOr(const Json& node, std::string_view key, const char* fallback);
std::string FieldOr(const Json& node, std::string_view key, const std::string& fallback);
// An object or array fallback only accepts a field of that same kind; a null
// fallback accepts any value.
Json FieldOr(const Json& node, std::string_view key, const Json& fallback);

// Returns the field when it is an object (or an array), else a shared empty one.
// Unlike FieldOr, they return a reference instead of a copy, which matters for large
// subtrees such as the `paths` of an OpenAPI document.
const Json& ObjectField(const Json& node, std::string_view key);
const Json& ArrayField(const Json& node, std::string_view key);

}  // namespace mimic
