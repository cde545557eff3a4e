#include "schema/json_pointer.h"

namespace mimic::schema {
namespace {

bool ParseArrayIndex(std::string_view token, size_t* index) {
  if (token.empty() || token.size() > 18) return false;
  if (token.size() > 1 && token[0] == '0') return false;
  size_t value = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<size_t>(c - '0');
  }
  *index = value;
  return true;
}

}  // namespace

std::string EscapePointerToken(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

void AppendPointerToken(std::string& pointer, std::string_view token) {
  pointer.push_back('/');
  for (char c : token) {
    if (c == '~') {
      pointer += "~0";
    } else if (c == '/') {
      pointer += "~1";
    } else {
      pointer.push_back(c);
    }
  }
}

void AppendPointerIndex(std::string& pointer, size_t index) {
  pointer.push_back('/');
  pointer += std::to_string(index);
}

Result<std::vector<std::string>> ParsePointer(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  if (pointer[0] != '/') {
    return MakeError(ErrorCode::kInvalidArgument,
                     "JSON pointer '" + std::string(pointer) + "' must start with '/'");
  }
  std::string current;
  for (size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      tokens.push_back(std::move(current));
      current.clear();
      continue;
    }
    char c = pointer[i];
    if (c != '~') {
      current.push_back(c);
      continue;
    }
    char next = i + 1 < pointer.size() ? pointer[i + 1] : '\0';
    if (next != '0' && next != '1') {
      return MakeError(ErrorCode::kInvalidArgument,
                       "JSON pointer '" + std::string(pointer) +
                           "' contains '~' that is not followed by 0 or 1");
    }
    current.push_back(next == '0' ? '~' : '/');
    ++i;
  }
  return tokens;
}

bool IsValidPointer(std::string_view pointer) { return ParsePointer(pointer).has_value(); }

const Json* ResolvePointer(const Json& document, std::string_view pointer) {
  auto tokens = ParsePointer(pointer);
  if (!tokens) return nullptr;
  const Json* current = &document;
  for (const std::string& token : *tokens) {
    if (current->is_object()) {
      auto it = current->find(token);
      if (it == current->end()) return nullptr;
      current = &*it;
    } else if (current->is_array()) {
      size_t index = 0;
      if (!ParseArrayIndex(token, &index) || index >= current->size()) return nullptr;
      current = &(*current)[index];
    } else {
      return nullptr;
    }
  }
  return current;
}

std::string_view ParentPointer(std::string_view pointer) {
  size_t slash = pointer.rfind('/');
  if (slash == std::string_view::npos) return {};
  return pointer.substr(0, slash);
}

}  // namespace mimic::schema
