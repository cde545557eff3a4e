#include "schema/json_values.h"

#include "common/strings.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <utility>
#include <vector>

namespace mimic::schema {
namespace {

constexpr size_t kMaxHashDepth = 16;

// Mixes a value into a running hash (the boost::hash_combine constant).
void Combine(size_t& seed, size_t value) {
  seed ^= value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
}

size_t HashNumber(const Json& value) {
  // Integral values hash through their integer form so that 1 and 1.0 collide, as JsonEquals
  // treats them as equal.
  if (value.is_number_unsigned()) return std::hash<unsigned long long>()(value.get<uint64_t>());
  if (value.is_number_integer()) {
    int64_t v = value.get<int64_t>();
    if (v >= 0) return std::hash<unsigned long long>()(static_cast<uint64_t>(v));
    return std::hash<long long>()(v);
  }
  double d = value.get<double>();
  if (d == std::floor(d) && std::isfinite(d)) {
    if (d >= 0 && d < 18446744073709551616.0) {
      return std::hash<unsigned long long>()(static_cast<uint64_t>(d));
    }
    if (d < 0 && d >= -9223372036854775808.0) {
      return std::hash<long long>()(static_cast<int64_t>(d));
    }
  }
  return std::hash<double>()(d);
}

size_t HashAtDepth(const Json& value, size_t depth) {
  size_t seed = static_cast<size_t>(value.type() == Json::value_t::number_unsigned ||
                                            value.type() == Json::value_t::number_float
                                        ? Json::value_t::number_integer
                                        : value.type());
  if (depth >= kMaxHashDepth) return seed;
  switch (value.type()) {
    case Json::value_t::null:
    case Json::value_t::discarded:
      return seed;
    case Json::value_t::boolean:
      Combine(seed, value.get<bool>() ? 1 : 2);
      return seed;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      Combine(seed, HashNumber(value));
      return seed;
    case Json::value_t::string:
      Combine(seed, std::hash<std::string>()(value.get_ref<const std::string&>()));
      return seed;
    case Json::value_t::binary:
      return seed;
    case Json::value_t::array:
      for (const Json& item : value) Combine(seed, HashAtDepth(item, depth + 1));
      return seed;
    case Json::value_t::object: {
      // Member order must not matter, so members are combined with a commutative sum.
      size_t sum = 0;
      for (const auto& [key, member] : value.items()) {
        size_t member_hash = std::hash<std::string>()(key);
        Combine(member_hash, HashAtDepth(member, depth + 1));
        sum += member_hash;
      }
      Combine(seed, sum);
      return seed;
    }
  }
  return seed;
}

bool ScalarEquals(const Json& a, const Json& b) {
  if (a.is_number() && b.is_number()) return CompareNumbers(a, b) == 0;
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case Json::value_t::null:
      return true;
    case Json::value_t::boolean:
      return a.get<bool>() == b.get<bool>();
    case Json::value_t::string:
      return a.get_ref<const std::string&>() == b.get_ref<const std::string&>();
    case Json::value_t::binary:
      return a == b;
    default:
      return false;
  }
}

void AppendTruncated(std::string& out, std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) {
    out += text;
    return;
  }
  size_t cut = max_bytes;
  // Never split a UTF-8 sequence: back up to the start of the code point.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  out += text.substr(0, cut);
  out += "...";
}

std::string DumpScalar(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

void Describe(const Json& value, std::string& out, size_t budget, size_t depth) {
  if (out.size() >= budget) return;
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    size_t room = std::max<size_t>(budget > out.size() ? budget - out.size() : 0, 16);
    if (text.size() <= room) {
      out += DumpScalar(value);
      return;
    }
    // Shorten before quoting, so a megabyte string is never copied into a message.
    std::string head;
    AppendTruncated(head, text, room);
    std::string quoted = DumpScalar(Json(head));
    out += quoted;
    return;
  }
  if (!value.is_array() && !value.is_object()) {
    out += DumpScalar(value);
    return;
  }
  bool is_array = value.is_array();
  if (value.empty()) {
    out += is_array ? "[]" : "{}";
    return;
  }
  if (depth >= 3) {
    out += is_array ? "[...]" : "{...}";
    return;
  }
  out.push_back(is_array ? '[' : '{');
  bool first = true;
  for (const auto& [key, member] : value.items()) {
    if (!first) out += ", ";
    first = false;
    if (out.size() >= budget) {
      out += "...";
      break;
    }
    if (!is_array) {
      out += DumpScalar(Json(key));
      out += ": ";
    }
    Describe(member, out, budget, depth + 1);
  }
  out.push_back(is_array ? ']' : '}');
}

}  // namespace

