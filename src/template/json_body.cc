#include "template/json_body.h"

#include <charconv>
#include <optional>
#include <utility>

#include "template/template_limits.h"

namespace mimic::tmpl {
namespace {

// SAX handler that builds a Json tree, appending object members without the duplicate
// key scan of Json::object_t::emplace. Every pointer on the stack refers to a value that
// no later insert can move: only the innermost open container receives values.
class JsonTreeBuilder : public nlohmann::json_sax<Json> {
 public:
  bool null() override { return AddValue(Json(nullptr)); }
  bool boolean(bool value) override { return AddValue(Json(value)); }
  bool number_integer(number_integer_t value) override { return AddValue(Json(value)); }
  bool number_unsigned(number_unsigned_t value) override { return AddValue(Json(value)); }
  bool number_float(number_float_t value, const string_t&) override {
    return AddValue(Json(value));
  }
  bool string(string_t& value) override { return AddValue(Json(std::move(value))); }
  bool binary(binary_t&) override { return false; }

  bool start_object(std::size_t) override { return OpenContainer(Json::object()); }
  bool key(string_t& value) override {
    pending_key_ = std::move(value);
    return true;
  }
  bool end_object() override { return CloseContainer(); }
  bool start_array(std::size_t) override { return OpenContainer(Json::array()); }
  bool end_array() override { return CloseContainer(); }

  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& error) override {
    error_ = "invalid JSON at byte " + std::to_string(position) + ": " + error.what();
    return false;
  }

  Json TakeRoot() { return std::move(root_); }
  const std::string& error() const { return error_; }

 private:
  // Inserts `value` into the innermost open container and returns its new address.
  Json* Insert(Json value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Json& parent = *stack_.back();
    if (parent.is_array()) {
      auto& elements = parent.get_ref<Json::array_t&>();
      elements.push_back(std::move(value));
      return &elements.back();
    }
    auto& members = static_cast<Json::object_t::Container&>(parent.get_ref<Json::object_t&>());
    members.emplace_back(std::move(pending_key_), std::move(value));
    return &members.back().second;
  }

  bool AddValue(Json value) {
    Insert(std::move(value));
    return true;
  }

  bool OpenContainer(Json container) {
    if (stack_.size() >= kMaxJsonDepth) {
      error_ = "JSON nesting is deeper than " + std::to_string(kMaxJsonDepth) + " levels";
      return false;
    }
    stack_.push_back(Insert(std::move(container)));
    return true;
  }

  bool CloseContainer() {
    stack_.pop_back();
    return true;
  }

  Json root_;
  std::vector<Json*> stack_;
  std::string pending_key_;
  std::string error_;
};

// Objects smaller than this are searched linearly, which is faster than hashing for them.
constexpr size_t kMinIndexedMembers = 64;

// Parses a canonical array index: digits without a leading zero, as RFC 6901 requires.
std::optional<size_t> ParseArrayIndex(std::string_view token) {
  if (token.empty() || (token.size() > 1 && token[0] == '0')) return std::nullopt;
  size_t index = 0;
  auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), index);
  if (error != std::errc() || end != token.data() + token.size()) return std::nullopt;
  return index;
}

}  // namespace

Result<Json> ParseJsonDocument(std::string_view text) {
  JsonTreeBuilder builder;
  bool ok = Json::sax_parse(text.begin(), text.end(), &builder);
  if (!ok) {
    std::string message = builder.error().empty() ? "invalid JSON" : builder.error();
    return MakeError(ErrorCode::kInvalidArgument, std::move(message));
  }
  return builder.TakeRoot();
}

Result<std::vector<std::string>> ParseJsonPointer(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  if (pointer.front() != '/') {
    return MakeError(ErrorCode::kInvalidArgument,
                     "invalid JSON Pointer '" + std::string(pointer) + "': it must start with '/'");
  }
  std::string token;
  for (size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      tokens.push_back(std::move(token));
      token.clear();
      continue;
    }
    char c = pointer[i];
    if (c != '~') {
      token.push_back(c);
      continue;
    }
    char next = i + 1 < pointer.size() ? pointer[i + 1] : '\0';
    if (next != '0' && next != '1') {
      return MakeError(
          ErrorCode::kInvalidArgument,
          "invalid JSON Pointer '" + std::string(pointer) + "': '~' must be followed by 0 or 1");
    }
    token.push_back(next == '0' ? '~' : '/');
    ++i;
  }
  return tokens;
}

const Json* JsonLookupCache::FindMember(const Json& object, const std::string& key) {
  const auto& members = object.get_ref<const Json::object_t&>();
  if (members.size() < kMinIndexedMembers) {
    auto it = members.find(key);
    return it == members.end() ? nullptr : &it->second;
  }
  auto [entry, inserted] = indexes_.try_emplace(&object);
  auto& index = entry->second;
  if (inserted) {
    index.reserve(members.size());
    // try_emplace keeps the first of duplicate keys, as Json::object_t::find does.
    for (const auto& [name, value] : members) index.try_emplace(name, &value);
  }
  auto it = index.find(key);
  return it == index.end() ? nullptr : it->second;
}

const Json* FindJsonValue(const Json& document, const std::vector<std::string>& tokens,
                          JsonLookupCache* cache) {
  const Json* current = &document;
  for (const std::string& token : tokens) {
    if (current->is_object()) {
      if (cache != nullptr) {
        current = cache->FindMember(*current, token);
        if (current == nullptr) return nullptr;
        continue;
      }
      const auto& members = current->get_ref<const Json::object_t&>();
      auto it = members.find(token);
      if (it == members.end()) return nullptr;
      current = &it->second;
    } else if (current->is_array()) {
      std::optional<size_t> index = ParseArrayIndex(token);
      const auto& elements = current->get_ref<const Json::array_t&>();
      if (!index || *index >= elements.size()) return nullptr;
      current = &elements[*index];
    } else {
      return nullptr;
    }
  }
  return current;
}

std::string JsonValueText(const Json& value) {
  if (value.is_string()) return value.get_ref<const std::string&>();
  // Replacing invalid UTF-8 keeps dump() from throwing. Parsed documents never contain
  // any, but a value built elsewhere could.
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace mimic::tmpl
