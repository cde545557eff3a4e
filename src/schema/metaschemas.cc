#include "schema/metaschemas.h"

#include <string>
#include <unordered_map>

namespace mimic::schema {
namespace {

constexpr std::string_view kDraft4Uri = "http://json-schema.org/draft-04/schema";

// Draft 4: one self-referencing document. "$ref": "#" is any schema.
constexpr std::string_view kDraft4 = R"json({
  "id": "http://json-schema.org/draft-04/schema#",
  "$schema": "http://json-schema.org/draft-04/schema#",
  "type": "object",
  "definitions": {
    "schemas": {"type": "array", "minItems": 1, "items": {"$ref": "#"}},
    "count": {"type": "integer", "minimum": 0},
    "names": {"type": "array", "items": {"type": "string"}, "minItems": 1, "uniqueItems": true},
    "typeName": {"enum": ["array", "boolean", "integer", "null", "number", "object", "string"]},
    "schemaMap": {"type": "object", "additionalProperties": {"$ref": "#"}},
    "schemaOrFlag": {"anyOf": [{"type": "boolean"}, {"$ref": "#"}]}
  },
  "properties": {
    "id": {"type": "string"},
    "$schema": {"type": "string"},
    "title": {"type": "string"},
    "description": {"type": "string"},
    "format": {"type": "string"},
    "multipleOf": {"type": "number", "minimum": 0, "exclusiveMinimum": true},
    "maximum": {"type": "number"},
    "exclusiveMaximum": {"type": "boolean"},
    "minimum": {"type": "number"},
    "exclusiveMinimum": {"type": "boolean"},
    "maxLength": {"$ref": "#/definitions/count"},
    "minLength": {"$ref": "#/definitions/count"},
    "pattern": {"type": "string"},
    "items": {"anyOf": [{"$ref": "#"}, {"$ref": "#/definitions/schemas"}]},
    "additionalItems": {"$ref": "#/definitions/schemaOrFlag"},
    "maxItems": {"$ref": "#/definitions/count"},
    "minItems": {"$ref": "#/definitions/count"},
    "uniqueItems": {"type": "boolean"},
    "maxProperties": {"$ref": "#/definitions/count"},
    "minProperties": {"$ref": "#/definitions/count"},
    "required": {"$ref": "#/definitions/names"},
    "properties": {"$ref": "#/definitions/schemaMap"},
    "patternProperties": {"$ref": "#/definitions/schemaMap"},
    "additionalProperties": {"$ref": "#/definitions/schemaOrFlag"},
    "definitions": {"$ref": "#/definitions/schemaMap"},
    "dependencies": {
      "type": "object",
      "additionalProperties": {"anyOf": [{"$ref": "#"}, {"$ref": "#/definitions/names"}]}
    },
    "enum": {"type": "array", "minItems": 1, "uniqueItems": true},
    "type": {
      "anyOf": [
        {"$ref": "#/definitions/typeName"},
        {"type": "array", "items": {"$ref": "#/definitions/typeName"}, "minItems": 1,
         "uniqueItems": true}
      ]
    },
    "allOf": {"$ref": "#/definitions/schemas"},
    "anyOf": {"$ref": "#/definitions/schemas"},
    "oneOf": {"$ref": "#/definitions/schemas"},
    "not": {"$ref": "#"}
  },
  "dependencies": {"exclusiveMaximum": ["maximum"], "exclusiveMinimum": ["minimum"]}
})json";

// 2020-12: a dialect document that combines one metaschema per vocabulary. Subschema positions
// use "$dynamicRef": "#meta", so an extending dialect that declares its own "$dynamicAnchor":
// "meta" is applied to nested schemas as well.
constexpr std::string_view k202012Schema = R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://json-schema.org/draft/2020-12/schema",
  "$vocabulary": {
    "https://json-schema.org/draft/2020-12/vocab/core": true,
    "https://json-schema.org/draft/2020-12/vocab/applicator": true,
    "https://json-schema.org/draft/2020-12/vocab/unevaluated": true,
    "https://json-schema.org/draft/2020-12/vocab/validation": true,
    "https://json-schema.org/draft/2020-12/vocab/meta-data": true,
    "https://json-schema.org/draft/2020-12/vocab/format-annotation": true,
    "https://json-schema.org/draft/2020-12/vocab/content": true
  },
  "$dynamicAnchor": "meta",
  "type": ["object", "boolean"],
  "allOf": [
    {"$ref": "meta/core"},
    {"$ref": "meta/applicator"},
    {"$ref": "meta/unevaluated"},
    {"$ref": "meta/validation"},
    {"$ref": "meta/meta-data"},
    {"$ref": "meta/format-annotation"},
    {"$ref": "meta/content"}
  ]
})json";

