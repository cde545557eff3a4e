#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/error.h"

namespace mimic::groovy {

// A construct outside the Groovy subset that Mimic translates. `construct` is a plural
// noun phrase ("closures with two parameters") and `hint` describes how to rewrite it.
struct UnsupportedConstruct {
  int line = 0;
  int column = 0;
  std::string construct;
  std::string hint;
};

// Formats "line L, column C: <construct> are not supported in Groovy dispatch scripts;
// <hint>".
std::string FormatUnsupported(const UnsupportedConstruct& unsupported);

// Builds the kUnsupported error for a construct at a byte offset of `source`.
Error MakeUnsupportedError(std::string_view source, size_t offset, std::string construct,
                           std::string hint);

// Builds the kInvalidArgument error "line L, column C: invalid Groovy syntax: <message>".
Error MakeSyntaxError(std::string_view source, size_t offset, std::string_view message);

}  // namespace mimic::groovy
