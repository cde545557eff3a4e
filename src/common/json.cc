#include "common/json.h"

#include "common/utf8.h"

namespace mimic {
namespace {

const Json* Field(const Json& node, std::string_view key) {
  if (!node.is_object()) return nullptr;
  auto it = node.find(key);
  return it == node.end() ? nullptr : &*it;
}

void AppendValue(std::string* out, const Json& json) {
  switch (json.type()) {
    case Json::value_t::object: {
      *out += '{';
      bool first = true;
      for (const auto& [key, value] : json.items()) {
        if (!first) *out += ',';
        first = false;
        AppendJsonString(out, key);
        *out += ':';
        AppendValue(out, value);
      }
      *out += '}';
      return;
    }
    case Json::value_t::array: {
      *out += '[';
      bool first = true;
      for (const Json& value : json) {
        if (!first) *out += ',';
        first = false;
        AppendValue(out, value);
      }
      *out += ']';
      return;
    }
    case Json::value_t::string:
      AppendJsonString(out, json.get_ref<const std::string&>());
      return;
    default:
      // Numbers, booleans, null and binary keep nlohmann's formatting.
      *out += json.dump(-1, ' ', false, Json::error_handler_t::replace);
  }
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    uint32_t code_point = 0;
    size_t length = DecodeUtf8(text, i, &code_point);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

std::string DumpJson(const Json& json) {
  std::string out;
  AppendValue(&out, json);
  return out;
}

size_t JsonStringSize(std::string_view text) {
  size_t size = text.size() + 2;
  for (char raw : text) {
    auto c = static_cast<unsigned char>(raw);
    if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
      size += 1;
    } else if (c < 0x20) {
      size += 5;
    } else if (c >= 0x80) {
      size += 2;  // a broken byte becomes U+FFFD, three bytes
    }
  }
  return size;
}

void AppendJsonString(std::string* out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  size_t start = out->size();
  *out += '"';
  size_t run = 0;
  unsigned char high = 0;  // any byte >= 0x80 means the text needs a UTF-8 check
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    high |= c;
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\b':
        *out += "\\b";
        break;
      case '\f':
        *out += "\\f";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      default:
        *out += "\\u00";
        *out += kHex[c >> 4];
        *out += kHex[c & 15];
    }
  }
  if ((high & 0x80) != 0 && !IsValidUtf8(text)) {
    // nlohmann's replacement rules for broken sequences are kept exactly.
    out->resize(start);
    *out += Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
    return;
  }
  out->append(text.data() + run, text.size() - run);
  *out += '"';
}

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
