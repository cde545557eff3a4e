#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "template/json_body.h"
#include "template/template_limits.h"

namespace mimic::tmpl {
namespace {

TEST(TemplateJsonBody, ParsesAndKeepsKeyOrder) {
  Result<Json> document = ParseJsonDocument(R"({"b": 1, "a": [true, null, 2.5, "x"]})");
  ASSERT_TRUE(document) << document.error().message;
  EXPECT_EQ(JsonValueText(*document), R"({"b":1,"a":[true,null,2.5,"x"]})");
}

TEST(TemplateJsonBody, ParsesScalarDocument) {
  Result<Json> document = ParseJsonDocument("  42 ");
  ASSERT_TRUE(document);
  EXPECT_EQ(JsonValueText(*document), "42");
}

TEST(TemplateJsonBody, RejectsMalformed) {
  Result<Json> document = ParseJsonDocument(R"({"a": })");
  ASSERT_FALSE(document);
  EXPECT_EQ(document.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(document.error().message.find("invalid JSON at byte"), std::string::npos);
}

TEST(TemplateJsonBody, RejectsTrailingText) { EXPECT_FALSE(ParseJsonDocument(R"({"a": 1} x)")); }

TEST(TemplateJsonBody, RejectsDeepNesting) {
  std::string deep(kMaxJsonDepth + 1, '[');
  deep += std::string(kMaxJsonDepth + 1, ']');
  Result<Json> document = ParseJsonDocument(deep);
  ASSERT_FALSE(document);
  EXPECT_NE(document.error().message.find("deeper"), std::string::npos);
}

TEST(TemplateJsonBody, AcceptsMaxNesting) {
  std::string deep(kMaxJsonDepth, '[');
  deep += std::string(kMaxJsonDepth, ']');
  EXPECT_TRUE(ParseJsonDocument(deep));
}

TEST(TemplateJsonBody, DuplicateKeysFindFirst) {
  Result<Json> document = ParseJsonDocument(R"({"a": 1, "a": 2})");
  ASSERT_TRUE(document);
  const Json* value = FindJsonValue(*document, {"a"});
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(JsonValueText(*value), "1");
}

TEST(TemplateJsonBody, ManyKeysParseQuickly) {
  std::string text = "{";
  for (int i = 0; i < 100'000; ++i) {
    if (i > 0) text += ",";
    text += "\"k" + std::to_string(i) + "\":" + std::to_string(i);
  }
  text += "}";
  auto start = std::chrono::steady_clock::now();
  Result<Json> document = ParseJsonDocument(text);
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(document);
  EXPECT_EQ(JsonValueText(*FindJsonValue(*document, {"k99999"})), "99999");
  // A quadratic duplicate-key check would take minutes here.
  EXPECT_LT(elapsed, std::chrono::seconds(10));
}

TEST(TemplateJsonBody, LookupCacheMatchesLinearSearch) {
  std::string text = "{\"dup\": \"first\"";
  for (int i = 0; i < 500; ++i) text += ",\"k" + std::to_string(i) + "\":" + std::to_string(i);
  text += ",\"dup\": \"second\"}";
  Result<Json> document = ParseJsonDocument(text);
  ASSERT_TRUE(document);
  JsonLookupCache cache;
  for (std::string key : {"k0", "k250", "k499", "dup", "missing"}) {
    const Json* cached = FindJsonValue(*document, {key}, &cache);
    const Json* linear = FindJsonValue(*document, {key});
    EXPECT_EQ(cached, linear) << key;
  }
  EXPECT_EQ(JsonValueText(*FindJsonValue(*document, {"dup"}, &cache)), "first");
}

TEST(TemplateJsonPointer, ParsesTokens) {
  Result<std::vector<std::string>> tokens = ParseJsonPointer("/a~1b/~0c/0/");
  ASSERT_TRUE(tokens);
  EXPECT_EQ(*tokens, (std::vector<std::string>{"a/b", "~c", "0", ""}));
}

TEST(TemplateJsonPointer, EmptyPointerIsWholeDocument) {
  Result<std::vector<std::string>> tokens = ParseJsonPointer("");
  ASSERT_TRUE(tokens);
  EXPECT_TRUE(tokens->empty());
}

TEST(TemplateJsonPointer, RejectsMissingSlash) { EXPECT_FALSE(ParseJsonPointer("a/b")); }

TEST(TemplateJsonPointer, RejectsBadEscape) {
  EXPECT_FALSE(ParseJsonPointer("/a~"));
  EXPECT_FALSE(ParseJsonPointer("/a~2"));
}

TEST(TemplateJsonPointer, FindsArrayElements) {
  Result<Json> document = ParseJsonDocument(R"({"list": [10, 20, 30]})");
  ASSERT_TRUE(document);
  EXPECT_EQ(JsonValueText(*FindJsonValue(*document, {"list", "2"})), "30");
  EXPECT_EQ(FindJsonValue(*document, {"list", "3"}), nullptr);
  EXPECT_EQ(FindJsonValue(*document, {"list", "01"}), nullptr);
  EXPECT_EQ(FindJsonValue(*document, {"list", "-"}), nullptr);
  EXPECT_EQ(FindJsonValue(*document, {"list", "x"}), nullptr);
}

TEST(TemplateJsonPointer, StopsAtScalars) {
  Result<Json> document = ParseJsonDocument(R"({"a": "text"})");
  ASSERT_TRUE(document);
  EXPECT_EQ(FindJsonValue(*document, {"a", "b"}), nullptr);
}

TEST(TemplateJsonValueText, StringsAreUnquoted) {
  EXPECT_EQ(JsonValueText(Json("a \"quoted\" text")), "a \"quoted\" text");
  EXPECT_EQ(JsonValueText(Json(true)), "true");
  EXPECT_EQ(JsonValueText(Json(nullptr)), "null");
}

}  // namespace
}  // namespace mimic::tmpl
