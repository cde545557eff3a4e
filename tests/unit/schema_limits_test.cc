// Termination and failure behavior: $ref cycles, nesting limits, loaders and metaschemas.

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "common/json.h"
#include "schema/json_schema.h"
#include "schema/metaschemas.h"

namespace mimic::schema {
namespace {

Validator MustCompile(const Json& schema, Dialect dialect = Dialect::kDraft2020_12) {
  auto validator = Validator::Compile(schema, "", dialect);
  EXPECT_TRUE(validator.has_value()) << validator.error().message;
  return validator ? std::move(*validator) : Validator();
}

TEST(SchemaLimits, SelfReferenceWithoutInputEnds) {
  Validator validator = MustCompile(Json::parse(R"({"$ref": "#"})"));
  auto errors = validator.Validate(Json(1));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].keyword, "$ref");
  EXPECT_NE(errors[0].message.find("leads back to itself"), std::string::npos);
  EXPECT_FALSE(validator.IsValid(Json(1)));
}

TEST(SchemaLimits, MutualReferenceCycleEnds) {
  Json schema = Json::parse(R"({
    "definitions": {
      "a": {"$ref": "#/definitions/b"},
      "b": {"allOf": [{"$ref": "#/definitions/a"}]}
    },
    "$ref": "#/definitions/a"
  })");
  Validator validator = MustCompile(schema, Dialect::kDraft4);
  EXPECT_FALSE(validator.IsValid(Json::object()));
}

TEST(SchemaLimits, RecursionThatConsumesInputIsFine) {
  Validator tree = MustCompile(Json::parse(R"({
    "type": "object",
    "properties": {"children": {"type": "array", "items": {"$ref": "#"}}}
  })"));
  Json instance = Json::object();
  Json* current = &instance;
  for (int i = 0; i < 50; ++i) {
    (*current)["children"] = Json::array({Json::object()});
    current = &(*current)["children"][0];
  }
  EXPECT_TRUE(tree.IsValid(instance));
}

TEST(SchemaLimits, DeepInstanceHitsValidationDepth) {
  Validator tree = MustCompile(Json::parse(R"({"items": {"$ref": "#"}})"));
  Json instance = Json::array();
  for (size_t i = 0; i < kMaxValidationDepth + 10; ++i) instance = Json::array({instance});
  auto errors = tree.Validate(instance);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("maximum depth"), std::string::npos);
}

TEST(SchemaLimits, ExponentialSchemaHitsStepBudget) {
  // Each level applies the next one twice, so a full evaluation would take 2^40 steps.
  Json defs = Json::object();
  for (int i = 0; i < 40; ++i) {
    Json ref = {{"$ref", "#/$defs/d" + std::to_string(i + 1)}};
    std::string name = "d";
    name += std::to_string(i);
    defs[name] = {{"allOf", Json::array({ref, ref})}};
  }
  defs["d40"] = {{"type", "string"}};
  Validator validator = MustCompile({{"$defs", defs}, {"$ref", "#/$defs/d0"}});
  auto errors = validator.Validate(Json("x"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("schema evaluations"), std::string::npos);
}

TEST(SchemaLimits, DeeplyNestedSchemaFailsCompile) {
  Json schema = {{"type", "string"}};
  for (size_t i = 0; i < kMaxSchemaDepth + 5; ++i) schema = {{"not", schema}};
  auto validator = Validator::Compile(schema, "", Dialect::kDraft2020_12);
  ASSERT_FALSE(validator.has_value());
  EXPECT_EQ(validator.error().code, ErrorCode::kLimitExceeded);
}

TEST(SchemaLimits, CatastrophicPatternIsBounded) {
  Validator validator = MustCompile(Json::parse(R"({"pattern": "^(a+)+$"})"));
  std::string subject(5000, 'a');
  subject += "!";
  auto errors = validator.Validate(Json(subject));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].keyword, "pattern");
}

TEST(SchemaLimits, UnknownRemoteWithoutLoader) {
  auto validator = Validator::Compile(Json::parse(R"({"$ref": "https://example.com/a.json"})"), "",
                                      Dialect::kDraft2020_12);
  ASSERT_FALSE(validator.has_value());
  EXPECT_EQ(validator.error().code, ErrorCode::kNotFound);
  EXPECT_NE(validator.error().message.find("https://example.com/a.json"), std::string::npos);
}

TEST(SchemaLimits, LoaderErrorIsPassedOn) {
  DocumentLoader loader = [](const std::string&) -> Result<Json> {
    return MakeError(ErrorCode::kUnavailable, "connection refused");
  };
  auto validator = Validator::Compile(Json::parse(R"({"$ref": "other.json"})"), "",
                                      Dialect::kDraft2020_12, loader);
  ASSERT_FALSE(validator.has_value());
  EXPECT_EQ(validator.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(validator.error().message.find("connection refused"), std::string::npos);
}

TEST(SchemaLimits, ThrowingLoaderBecomesError) {
  DocumentLoader loader = [](const std::string&) -> Result<Json> {
    throw std::runtime_error("disk on fire");
  };
  auto validator = Validator::Compile(Json::parse(R"({"$ref": "other.json"})"), "",
                                      Dialect::kDraft2020_12, loader);
  ASSERT_FALSE(validator.has_value());
  EXPECT_EQ(validator.error().code, ErrorCode::kInternal);
}

TEST(SchemaLimits, RelativeRefUsesBaseUri) {
  std::vector<std::string> requested;
  CompileOptions options;
  options.base_uri = "https://specs.example.com/api/openapi.json";
  options.loader = [&requested](const std::string& uri) -> Result<Json> {
    requested.push_back(uri);
    return Json::parse(R"({"type": "integer"})");
  };
  auto validator =
      Validator::CompileWithOptions(Json::parse(R"({"$ref": "common/id.json"})"), "", options);
  ASSERT_TRUE(validator.has_value()) << validator.error().message;
  ASSERT_EQ(requested.size(), 1u);
  EXPECT_EQ(requested[0], "https://specs.example.com/api/common/id.json");
  EXPECT_FALSE(validator->IsValid(Json("x")));
}

TEST(SchemaLimits, DefaultBaseUriForRelativeRef) {
  std::string requested;
  DocumentLoader loader = [&requested](const std::string& uri) -> Result<Json> {
    requested = uri;
    return Json(true);
  };
  auto validator = Validator::Compile(Json::parse(R"({"$ref": "common.json"})"), "",
                                      Dialect::kDraft2020_12, loader);
  ASSERT_TRUE(validator.has_value());
  EXPECT_EQ(requested, "mimic:/common.json");
}

TEST(SchemaLimits, InvalidSchemaPointer) {
  auto missing = Validator::Compile(Json::object(), "/nope", Dialect::kDraft2020_12);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  auto malformed = Validator::Compile(Json::object(), "nope", Dialect::kDraft2020_12);
  ASSERT_FALSE(malformed.has_value());
  EXPECT_EQ(malformed.error().code, ErrorCode::kInvalidArgument);
}

TEST(SchemaLimits, InvalidPatternFailsCompile) {
  auto validator =
      Validator::Compile(Json::parse(R"({"pattern": "(unclosed"})"), "", Dialect::kDraft2020_12);
  ASSERT_FALSE(validator.has_value());
  EXPECT_NE(validator.error().message.find("'/pattern'"), std::string::npos);
}

TEST(SchemaLimits, UnknownRequiredVocabularyIsUnsupported) {
  DocumentLoader loader = [](const std::string&) -> Result<Json> {
    return Json::parse(R"({"$vocabulary": {
      "https://json-schema.org/draft/2020-12/vocab/core": true,
      "https://example.com/vocab/magic": true}})");
  };
  auto validator = Validator::Compile(
      Json::parse(R"({"$schema": "https://example.com/meta", "type": "string"})"), "",
      Dialect::kDraft2020_12, loader);
  ASSERT_FALSE(validator.has_value());
  EXPECT_EQ(validator.error().code, ErrorCode::kUnsupported);
}

TEST(SchemaLimits, SchemaKeywordSwitchesToDraft4) {
  // Under draft 4 rules the boolean exclusiveMaximum modifies maximum.
  Validator validator = MustCompile(Json::parse(R"({
    "$schema": "http://json-schema.org/draft-04/schema#",
    "maximum": 3, "exclusiveMaximum": true
  })"));
  EXPECT_TRUE(validator.IsValid(Json(2)));
  EXPECT_FALSE(validator.IsValid(Json(3)));
}

TEST(SchemaLimits, BuiltinMetaschemasValidateSchemas) {
  Validator draft4 = MustCompile(
      Json::parse(R"({"$ref": "http://json-schema.org/draft-04/schema#"})"), Dialect::kDraft4);
  EXPECT_TRUE(draft4.IsValid(Json::parse(R"({"type": "string", "minLength": 1})")));
  EXPECT_FALSE(draft4.IsValid(Json::parse(R"({"type": "text"})")));
  EXPECT_FALSE(draft4.IsValid(Json::parse(R"({"exclusiveMinimum": true})")));

  Validator modern =
      MustCompile(Json::parse(R"({"$ref": "https://json-schema.org/draft/2020-12/schema"})"));
  EXPECT_TRUE(modern.IsValid(Json::parse(R"({"prefixItems": [{"type": "string"}]})")));
  EXPECT_FALSE(modern.IsValid(Json::parse(R"({"properties": {"a": {"minLength": -1}}})")));
  EXPECT_FALSE(modern.IsValid(Json::parse(R"({"$defs": {"a": {"type": ["string", 1]}}})")));
  EXPECT_FALSE(modern.IsValid(Json(3)));
}

TEST(SchemaLimits, EveryBuiltinMetaschemaParses) {
  for (const char* uri :
       {"http://json-schema.org/draft-04/schema#", "https://json-schema.org/draft/2020-12/schema",
        "https://json-schema.org/draft/2020-12/meta/core",
        "https://json-schema.org/draft/2020-12/meta/applicator",
        "https://json-schema.org/draft/2020-12/meta/unevaluated",
        "https://json-schema.org/draft/2020-12/meta/validation",
        "https://json-schema.org/draft/2020-12/meta/meta-data",
        "https://json-schema.org/draft/2020-12/meta/format-annotation",
        "https://json-schema.org/draft/2020-12/meta/format-assertion",
        "https://json-schema.org/draft/2020-12/meta/content"}) {
    const Json* metaschema = FindBuiltinMetaschema(uri);
    ASSERT_NE(metaschema, nullptr) << uri;
    EXPECT_TRUE(metaschema->is_object()) << uri;
  }
  EXPECT_EQ(FindBuiltinMetaschema("https://example.com/schema"), nullptr);
}

TEST(SchemaLimits, DynamicRefExtendsRecursiveSchema) {
  // A strict variant of a generic tree: the $dynamicRef in "tree" resolves to "strict".
  Json schema = Json::parse(R"({
    "$id": "https://example.com/strict",
    "$dynamicAnchor": "node",
    "$ref": "tree",
    "unevaluatedProperties": false,
    "$defs": {
      "tree": {
        "$id": "tree",
        "$dynamicAnchor": "node",
        "type": "object",
        "properties": {"value": true, "kids": {"type": "array", "items": {"$dynamicRef": "#node"}}}
      }
    }
  })");
  Validator validator = MustCompile(schema);
  EXPECT_TRUE(validator.IsValid(Json::parse(R"({"kids": [{"value": 1}]})")));
  auto errors = validator.Validate(Json::parse(R"({"kids": [{"valeu": 1}]})"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].instance_location, "/kids/0/valeu");
  EXPECT_EQ(errors[0].keyword, "unevaluatedProperties");
}

TEST(SchemaLimits, ConcurrentValidationAgrees) {
  Validator validator = MustCompile(Json::parse(R"({
    "type": "array",
    "items": {"type": "object", "required": ["code"],
              "properties": {"code": {"type": "string", "pattern": "^[A-Z]{3}$"}}}
  })"));
  Json good = Json::array();
  Json bad = Json::array();
  for (int i = 0; i < 200; ++i) {
    good.push_back({{"code", "ABC"}});
    bad.push_back({{"code", i % 2 == 0 ? "ABC" : "abc"}});
  }
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (!validator.IsValid(good)) ++mismatches;
        if (validator.Validate(bad).size() != 100) ++mismatches;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(SchemaLimits, ValidatorIsUsableFromManyCopies) {
  Validator original = MustCompile(Json::parse(R"({"type": "string", "pattern": "^a"})"));
  Validator copy = original;
  EXPECT_TRUE(copy.IsValid(Json("abc")));
  EXPECT_FALSE(original.IsValid(Json("bc")));
}

}  // namespace
}  // namespace mimic::schema
