#pragma once

#include <string>
#include <vector>

#include "common/error.h"
#include "common/json.h"
#include "importer/import_result.h"
#include "model/service.h"

namespace mimic {

// Applies a Microcks APIMetadata document to an existing service: labels and
// annotations, and per operation the delay, delay strategy, dispatcher, rules
// and parameter constraints. Operations the service does not have are reported
// as diagnostics, not errors.
Result<std::vector<ImportDiagnostic>> ApplyApiMetadata(const Json& document, Service* service);

}  // namespace mimic
