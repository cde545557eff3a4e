#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/json.h"
#include "importer/import_result.h"
#include "importer/secondary_target.h"
#include "model/service.h"

namespace mimic {

// Reads the service a Postman collection (v2.0 or v2.1) describes: info.name, and the
// version from info.version (a string, or a v2.1 object whose `identifier` wins over
// major.minor.patch) or else from "version=X" in info.description.
Result<ServiceKey> ReadPostmanServiceKey(const Json& document);

// Builds one REST service from a Postman collection imported as the main artifact.
// Items are read through folders, and each distinct "VERB /path" becomes an operation.
// The first item's URL sets the operation's dispatcher. Each saved response becomes an
// exchange. The collection is kept as a POSTMAN_COLLECTION resource named
// "<service>-<version>.json", with `raw_content` as its text when given (else the
// document serialized). Operations left without any saved response are reported.
Result<ImportedServices> ImportPostmanCollection(const Json& document, const ImportSource& source,
                                                 std::string_view raw_content = {});

// Adds the saved responses of a collection imported as a secondary artifact to an
// existing service, whether it came from OpenAPI, Swagger or Postman. Items are matched
// to operations by name (ignoring case, "/{x}" equal to "/:x", and an optional leading
// verb), and dispatch criteria use each operation's current dispatcher. Exchanges and
// the collection resource are tagged with `artifact_name`, replacing the resource the
// same artifact added before. Items that match no operation, and operations left
// without any exchange, are returned as diagnostics.
Result<std::vector<ImportDiagnostic>> ApplyPostmanCollection(const Json& document,
                                                             const std::string& artifact_name,
                                                             Service* service,
                                                             std::string_view raw_content = {});

}  // namespace mimic
