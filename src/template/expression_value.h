#pragma once

#include <string>
#include <utility>

namespace mimic::tmpl {

// The result of evaluating one expression: a value, no value, or an error that renders
// as a marker.
struct ExpressionValue {
  enum class Kind { kNull, kText, kError };

  Kind kind = Kind::kNull;
  std::string text;  // the value for kText, the message for kError

  static ExpressionValue Null() { return {}; }
  static ExpressionValue Text(std::string value) { return {Kind::kText, std::move(value)}; }
  static ExpressionValue Failure(std::string message) { return {Kind::kError, std::move(message)}; }

  // Reports whether a fallback (`A || B`) stops at this value: it must be text that is
  // neither empty nor "null".
  bool IsPresent() const { return kind == Kind::kText && !text.empty() && text != "null"; }
};

}  // namespace mimic::tmpl
