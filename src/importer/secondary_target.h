#pragma once

#include <string>

#include "common/error.h"
#include "common/json.h"

namespace mimic {

struct ServiceKey {
  std::string name;
  std::string version;
};

// Reads metadata.name and metadata.version of an APIMetadata or APIExamples
// document: the service that the artifact completes.
Result<ServiceKey> ReadSecondaryTarget(const Json& document, const char* kind);

// Text of a YAML/JSON scalar as Microcks stores it: strings as written,
// numbers and booleans in JSON form, objects and arrays as compact JSON.
std::string ScalarOrJsonText(const Json& value);

}  // namespace mimic
