#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/json.h"

namespace mimic::schema {

// Rules of the OpenAPI 3.0 Schema Object that differ from JSON Schema draft 4. The compiler
// applies them for Dialect::kOpenApi30:
// - `nullable: true` lets null satisfy the schema object, whatever its type, enum or composition
//   keywords require, and also when it sits beside a $ref.
// - `$ref` replaces its sibling keywords (except `nullable`), as in draft 4.
// - `discriminator` only picks the oneOf/anyOf branch to validate against.
// - readOnly, writeOnly, example, xml, externalDocs and deprecated carry no validation.

// True for keywords that annotate an OpenAPI 3.0 schema without constraining instances.
bool IsOpenApi30AnnotationKeyword(std::string_view keyword);

// True for the formats checked by default in OpenAPI 3.0 documents: date, date-time, email,
// uuid, ipv4, ipv6 and uri. Others, such as int32, byte or password, are annotations.
bool IsOpenApi30AssertedFormat(std::string_view format);

// True when the schema object declares `nullable: true`.
bool IsNullable(const Json& schema);

struct Discriminator {
  std::string property_name;
  // Discriminator value and the $ref of the schema it selects, in document order.
  std::vector<std::pair<std::string, std::string>> mapping;
};

// Reads the `discriminator` of a schema object; nullopt when absent or without a propertyName.
std::optional<Discriminator> ParseDiscriminator(const Json& schema);

// Returns the schema name that an implicit discriminator value matches: the last segment of the
// reference ("#/components/schemas/Cat" gives "Cat", "Dog.json" gives "Dog").
std::string ImplicitDiscriminatorValue(std::string_view ref);

}  // namespace mimic::schema
