#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/error.h"
#include "dispatch/path_template.h"
#include "front/mock_http.h"

namespace mimic {

// Returns the first value of `name` in a decoded query or form, or "".
std::string FindParameter(const NameValueList& list, std::string_view name);

// Parses a whole decimal integer, or returns `fallback`.
int ParseInt(const std::string& text, int fallback);

// Sends an error value with the HTTP status for its code and its message as text.
HttpResponseData ErrorResponse(const Error& error);

// A page of a list, from Microcks' `page` (from 0) and `size` query parameters.
struct Page {
  size_t first = 0;
  size_t size = 20;
};
Page ParsePage(const NameValueList& query, int default_size);

}  // namespace mimic
