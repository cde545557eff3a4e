#pragma once

#include <cstddef>
#include <vector>

#include "common/json.h"
#include "schema/json_schema.h"
#include "schema/schema_tree.h"

namespace mimic::schema::internal {

// Validates `instance` against a compiled schema. With `errors` set, appends up to `max_errors`
// errors to it; with nullptr, stops at the first failure. Returns whether the instance is valid.
// May throw std::bad_alloc; Validator::Validate catches it.
bool EvaluateInstance(const CompiledSchema& schema, const Json& instance,
                      std::vector<ValidationError>* errors, size_t max_errors);

}  // namespace mimic::schema::internal
