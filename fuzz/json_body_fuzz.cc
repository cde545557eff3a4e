// Parses arbitrary JSON_BODY rules and evaluates them against arbitrary bodies.
// Input layout: rules, a NUL byte, then the body.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dispatch/json_body_rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t separator = input.find('\0');
  std::string_view rules = input.substr(0, separator);
  std::string_view body =
      separator == std::string_view::npos ? std::string_view() : input.substr(separator + 1);
  auto compiled = mimic::dispatch::JsonBodyRules::Parse(rules);
  if (compiled) (void)compiled->Evaluate(body);
  return 0;
}
