// Compiles an arbitrary schema document and validates an arbitrary instance against it.
//
// Input layout: the first byte picks the dialect, then the schema text and the instance text
// follow, separated by the first NUL byte. The loader serves the instance as every remote
// document, so $ref to other documents is exercised without any network.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/json.h"
#include "schema/format_checks.h"
#include "schema/json_schema.h"

namespace {

constexpr const char* kFormats[] = {"date",     "time",          "date-time",
                                    "duration", "email",         "idn-email",
                                    "hostname", "idn-hostname",  "ipv4",
                                    "ipv6",     "uri",           "uri-reference",
                                    "iri",      "iri-reference", "uri-template",
                                    "uuid",     "json-pointer",  "relative-json-pointer",
                                    "regex",    "byte"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  using mimic::schema::Dialect;
  static constexpr Dialect kDialects[] = {Dialect::kDraft4, Dialect::kOpenApi30,
                                          Dialect::kDraft2020_12};
  Dialect dialect = kDialects[data[0] % 3];
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  size_t separator = rest.find('\0');
  std::string_view schema_text = rest.substr(0, separator);
  std::string_view instance_text =
      separator == std::string_view::npos ? std::string_view("null") : rest.substr(separator + 1);

  mimic::Json schema = mimic::Json::parse(schema_text, nullptr, /*allow_exceptions=*/false);
  mimic::Json instance = mimic::Json::parse(instance_text, nullptr, /*allow_exceptions=*/false);
  if (schema.is_discarded() || instance.is_discarded()) return 0;

  if (instance.is_string()) {
    for (const char* format : kFormats) {
      mimic::schema::FormatCheck check = mimic::schema::FindFormatCheck(format);
      if (check != nullptr) (void)check(instance.get_ref<const std::string&>());
    }
  }

  mimic::schema::CompileOptions options;
  options.dialect = dialect;
  options.format_assertion = (data[0] & 4) != 0;
  options.loader = [&instance](const std::string&) -> mimic::Result<mimic::Json> {
    return instance;
  };
  auto validator = mimic::schema::Validator::CompileWithOptions(schema, "", options);
  if (!validator) return 0;

  std::vector<mimic::schema::ValidationError> errors = validator->Validate(instance);
  bool valid = validator->IsValid(instance);
  // Both entry points run the same evaluator, so they must agree on the verdict.
  if (errors.empty() != valid) std::abort();
  for (const auto& error : errors) {
    if (error.message.empty()) std::abort();
  }
  return 0;
}
