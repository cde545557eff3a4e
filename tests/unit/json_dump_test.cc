#include <random>

#include <gtest/gtest.h>

#include "common/json.h"

namespace mimic {
namespace {

std::string Reference(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

TEST(DumpJson, MatchesNlohmannOnValues) {
  Json document = Json::parse(R"({"b": [1, -2, 3.5, 1e300, -0.0, true, false, null],
      "a": {"nested": "x\"y\\z\n\t\r\b\f", "empty": {}, "list": []},
      "unicode": "caf\u00e9 \u2713 \ud83d\ude00", "ctrl": "\u0001\u001f\u007f"})");
  document["big"] = UINT64_MAX;
  document["small"] = INT64_MIN;
  EXPECT_EQ(DumpJson(document), Reference(document));
  EXPECT_EQ(DumpJson(Json()), "null");
  EXPECT_EQ(DumpJson(Json("")), "\"\"");
}

TEST(DumpJson, MatchesNlohmannOnRandomBytes) {
  std::mt19937 random(7);
  for (int round = 0; round < 2000; ++round) {
    std::string text(random() % 24, '\0');
    for (char& c : text) c = static_cast<char>(random() % 256);
    // Some rounds use only ASCII and valid multi-byte characters.
    if (round % 2 == 0) {
      for (char& c : text) c = static_cast<char>(static_cast<unsigned char>(c) % 128);
      text += "\xC3\xA9\xE2\x9C\x93";
    }
    Json value = {{text, text}, {"list", {text}}};
    ASSERT_EQ(DumpJson(value), Reference(value)) << round;
  }
}

TEST(AppendJsonString, EscapesIntoExistingText) {
  std::string out = "x=";
  AppendJsonString(&out, "a\"b");
  EXPECT_EQ(out, "x=\"a\\\"b\"");
}

}  // namespace
}  // namespace mimic

namespace mimic {
namespace {

TEST(FieldOr, WrongTypesGiveTheFallback) {
  Json node = {{"flag", "yes"}, {"count", "3"}, {"name", 7}, {"list", {{"a", 1}}}};
  EXPECT_EQ(FieldOr(node, "flag", false), false);
  EXPECT_EQ(FieldOr(node, "count", int64_t{5}), 5);
  EXPECT_EQ(FieldOr(node, "name", "none"), "none");
  EXPECT_EQ(FieldOr(node, "list", Json::array()), Json::array());
  EXPECT_EQ(FieldOr(Json("text"), "flag", true), true);
  EXPECT_EQ(FieldOr(Json::array(), "name", "x"), "x");
}

TEST(FieldOr, MatchingTypesGiveTheValue) {
  Json node = {{"flag", true}, {"count", 3}, {"name", "n"}, {"list", {1}}, {"any", nullptr}};
  EXPECT_EQ(FieldOr(node, "flag", false), true);
  EXPECT_EQ(FieldOr(node, "count", int64_t{5}), 3);
  EXPECT_EQ(FieldOr(node, "name", "none"), "n");
  EXPECT_EQ(FieldOr(node, "list", Json::array()), Json::array({1}));
  EXPECT_TRUE(FieldOr(node, "any", Json()).is_null());
}

}  // namespace
}  // namespace mimic
