#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/json.h"

namespace mimic::schema {

// JSON Pointer (RFC 6901) helpers shared by $ref resolution, error locations and the
// json-pointer format check.

// Escapes one reference token: '~' becomes "~0" and '/' becomes "~1".
std::string EscapePointerToken(std::string_view token);

// Appends "/" and the escaped token to `pointer`.
void AppendPointerToken(std::string& pointer, std::string_view token);
void AppendPointerIndex(std::string& pointer, size_t index);

// Splits a pointer into unescaped tokens. "" is the whole document and yields no tokens.
// Fails when the pointer does not start with '/' or contains a '~' not followed by 0 or 1.
Result<std::vector<std::string>> ParsePointer(std::string_view pointer);

bool IsValidPointer(std::string_view pointer);

// Returns the value that `pointer` names inside `document`, or nullptr when the pointer is
// malformed or names nothing. Array tokens must be decimal indexes without leading zeros.
const Json* ResolvePointer(const Json& document, std::string_view pointer);

// Returns the pointer to the parent of `pointer` ("" for a top-level member and for "").
std::string_view ParentPointer(std::string_view pointer);

}  // namespace mimic::schema
