#include "dispatch/json_body_rules.h"

#include <gtest/gtest.h>

namespace mimic::dispatch {
namespace {

JsonBodyRules Rules(const std::string& text) {
  auto rules = JsonBodyRules::Parse(text);
  EXPECT_TRUE(rules) << (rules ? "" : rules.error().message);
  return rules ? std::move(*rules) : *JsonBodyRules::Parse(R"({"exp": "/x", "cases": {}})");
}

TEST(JsonBodyRules, EqualsWithDefault) {
  auto rules = Rules(R"({"exp": "/country", "operator": "equals",
    "cases": {"France": "fr", "Belgium": "be", "default": "other"}})");
  EXPECT_EQ(rules.Evaluate(R"({"country": "France"})"), "fr");
  EXPECT_EQ(rules.Evaluate(R"({"country": "Spain"})"), "other");
  EXPECT_EQ(rules.Evaluate(R"({})"), "other");
}

TEST(JsonBodyRules, NumbersCompareAsText) {
  auto rules = Rules(R"({"exp": "/n", "cases": {"2": "two", "default": "d"}})");
  EXPECT_EQ(rules.Evaluate(R"({"n": 2})"), "two");
}

TEST(JsonBodyRules, RangeBounds) {
  auto rules = Rules(R"({"exp": "/age", "operator": "range",
    "cases": {"[0;18[": "minor", "[18;120]": "adult", "default": "invalid"}})");
  EXPECT_EQ(rules.Evaluate(R"({"age": 17.9})"), "minor");
  EXPECT_EQ(rules.Evaluate(R"({"age": 18})"), "adult");
  EXPECT_EQ(rules.Evaluate(R"({"age": 121})"), "invalid");
  EXPECT_EQ(rules.Evaluate(R"({"age": "old"})"), "invalid");
}

TEST(JsonBodyRules, RegexpFullMatch) {
  auto rules = Rules(R"({"exp": "/id", "operator": "regexp",
    "cases": {"^A[0-9]+$": "a", "B.*": "b", "default": "none"}})");
  EXPECT_EQ(rules.Evaluate(R"({"id": "A12"})"), "a");
  EXPECT_EQ(rules.Evaluate(R"({"id": "xB1"})"), "none");
  EXPECT_EQ(rules.Evaluate(R"({"id": "B1"})"), "b");
}

TEST(JsonBodyRules, SizeOfArray) {
  auto rules = Rules(R"({"exp": "/items", "operator": "size",
    "cases": {"[0;2]": "few", "[3;100]": "many", "default": "d"}})");
  EXPECT_EQ(rules.Evaluate(R"({"items": [1, 2]})"), "few");
  EXPECT_EQ(rules.Evaluate(R"({"items": [1, 2, 3]})"), "many");
  EXPECT_EQ(rules.Evaluate(R"({"items": "x"})"), "d");
}

TEST(JsonBodyRules, Presence) {
  auto rules = Rules(R"({"exp": "/coupon", "operator": "presence",
    "cases": {"found": "discount", "missing": "full"}})");
  EXPECT_EQ(rules.Evaluate(R"({"coupon": "X"})"), "discount");
  EXPECT_EQ(rules.Evaluate(R"({"coupon": ""})"), "full");
  EXPECT_EQ(rules.Evaluate(R"({})"), "full");
}

TEST(JsonBodyRules, NestedCases) {
  auto rules = Rules(R"({"exp": "/type", "cases": {
    "car": {"exp": "/wheels", "operator": "range", "cases": {"[4;4]": "car4", "default": "odd"}},
    "default": "unknown"}})");
  EXPECT_EQ(rules.Evaluate(R"({"type": "car", "wheels": 4})"), "car4");
  EXPECT_EQ(rules.Evaluate(R"({"type": "car", "wheels": 3})"), "odd");
  EXPECT_EQ(rules.Evaluate(R"({"type": "bike"})"), "unknown");
}

TEST(JsonBodyRules, InvalidBodyGivesNothing) {
  auto rules = Rules(R"({"exp": "/a", "cases": {"default": "d"}})");
  EXPECT_FALSE(rules.Evaluate("not json"));
}

TEST(JsonBodyRules, InvalidRulesRejected) {
  EXPECT_FALSE(JsonBodyRules::Parse("nope"));
  EXPECT_FALSE(JsonBodyRules::Parse(R"({"cases": {}})"));
  EXPECT_FALSE(JsonBodyRules::Parse(R"({"exp": "/a"})"));
  EXPECT_FALSE(JsonBodyRules::Parse(R"({"exp": "/a", "operator": "regexp", "cases": {"(": "x"}})"));
}

}  // namespace
}  // namespace mimic::dispatch
