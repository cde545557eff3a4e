#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/json.h"

namespace mimic::schema {

// JSON value semantics that JSON Schema defines differently from nlohmann::json: numbers compare
// by mathematical value (1 equals 1.0) and objects compare without regard to member order.

// Equality as enum, const and uniqueItems define it. Iterative, so deeply nested instances cannot
// exhaust the stack.
bool JsonEquals(const Json& a, const Json& b);

// A hash consistent with JsonEquals. Levels below a fixed depth contribute only their type.
size_t JsonHash(const Json& value);

// Compares two JSON numbers exactly for integers and through long double otherwise.
// Returns <0, 0 or >0.
int CompareNumbers(const Json& a, const Json& b);

// True for integer numbers and for floats without a fractional part (1.0).
bool IsIntegral(const Json& value);

// The JSON Schema type name of a value: "null", "boolean", "integer", "number", "string",
// "array" or "object". Integral floats are reported as "integer".
const char* InstanceTypeName(const Json& value);

// Renders a value for an error message: scalars as JSON text, long strings and containers
// shortened to about `max_chars` characters with "...".
std::string DescribeValue(const Json& value, size_t max_chars = 80);

// Number of Unicode code points in a UTF-8 string, the unit of minLength and maxLength.
size_t CodePointCount(std::string_view text);

// True when `value` nests arrays or objects more than `max_depth` levels deep.
bool NestingExceeds(const Json& value, size_t max_depth);

// Reads the text of a parameter or header as the JSON value its schema `type`
// expects ("5" as 5, "true" as true, "a, b" as ["a", "b"] with items trimmed).
// Text that does not convert stays a string, so validation reports the type
// mismatch.
Json ValueFromText(const std::string& text, const std::string& type);

}  // namespace mimic::schema
