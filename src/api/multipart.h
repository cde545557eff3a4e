#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace mimic {

struct FormPart {
  std::string name;
  std::string filename;  // empty for plain fields
  std::string content_type;
  std::string_view body;  // view into the request body
};

// Parses a multipart/form-data body (RFC 7578). `content_type` is the request's
// Content-Type header, which carries the boundary.
Result<std::vector<FormPart>> ParseMultipart(std::string_view content_type, std::string_view body,
                                             size_t max_parts = 64);

}  // namespace mimic
