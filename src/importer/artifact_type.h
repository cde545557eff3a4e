#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/json.h"

namespace mimic {

enum class ArtifactType {
  kOpenApi,
  kSwagger,
  kAsyncApi,
  kPostmanCollection,
  kSoapUiProject,
  kProtobuf,
  kGraphqlSchema,
  kHar,
  kApiMetadata,
  kApiExamples,
};

const char* ArtifactTypeName(ArtifactType type);

// The human list used in "unknown artifact type" errors.
std::string AcceptedArtifactTypes();

struct DetectedArtifact {
  ArtifactType type;
  // The parsed document for YAML and JSON based formats, null otherwise.
  Json document;
};

// Names the format of an artifact from its content, never from its file name.
// YAML and JSON artifacts are parsed here once, so the importer does not parse
// them again. A syntax error is reported with its line and column.
Result<DetectedArtifact> DetectArtifact(std::string_view content);

}  // namespace mimic
