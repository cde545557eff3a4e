#include "importer/document.h"

#include <gtest/gtest.h>

namespace mimic {
namespace {

TEST(ParseDocument, YamlCoreSchemaScalars) {
  auto doc = ParseDocument(
      "a: 1\nb: 1.0\nc: true\nd: ~\ne: '1'\nf: 0x1F\ng: text\nh: .inf\ni: 1e3\nj: \"true\"\n");
  ASSERT_TRUE(doc) << doc.error().message;
  EXPECT_TRUE((*doc)["a"].is_number_integer());
  EXPECT_EQ((*doc)["b"].dump(), "1.0");
  EXPECT_EQ((*doc)["c"], true);
  EXPECT_TRUE((*doc)["d"].is_null());
  EXPECT_EQ((*doc)["e"], "1");
  EXPECT_EQ((*doc)["f"], 31);
  EXPECT_EQ((*doc)["g"], "text");
  EXPECT_TRUE((*doc)["h"].is_number_float());
  EXPECT_EQ((*doc)["i"], 1000.0);
  EXPECT_EQ((*doc)["j"], "true");
}

TEST(ParseDocument, MergeKeys) {
  auto doc = ParseDocument(
      "base: &base {type: string, maxLength: 5}\n"
      "other: &other {format: email}\n"
      "one: {<<: *base, maxLength: 9}\n"
      "two:\n  <<: [*base, *other]\n");
  ASSERT_TRUE(doc) << doc.error().message;
  EXPECT_EQ((*doc)["one"]["type"], "string");
  EXPECT_EQ((*doc)["one"]["maxLength"], 9);
  EXPECT_FALSE((*doc)["one"].contains("<<"));
  EXPECT_EQ((*doc)["two"]["format"], "email");
  EXPECT_EQ((*doc)["two"]["maxLength"], 5);
}

TEST(ParseDocument, MergeKeysIntoLargeMapping) {
  std::string text = "base: &base {k3: from-base, extra1: 1, extra2: 2}\nlarge:\n  <<: *base\n";
  for (int i = 0; i < 30; ++i) text += "  k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  auto doc = ParseDocument(text);
  ASSERT_TRUE(doc) << doc.error().message;
  const Json& large = (*doc)["large"];
  EXPECT_EQ(large.size(), 32u);
  EXPECT_EQ(large["k3"], 3);
  EXPECT_EQ(large["extra2"], 2);
  EXPECT_EQ(large.begin().key(), "k0");
}

TEST(ParseDocument, QuotedMergeKeyIsPlainKey) {
  auto doc = ParseDocument("a: {'<<': 1}\n");
  ASSERT_TRUE(doc);
  EXPECT_EQ((*doc)["a"]["<<"], 1);
}

TEST(ParseDocument, KeepsKeyOrder) {
  auto doc = ParseDocument("z: 1\na: 2\nm: 3\n");
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->dump(), R"({"z":1,"a":2,"m":3})");
}

TEST(ParseDocument, NumericKeysStayText) {
  auto doc = ParseDocument("responses:\n  200:\n    description: ok\n");
  ASSERT_TRUE(doc);
  EXPECT_TRUE((*doc)["responses"].contains("200"));
}

TEST(ParseDocument, JsonDetectedByFirstCharacter) {
  auto doc = ParseDocument("  \n{\"openapi\": \"3.0.0\"}");
  ASSERT_TRUE(doc);
  EXPECT_EQ((*doc)["openapi"], "3.0.0");
}

TEST(ParseDocument, InvalidYamlNamesLineAndColumn) {
  auto doc = ParseDocument("a: 1\nb: [1, 2\nc: 3\n");
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(doc.error().message.find("Invalid YAML at line"), std::string::npos)
      << doc.error().message;
  EXPECT_NE(doc.error().message.find("column"), std::string::npos);
}

TEST(ParseDocument, InvalidJsonNamesLineAndColumn) {
  auto doc = ParseDocument("{\n  \"a\": 1,\n  \"b\": oops\n}");
  ASSERT_FALSE(doc);
  EXPECT_NE(doc.error().message.find("Invalid JSON at line 3"), std::string::npos)
      << doc.error().message;
}

TEST(ParseDocument, JsonDepthLimit) {
  std::string deep(1000, '[');
  DocumentLimits limits;
  limits.max_depth = 100;
  auto doc = ParseDocument(deep, limits);
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().code, ErrorCode::kLimitExceeded);
}

TEST(ParseDocument, YamlDepthLimit) {
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += std::string(static_cast<size_t>(i), ' ') + "a:\n";
  auto doc = ParseDocument(deep);
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().code, ErrorCode::kLimitExceeded) << doc.error().message;
}

