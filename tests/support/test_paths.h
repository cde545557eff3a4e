#pragma once

#include <string>

namespace mimic::testing {

// The repository root and the server binary under test, as CMake configured them.
// They live in one translation unit so that absolute paths reach the compiler for that
// file only, and the other test objects stay cacheable across checkouts.
const std::string& SourceDir();
const std::string& MimicBinary();

}  // namespace mimic::testing
