// OpenAPI 3.0 Schema Object dialect: nullable, $ref into components, discriminator, ignored
// annotation keywords and format assertions.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/json.h"
#include "schema/json_schema.h"
#include "schema/openapi_schema.h"

namespace mimic::schema {
namespace {

// A trimmed pet store specification with the composition patterns real specs use.
const Json& PetStore() {
  static const Json spec = Json::parse(R"({
    "openapi": "3.0.3",
    "info": {"title": "Pets", "version": "1"},
    "paths": {
      "/pets/{id}": {
        "get": {
          "responses": {
            "200": {
              "description": "a pet",
              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}
            }
          }
        }
      }
    },
    "components": {
      "schemas": {
        "Pet": {
          "type": "object",
          "required": ["id", "name"],
          "properties": {
            "id": {"type": "integer", "format": "int64", "readOnly": true},
            "name": {"type": "string", "example": "Rex"},
            "tag": {"type": "string", "nullable": true},
            "owner": {"nullable": true, "allOf": [{"$ref": "#/components/schemas/Owner"}]},
            "vet": {"$ref": "#/components/schemas/Owner", "nullable": true},
            "previousOwner": {"$ref": "#/components/schemas/NullableOwner"},
            "birthday": {"type": "string", "format": "date"}
          }
        },
        "Owner": {
          "type": "object",
          "required": ["email"],
          "properties": {
            "email": {"type": "string", "format": "email"},
            "address": {"$ref": "#/components/schemas/Address"}
          }
        },
        "NullableOwner": {"type": "object", "nullable": true,
                          "properties": {"email": {"type": "string"}}},
        "Address": {
          "type": "object",
          "properties": {"zip": {"type": "string", "pattern": "^[0-9]{5}$"}},
          "xml": {"name": "address"},
          "externalDocs": {"url": "https://example.com/docs"},
          "deprecated": true
        },
        "Cat": {"type": "object", "required": ["petType", "lives"],
                "properties": {"petType": {"type": "string"}, "lives": {"type": "integer"}}},
        "Dog": {"type": "object", "required": ["petType", "bark"],
                "properties": {"petType": {"type": "string"}, "bark": {"type": "boolean"}}},
        "AnyPet": {
          "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
          "discriminator": {"propertyName": "petType",
                            "mapping": {"kitten": "#/components/schemas/Cat"}}
        },
        "Choice": {
          "nullable": true,
          "oneOf": [{"type": "string"}, {"type": "integer"}]
        },
        "Limits": {
          "type": "number", "minimum": 0, "maximum": 10, "exclusiveMaximum": true
        }
      }
    }
  })");
  return spec;
}

Validator CompileComponent(const std::string& name) {
  auto validator =
      Validator::Compile(PetStore(), "/components/schemas/" + name, Dialect::kOpenApi30);
  EXPECT_TRUE(validator.has_value()) << validator.error().message;
  return validator ? std::move(*validator) : Validator();
}

TEST(SchemaOpenApi, ValidPetPasses) {
  Validator pet = CompileComponent("Pet");
  Json instance = Json::parse(R"({"id": 1, "name": "Rex", "tag": null, "owner": null,
                                  "vet": null, "previousOwner": null,
                                  "birthday": "2020-02-29"})");
  EXPECT_TRUE(pet.Validate(instance).empty());
}

TEST(SchemaOpenApi, ResponseSchemaPointerResolvesRefs) {
  auto validator = Validator::Compile(
      PetStore(), "/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema",
      Dialect::kOpenApi30);
  ASSERT_TRUE(validator.has_value()) << validator.error().message;
  EXPECT_TRUE(validator->IsValid(Json::parse(R"({"id": 1, "name": "Rex"})")));
  auto errors = validator->Validate(Json::parse(R"({"id": "one", "name": "Rex"})"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].instance_location, "/id");
  EXPECT_EQ(errors[0].schema_location, "/components/schemas/Pet/properties/id/type");
}

