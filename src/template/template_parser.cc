#include "template/template_parser.h"

#include <exception>
#include <utility>

#include "common/strings.h"
#include "template/template_limits.h"

namespace mimic::tmpl {
namespace {

constexpr std::string_view kOpen = "{{";
constexpr std::string_view kClose = "}}";

class SegmentBuilder {
 public:
  void AddLiteral(std::string_view text) { literal_.append(text); }

  void AddExpression(Expression expression) {
    FlushLiteral();
    segments_.emplace_back(std::move(expression));
    ++expression_count_;
  }

  size_t expression_count() const { return expression_count_; }

  std::vector<TemplateSegment> Finish(size_t* literal_bytes) {
    FlushLiteral();
    *literal_bytes = literal_bytes_;
    return std::move(segments_);
  }

 private:
  void FlushLiteral() {
    if (literal_.empty()) return;
    literal_bytes_ += literal_.size();
    segments_.emplace_back(std::move(literal_));
    literal_.clear();
  }

  std::vector<TemplateSegment> segments_;
  std::string literal_;
  size_t expression_count_ = 0;
  size_t literal_bytes_ = 0;
};

Expression UnterminatedExpression(std::string_view text, size_t offset) {
  int line = 0;
  int column = 0;
  LineAndColumn(text, offset, &line, &column);
  return Expression{InvalidExpression{"'{{' at line " + std::to_string(line) + ", column " +
                                      std::to_string(column) + " is never closed; add '}}'"}};
}

struct ParsedTemplate {
  std::vector<TemplateSegment> segments;
  size_t expression_count = 0;
  size_t literal_bytes = 0;
};

Result<ParsedTemplate> ParseTemplate(std::string_view text) {
  SegmentBuilder builder;
  size_t position = 0;
  while (position < text.size()) {
    size_t open = text.find(kOpen, position);
    if (open == std::string_view::npos) {
      builder.AddLiteral(text.substr(position));
      break;
    }
    size_t run_end = open;
    while (run_end < text.size() && text[run_end] == '{') ++run_end;
    size_t delimiter = run_end - kOpen.size();
    builder.AddLiteral(text.substr(position, delimiter - position));

    size_t close = text.find(kClose, run_end);
    if (close == std::string_view::npos) {
      // The marker explains the problem, and the unparsed rest stays visible after it.
      builder.AddExpression(UnterminatedExpression(text, delimiter));
      builder.AddLiteral(text.substr(delimiter));
      break;
    }
    if (builder.expression_count() == kMaxExpressionsPerTemplate) {
      return MakeError(ErrorCode::kLimitExceeded,
                       "template has more than " + std::to_string(kMaxExpressionsPerTemplate) +
                           " expressions; split it or remove some '{{ }}'");
    }
    builder.AddExpression(ParseExpression(text.substr(run_end, close - run_end)));
    position = close + kClose.size();
  }

  ParsedTemplate parsed;
  parsed.expression_count = builder.expression_count();
  parsed.segments = builder.Finish(&parsed.literal_bytes);
  return parsed;
}

}  // namespace

bool HasExpressions(std::string_view text) { return text.find(kOpen) != std::string_view::npos; }

Result<CompiledTemplate> Compile(std::string_view text) {
  if (text.size() > kMaxTemplateBytes) {
    return MakeError(ErrorCode::kLimitExceeded,
                     "template of " + std::to_string(text.size()) + " bytes is larger than the " +
                         std::to_string(kMaxTemplateBytes) + "-byte maximum");
  }
  try {
    Result<ParsedTemplate> parsed = ParseTemplate(text);
    if (!parsed) return tl::unexpected(parsed.error());
    CompiledTemplate compiled;
    compiled.segments_ = std::move(parsed->segments);
    compiled.expression_count_ = parsed->expression_count;
    compiled.literal_bytes_ = parsed->literal_bytes;
    return compiled;
  } catch (const std::exception& error) {
    // Only allocation failures can get here: parsing itself reports problems as values.
    return MakeError(ErrorCode::kInternal,
                     std::string("template compilation failed: ") + error.what());
  }
}

}  // namespace mimic::tmpl
