#include "groovy/groovy_diagnostics.h"

#include <utility>

#include "common/strings.h"
#include "groovy/groovy_lexer.h"

namespace mimic::groovy {

std::string FormatUnsupported(const UnsupportedConstruct& unsupported) {
  return "line " + std::to_string(unsupported.line) + ", column " +
         std::to_string(unsupported.column) + ": " + unsupported.construct +
         " are not supported in Groovy dispatch scripts; " + unsupported.hint;
}

Error MakeUnsupportedError(std::string_view source, size_t offset, std::string construct,
                           std::string hint) {
  UnsupportedConstruct unsupported;
  LineAndColumn(source, offset, &unsupported.line, &unsupported.column);
  unsupported.construct = std::move(construct);
  unsupported.hint = std::move(hint);
  return Error{ErrorCode::kUnsupported, FormatUnsupported(unsupported)};
}

Error MakeSyntaxError(std::string_view source, size_t offset, std::string_view message) {
  return Error{ErrorCode::kInvalidArgument,
               PositionPrefix(source, offset) + "invalid Groovy syntax: " + std::string(message)};
}

}  // namespace mimic::groovy
