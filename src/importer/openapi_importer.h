#pragma once

#include <string_view>

#include "common/error.h"
#include "common/json.h"
#include "importer/import_result.h"

namespace mimic {

// Builds a REST service from an OpenAPI 3.0/3.1 or Swagger 2.0 document:
// one operation per path and verb, with Microcks' dispatcher inference and
// x-microcks extensions, and one exchange per named example, paired by name
// across parameters, request body and responses. A singular media-type
// `example` of OpenAPI 3 becomes the operation's default response.
Result<ImportedServices> ImportOpenApi(const Json& document, std::string_view raw_content,
                                       const ImportSource& source);

}  // namespace mimic
