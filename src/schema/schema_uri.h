#pragma once

#include <string>
#include <string_view>

#include "common/error.h"

namespace mimic::schema {

// URI handling for $id, $ref and the uri formats, built on Boost.URL (RFC 3986).

// Resolves `reference` against the absolute URI `base` (RFC 3986 section 5) and normalizes the
// result: scheme and host in lower case, dot segments removed, percent-encoding normalized.
// Characters that RFC 3986 does not allow (spaces, non-ASCII bytes, quotes) are percent-encoded
// first, because hand-written specs often contain them in $ref values.
Result<std::string> ResolveUri(std::string_view base, std::string_view reference);

// An absolute URI split at '#'. `fragment` is percent-decoded, so a JSON Pointer fragment such as
// "/$defs/foo%22bar" comes back as "/$defs/foo\"bar".
struct UriParts {
  std::string resource;  // the URI without its fragment
  std::string fragment;
};
Result<UriParts> SplitUriFragment(std::string_view uri);

// Format checks: "uri" requires a scheme, "uri-reference" accepts relative references too.
bool IsAbsoluteUri(std::string_view text);
bool IsUriReference(std::string_view text);

}  // namespace mimic::schema
