#pragma once

#include <string>
#include <vector>

#include "common/error.h"
#include "common/json.h"
#include "importer/import_result.h"
#include "importer/secondary_target.h"
#include "model/service.h"

namespace mimic {

// Reads the service a HAR 1.1 or 1.2 recording mocks, from the
// "microcksId: <name>:<version>" line of log.comment.
Result<ServiceKey> ReadHarServiceKey(const Json& document);

// Builds a service from a HAR recording imported as the main artifact. log.comment
// names it ("microcksId: <name>:<version>") and may set "apiPrefix: /path": only
// entries under that prefix are read, and the prefix is removed from their paths.
// Static assets (.js, .css, .png, ...) are skipped. Each "VERB /path" is an operation,
// and requests to similar paths are merged into one templated operation
// ("/pastries/{part1}", URI_PARTS rules "part1"), as Microcks does. Each entry becomes
// an exchange named after its startedDateTime, without browser-noise headers and
// with base64 content decoded. The service is GRAPHQL or SOAP_HTTP when most entries
// look like it, REST otherwise. HAR imports add no resource.
Result<ImportedServices> ImportHar(const Json& document, const ImportSource& source);

// Adds the entries of a HAR recording imported as a secondary artifact to an existing
// service. An entry goes to the operation whose name and method equal those the
// recording gives it, or else, beyond Microcks, to the REST operation whose path
// template matches the entry's path. Criteria use each operation's current dispatcher,
// and exchanges are tagged with `artifact_name`. Entries that match no operation, and
// operations left without any exchange, are returned as diagnostics.
Result<std::vector<ImportDiagnostic>> ApplyHar(const Json& document,
                                               const std::string& artifact_name, Service* service);

}  // namespace mimic
