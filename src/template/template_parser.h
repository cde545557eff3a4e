#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/error.h"
#include "template/template_expression.h"

namespace mimic::tmpl {

// One piece of a compiled template: literal text or an expression to evaluate.
using TemplateSegment = std::variant<std::string, Expression>;

// A template parsed once by Compile and rendered any number of times. It is immutable,
// so any number of threads may render the same instance at once.
class CompiledTemplate {
 public:
  CompiledTemplate() = default;

  const std::vector<TemplateSegment>& segments() const { return segments_; }
  size_t expression_count() const { return expression_count_; }
  // Total size of the literal segments, a lower bound of the rendered size.
  size_t literal_bytes() const { return literal_bytes_; }

 private:
  friend Result<CompiledTemplate> Compile(std::string_view text);

  std::vector<TemplateSegment> segments_;
  size_t expression_count_ = 0;
  size_t literal_bytes_ = 0;
};

// Reports whether `text` contains "{{" and so needs compiling.
bool HasExpressions(std::string_view text);

// Parses a template. Text outside `{{ }}` is kept literally. In a run of three or more
// opening braces the last two open the expression, and the first two closing braces
// after it end it, so `{{{uuid()}}}` renders "{", a UUID and "}", and `{"a":{{x}}}` keeps
// the object's closing brace. An expression that does not parse, or a `{{` that is never
// closed, compiles to an error marker. Only the limits below fail the whole template.
// Returns kLimitExceeded for a template over kMaxTemplateBytes or with more than
// kMaxExpressionsPerTemplate expressions.
Result<CompiledTemplate> Compile(std::string_view text);

}  // namespace mimic::tmpl
