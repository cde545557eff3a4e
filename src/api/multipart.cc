#include "api/multipart.h"

#include "common/strings.h"

namespace mimic {
namespace {

// Reads a parameter such as name="file" from a header value.
std::string HeaderParameter(std::string_view header, std::string_view key) {
  size_t pos = 0;
  while (true) {
    pos = header.find(key, pos);
    if (pos == std::string_view::npos) return "";
    bool at_boundary = pos == 0 || header[pos - 1] == ';' || header[pos - 1] == ' ';
    size_t equals = pos + key.size();
    if (at_boundary && equals < header.size() && header[equals] == '=') {
      std::string_view rest = header.substr(equals + 1);
      if (!rest.empty() && rest.front() == '"') {
        size_t close = rest.find('"', 1);
        return std::string(
            rest.substr(1, close == std::string_view::npos ? rest.size() - 1 : close - 1));
      }
      size_t end = rest.find(';');
      return std::string(Trim(rest.substr(0, end)));
    }
    pos = equals;
  }
}

}  // namespace

Result<std::vector<FormPart>> ParseMultipart(std::string_view content_type, std::string_view body,
                                             size_t max_parts) {
  std::string boundary = HeaderParameter(content_type, "boundary");
  if (!StartsWith(ToLower(content_type), "multipart/form-data") || boundary.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "Expected a multipart/form-data request with a boundary, got Content-Type '" +
                         std::string(content_type) +
                         "'. Send the artifact as a multipart "
                         "part named 'file'.");
  }
  std::string delimiter = "--" + boundary;
  std::vector<FormPart> parts;
  size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The multipart body does not contain its boundary '" + boundary + "'.");
  }
  while (true) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") break;  // closing delimiter
    if (body.substr(pos, 2) == "\r\n") pos += 2;
    size_t headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) {
      return MakeError(ErrorCode::kInvalidArgument, "A multipart part has no end of headers.");
    }
    FormPart part;
    for (const std::string& line : Split(body.substr(pos, headers_end - pos), "\r\n")) {
      size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string name = ToLower(Trim(std::string_view(line).substr(0, colon)));
      std::string_view value = Trim(std::string_view(line).substr(colon + 1));
      if (name == "content-disposition") {
        part.name = HeaderParameter(value, "name");
        part.filename = HeaderParameter(value, "filename");
      } else if (name == "content-type") {
        part.content_type = std::string(value);
      }
    }
    size_t content_start = headers_end + 4;
    size_t next = body.find("\r\n" + delimiter, content_start);
    if (next == std::string_view::npos) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "The multipart body ends before the closing boundary.");
    }
    part.body = body.substr(content_start, next - content_start);
    parts.push_back(std::move(part));
    if (parts.size() > max_parts) {
      return MakeError(ErrorCode::kLimitExceeded,
                       "The multipart body has more than " + std::to_string(max_parts) + " parts.");
    }
    pos = next + 2;
  }
  return parts;
}

}  // namespace mimic
