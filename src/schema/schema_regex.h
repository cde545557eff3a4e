#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/error.h"

struct pcre2_real_code_8;

namespace mimic::schema {

// Longest `pattern` accepted, in bytes.
inline constexpr size_t kMaxPatternLength = 16 * 1024;
// PCRE2 match limit for one search, so a backtracking-heavy pattern fails instead of hanging.
inline constexpr uint32_t kRegexMatchLimit = 1'000'000;

enum class RegexMatch { kMatch, kNoMatch, kLimitExceeded };

// An ECMA-262 regular expression compiled once with PCRE2 (JIT when available). Searches are
// unanchored, as JSON Schema requires, and safe to run from several threads at once.
//
// The pattern is translated where the two dialects differ: `\s` and `\S` include the Unicode
// spaces, `\v` is the vertical tab, `$` matches only at the very end, `\uXXXX` and `\u{X}` are
// code points and `[^]` matches any character.
// NOTE: `\S` inside a character class stays ASCII-only, and PCRE2 accepts some syntax that
// ECMA-262 rejects (possessive quantifiers, `\A`, `\z`).
class EcmaRegex {
 public:
  static Result<std::shared_ptr<const EcmaRegex>> Compile(std::string_view pattern);
  ~EcmaRegex();
  EcmaRegex(const EcmaRegex&) = delete;
  EcmaRegex& operator=(const EcmaRegex&) = delete;

  RegexMatch Search(std::string_view subject) const;
  const std::string& pattern() const { return pattern_; }

 private:
  EcmaRegex(std::string pattern, pcre2_real_code_8* code)
      : pattern_(std::move(pattern)), code_(code) {}

  std::string pattern_;
  pcre2_real_code_8* code_;
};

// Checks the "regex" format: the pattern compiles and uses no escape that ECMA-262 lacks
// (such as `\a` or `\Z`).
bool IsEcmaRegex(std::string_view pattern);

}  // namespace mimic::schema
