#pragma once

// The compiled form of a schema, shared by the compiler (schema_compiler.cc) and the evaluator
// (schema_keywords.cc). Nodes refer to each other by index into CompiledSchema::nodes.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include "common/json.h"
#include "schema/format_checks.h"
#include "schema/schema_regex.h"

namespace mimic::schema::internal {

inline constexpr uint32_t kNoNode = UINT32_MAX;

// Bits of the "type" keyword. An integral number carries both kInteger and kNumber.
enum TypeBit : uint8_t {
  kNullBit = 1,
  kBooleanBit = 2,
  kIntegerBit = 4,
  kNumberBit = 8,
  kStringBit = 16,
  kArrayBit = 32,
  kObjectBit = 64,
};

struct TypeKeyword {
  uint8_t allowed = 0;
  std::string expected;  // "number", "integer or null": the second half of the message
  // Draft 4 defines an integer as a number written without fraction or exponent, so 1.0 is not
  // one there. Later drafts and OpenAPI accept any number with a zero fraction.
  bool integer_needs_integer_syntax = false;
};

struct EnumKeyword {
  std::vector<Json> values;
  std::unordered_set<std::string> strings;  // all values, when every value is a string
  bool only_strings = false;
};

struct ConstKeyword {
  Json value;
};

struct MultipleOfKeyword {
  Json divisor;
};

// maximum, minimum, exclusiveMaximum, exclusiveMinimum; the draft 4 boolean exclusive flags
// fold into `exclusive`.
struct BoundKeyword {
  Json limit;
  bool upper = true;
  bool exclusive = false;
};

enum class CountTarget : uint8_t { kLength, kItems, kProperties };

// maxLength, minLength, maxItems, minItems, maxProperties, minProperties.
struct CountKeyword {
  CountTarget target = CountTarget::kLength;
  bool upper = true;
  uint64_t limit = 0;
};

struct PatternKeyword {
  std::shared_ptr<const EcmaRegex> regex;
};

struct FormatKeyword {
  std::string format;
  FormatCheck check = nullptr;
};

struct UniqueItemsKeyword {};

struct RequiredKeyword {
  std::vector<std::string> names;
};

// dependentRequired, and the array form of draft 4 "dependencies".
struct DependentRequiredKeyword {
  std::vector<std::pair<std::string, std::vector<std::string>>> entries;
};

// dependentSchemas, and the schema form of draft 4 "dependencies".
struct DependentSchemasKeyword {
  std::vector<std::pair<std::string, uint32_t>> entries;
};

// properties, patternProperties and additionalProperties, applied in one pass over the members.
struct PropertiesKeyword {
  std::unordered_map<std::string, uint32_t> properties;
  std::vector<std::pair<std::shared_ptr<const EcmaRegex>, uint32_t>> patterns;
  uint32_t additional = kNoNode;
};

// prefixItems and items (2020-12), or items and additionalItems (draft 4): `prefix` applies by
// position and `rest` to every later item.
struct ItemsKeyword {
  std::vector<uint32_t> prefix;
  uint32_t rest = kNoNode;
};

struct ContainsKeyword {
  uint32_t node = kNoNode;
  uint64_t min = 1;
  std::optional<uint64_t> max;
};

struct PropertyNamesKeyword {
  uint32_t node = kNoNode;
};

// OpenAPI 3.0 discriminator: picks the oneOf/anyOf branch from a property of the instance.
struct DiscriminatorChoice {
  std::string property;
  std::unordered_map<std::string, size_t> branch_by_value;
};

enum class Combinator : uint8_t { kAllOf, kAnyOf, kOneOf };

struct CombinatorKeyword {
  Combinator combinator = Combinator::kAllOf;
  std::vector<uint32_t> nodes;
  std::optional<DiscriminatorChoice> discriminator;
};

struct NotKeyword {
  uint32_t node = kNoNode;
};

struct ConditionalKeyword {
  uint32_t if_node = kNoNode;
  uint32_t then_node = kNoNode;
  uint32_t else_node = kNoNode;
};

struct RefKeyword {
  uint32_t target = kNoNode;
};

// $dynamicRef. When the static target carries a $dynamicAnchor of the same name, `anchor` is that
// name's id and the outermost resource of the dynamic scope with such an anchor wins.
struct DynamicRefKeyword {
  uint32_t target = kNoNode;
  std::optional<uint32_t> anchor;
};

struct UnevaluatedPropertiesKeyword {
  uint32_t node = kNoNode;
};

struct UnevaluatedItemsKeyword {
  uint32_t node = kNoNode;
};

using KeywordData =
    std::variant<TypeKeyword, EnumKeyword, ConstKeyword, MultipleOfKeyword, BoundKeyword,
                 CountKeyword, PatternKeyword, FormatKeyword, UniqueItemsKeyword, RequiredKeyword,
                 DependentRequiredKeyword, DependentSchemasKeyword, PropertiesKeyword, ItemsKeyword,
                 ContainsKeyword, PropertyNamesKeyword, CombinatorKeyword, NotKeyword,
                 ConditionalKeyword, RefKeyword, DynamicRefKeyword, UnevaluatedPropertiesKeyword,
                 UnevaluatedItemsKeyword>;

struct Keyword {
  std::string name;      // reported as ValidationError::keyword
  std::string location;  // reported as ValidationError::schema_location
  KeywordData data;
};

enum class NodeKind : uint8_t { kAlwaysValid, kAlwaysInvalid, kKeywords };

struct Node {
  NodeKind kind = NodeKind::kKeywords;
  // OpenAPI 3.0 `nullable: true`: null satisfies the whole schema object.
  bool nullable = false;
  // The node has unevaluatedProperties or unevaluatedItems, so it gathers annotations from the
  // keywords before them.
  bool collects_annotations = false;
  uint32_t resource = 0;   // index of the schema resource, for the dynamic scope
  std::string location;    // schema location of the node itself
  std::string applied_by;  // keyword that first applied this node, for `false` messages
  std::vector<Keyword> keywords;
};

struct CompiledSchema {
  std::vector<Node> nodes;
  uint32_t root = 0;
  // For each resource, the (anchor id, node) pairs of its $dynamicAnchors that a bookended
  // $dynamicRef can reach.
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> dynamic_anchors;
  bool uses_dynamic_scope = false;
  std::vector<std::string> warnings;
};

}  // namespace mimic::schema::internal
