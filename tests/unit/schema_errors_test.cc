// Error reports: instance locations, keywords, schema locations and message wording.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/json.h"
#include "schema/json_schema.h"

namespace mimic::schema {
namespace {

std::vector<ValidationError> ValidateWith(const char* schema, const char* instance,
                                          Dialect dialect = Dialect::kDraft2020_12) {
  auto validator = Validator::Compile(Json::parse(schema), "", dialect);
  EXPECT_TRUE(validator.has_value()) << validator.error().message;
  if (!validator) return {};
  return validator->Validate(Json::parse(instance));
}

TEST(SchemaErrors, TypeMessageNamesFoundAndExpected) {
  auto errors = ValidateWith(R"({"type": "number"})", R"("abc")");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "string found, number expected");
  EXPECT_EQ(errors[0].keyword, "type");
  EXPECT_EQ(errors[0].instance_location, "");
  EXPECT_EQ(errors[0].schema_location, "/type");
}

TEST(SchemaErrors, TypeMessageForSeveralTypes) {
  auto errors = ValidateWith(R"({"type": ["integer", "null"]})", "1.5");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "number found, integer or null expected");
  errors = ValidateWith(R"({"type": ["string", "array", "object"]})", "true");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "boolean found, string, array or object expected");
}

TEST(SchemaErrors, IntegralFloatIsInteger) {
  EXPECT_TRUE(ValidateWith(R"({"type": "integer"})", "2.0").empty());
  auto errors = ValidateWith(R"({"type": "integer"})", "2.0", Dialect::kDraft4);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "number found, integer expected");
}

TEST(SchemaErrors, NestedInstanceLocations) {
  const char* schema = R"({
    "type": "object",
    "properties": {
      "items": {"type": "array", "items": {"type": "object",
                "properties": {"a/b": {"type": "string"}, "c~d": {"type": "integer"}}}}
    }
  })";
  auto errors = ValidateWith(schema, R"({"items": [{"a/b": "x"}, {"a/b": 1, "c~d": "y"}]})");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].instance_location, "/items/1/a~1b");
  EXPECT_EQ(errors[0].schema_location, "/properties/items/items/properties/a~1b/type");
  EXPECT_EQ(errors[1].instance_location, "/items/1/c~0d");
  EXPECT_EQ(errors[1].message, "string found, integer expected");
}

TEST(SchemaErrors, CollectsEveryFailure) {
  const char* schema = R"({
    "type": "object",
    "required": ["id", "name"],
    "properties": {"age": {"minimum": 0, "maximum": 2}, "nick": {"minLength": 2}}
  })";
  auto errors = ValidateWith(schema, R"({"age": 3, "nick": "x"})");
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0].message, "required property 'id' is missing");
  EXPECT_EQ(errors[1].message, "required property 'name' is missing");
  EXPECT_EQ(errors[2].keyword, "maximum");
  EXPECT_EQ(errors[2].message, "3 is greater than the maximum 2");
  EXPECT_EQ(errors[2].instance_location, "/age");
  EXPECT_EQ(errors[3].keyword, "minLength");
  EXPECT_EQ(errors[3].message, "string length 1 is less than the minimum length 2");
}

TEST(SchemaErrors, MaxErrorsCapsTheReport) {
  auto validator = Validator::Compile(Json::parse(R"({"items": {"type": "string"}})"), "",
                                      Dialect::kDraft2020_12);
  ASSERT_TRUE(validator.has_value());
  Json many = Json::array();
  for (int i = 0; i < 500; ++i) many.push_back(i);
  EXPECT_EQ(validator->Validate(many).size(), kDefaultMaxErrors);
  EXPECT_EQ(validator->Validate(many, 3).size(), 3u);
  EXPECT_FALSE(validator->IsValid(many));
}

TEST(SchemaErrors, AdditionalPropertiesFalseNamesTheProperty) {
  auto errors = ValidateWith(R"({"properties": {"a": true}, "additionalProperties": false})",
                             R"({"a": 1, "b": 2})");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].keyword, "additionalProperties");
  EXPECT_EQ(errors[0].instance_location, "/b");
  EXPECT_EQ(errors[0].schema_location, "/additionalProperties");
  EXPECT_EQ(errors[0].message, "property 'b' is not allowed by additionalProperties");
}

TEST(SchemaErrors, UnevaluatedPropertiesFalseNamesTheProperty) {
  const char* schema = R"({"allOf": [{"properties": {"a": true}}],
                           "unevaluatedProperties": false})";
  auto errors = ValidateWith(schema, R"({"a": 1, "z": 2})");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].keyword, "unevaluatedProperties");
  EXPECT_EQ(errors[0].instance_location, "/z");
  EXPECT_EQ(errors[0].message, "property 'z' is not allowed by unevaluatedProperties");
}

TEST(SchemaErrors, ItemsFalseNamesTheIndex) {
  auto errors = ValidateWith(R"({"prefixItems": [true], "items": false})", "[1, 2]");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].keyword, "items");
  EXPECT_EQ(errors[0].instance_location, "/1");
  EXPECT_EQ(errors[0].message, "item at index 1 is not allowed by items");
  errors =
      ValidateWith(R"({"items": [true], "additionalItems": false})", "[1, 2]", Dialect::kDraft4);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].keyword, "additionalItems");
}