TEST(SchemaOpenApi, NullableTypeAcceptsNull) {
  Validator pet = CompileComponent("Pet");
  EXPECT_TRUE(pet.IsValid(Json::parse(R"({"id": 1, "name": "Rex", "tag": null})")));
  auto errors = pet.Validate(Json::parse(R"({"id": 1, "name": null})"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "null found, string expected");
  EXPECT_EQ(errors[0].instance_location, "/name");
}

TEST(SchemaOpenApi, NullableWithAllOfRef) {
  Validator pet = CompileComponent("Pet");
  EXPECT_TRUE(pet.IsValid(Json::parse(R"({"id": 1, "name": "Rex", "owner": null})")));
  EXPECT_TRUE(
      pet.IsValid(Json::parse(R"({"id": 1, "name": "Rex", "owner": {"email": "a@b.org"}})")));
  auto errors = pet.Validate(Json::parse(R"({"id": 1, "name": "Rex", "owner": {}})"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].keyword, "required");
  EXPECT_EQ(errors[0].instance_location, "/owner");
  EXPECT_EQ(errors[0].message, "required property 'email' is missing");
  EXPECT_EQ(errors[0].schema_location, "/components/schemas/Owner/required");
}

TEST(SchemaOpenApi, NullableBesideRef) {
  Validator pet = CompileComponent("Pet");
  EXPECT_TRUE(pet.IsValid(Json::parse(R"({"id": 1, "name": "Rex", "vet": null})")));
  EXPECT_FALSE(pet.IsValid(Json::parse(R"({"id": 1, "name": "Rex", "vet": 3})")));
}

TEST(SchemaOpenApi, RefToNullableSchema) {
  Validator pet = CompileComponent("Pet");
  EXPECT_TRUE(pet.IsValid(Json::parse(R"({"id": 1, "name": "Rex", "previousOwner": null})")));
  auto errors = pet.Validate(Json::parse(R"({"id": 1, "name": "Rex", "previousOwner": "x"})"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "string found, object expected");
}

TEST(SchemaOpenApi, NullableWithOneOf) {
  Validator choice = CompileComponent("Choice");
  EXPECT_TRUE(choice.IsValid(Json(nullptr)));
  EXPECT_TRUE(choice.IsValid(Json("a")));
  EXPECT_TRUE(choice.IsValid(Json(3)));
  EXPECT_FALSE(choice.IsValid(Json(true)));
}

TEST(SchemaOpenApi, WithoutNullableNullIsRejected) {
  Validator owner = CompileComponent("Owner");
  auto errors = owner.Validate(Json(nullptr));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "null found, object expected");
  EXPECT_EQ(errors[0].keyword, "type");
  EXPECT_EQ(errors[0].instance_location, "");
}

TEST(SchemaOpenApi, NestedRefsThroughComponents) {
  Validator pet = CompileComponent("Pet");
  auto errors = pet.Validate(Json::parse(
      R"({"id": 1, "name": "Rex", "owner": {"email": "a@b.org", "address": {"zip": "ABC"}}})"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].keyword, "pattern");
  EXPECT_EQ(errors[0].instance_location, "/owner/address/zip");
  EXPECT_EQ(errors[0].schema_location, "/components/schemas/Address/properties/zip/pattern");
  EXPECT_EQ(errors[0].message, "\"ABC\" does not match the pattern '^[0-9]{5}$'");
}

TEST(SchemaOpenApi, AnnotationKeywordsAreIgnored) {
  Validator address = CompileComponent("Address");
  EXPECT_TRUE(address.IsValid(Json::parse(R"({"zip": "12345"})")));
  EXPECT_TRUE(address.warnings().empty());
  EXPECT_TRUE(IsOpenApi30AnnotationKeyword("readOnly"));
  EXPECT_TRUE(IsOpenApi30AnnotationKeyword("xml"));
  EXPECT_FALSE(IsOpenApi30AnnotationKeyword("maximum"));
}

TEST(SchemaOpenApi, ReadOnlyPropertyStillValidatesType) {
  Validator pet = CompileComponent("Pet");
  auto errors = pet.Validate(Json::parse(R"({"id": "x", "name": "Rex"})"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "string found, integer expected");
}

TEST(SchemaOpenApi, FormatsAssertedByDefault) {
  Validator pet = CompileComponent("Pet");
  auto errors = pet.Validate(Json::parse(R"({"id": 1, "name": "Rex", "birthday": "2021-02-29"})"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].keyword, "format");
  EXPECT_EQ(errors[0].message, "\"2021-02-29\" is not a valid date");
  auto owner_errors = pet.Validate(
      Json::parse(R"({"id": 1, "name": "Rex", "owner": {"email": "not-an-address"}})"));
  ASSERT_EQ(owner_errors.size(), 1u);
  EXPECT_EQ(owner_errors[0].instance_location, "/owner/email");
}

TEST(SchemaOpenApi, FormatAssertionCanBeTurnedOff) {
  CompileOptions options;
  options.dialect = Dialect::kOpenApi30;
  options.format_assertion = false;
  auto pet = Validator::CompileWithOptions(PetStore(), "/components/schemas/Pet", options);
  ASSERT_TRUE(pet.has_value());
  EXPECT_TRUE(pet->IsValid(Json::parse(R"({"id": 1, "name": "Rex", "birthday": "yesterday"})")));
}

TEST(SchemaOpenApi, OtherFormatsAreAnnotations) {
  auto validator = Validator::Compile(Json::parse(R"({"type": "string", "format": "byte"})"), "",
                                      Dialect::kOpenApi30);
  ASSERT_TRUE(validator.has_value());
  EXPECT_TRUE(validator->IsValid(Json("not base64!")));
}

TEST(SchemaOpenApi, BooleanExclusiveMaximum) {
  Validator limits = CompileComponent("Limits");
  EXPECT_TRUE(limits.IsValid(Json(9.5)));
  auto errors = limits.Validate(Json(10));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].keyword, "exclusiveMaximum");
  EXPECT_EQ(errors[0].message, "10 is greater than or equal to the exclusive maximum 10");
  EXPECT_EQ(errors[0].schema_location, "/components/schemas/Limits/maximum");
}

