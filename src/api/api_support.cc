#include "api/api_support.h"

#include <algorithm>
#include <charconv>

namespace mimic {

std::string FindParameter(const NameValueList& list, std::string_view name) {
  for (const auto& [key, value] : list) {
    if (key == name) return value;
  }
  return "";
}

int ParseInt(const std::string& text, int fallback) {
  int value = fallback;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return fallback;
  return value;
}

HttpResponseData ErrorResponse(const Error& error) {
  return TextResponse(HttpStatusFor(error.code), error.message);
}

Page ParsePage(const NameValueList& query, int default_size) {
  int page = std::max(0, ParseInt(FindParameter(query, "page"), 0));
  int size = std::clamp(ParseInt(FindParameter(query, "size"), default_size), 1, 10'000);
  return Page{static_cast<size_t>(page) * static_cast<size_t>(size), static_cast<size_t>(size)};
}

}  // namespace mimic