constexpr std::string_view k202012Core = R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://json-schema.org/draft/2020-12/meta/core",
  "$vocabulary": {"https://json-schema.org/draft/2020-12/vocab/core": true},
  "$dynamicAnchor": "meta",
  "type": ["object", "boolean"],
  "$defs": {
    "anchor": {"type": "string", "pattern": "^[A-Za-z_][-A-Za-z0-9._]*$"}
  },
  "properties": {
    "$id": {"type": "string", "pattern": "^[^#]*#?$"},
    "$schema": {"type": "string"},
    "$ref": {"type": "string"},
    "$anchor": {"$ref": "#/$defs/anchor"},
    "$dynamicRef": {"type": "string"},
    "$dynamicAnchor": {"$ref": "#/$defs/anchor"},
    "$vocabulary": {"type": "object", "additionalProperties": {"type": "boolean"}},
    "$comment": {"type": "string"},
    "$defs": {"type": "object", "additionalProperties": {"$dynamicRef": "#meta"}}
  }
})json";

constexpr std::string_view k202012Applicator = R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://json-schema.org/draft/2020-12/meta/applicator",
  "$vocabulary": {"https://json-schema.org/draft/2020-12/vocab/applicator": true},
  "$dynamicAnchor": "meta",
  "type": ["object", "boolean"],
  "$defs": {
    "schemas": {"type": "array", "minItems": 1, "items": {"$dynamicRef": "#meta"}},
    "schemaMap": {"type": "object", "additionalProperties": {"$dynamicRef": "#meta"}}
  },
  "properties": {
    "prefixItems": {"$ref": "#/$defs/schemas"},
    "items": {"$dynamicRef": "#meta"},
    "contains": {"$dynamicRef": "#meta"},
    "additionalProperties": {"$dynamicRef": "#meta"},
    "properties": {"$ref": "#/$defs/schemaMap"},
    "patternProperties": {"$ref": "#/$defs/schemaMap", "propertyNames": {"format": "regex"}},
    "dependentSchemas": {"$ref": "#/$defs/schemaMap"},
    "propertyNames": {"$dynamicRef": "#meta"},
    "if": {"$dynamicRef": "#meta"},
    "then": {"$dynamicRef": "#meta"},
    "else": {"$dynamicRef": "#meta"},
    "allOf": {"$ref": "#/$defs/schemas"},
    "anyOf": {"$ref": "#/$defs/schemas"},
    "oneOf": {"$ref": "#/$defs/schemas"},
    "not": {"$dynamicRef": "#meta"}
  }
})json";

constexpr std::string_view k202012Unevaluated = R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://json-schema.org/draft/2020-12/meta/unevaluated",
  "$vocabulary": {"https://json-schema.org/draft/2020-12/vocab/unevaluated": true},
  "$dynamicAnchor": "meta",
  "type": ["object", "boolean"],
  "properties": {
    "unevaluatedItems": {"$dynamicRef": "#meta"},
    "unevaluatedProperties": {"$dynamicRef": "#meta"}
  }
})json";

constexpr std::string_view k202012Validation = R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://json-schema.org/draft/2020-12/meta/validation",
  "$vocabulary": {"https://json-schema.org/draft/2020-12/vocab/validation": true},
  "$dynamicAnchor": "meta",
  "type": ["object", "boolean"],
  "$defs": {
    "count": {"type": "integer", "minimum": 0},
    "names": {"type": "array", "items": {"type": "string"}, "uniqueItems": true},
    "typeName": {"enum": ["array", "boolean", "integer", "null", "number", "object", "string"]}
  },
  "properties": {
    "type": {
      "anyOf": [
        {"$ref": "#/$defs/typeName"},
        {"type": "array", "items": {"$ref": "#/$defs/typeName"}, "minItems": 1,
         "uniqueItems": true}
      ]
    },
    "const": true,
    "enum": {"type": "array"},
    "multipleOf": {"type": "number", "exclusiveMinimum": 0},
    "maximum": {"type": "number"},
    "exclusiveMaximum": {"type": "number"},
    "minimum": {"type": "number"},
    "exclusiveMinimum": {"type": "number"},
    "maxLength": {"$ref": "#/$defs/count"},
    "minLength": {"$ref": "#/$defs/count"},
    "pattern": {"type": "string", "format": "regex"},
    "maxItems": {"$ref": "#/$defs/count"},
    "minItems": {"$ref": "#/$defs/count"},
    "uniqueItems": {"type": "boolean"},
    "maxContains": {"$ref": "#/$defs/count"},
    "minContains": {"$ref": "#/$defs/count"},
    "maxProperties": {"$ref": "#/$defs/count"},
    "minProperties": {"$ref": "#/$defs/count"},
    "required": {"$ref": "#/$defs/names"},
    "dependentRequired": {"type": "object", "additionalProperties": {"$ref": "#/$defs/names"}}
  }
})json";

