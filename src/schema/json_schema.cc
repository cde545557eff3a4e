#include "schema/json_schema.h"

#include <exception>
#include <new>

#include "schema/schema_compiler.h"
#include "schema/schema_keywords.h"
#include "schema/schema_tree.h"

namespace mimic::schema {
namespace {

const std::vector<std::string>& NoWarnings() {
  static const std::vector<std::string> empty;
  return empty;
}

}  // namespace

std::string FormatValidationError(const ValidationError& error) {
  std::string location = error.instance_location.empty() ? "/" : error.instance_location;
  return location + ": " + error.message;
}

Validator::Validator() = default;

Validator::Validator(std::shared_ptr<const internal::CompiledSchema> compiled)
    : compiled_(std::move(compiled)) {}

Result<Validator> Validator::Compile(const Json& root, std::string_view schema_pointer,
                                     Dialect dialect, DocumentLoader loader) {
  CompileOptions options;
  options.dialect = dialect;
  options.loader = std::move(loader);
  return CompileWithOptions(root, schema_pointer, options);
}

Result<Validator> Validator::CompileWithOptions(const Json& root, std::string_view schema_pointer,
                                                const CompileOptions& options) {
  try {
    auto compiled = internal::CompileSchema(root, schema_pointer, options);
    if (!compiled) return tl::unexpected(compiled.error());
    return Validator(std::move(*compiled));
  } catch (const std::exception& e) {
    // The loader is caller code and may throw; so may allocation on a huge document.
    return MakeError(ErrorCode::kInternal,
                     std::string("schema compilation failed unexpectedly: ") + e.what());
  }
}

std::vector<ValidationError> Validator::Validate(const Json& instance) const {
  return Validate(instance, kDefaultMaxErrors);
}

std::vector<ValidationError> Validator::Validate(const Json& instance, size_t max_errors) const {
  std::vector<ValidationError> errors;
  if (!compiled_) {
    errors.push_back(ValidationError{"", "", "", "the schema validator was never compiled"});
    return errors;
  }
  try {
    internal::EvaluateInstance(*compiled_, instance, &errors, max_errors == 0 ? 1 : max_errors);
  } catch (const std::exception& e) {
    // Only allocation failure is expected here; report it instead of passing the instance.
    errors.push_back(ValidationError{"", "", "", std::string("validation failed: ") + e.what()});
  }
  return errors;
}

bool Validator::IsValid(const Json& instance) const {
  if (!compiled_) return false;
  try {
    return internal::EvaluateInstance(*compiled_, instance, nullptr, 0);
  } catch (const std::exception&) {
    return false;
  }
}

const std::vector<std::string>& Validator::warnings() const {
  return compiled_ ? compiled_->warnings : NoWarnings();
}

}  // namespace mimic::schema
