#include "schema/schema_uri.h"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

namespace mimic::schema {
namespace {

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Percent-encodes the bytes that may not appear anywhere in a URI reference, and '%' signs that
// do not start a valid escape. Reserved characters stay as they are so the structure is kept.
std::string EncodeInvalidCharacters(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  static constexpr std::string_view kAllowedPunctuation = "-._~:/?#[]@!$&'()*+,;=";
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    bool alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    bool valid_escape = c == '%' && i + 2 < text.size() && IsHex(text[i + 1]) && IsHex(text[i + 2]);
    if (alphanumeric || valid_escape ||
        kAllowedPunctuation.find(static_cast<char>(c)) != std::string_view::npos) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

Error InvalidUri(std::string_view text, std::string_view why) {
  std::string message = "'";
  message += text;
  message += "' is not a valid URI reference: ";
  message += why;
  return Error{ErrorCode::kInvalidArgument, std::move(message)};
}

}  // namespace

Result<std::string> ResolveUri(std::string_view base, std::string_view reference) {
  std::string encoded_base = EncodeInvalidCharacters(base);
  auto base_view = boost::urls::parse_uri(encoded_base);
  if (!base_view) return tl::unexpected(InvalidUri(base, "a base URI needs a scheme"));

  std::string encoded_reference = EncodeInvalidCharacters(reference);
  auto reference_view = boost::urls::parse_uri_reference(encoded_reference);
  if (!reference_view) {
    return tl::unexpected(InvalidUri(reference, reference_view.error().message()));
  }

  boost::urls::url resolved;
  auto status = boost::urls::resolve(*base_view, *reference_view, resolved);
  if (!status) return tl::unexpected(InvalidUri(reference, status.error().message()));
  resolved.normalize();
  return std::string(resolved.buffer());
}

Result<UriParts> SplitUriFragment(std::string_view uri) {
  std::string encoded = EncodeInvalidCharacters(uri);
  auto view = boost::urls::parse_uri_reference(encoded);
  if (!view) return tl::unexpected(InvalidUri(uri, view.error().message()));
  UriParts parts;
  if (view->has_fragment()) parts.fragment = view->fragment();
  boost::urls::url without_fragment(*view);
  without_fragment.remove_fragment();
  parts.resource = std::string(without_fragment.buffer());
  return parts;
}

namespace {

// Rejects a path that does not start with '/' after an authority, which RFC 3986 forbids.
// Boost.URL 1.81 produces one when it ends the authority early, at a non-digit port character
// ("example.com:abc") or at a second '@'.
bool HasValidAuthority(const boost::urls::url_view& url) {
  if (!url.has_authority()) return true;
  std::string_view path = url.encoded_path();
  return path.empty() || path.front() == '/';
}

// RFC 3986 ABNF literals are case-insensitive, so "[V1.fe]" is as valid an IPvFuture host as
// "[v1.fe]". Boost.URL accepts only the lower-case form.
std::string LowerIpvFutureMarker(std::string_view text) {
  std::string copy(text);
  size_t bracket = copy.find("//[V");
  if (bracket != std::string::npos) copy[bracket + 3] = 'v';
  return copy;
}

}  // namespace

bool IsAbsoluteUri(std::string_view text) {
  std::string normalized = LowerIpvFutureMarker(text);
  auto url = boost::urls::parse_uri(normalized);
  return url.has_value() && HasValidAuthority(*url);
}

bool IsUriReference(std::string_view text) {
  std::string normalized = LowerIpvFutureMarker(text);
  auto url = boost::urls::parse_uri_reference(normalized);
  return url.has_value() && HasValidAuthority(*url);
}

}  // namespace mimic::schema
