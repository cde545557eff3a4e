#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/error.h"

namespace mimic {

// A PCRE2 pattern compiled once and matched many times from any thread. Java
// and ECMAScript patterns written for Microcks rules mostly run unchanged.
// Matching is bounded by a match limit, so a pathological pattern fails to
// match instead of hanging.
class Regex {
 public:
  static Result<Regex> Compile(std::string_view pattern);

  // True when the whole text matches, like Java's String.matches.
  bool FullMatch(std::string_view text) const;
  // True when the pattern matches anywhere in the text.
  bool Search(std::string_view text) const;

  const std::string& pattern() const { return pattern_; }

 private:
  struct Code;
  bool Run(std::string_view text, bool anchored_full) const;

  std::string pattern_;
  std::shared_ptr<Code> code_;
  std::shared_ptr<Code> full_code_;
};

}  // namespace mimic
