#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/json.h"
#include "common/regex.h"

namespace mimic::dispatch {

// A compiled JSON_BODY dispatcher rule:
// {"exp": "/pointer", "operator": "equals|range|regexp|size|presence",
//  "cases": {"<case>": "<response name>", ..., "default": "<response name>"}}.
// A case value may itself be such a rule, evaluated on the same body (nested cases).
class JsonBodyRules {
 public:
  static Result<JsonBodyRules> Parse(std::string_view rules);

  // Returns the response name chosen for a body, or nothing when the body is not JSON
  // (Microcks then returns 400 because no response matches).
  std::optional<std::string> Evaluate(std::string_view body) const;
  std::optional<std::string> EvaluateDocument(const Json& document) const;

 private:
  struct Case {
    std::string key;
    std::string response;                     // set for a plain case
    std::shared_ptr<JsonBodyRules> nested;     // set for a nested rule
    std::optional<Regex> regex;               // regexp operator
    // range and size operators: bounds and whether each is inclusive
    double low = 0, high = 0;
    bool low_inclusive = true, high_inclusive = true, is_range = false;
  };

  static Result<JsonBodyRules> FromJson(const Json& json, int depth);
  std::string Resolve(const Case& chosen, const Json& document) const;

  std::string pointer_;
  std::string operator_;
  std::vector<Case> cases_;
  std::optional<Case> default_;
};

}  // namespace mimic::dispatch
