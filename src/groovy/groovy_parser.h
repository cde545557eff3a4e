#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "groovy/groovy_ast.h"
#include "groovy/groovy_lexer.h"

namespace mimic::groovy {

// Height of the largest expression tree accepted. Chains such as `a + b + c` grow the
// tree without nesting, and translation recurses once per level.
inline constexpr int kMaxExpressionDepth = 256;

// Parses the tokens of a Groovy script into statements. The grammar covers the
// statements and expressions that dispatch scripts use, including command calls
// (`log.info "text"`) and trailing closures (`list.each { ... }`).
//
// Errors: kUnsupported for constructs that have no place in a dispatch script, such as
// class or method definitions, annotations and labels. kInvalidArgument for malformed
// input. kLimitExceeded for nesting deeper than kMaxNestingDepth or kMaxExpressionDepth.
// Messages start with the line and column in `source`.
Result<std::unique_ptr<Block>> ParseScript(std::string_view source,
                                           const std::vector<Token>& tokens);

}  // namespace mimic::groovy
