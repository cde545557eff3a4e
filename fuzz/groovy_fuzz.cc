// libFuzzer target for the Groovy-to-JavaScript translator: translates the whole input
// as a Groovy dispatch script. Every input must end in a translation or an error value,
// within the source, token and nesting limits, without crashing or recursing without
// bound.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "groovy/groovy_to_js.h"

namespace {

// Finds a "==" that is not part of "===" or "!==".
bool HasLooseEquality(std::string_view javascript) {
  for (size_t at = javascript.find("=="); at != std::string_view::npos;
       at = javascript.find("==", at + 1)) {
    bool strict = (at + 2 < javascript.size() && javascript[at + 2] == '=') ||
                  (at > 0 && (javascript[at - 1] == '=' || javascript[at - 1] == '!'));
    if (!strict) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view source(reinterpret_cast<const char*>(data), size);
  mimic::Result<mimic::groovy::Translation> translation = mimic::groovy::TranslateGroovy(source);
  if (!translation) {
    // Every error names its cause, and only allocation failures are internal errors.
    if (translation.error().message.empty()) std::abort();
    if (translation.error().code == mimic::ErrorCode::kInternal) std::abort();
    return 0;
  }
  // The translation never uses JavaScript's loose equality. A script without "==" has
  // none in its string literals either, so any loose "==" would come from the translator.
  if (source.find("==") == std::string_view::npos && HasLooseEquality(translation->javascript)) {
    std::abort();
  }
  return 0;
}