TEST(SchemaErrors, FalseRootSchema) {
  auto errors = ValidateWith("false", "1");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].keyword, "false");
  EXPECT_EQ(errors[0].message, "no value is allowed here because the schema is false");
}

TEST(SchemaErrors, EnumAndConstMessages) {
  auto errors = ValidateWith(R"({"enum": ["red", "green"]})", R"("blue")");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "\"blue\" is not one of the allowed values [\"red\", \"green\"]");
  errors = ValidateWith(R"({"const": 2})", "3");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "3 is not equal to the constant 2");
}

TEST(SchemaErrors, CountAndUniquenessMessages) {
  auto errors = ValidateWith(R"({"maxItems": 1, "uniqueItems": true})", "[1, 2, 1]");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].message, "array has 3 items, more than the maximum 1");
  EXPECT_EQ(errors[1].message, "items at index 0 and 2 are equal, but items must be unique");
  errors = ValidateWith(R"({"minProperties": 2})", R"({"a": 1})");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "object has 1 property, fewer than the minimum 2");
}

TEST(SchemaErrors, NumberMessages) {
  auto errors = ValidateWith(R"({"multipleOf": 2, "exclusiveMinimum": 10})", "7");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].message, "7 is not a multiple of 2");
  EXPECT_EQ(errors[1].keyword, "exclusiveMinimum");
  EXPECT_EQ(errors[1].message, "7 is less than or equal to the exclusive minimum 10");
}

TEST(SchemaErrors, AnyOfReportsSummaryThenBranches) {
  auto errors = ValidateWith(R"({"anyOf": [{"type": "string"}, {"type": "integer"}]})", "true");
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].keyword, "anyOf");
  EXPECT_EQ(errors[0].message, "value does not match any of the 2 anyOf schemas");
  EXPECT_EQ(errors[1].schema_location, "/anyOf/0/type");
  EXPECT_EQ(errors[2].schema_location, "/anyOf/1/type");
}

TEST(SchemaErrors, OneOfWithSeveralMatches) {
  auto errors = ValidateWith(R"({"oneOf": [{"type": "integer"}, {"minimum": 0}]})", "3");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message,
            "value matches 2 oneOf schemas (at indexes 0 and 1) but must match exactly one");
}

TEST(SchemaErrors, NotAndPropertyNames) {
  auto errors = ValidateWith(R"({"not": {"type": "string"}})", R"("x")");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].keyword, "not");
  errors = ValidateWith(R"({"propertyNames": {"maxLength": 3}})", R"({"abcd": 1})");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].keyword, "propertyNames");
  EXPECT_EQ(errors[0].instance_location, "/abcd");
  EXPECT_EQ(errors[0].message, "property name 'abcd' does not match the propertyNames schema");
}

TEST(SchemaErrors, ContainsMessages) {
  auto errors = ValidateWith(R"({"contains": {"type": "string"}})", "[1, 2]");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "no item matches the contains schema");
  errors = ValidateWith(R"({"contains": {"type": "string"}, "maxContains": 1})", R"(["a", "b"])");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].keyword, "maxContains");
  EXPECT_EQ(errors[0].message, "2 items match the contains schema, more than the maximum 1");
}

TEST(SchemaErrors, DependentRequiredMessage) {
  auto errors = ValidateWith(R"({"dependentRequired": {"card": ["billing"]}})", R"({"card": 1})");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "property 'billing' is required when property 'card' is present");
}

TEST(SchemaErrors, RefErrorsPointAtTheTarget) {
  const char* schema = R"({"$defs": {"id": {"type": "integer"}},
                           "properties": {"id": {"$ref": "#/$defs/id"}}})";
  auto errors = ValidateWith(schema, R"({"id": "x"})");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].schema_location, "/$defs/id/type");
  EXPECT_EQ(errors[0].instance_location, "/id");
}

TEST(SchemaErrors, RemoteLocationsCarryTheUri) {
  DocumentLoader loader = [](const std::string& uri) -> Result<Json> {
    if (uri == "https://example.com/types.json") {
      return Json::parse(R"({"$defs": {"code": {"type": "string", "maxLength": 2}}})");
    }
    return MakeError(ErrorCode::kNotFound, "unknown " + uri);
  };
  auto validator =
      Validator::Compile(Json::parse(R"({"$ref": "https://example.com/types.json#/$defs/code"})"),
                         "", Dialect::kDraft2020_12, loader);
  ASSERT_TRUE(validator.has_value()) << validator.error().message;
  auto errors = validator->Validate(Json("abc"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].schema_location, "https://example.com/types.json#/$defs/code/maxLength");
}

TEST(SchemaErrors, FormatValidationErrorUsesSlashForRoot) {
  EXPECT_EQ(FormatValidationError({"", "type", "/type", "null found, object expected"}),
            "/: null found, object expected");
  EXPECT_EQ(FormatValidationError({"/a/0", "type", "/type", "m"}), "/a/0: m");
}

TEST(SchemaErrors, UncompiledValidatorReportsError) {
  Validator validator;
  EXPECT_FALSE(validator.IsValid(Json(1)));
  auto errors = validator.Validate(Json(1));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "the schema validator was never compiled");
}

}  // namespace
}  // namespace mimic::schema
