// JSON Pointer, URI resolution and ECMA-262 regular expression helpers.

#include <string>

#include <gtest/gtest.h>

#include "common/json.h"
#include "schema/json_pointer.h"
#include "schema/json_values.h"
#include "schema/schema_regex.h"
#include "schema/schema_uri.h"

namespace mimic::schema {
namespace {

TEST(SchemaPointer, EscapesAndParses) {
  EXPECT_EQ(EscapePointerToken("a/b~c"), "a~1b~0c");
  auto tokens = ParsePointer("/a~1b/~0/");
  ASSERT_TRUE(tokens.has_value());
  ASSERT_EQ(tokens->size(), 3u);
  EXPECT_EQ((*tokens)[0], "a/b");
  EXPECT_EQ((*tokens)[1], "~");
  EXPECT_EQ((*tokens)[2], "");
  EXPECT_FALSE(ParsePointer("a").has_value());
  EXPECT_FALSE(ParsePointer("/~").has_value());
}

TEST(SchemaPointer, ResolvesIntoDocuments) {
  Json document = Json::parse(R"({"a": [10, {"b/c": true}], "": 1})");
  ASSERT_NE(ResolvePointer(document, "/a/1/b~1c"), nullptr);
  EXPECT_EQ(*ResolvePointer(document, "/a/0"), 10);
  EXPECT_EQ(*ResolvePointer(document, "/"), 1);
  EXPECT_EQ(ResolvePointer(document, "/a/01"), nullptr);
  EXPECT_EQ(ResolvePointer(document, "/a/2"), nullptr);
  EXPECT_EQ(ResolvePointer(document, "/a/-"), nullptr);
  EXPECT_EQ(ParentPointer("/a/b"), "/a");
  EXPECT_EQ(ParentPointer("/a"), "");
}

TEST(SchemaUri, ResolvesReferences) {
  EXPECT_EQ(*ResolveUri("http://example.com/a/b.json", "c.json"), "http://example.com/a/c.json");
  EXPECT_EQ(*ResolveUri("http://example.com/a/b.json", "../c.json#/x"),
            "http://example.com/c.json#/x");
  EXPECT_EQ(*ResolveUri("HTTP://Example.COM/a", "#frag"), "http://example.com/a#frag");
  EXPECT_EQ(*ResolveUri("urn:uuid:1234", "#/defs/a"), "urn:uuid:1234#/defs/a");
  EXPECT_EQ(*ResolveUri("mimic:/schema.json", "#/components/schemas/My Pet"),
            "mimic:/schema.json#/components/schemas/My%20Pet");
  EXPECT_FALSE(ResolveUri("relative/base", "x").has_value());
}

TEST(SchemaUri, SplitsAndDecodesFragments) {
  auto parts = SplitUriFragment("http://example.com/a.json#/$defs/foo%22bar");
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->resource, "http://example.com/a.json");
  EXPECT_EQ(parts->fragment, "/$defs/foo\"bar");
  auto empty = SplitUriFragment("http://example.com/a.json#");
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->resource, "http://example.com/a.json");
  EXPECT_EQ(empty->fragment, "");
}

TEST(SchemaRegex, SearchIsUnanchored) {
  auto regex = EcmaRegex::Compile("b+");
  ASSERT_TRUE(regex.has_value());
  EXPECT_EQ((*regex)->Search("abbc"), RegexMatch::kMatch);
  EXPECT_EQ((*regex)->Search("ac"), RegexMatch::kNoMatch);
}

TEST(SchemaRegex, FollowsEcmaScriptSemantics) {
  auto spaces = EcmaRegex::Compile("^\\s$");
  ASSERT_TRUE(spaces.has_value());
  EXPECT_EQ((*spaces)->Search("\xC2\xA0"), RegexMatch::kMatch);  // U+00A0 no-break space
  auto digits = EcmaRegex::Compile("^\\d$");
  ASSERT_TRUE(digits.has_value());
  EXPECT_EQ((*digits)->Search("\xDF\x80"), RegexMatch::kNoMatch);  // U+07C0 NKO digit zero
  auto end = EcmaRegex::Compile("^abc$");
  ASSERT_TRUE(end.has_value());
  EXPECT_EQ((*end)->Search("abc\n"), RegexMatch::kNoMatch);
  auto escape = EcmaRegex::Compile("^\\u0041\\u{1F600}$");
  ASSERT_TRUE(escape.has_value());
  EXPECT_EQ((*escape)->Search("A\xF0\x9F\x98\x80"), RegexMatch::kMatch);
  auto letters = EcmaRegex::Compile("^\\p{Letter}+$");
  ASSERT_TRUE(letters.has_value());
  EXPECT_EQ((*letters)->Search("\xC3\xA9t\xC3\xA9"), RegexMatch::kMatch);
  EXPECT_EQ((*letters)->Search("42"), RegexMatch::kNoMatch);
}

TEST(SchemaRegex, InvalidUtf8SubjectDoesNotMatch) {
  auto regex = EcmaRegex::Compile(".");
  ASSERT_TRUE(regex.has_value());
  EXPECT_EQ((*regex)->Search("\xFF"), RegexMatch::kNoMatch);
}

TEST(SchemaRegex, StrictCheckRejectsNonEcmaSyntax) {
  EXPECT_TRUE(IsEcmaRegex("^(?<year>\\d{4})-(?:\\d{2})$"));
  EXPECT_FALSE(IsEcmaRegex("\\a"));
  EXPECT_FALSE(IsEcmaRegex("(?i)abc"));
  EXPECT_FALSE(IsEcmaRegex("(?#comment)"));
  EXPECT_FALSE(IsEcmaRegex("(unclosed"));
}

TEST(SchemaJsonValues, EqualityIgnoresMemberOrderAndNumberType) {
  EXPECT_TRUE(
      JsonEquals(Json::parse(R"({"a": 1, "b": [1.0]})"), Json::parse(R"({"b": [1], "a": 1.0})")));
  EXPECT_FALSE(JsonEquals(Json::parse("[1, 2]"), Json::parse("[2, 1]")));
  EXPECT_FALSE(JsonEquals(Json(true), Json(1)));
  EXPECT_EQ(JsonHash(Json::parse(R"({"a": 1, "b": 2})")),
            JsonHash(Json::parse(R"({"b": 2.0, "a": 1})")));
}

TEST(SchemaJsonValues, DescribeValueShortensLongText) {
  std::string long_text(500, 'x');
  std::string described = DescribeValue(Json(long_text), 40);
  EXPECT_LT(described.size(), 60u);
  EXPECT_EQ(described.substr(described.size() - 4), "...\"");
  EXPECT_EQ(DescribeValue(Json::parse(R"({"a": [1, 2]})")), R"({"a": [1, 2]})");
}

TEST(SchemaJsonValues, CodePointsAndNumbers) {
  EXPECT_EQ(CodePointCount("h\xC3\xA9llo"), 5u);
  EXPECT_EQ(CompareNumbers(Json(18446744073709551615ULL), Json(-1)), 1);
  EXPECT_EQ(CompareNumbers(Json(2), Json(2.0)), 0);
  EXPECT_TRUE(IsIntegral(Json(3.0)));
  EXPECT_FALSE(IsIntegral(Json(3.5)));
}

}  // namespace
}  // namespace mimic::schema