int CompareNumbers(const Json& a, const Json& b) {
  bool a_integer = a.is_number_integer();
  bool b_integer = b.is_number_integer();
  if (a_integer && b_integer) {
    __int128 x = a.is_number_unsigned() ? static_cast<__int128>(a.get<uint64_t>())
                                        : static_cast<__int128>(a.get<int64_t>());
    __int128 y = b.is_number_unsigned() ? static_cast<__int128>(b.get<uint64_t>())
                                        : static_cast<__int128>(b.get<int64_t>());
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  auto to_long_double = [](const Json& v) -> long double {
    if (v.is_number_unsigned()) return static_cast<long double>(v.get<uint64_t>());
    if (v.is_number_integer()) return static_cast<long double>(v.get<int64_t>());
    return static_cast<long double>(v.get<double>());
  };
  long double x = to_long_double(a);
  long double y = to_long_double(b);
  return x < y ? -1 : (x > y ? 1 : 0);
}

bool IsIntegral(const Json& value) {
  if (value.is_number_integer()) return true;
  if (!value.is_number_float()) return false;
  double d = value.get<double>();
  return std::isfinite(d) && d == std::floor(d);
}

const char* InstanceTypeName(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return "boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "integer";
    case Json::value_t::number_float:
      return IsIntegral(value) ? "integer" : "number";
    case Json::value_t::string:
      return "string";
    case Json::value_t::array:
      return "array";
    case Json::value_t::object:
      return "object";
    case Json::value_t::binary:
      return "binary";
    case Json::value_t::discarded:
      return "discarded";
  }
  return "unknown";
}

bool JsonEquals(const Json& a, const Json& b) {
  std::vector<std::pair<const Json*, const Json*>> pending;
  pending.emplace_back(&a, &b);
  while (!pending.empty()) {
    auto [x, y] = pending.back();
    pending.pop_back();
    if (x->is_array()) {
      if (!y->is_array() || x->size() != y->size()) return false;
      for (size_t i = 0; i < x->size(); ++i) pending.emplace_back(&(*x)[i], &(*y)[i]);
    } else if (x->is_object()) {
      if (!y->is_object() || x->size() != y->size()) return false;
      for (const auto& [key, member] : x->items()) {
        auto it = y->find(key);
        if (it == y->end()) return false;
        pending.emplace_back(&member, &*it);
      }
    } else if (!ScalarEquals(*x, *y)) {
      return false;
    }
  }
  return true;
}

size_t JsonHash(const Json& value) { return HashAtDepth(value, 0); }

std::string DescribeValue(const Json& value, size_t max_chars) {
  std::string out;
  Describe(value, out, max_chars, 0);
  return out;
}

size_t CodePointCount(std::string_view text) {
  size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

bool NestingExceeds(const Json& value, size_t max_depth) {
  std::vector<std::pair<const Json*, size_t>> pending;
  pending.emplace_back(&value, 0);
  while (!pending.empty()) {
    auto [current, depth] = pending.back();
    pending.pop_back();
    if (!current->is_array() && !current->is_object()) continue;
    if (depth >= max_depth) return true;
    for (const Json& child : *current) pending.emplace_back(&child, depth + 1);
  }
  return false;
}

Json ValueFromText(const std::string& text, const std::string& type) {
  if (type == "integer" || type == "number") {
    Json number = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!number.is_discarded() && number.is_number()) return number;
  } else if (type == "boolean") {
    if (text == "true") return true;
    if (text == "false") return false;
  } else if (type == "array") {
    Json array = Json::array();
    for (const std::string& item : Split(text, ",")) array.push_back(std::string(Trim(item)));
    return array;
  }
  return text;
}

}  // namespace mimic::schema
