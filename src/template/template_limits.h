#pragma once

#include <cstddef>

// Limits that keep compiling and rendering a hostile template or request body bounded in
// time and memory. Exceeding one of them yields an error value or an error marker in the
// rendered text; it never aborts the process.
namespace mimic::tmpl {

// Largest template that Compile accepts.
inline constexpr size_t kMaxTemplateBytes = 1 << 20;

// Largest number of `{{ }}` expressions in one template.
inline constexpr size_t kMaxExpressionsPerTemplate = 10'000;

// Largest text between one pair of `{{` and `}}`.
inline constexpr size_t kMaxExpressionBytes = 16 * 1024;

// Deepest nesting of brackets and parentheses inside one expression.
inline constexpr size_t kMaxNestingDepth = 32;

// Largest number of arguments in one function call, including the value that a
// redirect (`A > f(x)`) appends.
inline constexpr size_t kMaxFunctionArgs = 256;

// Longest JSON Pointer or XPath after `request.body`.
inline constexpr size_t kMaxBodyPathBytes = 2048;

// Largest request body, or context variable, that is parsed as JSON or XML. A larger
// body can still be rendered whole with `request.body`.
inline constexpr size_t kMaxParsedBodyBytes = 2 << 20;

// Deepest nesting of JSON arrays and objects in a parsed body.
inline constexpr size_t kMaxJsonDepth = 256;

// Budget of libxml2 XPath operations for one evaluation, which bounds the CPU time of
// expressions such as `//*//*//*` on a large document.
inline constexpr unsigned long kMaxXPathOperations = 5'000'000;

// Longest string that randomString(len) and randomAlphaNumeric produce.
inline constexpr size_t kMaxRandomStringLength = 64 * 1024;

// Largest rendered output. Rendering stops there and appends an error marker.
inline constexpr size_t kMaxRenderedBytes = 16 << 20;

}  // namespace mimic::tmpl
