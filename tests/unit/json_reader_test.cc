#include "common/json_reader.h"

#include <gtest/gtest.h>

#include <string>

namespace mimic {
namespace {

// The importers were written against nlohmann's parser, so the fast reader must
// give the same tree, value kinds included.
void ExpectSameAsNlohmann(const std::string& text) {
  auto fast = ReadJson(text);
  ASSERT_TRUE(fast) << text << ": " << fast.error().reason;
  Json reference = Json::parse(text);
  EXPECT_EQ(DumpJson(*fast), DumpJson(reference)) << text;
  EXPECT_EQ(fast->type(), reference.type()) << text;
}

TEST(ReadJson, MatchesNlohmannOnValues) {
  for (const char* text :
       {R"({"a": 1, "b": -2, "c": 1.5, "d": 1e3, "e": true, "f": null, "g": "x"})",
        R"([18446744073709551615, -9223372036854775808, 18446744073709551616, -0, 0.1])",
        R"({"s": "caf\u00e9 \ud83d\ude00 \" \\ \/ \b\f\n\r\t \u0000"})", R"("plain")", "42",
        R"({"z": 1, "a": {"nested": [1, [2, [3, {}]], []]}})", "  [ ]  "}) {
    ExpectSameAsNlohmann(text);
  }
}

TEST(ReadJson, IntegerKindsFollowTheSign) {
  auto read = ReadJson(R"([5, -5, 5.0])");
  ASSERT_TRUE(read);
  EXPECT_TRUE((*read)[0].is_number_unsigned());
  EXPECT_TRUE((*read)[1].is_number_integer());
  EXPECT_FALSE((*read)[1].is_number_unsigned());
  EXPECT_TRUE((*read)[2].is_number_float());
}

TEST(ReadJson, RepeatedKeyKeepsFirstPositionAndLastValue) {
  ExpectSameAsNlohmann(R"({"a": 1, "b": 2, "a": 3})");
  auto read = ReadJson(R"({"a": 1, "b": 2, "a": 3})");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->dump(), R"({"a":3,"b":2})");
  // Objects past the scan limit use a hash index; the rule is the same.
  std::string large = "{";
  for (int i = 0; i < 40; ++i)
    large += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ",";
  large += "\"k7\": \"last\"}";
  ExpectSameAsNlohmann(large);
  EXPECT_EQ((*ReadJson(large))["k7"], "last");
  EXPECT_EQ(ReadJson(large)->size(), 40u);
}

TEST(ReadJson, SyntaxErrorsGiveOffsetAndReason) {
  auto read = ReadJson("{\n  \"a\": oops\n}");
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().kind, JsonReadFailure::Kind::kSyntax);
  EXPECT_EQ(read.error().offset, 9u);
  EXPECT_FALSE(read.error().reason.empty());
  for (const char* bad :
       {"", "{", "[1,]", "{\"a\":1,}", "[1] [2]", "\"\xff\"", "[01]", "NaN", "// comment\n{}"}) {
    EXPECT_FALSE(ReadJson(bad)) << bad;
  }
}

TEST(ReadJson, NumberOverflowIsAnError) {
  auto read = ReadJson("[1e400]");
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().reason.find("double"), std::string::npos) << read.error().reason;
}

TEST(ReadJson, LimitsStopTheRead) {
  auto deep = ReadJson(std::string(100, '[') + std::string(100, ']'), {50, 1000});
  ASSERT_FALSE(deep);
  EXPECT_EQ(deep.error().kind, JsonReadFailure::Kind::kDepth);
  auto wide = ReadJson("[1,2,3,4,5,6]", {50, 5});
  ASSERT_FALSE(wide);
  EXPECT_EQ(wide.error().kind, JsonReadFailure::Kind::kNodes);
  EXPECT_TRUE(ReadJson("[1,2,3,4]", {50, 5}));
}

}  // namespace
}  // namespace mimic
