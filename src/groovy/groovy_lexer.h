#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace mimic::groovy {

// Largest Groovy dispatch script accepted, the same as the JavaScript source limit of a
// dispatch script.
inline constexpr size_t kMaxSourceBytes = 256 * 1024;
// Tokens per script, counting the tokens inside GString interpolations.
inline constexpr size_t kMaxTokens = 100'000;
// Nesting of blocks, closures, brackets and GString interpolations. Parsing recurses
// once per level, so this bounds the stack.
inline constexpr int kMaxNestingDepth = 64;

enum class TokenType {
  kIdentifier,  // names and keywords alike, which the parser distinguishes
  kNumber,
  kString,   // a string without interpolation; `text` is the decoded value
  kGString,  // a double-quoted, triple-double-quoted or slashy string with `$` interpolation
  kPunctuation,
  kEnd,
};

struct Token;

// The literal text before one interpolated expression of a GString, and that
// expression's tokens, which end with a kEnd token.
struct GStringPart {
  std::string text;
  std::vector<Token> tokens;
};

struct Token {
  TokenType type = TokenType::kEnd;
  // The name or punctuation, the number with underscores removed, or the decoded
  // string value. For a kGString, the literal text after the last interpolation.
  std::string text;
  size_t offset = 0;  // byte offset of the token's first character in the script
  bool newline_before = false;
  bool slashy = false;             // written as /.../, so the value is a regular expression source
  std::vector<GStringPart> parts;  // kGString only
};

// Splits a Groovy script into tokens, ending with one kEnd token. Comments, `#!` on the
// first line and line continuations are dropped; newlines are kept as
// Token::newline_before because they end statements. A `/` starts a slashy string where
// an operand is expected and divides elsewhere.
//
// Errors: kInvalidArgument for malformed input (unterminated strings or comments,
// invalid escapes, invalid UTF-8), kUnsupported for dollar-slashy strings and non-ASCII
// names, kLimitExceeded past kMaxSourceBytes, kMaxTokens or kMaxNestingDepth. Messages
// start with the 1-based line and column.
Result<std::vector<Token>> Lex(std::string_view source);

// Formats "line L, column C: " for a byte offset into `source`.
std::string PositionPrefix(std::string_view source, size_t offset);

}  // namespace mimic::groovy
