#include "importer/secondary_target.h"

namespace mimic {

std::string ScalarOrJsonText(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  return DumpJson(value);
}

Result<ServiceKey> ReadSecondaryTarget(const Json& document, const char* kind) {
  const Json* metadata = document.contains("metadata") ? &document["metadata"] : nullptr;
  ServiceKey key;
  if (metadata != nullptr && metadata->is_object()) {
    if (metadata->contains("name")) key.name = ScalarOrJsonText((*metadata)["name"]);
    if (metadata->contains("version")) key.version = ScalarOrJsonText((*metadata)["version"]);
  }
  if (key.name.empty() || key.version.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string("The ") + kind +
                         " artifact has no metadata.name or metadata.version. Set both to the "
                         "name and version of the service it completes.");
  }
  return key;
}

}  // namespace mimic
