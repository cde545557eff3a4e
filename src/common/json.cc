#include "common/json.h"

namespace mimic {
namespace {

const Json* Field(const Json& node, std::string_view key) {
  if (!node.is_object()) return nullptr;
  auto it = node.find(key);
  return it == node.end() ? nullptr : &*it;
}

}  // namespace

bool FieldOr(const Json& node, std::string_view key, bool fallback) {
  const Json* field = Field(node, key);
  return field != nullptr && field->is_boolean() ? field->get<bool>() : fallback;
}

int64_t FieldOr(const Json& node, std::string_view key, int64_t fallback) {
  const Json* field = Field(node, key);
  if (field == nullptr) return fallback;
  if (field->is_number_integer()) return field->get<int64_t>();
  if (field->is_number_unsigned()) {
    uint64_t value = field->get<uint64_t>();
    return value > static_cast<uint64_t>(INT64_MAX) ? fallback : static_cast<int64_t>(value);
  }
  return fallback;
}

std::string FieldOr(const Json& node, std::string_view key, const char* fallback) {
  const Json* field = Field(node, key);
  return field != nullptr && field->is_string() ? field->get<std::string>() : std::string(fallback);
}

std::string FieldOr(const Json& node, std::string_view key, const std::string& fallback) {
  return FieldOr(node, key, fallback.c_str());
}

const Json& ObjectField(const Json& node, std::string_view key) {
  static const Json kEmpty = Json::object();
  const Json* field = Field(node, key);
  return field != nullptr && field->is_object() ? *field : kEmpty;
}

const Json& ArrayField(const Json& node, std::string_view key) {
  static const Json kEmpty = Json::array();
  const Json* field = Field(node, key);
  return field != nullptr && field->is_array() ? *field : kEmpty;
}

Json FieldOr(const Json& node, std::string_view key, const Json& fallback) {
  const Json* field = Field(node, key);
  if (field == nullptr) return fallback;
  if (fallback.is_object() && !field->is_object()) return fallback;
  if (fallback.is_array() && !field->is_array()) return fallback;
  return *field;
}

}  // namespace mimic
