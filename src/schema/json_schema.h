#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/json.h"

namespace mimic::schema {

// JSON Schema validation for validating mocks and contract tests.
//
// A schema is compiled once into a tree whose $ref and $dynamicRef links are node indexes, and
// the compiled Validator is then immutable: Validate may run on many threads at once.

enum class Dialect {
  kDraft4,     // JSON Schema draft 4, including boolean exclusiveMaximum/exclusiveMinimum and `id`
  kOpenApi30,  // OpenAPI 3.0 Schema Object: draft 4 plus `nullable` and `discriminator`
  kDraft2020_12,  // JSON Schema 2020-12 (OpenAPI 3.1)
};

struct ValidationError {
  std::string instance_location;  // JSON Pointer into the instance, "" for the root
  std::string keyword;            // the failing keyword, e.g. "type", "required"
  std::string schema_location;    // JSON Pointer into the schema document (see Compile)
  std::string message;            // e.g. "string found, number expected" for type errors
};

// Renders an error as "<instance location>: <message>", with "/" standing for the root.
std::string FormatValidationError(const ValidationError& error);

// Resolves a non-local $ref URI (absolute, without fragment) to a document. Returns a NotFound
// error when the URI is unknown.
using DocumentLoader = std::function<Result<Json>(const std::string& uri)>;

// Compile-time limits. Exceeding one fails Compile with ErrorCode::kLimitExceeded.
inline constexpr size_t kMaxSchemaDepth = 200;      // nested subschemas inside one document
inline constexpr size_t kMaxSchemaNodes = 500'000;  // compiled subschemas in total
inline constexpr size_t kMaxDocuments = 100;        // documents fetched through the loader

// Validation-time limits. Exceeding one makes the instance invalid with an error that names the
// limit, so a hostile schema or instance cannot exhaust the stack or hang a request thread.
// NOTE: reaching kMaxValidationDepth took less than 512 KiB of stack in a RelWithDebInfo GCC 12
// x86-64 build and about 2 MiB under AddressSanitizer (SchemaLimits.DeepInstanceHitsValidationDepth
// run with `ulimit -s`), so validate on threads with at least 1 MiB of stack.
inline constexpr size_t kMaxValidationDepth = 400;  // nested schema evaluations, $ref hops included
inline constexpr size_t kMaxEvaluationSteps = 10'000'000;  // schema evaluations per Validate call

// Errors collected per Validate call unless the caller passes another maximum. Validation stops
// once the list is full.
inline constexpr size_t kDefaultMaxErrors = 100;

// The base URI of a root document that has no `$id` when CompileOptions::base_uri is empty.
// A relative $ref such as "common.json" in such a document reaches the loader as
// "mimic:/common.json".
inline constexpr std::string_view kDefaultBaseUri = "mimic:/schema.json";

struct CompileOptions {
  Dialect dialect = Dialect::kDraft2020_12;
  DocumentLoader loader;
  // The URI the root document was retrieved from; relative $ref values resolve against it.
  std::string base_uri;
  // Whether "format" fails invalid values. Unset means: on for OpenAPI 3.0 (date, date-time,
  // email, uuid, ipv4, ipv6, uri only), off for draft 4 and 2020-12, where format is an
  // annotation unless the metaschema declares the format-assertion vocabulary.
  std::optional<bool> format_assertion;
};

namespace internal {
struct CompiledSchema;
}

class Validator {
 public:
  // A validator that was never compiled: Validate reports one error for every instance.
  Validator();

  // Compiles the schema at `schema_pointer` inside `root` ("" for a standalone schema), so that
  // "#/components/schemas/X" refs resolve against a whole OpenAPI document. Schema locations in
  // errors are JSON Pointers into `root`. Locations inside documents from the loader are given
  // as "<uri>#<pointer>". `root` is not referenced after Compile returns.
  // Fails with kNotFound for a $ref that resolves to nothing, kInvalidArgument for a malformed
  // schema, kUnsupported for a metaschema requiring an unknown vocabulary, kLimitExceeded for
  // the limits above, and the loader's own code when it fails.
  static Result<Validator> Compile(const Json& root, std::string_view schema_pointer,
                                   Dialect dialect, DocumentLoader loader = {});
  static Result<Validator> CompileWithOptions(const Json& root, std::string_view schema_pointer,
                                              const CompileOptions& options);

  // Returns the errors found in `instance`, at most kDefaultMaxErrors (or `max_errors`, where 0
  // counts as 1), and none when it is valid. Thread-safe. An exception inside validation (only
  // std::bad_alloc is expected) is caught and returned as one error.
  std::vector<ValidationError> Validate(const Json& instance) const;
  std::vector<ValidationError> Validate(const Json& instance, size_t max_errors) const;

  // Faster than Validate when only the verdict matters: stops at the first failure.
  bool IsValid(const Json& instance) const;

  // Problems Compile tolerated instead of failing, such as an OpenAPI 3.0 keyword with a value
  // of the wrong type, which is then ignored.
  const std::vector<std::string>& warnings() const;

 private:
  explicit Validator(std::shared_ptr<const internal::CompiledSchema> compiled);

  std::shared_ptr<const internal::CompiledSchema> compiled_;
};

}  // namespace mimic::schema
