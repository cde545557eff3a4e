#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "template/template_expression.h"
#include "template/template_limits.h"

namespace mimic::tmpl {
namespace {

std::string InvalidMessage(const Expression& expression) {
  const auto* invalid = std::get_if<InvalidExpression>(&expression.node);
  return invalid == nullptr ? std::string() : invalid->message;
}

TEST(TemplateExpression, Literal) {
  Expression expression = ParseExpression(" 'hello world' ");
  const auto* literal = std::get_if<LiteralExpression>(&expression.node);
  ASSERT_NE(literal, nullptr);
  EXPECT_EQ(literal->value, "hello world");
}

TEST(TemplateExpression, FunctionWithArguments) {
  Expression expression = ParseExpression("randomValue( a , 'b, c' ,d)");
  const auto* call = std::get_if<FunctionCall>(&expression.node);
  ASSERT_NE(call, nullptr);
  EXPECT_EQ(call->name, "randomValue");
  EXPECT_NE(call->function, nullptr);
  ASSERT_EQ(call->args.size(), 3u);
  EXPECT_EQ(call->args[0], "a");
  EXPECT_EQ(call->args[1], "b, c");
  EXPECT_EQ(call->args[2], "d");
  EXPECT_EQ(call->raw_args, " a , 'b, c' ,d");
}

TEST(TemplateExpression, FunctionWithoutArguments) {
  Expression expression = ParseExpression("uuid()");
  const auto* call = std::get_if<FunctionCall>(&expression.node);
  ASSERT_NE(call, nullptr);
  EXPECT_TRUE(call->args.empty());
}

TEST(TemplateExpression, UnknownFunctionHasNoTarget) {
  Expression expression = ParseExpression("noSuchFunction(1)");
  const auto* call = std::get_if<FunctionCall>(&expression.node);
  ASSERT_NE(call, nullptr);
  EXPECT_EQ(call->function, nullptr);
}

TEST(TemplateExpression, PostmanDollarCall) {
  Expression expression = ParseExpression("$randomFirstName");
  const auto* call = std::get_if<FunctionCall>(&expression.node);
  ASSERT_NE(call, nullptr);
  EXPECT_EQ(call->name, "randomFirstName");
  EXPECT_TRUE(call->args.empty());
}

TEST(TemplateExpression, DollarWithoutNameIsInvalid) {
  EXPECT_NE(InvalidMessage(ParseExpression("$")), "");
  EXPECT_NE(InvalidMessage(ParseExpression("$1abc")), "");
}

TEST(TemplateExpression, UnbalancedCallIsInvalid) {
  EXPECT_NE(InvalidMessage(ParseExpression("now(yyyy")), "");
  EXPECT_NE(InvalidMessage(ParseExpression("uuid() extra)")), "");
}

TEST(TemplateExpression, ContextVariable) {
  Expression expression = ParseExpression("myId");
  const auto* variable = std::get_if<ContextVariable>(&expression.node);
  ASSERT_NE(variable, nullptr);
  EXPECT_EQ(variable->name, "myId");
  EXPECT_TRUE(variable->path.empty());
}

TEST(TemplateExpression, DottedContextVariable) {
  Expression expression = ParseExpression("order.items[0].id");
  const auto* variable = std::get_if<ContextVariable>(&expression.node);
  ASSERT_NE(variable, nullptr);
  EXPECT_EQ(variable->name, "order.items[0].id");
  EXPECT_EQ(variable->root, "order");
  ASSERT_EQ(variable->path.size(), 3u);
  EXPECT_EQ(variable->path[0], "items");
  EXPECT_EQ(variable->path[1], "0");
  EXPECT_EQ(variable->path[2], "id");
}

TEST(TemplateExpression, RequestBody) {
  Expression expression = ParseExpression("request.body");
  const auto* variable = std::get_if<RequestVariable>(&expression.node);
  ASSERT_NE(variable, nullptr);
  EXPECT_EQ(variable->field, RequestField::kBody);
  EXPECT_TRUE(variable->body_path.empty());
}

TEST(TemplateExpression, RequestBodyPointer) {
  Expression expression = ParseExpression("request.body/books/1/a~1b");
  const auto* variable = std::get_if<RequestVariable>(&expression.node);
  ASSERT_NE(variable, nullptr);
  EXPECT_EQ(variable->body_path, "/books/1/a~1b");
  ASSERT_EQ(variable->pointer_tokens.size(), 3u);
  EXPECT_EQ(variable->pointer_tokens[2], "a/b");
  EXPECT_TRUE(variable->pointer_error.empty());
}

TEST(TemplateExpression, RequestBodyXPathKeepsBrackets) {
  Expression expression = ParseExpression("request.body//*[local-name() = 'name' and @a > 1]");
  const auto* variable = std::get_if<RequestVariable>(&expression.node);
  ASSERT_NE(variable, nullptr);
  EXPECT_EQ(variable->body_path, "//*[local-name() = 'name' and @a > 1]");
}

TEST(TemplateExpression, RequestPathIndex) {
  Expression expression = ParseExpression("request.path[2]");
  const auto* variable = std::get_if<RequestVariable>(&expression.node);
  ASSERT_NE(variable, nullptr);
  EXPECT_EQ(variable->field, RequestField::kPath);
  ASSERT_TRUE(variable->index.has_value());
  EXPECT_EQ(*variable->index, 2u);
}

TEST(TemplateExpression, RequestPathBadIndexIsInvalid) {
  EXPECT_NE(InvalidMessage(ParseExpression("request.path[one]")), "");
  EXPECT_NE(InvalidMessage(ParseExpression("request.path[-1]")), "");
}

TEST(TemplateExpression, BracketKeyKeepsDotsAndDashes) {
  Expression expression = ParseExpression("request.params[dog.name-first]");
  const auto* variable = std::get_if<RequestVariable>(&expression.node);
  ASSERT_NE(variable, nullptr);
  EXPECT_EQ(variable->field, RequestField::kParams);
  ASSERT_TRUE(variable->key.has_value());
  EXPECT_EQ(*variable->key, "dog.name-first");
}

TEST(TemplateExpression, QuotedBracketKey) {
  Expression expression = ParseExpression("request.headers['X-Trace']");
  const auto* variable = std::get_if<RequestVariable>(&expression.node);
  ASSERT_NE(variable, nullptr);
  EXPECT_EQ(variable->field, RequestField::kHeaders);
  EXPECT_EQ(*variable->key, "X-Trace");
}

TEST(TemplateExpression, UnknownRequestFieldIsInvalid) {
  EXPECT_NE(InvalidMessage(ParseExpression("request.method")).find("unknown request reference"),
            std::string::npos);
  EXPECT_NE(InvalidMessage(ParseExpression("request")), "");
  EXPECT_NE(InvalidMessage(ParseExpression("request.body.name")), "");
}

TEST(TemplateExpression, RequestPrefixedNameIsContextVariable) {
  Expression expression = ParseExpression("requestId");
  EXPECT_TRUE(std::holds_alternative<ContextVariable>(expression.node));
}

TEST(TemplateExpression, Fallback) {
  Expression expression = ParseExpression("request.params[a] || b || 'c'");
  const auto* fallback = std::get_if<Fallback>(&expression.node);
  ASSERT_NE(fallback, nullptr);
  ASSERT_EQ(fallback->alternatives.size(), 3u);
  EXPECT_TRUE(std::holds_alternative<RequestVariable>(fallback->alternatives[0].node));
  EXPECT_TRUE(std::holds_alternative<ContextVariable>(fallback->alternatives[1].node));
  EXPECT_TRUE(std::holds_alternative<LiteralExpression>(fallback->alternatives[2].node));
}

TEST(TemplateExpression, FallbackInsideQuotesIsLiteral) {
  Expression expression = ParseExpression("'a || b'");
  const auto* literal = std::get_if<LiteralExpression>(&expression.node);
  ASSERT_NE(literal, nullptr);
  EXPECT_EQ(literal->value, "a || b");
}

TEST(TemplateExpression, Redirect) {
  Expression expression = ParseExpression("guid() > put(myId) > put(other)");
  const auto* redirect = std::get_if<Redirect>(&expression.node);
  ASSERT_NE(redirect, nullptr);
  ASSERT_EQ(redirect->stages.size(), 3u);
  EXPECT_TRUE(std::holds_alternative<FunctionCall>(redirect->stages[0].node));
  EXPECT_TRUE(std::holds_alternative<FunctionCall>(redirect->stages[2].node));
}

TEST(TemplateExpression, RedirectWithFallbackSource) {
  Expression expression = ParseExpression("a || 'x' > put(b)");
  const auto* redirect = std::get_if<Redirect>(&expression.node);
  ASSERT_NE(redirect, nullptr);
  EXPECT_TRUE(std::holds_alternative<Fallback>(redirect->stages[0].node));
}

TEST(TemplateExpression, EmptyRedirectStageIsInvalid) {
  EXPECT_NE(InvalidMessage(ParseExpression("uuid() >")), "");
  EXPECT_NE(InvalidMessage(ParseExpression("|| a")), "");
}

TEST(TemplateExpression, SpacesInNameAreInvalid) {
  EXPECT_NE(InvalidMessage(ParseExpression("my var")).find("invalid expression"),
            std::string::npos);
}

TEST(TemplateExpression, NestingLimit) {
  std::string deep =
      "f" + std::string(kMaxNestingDepth + 1, '(') + std::string(kMaxNestingDepth + 1, ')');
  EXPECT_NE(InvalidMessage(ParseExpression(deep)).find("deeper"), std::string::npos);
}

TEST(TemplateExpression, LengthLimit) {
  std::string long_literal = "'" + std::string(kMaxExpressionBytes, 'a') + "'";
  EXPECT_NE(InvalidMessage(ParseExpression(long_literal)).find("longer"), std::string::npos);
}

TEST(TemplateExpression, ArgumentLimit) {
  std::string call = "randomValue(";
  for (size_t i = 0; i <= kMaxFunctionArgs; ++i) call += "a,";
  call += "a)";
  EXPECT_NE(InvalidMessage(ParseExpression(call)).find("arguments"), std::string::npos);
}

TEST(TemplateExpression, BodyPathLengthLimit) {
  std::string path = "request.body/" + std::string(kMaxBodyPathBytes, 'a');
  EXPECT_NE(InvalidMessage(ParseExpression(path)).find("longer"), std::string::npos);
}

}  // namespace
}  // namespace mimic::tmpl
