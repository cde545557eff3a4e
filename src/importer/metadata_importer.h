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
// as diagnostics, not errors. What the document replaces is recorded in
// `service->applied_metadata` under `artifact_name`, and a document applied again
// under the same name first restores it: importing an edited file removes what
// the earlier version set and the new one no longer does.
// NOTE: the restore is exact while each setting comes from one APIMetadata file. Two
// files that set the same label or operation are undone in their own order.
Result<std::vector<ImportDiagnostic>> ApplyApiMetadata(const Json& document,
                                                       const std::string& artifact_name,
                                                       Service* service);

}  // namespace mimic
