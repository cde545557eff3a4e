#include "support/test_paths.h"

namespace mimic::testing {

const std::string& SourceDir() {
  static const std::string path = MIMIC_SOURCE_DIR;
  return path;
}

const std::string& MimicBinary() {
  static const std::string path = MIMIC_BINARY;
  return path;
}

}  // namespace mimic::testing
