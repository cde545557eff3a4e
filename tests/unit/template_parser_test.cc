#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "template/template_limits.h"
#include "template/template_parser.h"

namespace mimic::tmpl {
namespace {

const Expression& ExpressionAt(const CompiledTemplate& compiled, size_t index) {
  return std::get<Expression>(compiled.segments().at(index));
}

const std::string& LiteralAt(const CompiledTemplate& compiled, size_t index) {
  return std::get<std::string>(compiled.segments().at(index));
}

TEST(TemplateParser, HasExpressionsDetectsOpenBraces) {
  EXPECT_TRUE(HasExpressions("id: {{ uuid() }}"));
  EXPECT_TRUE(HasExpressions("{{"));
  EXPECT_FALSE(HasExpressions("{\"a\": {\"b\": 1}}"));
  EXPECT_FALSE(HasExpressions(""));
}

TEST(TemplateParser, PlainTextIsOneLiteral) {
  auto compiled = Compile("{\"name\": \"static\"}");
  ASSERT_TRUE(compiled);
  ASSERT_EQ(compiled->segments().size(), 1u);
  EXPECT_EQ(LiteralAt(*compiled, 0), "{\"name\": \"static\"}");
  EXPECT_EQ(compiled->expression_count(), 0u);
}

TEST(TemplateParser, EmptyTemplateHasNoSegments) {
  auto compiled = Compile("");
  ASSERT_TRUE(compiled);
  EXPECT_TRUE(compiled->segments().empty());
}

TEST(TemplateParser, SplitsLiteralsAndExpressions) {
  auto compiled = Compile("a{{ x }}b{{y}}");
  ASSERT_TRUE(compiled);
  ASSERT_EQ(compiled->segments().size(), 4u);
  EXPECT_EQ(LiteralAt(*compiled, 0), "a");
  EXPECT_TRUE(std::holds_alternative<ContextVariable>(ExpressionAt(*compiled, 1).node));
  EXPECT_EQ(LiteralAt(*compiled, 2), "b");
  EXPECT_TRUE(std::holds_alternative<ContextVariable>(ExpressionAt(*compiled, 3).node));
  EXPECT_EQ(compiled->expression_count(), 2u);
  EXPECT_EQ(compiled->literal_bytes(), 2u);
}

TEST(TemplateParser, TripleBracesKeepOuterBraces) {
  auto compiled = Compile("{{{uuid()}}}");
  ASSERT_TRUE(compiled);
  ASSERT_EQ(compiled->segments().size(), 3u);
  EXPECT_EQ(LiteralAt(*compiled, 0), "{");
  const auto* call = std::get_if<FunctionCall>(&ExpressionAt(*compiled, 1).node);
  ASSERT_NE(call, nullptr);
  EXPECT_EQ(call->name, "uuid");
  EXPECT_EQ(LiteralAt(*compiled, 2), "}");
}

TEST(TemplateParser, ClosingBraceOfJsonObjectStaysLiteral) {
  auto compiled = Compile("{\"data\":{{request.body}}}");
  ASSERT_TRUE(compiled);
  ASSERT_EQ(compiled->segments().size(), 3u);
  EXPECT_EQ(LiteralAt(*compiled, 0), "{\"data\":");
  EXPECT_TRUE(std::holds_alternative<RequestVariable>(ExpressionAt(*compiled, 1).node));
  EXPECT_EQ(LiteralAt(*compiled, 2), "}");
}

TEST(TemplateParser, UnterminatedExpressionKeepsRest) {
  auto compiled = Compile("ok {{ uuid()");
  ASSERT_TRUE(compiled);
  ASSERT_EQ(compiled->segments().size(), 3u);
  EXPECT_EQ(LiteralAt(*compiled, 0), "ok ");
  const auto* invalid = std::get_if<InvalidExpression>(&ExpressionAt(*compiled, 1).node);
  ASSERT_NE(invalid, nullptr);
  EXPECT_NE(invalid->message.find("line 1, column 4"), std::string::npos) << invalid->message;
  EXPECT_EQ(LiteralAt(*compiled, 2), "{{ uuid()");
}

TEST(TemplateParser, EmptyExpressionIsInvalid) {
  auto compiled = Compile("{{   }}");
  ASSERT_TRUE(compiled);
  const auto* invalid = std::get_if<InvalidExpression>(&ExpressionAt(*compiled, 0).node);
  ASSERT_NE(invalid, nullptr);
  EXPECT_EQ(invalid->message, "empty expression");
}

TEST(TemplateParser, RejectsOversizedTemplate) {
  std::string text(kMaxTemplateBytes + 1, 'a');
  auto compiled = Compile(text);
  ASSERT_FALSE(compiled);
  EXPECT_EQ(compiled.error().code, ErrorCode::kLimitExceeded);
}

TEST(TemplateParser, AcceptsTemplateAtSizeLimit) {
  std::string text(kMaxTemplateBytes, 'a');
  auto compiled = Compile(text);
  ASSERT_TRUE(compiled);
  EXPECT_EQ(compiled->literal_bytes(), kMaxTemplateBytes);
}

TEST(TemplateParser, RejectsTooManyExpressions) {
  std::string text;
  for (size_t i = 0; i <= kMaxExpressionsPerTemplate; ++i) text += "{{x}}";
  auto compiled = Compile(text);
  ASSERT_FALSE(compiled);
  EXPECT_EQ(compiled.error().code, ErrorCode::kLimitExceeded);
}

TEST(TemplateParser, AcceptsMaxExpressions) {
  std::string text;
  for (size_t i = 0; i < kMaxExpressionsPerTemplate; ++i) text += "{{x}}";
  auto compiled = Compile(text);
  ASSERT_TRUE(compiled);
  EXPECT_EQ(compiled->expression_count(), kMaxExpressionsPerTemplate);
}

TEST(TemplateParser, ManyOpeningBracesWithoutClose) {
  std::string text(100'000, '{');
  auto compiled = Compile(text);
  ASSERT_TRUE(compiled);
  EXPECT_EQ(compiled->expression_count(), 1u);
}

}  // namespace
}  // namespace mimic::tmpl