TEST(SchemaOpenApi, DiscriminatorPicksBranch) {
  Validator any_pet = CompileComponent("AnyPet");
  EXPECT_TRUE(any_pet.IsValid(Json::parse(R"({"petType": "Cat", "lives": 9})")));
  EXPECT_TRUE(any_pet.IsValid(Json::parse(R"({"petType": "kitten", "lives": 9})")));
  EXPECT_TRUE(any_pet.IsValid(Json::parse(R"({"petType": "Dog", "bark": true})")));

  // With the branch chosen, the errors are those of the Dog schema alone.
  auto errors = any_pet.Validate(Json::parse(R"({"petType": "Dog", "lives": 9})"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].keyword, "required");
  EXPECT_EQ(errors[0].message, "required property 'bark' is missing");
  EXPECT_EQ(errors[0].schema_location, "/components/schemas/Dog/required");
}

TEST(SchemaOpenApi, UnknownDiscriminatorValueFallsBackToOneOf) {
  Validator any_pet = CompileComponent("AnyPet");
  auto errors = any_pet.Validate(Json::parse(R"({"petType": "Fish"})"));
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].keyword, "oneOf");
  EXPECT_EQ(errors[0].message, "value does not match any of the 2 oneOf schemas");
}

TEST(SchemaOpenApi, InvalidKeywordValueIsSkippedWithWarning) {
  Json schema = Json::parse(R"({"type": "object", "required": true, "minLength": "3"})");
  auto validator = Validator::Compile(schema, "", Dialect::kOpenApi30);
  ASSERT_TRUE(validator.has_value());
  EXPECT_EQ(validator->warnings().size(), 2u);
  EXPECT_TRUE(validator->IsValid(Json::object()));

  auto strict = Validator::Compile(schema, "", Dialect::kDraft4);
  ASSERT_FALSE(strict.has_value());
  EXPECT_EQ(strict.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(strict.error().message.find("'required'"), std::string::npos);
}

TEST(SchemaOpenApi, MissingComponentIsNotFound) {
  Json schema = Json::parse(R"({"$ref": "#/components/schemas/Missing"})");
  auto validator = Validator::Compile(schema, "", Dialect::kOpenApi30);
  ASSERT_FALSE(validator.has_value());
  EXPECT_EQ(validator.error().code, ErrorCode::kNotFound);
  EXPECT_NE(validator.error().message.find("#/components/schemas/Missing"), std::string::npos);
}

TEST(SchemaOpenApi, ImplicitDiscriminatorValue) {
  EXPECT_EQ(ImplicitDiscriminatorValue("#/components/schemas/Cat"), "Cat");
  EXPECT_EQ(ImplicitDiscriminatorValue("models/Dog.yaml"), "Dog");
  EXPECT_EQ(ImplicitDiscriminatorValue("Bird.json"), "Bird");
}

}  // namespace
}  // namespace mimic::schema
