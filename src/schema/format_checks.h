#pragma once

#include <string_view>

namespace mimic::schema {

// Assertions for the "format" keyword. Each check applies to strings only; validation treats
// every other type as valid for any format.
using FormatCheck = bool (*)(std::string_view value);

// Returns the check for a format name, or nullptr for a format this module does not check,
// which JSON Schema then treats as an annotation.
// Checked: date, time, date-time, duration, email, idn-email, hostname, idn-hostname, ipv4, ipv6,
// uri, uri-reference, iri, iri-reference, uri-template, uuid, json-pointer,
// relative-json-pointer, regex, and the OpenAPI "byte" (base64).
// NOTE: idn-hostname and idn-email accept any non-ASCII label: IDNA 2008 mapping rules are not
// checked.
FormatCheck FindFormatCheck(std::string_view format);

bool IsDate(std::string_view value);
bool IsTime(std::string_view value);
bool IsDateTime(std::string_view value);
bool IsDuration(std::string_view value);
bool IsEmail(std::string_view value);
bool IsHostname(std::string_view value);
bool IsIpv4(std::string_view value);
bool IsIpv6(std::string_view value);
bool IsUuid(std::string_view value);

}  // namespace mimic::schema
