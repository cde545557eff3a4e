#pragma once

#include <string>
#include <vector>

#include "common/error.h"
#include "common/json.h"
#include "importer/import_result.h"
#include "model/service.h"

namespace mimic {

// Adds the exchanges of a Microcks APIExamples document to an existing
// service. Dispatch criteria are computed with each operation's current
// dispatcher, so examples line up with the main artifact's rules. Exchanges
// are tagged with `artifact_name`.
Result<std::vector<ImportDiagnostic>> ApplyApiExamples(const Json& document,
                                                       const std::string& artifact_name,
                                                       Service* service);

}  // namespace mimic