TEST(ParseDocument, AliasBombStopsAtNodeLimit) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char previous = 'a';
  for (char name = 'b'; name <= 'j'; ++name) {
    bomb += std::string(1, name) + ": &" + name + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? ", *" : "*") + previous;
    bomb += "]\n";
    previous = name;
  }
  DocumentLimits limits;
  limits.max_nodes = 100000;
  auto doc = ParseDocument(bomb, limits);
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().code, ErrorCode::kLimitExceeded);
}

TEST(ParseDocument, SizeLimit) {
  DocumentLimits limits;
  limits.max_bytes = 10;
  auto doc = ParseDocument("a: 123456789012345", limits);
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().code, ErrorCode::kLimitExceeded);
}

TEST(ParseDocument, YamlAnchorsAndAliases) {
  auto doc = ParseDocument(
      "name: &n Rex\n"
      "copy: *n\n"
      "list: &l [1, two]\n"
      "again: *l\n"
      "*n : aliased key\n"
      "&k shared: 1\n"
      "other: *k\n");
  ASSERT_TRUE(doc) << doc.error().message;
  EXPECT_EQ((*doc)["copy"], "Rex");
  EXPECT_EQ((*doc)["again"].dump(), R"([1,"two"])");
  EXPECT_EQ((*doc)["Rex"], "aliased key");
  EXPECT_EQ((*doc)["other"], "shared");
}

TEST(ParseDocument, YamlUnknownAliasNamesIt) {
  auto doc = ParseDocument("a: *missing\n");
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(doc.error().message.find("*missing"), std::string::npos) << doc.error().message;
  EXPECT_NE(doc.error().message.find("line 1"), std::string::npos) << doc.error().message;
}

TEST(ParseDocument, YamlNonScalarKeyIsAnError) {
  auto doc = ParseDocument("? [a, b]\n: value\n");
  ASSERT_FALSE(doc);
  EXPECT_NE(doc.error().message.find("mapping key must be a scalar"), std::string::npos)
      << doc.error().message;
}

TEST(ParseDocument, YamlTagsAndQuoting) {
  auto doc = ParseDocument(
      "a: !!str 123\nb: !!int \"42\"\nc: '0x10'\nd:\ne: \"\"\nf: !custom 7\n~: nothing\n");
  ASSERT_TRUE(doc) << doc.error().message;
  EXPECT_EQ((*doc)["a"], "123");
  EXPECT_EQ((*doc)["b"], 42);
  EXPECT_EQ((*doc)["c"], "0x10");
  EXPECT_TRUE((*doc)["d"].is_null());
  EXPECT_EQ((*doc)["e"], "");
  EXPECT_EQ((*doc)["f"], "7");
  EXPECT_EQ((*doc)[""], "nothing");
}

TEST(ParseDocument, YamlRepeatedKeyTakesLastValue) {
  auto doc = ParseDocument("a: 1\nb: 2\na: 3\n");
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->dump(), R"({"a":3,"b":2})");
}

TEST(ParseDocument, YamlReadsOnlyTheFirstDocument) {
  auto doc = ParseDocument("---\na: 1\n---\nb: [unclosed\n");
  ASSERT_TRUE(doc) << doc.error().message;
  EXPECT_EQ(doc->dump(), R"({"a":1})");
  auto empty = ParseDocument("# only a comment\n");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->is_null());
}

TEST(ParseDocument, YamlInvalidUtf8Rejected) {
  auto doc = ParseDocument("a: caf\xe9\n");
  ASSERT_FALSE(doc);
  EXPECT_NE(doc.error().message.find("UTF-8"), std::string::npos) << doc.error().message;
}

TEST(ParseDocument, YamlAndJsonGiveTheSameTree) {
  auto yaml = ParseDocument(
      "openapi: 3.0.3\npaths:\n  /a/{id}:\n    get:\n      parameters:\n"
      "        - {name: id, in: path, required: true}\n      responses:\n"
      "        '200': {description: ok, content: {application/json: {example: {n: 1.5, m: "
      "-2}}}}\n");
  auto json = ParseDocument(
      R"({"openapi": "3.0.3", "paths": {"/a/{id}": {"get": {"parameters": [{"name": "id",
      "in": "path", "required": true}], "responses": {"200": {"description": "ok",
      "content": {"application/json": {"example": {"n": 1.5, "m": -2}}}}}}}}})");
  ASSERT_TRUE(yaml) << yaml.error().message;
  ASSERT_TRUE(json) << json.error().message;
  // The version is a string in the JSON and a float-shaped plain scalar in YAML.
  (*yaml)["openapi"] = "3.0.3";
  EXPECT_EQ(*yaml, *json);
}

}  // namespace
}  // namespace mimic
