#pragma once

#include <string>
#include <string_view>

#include "catalog/service_catalog.h"
#include "importer/archive_reader.h"

namespace mimic {

// The base URI given to a file of a bundle, so that relative references resolve
// against its folder inside the archive.
inline constexpr std::string_view kBundleUriPrefix = "bundle:///";

// Imports a zip or tar.gz bundle of artifacts. The root documents (API artifacts
// that no other file of the bundle references) are imported as main artifacts,
// with their relative references resolved inside the archive only. A Postman
// collection or HAR recording that completes a service from an OpenAPI or Swagger
// root of the same bundle is imported as a secondary artifact. APIMetadata and
// APIExamples files are applied last. A reference that does not resolve inside
// the archive rejects the bundle before anything is imported.
Result<ImportOutcome> ImportBundle(ServiceCatalog& catalog, std::string_view archive,
                                   const ArchiveLimits& limits = {});

}  // namespace mimic