constexpr std::string_view k202012MetaData = R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://json-schema.org/draft/2020-12/meta/meta-data",
  "$vocabulary": {"https://json-schema.org/draft/2020-12/vocab/meta-data": true},
  "$dynamicAnchor": "meta",
  "type": ["object", "boolean"],
  "properties": {
    "title": {"type": "string"},
    "description": {"type": "string"},
    "default": true,
    "deprecated": {"type": "boolean"},
    "readOnly": {"type": "boolean"},
    "writeOnly": {"type": "boolean"},
    "examples": {"type": "array"}
  }
})json";

constexpr std::string_view k202012FormatAnnotation = R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://json-schema.org/draft/2020-12/meta/format-annotation",
  "$vocabulary": {"https://json-schema.org/draft/2020-12/vocab/format-annotation": true},
  "$dynamicAnchor": "meta",
  "type": ["object", "boolean"],
  "properties": {"format": {"type": "string"}}
})json";

constexpr std::string_view k202012FormatAssertion = R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://json-schema.org/draft/2020-12/meta/format-assertion",
  "$vocabulary": {"https://json-schema.org/draft/2020-12/vocab/format-assertion": true},
  "$dynamicAnchor": "meta",
  "type": ["object", "boolean"],
  "properties": {"format": {"type": "string"}}
})json";

constexpr std::string_view k202012Content = R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://json-schema.org/draft/2020-12/meta/content",
  "$vocabulary": {"https://json-schema.org/draft/2020-12/vocab/content": true},
  "$dynamicAnchor": "meta",
  "type": ["object", "boolean"],
  "properties": {
    "contentEncoding": {"type": "string"},
    "contentMediaType": {"type": "string"},
    "contentSchema": {"$dynamicRef": "#meta"}
  }
})json";

using MetaschemaMap = std::unordered_map<std::string, Json>;

// Parsed on first use. The texts are constants, and the unit test
// SchemaLimits.EveryBuiltinMetaschemaParses checks that each one parses.
const MetaschemaMap& Metaschemas() {
  static const MetaschemaMap* map = [] {
    auto* result = new MetaschemaMap();
    const std::string prefix = "https://json-schema.org/draft/2020-12/";
    (*result)[std::string(kDraft4Uri)] = Json::parse(kDraft4);
    (*result)[prefix + "schema"] = Json::parse(k202012Schema);
    (*result)[prefix + "meta/core"] = Json::parse(k202012Core);
    (*result)[prefix + "meta/applicator"] = Json::parse(k202012Applicator);
    (*result)[prefix + "meta/unevaluated"] = Json::parse(k202012Unevaluated);
    (*result)[prefix + "meta/validation"] = Json::parse(k202012Validation);
    (*result)[prefix + "meta/meta-data"] = Json::parse(k202012MetaData);
    (*result)[prefix + "meta/format-annotation"] = Json::parse(k202012FormatAnnotation);
    (*result)[prefix + "meta/format-assertion"] = Json::parse(k202012FormatAssertion);
    (*result)[prefix + "meta/content"] = Json::parse(k202012Content);
    return result;
  }();
  return *map;
}

}  // namespace

const Json* FindBuiltinMetaschema(std::string_view uri) {
  if (!uri.empty() && uri.back() == '#') uri.remove_suffix(1);
  const MetaschemaMap& map = Metaschemas();
  auto it = map.find(std::string(uri));
  return it == map.end() ? nullptr : &it->second;
}

}  // namespace mimic::schema
