#pragma once

#include <cstddef>

// Limits that keep compiling and rendering a hostile template or request body bounded in
// time and memory. Exceeding one of them yields an error value or an error marker in the
// rendered text, not a crash.
namespace mimic::tmpl {

// Maximum size of a template that Compile accepts.
inline constexpr size_t kMaxTemplateBytes = 1 << 20;

// Maximum number of `{{ }}` expressions in one template.
inline constexpr size_t kMaxExpressionsPerTemplate = 10'000;

// Maximum size of the text between one pair of `{{` and `}}`.
inline constexpr size_t kMaxExpressionBytes = 16 * 1024;

// Maximum nesting depth of brackets and parentheses inside one expression.
inline constexpr size_t kMaxNestingDepth = 32;

// Maximum number of arguments in one function call, including the value that a
// redirect (`A > f(x)`) appends.
inline constexpr size_t kMaxFunctionArgs = 256;

// Maximum length of the JSON Pointer or XPath after `request.body`.
inline constexpr size_t kMaxBodyPathBytes = 2048;

// Maximum size of a request body, or context variable, that is parsed as JSON or XML. A larger
// body can still be rendered whole with `request.body`.
inline constexpr size_t kMaxParsedBodyBytes = 2 << 20;

// Maximum nesting depth of JSON arrays and objects in a parsed body.
inline constexpr size_t kMaxJsonDepth = 256;

// Budget of libxml2 XPath operations for one evaluation, which bounds the CPU time of
// expressions such as `//*//*//*` on a large document.
inline constexpr unsigned long kMaxXPathOperations = 5'000'000;

// Budget of libxml2 XPath operations shared by all XPath expressions of one render, so
// that a template repeating an expensive expression stays bounded too.
inline constexpr unsigned long kMaxXPathOperationsPerRender = 20'000'000;

// Maximum length of the string that randomString(length) and randomAlphaNumeric(length)
// produce.
inline constexpr size_t kMaxRandomStringLength = 64 * 1024;

// Maximum size of the rendered output. Rendering stops there and appends an error marker.
inline constexpr size_t kMaxRenderedBytes = 16 << 20;

}  // namespace mimic::tmpl
