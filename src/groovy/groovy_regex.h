#pragma once

#include <string>
#include <string_view>

namespace mimic::groovy {

// The result of converting a java.util.regex pattern. On success `literal` contains a
// JavaScript regular expression literal such as /^(?:a+)$/i. On failure `problem` is
// set. With `unsupported` it is a plural noun phrase naming a Java construct that
// JavaScript lacks, and otherwise it describes what makes the pattern invalid.
struct RegexConversion {
  std::string literal;
  bool unsupported = false;
  std::string problem;
  std::string hint;

  bool ok() const { return problem.empty(); }
};

// Converts a Java regular expression into a JavaScript literal that matches the same
// strings. With full_match the literal matches only the whole input, as Java's
// matches() and Groovy's ==~ do; with global it gets the g flag. Leading inline flags
// (?i), (?s) and (?m) become JavaScript flags. Java's \s, \Z, \A, \z and, outside
// multiline mode, $ are rewritten to their exact JavaScript equivalents. Possessive
// quantifiers, atomic groups, Unicode property classes, class unions and intersections,
// and inline flags after the start are rejected.
//
// The pattern is also checked for unbalanced groups, unterminated classes and
// quantifiers with nothing to repeat, because an invalid literal would stop the whole
// translated script from compiling.
//
// NOTE: '.' matches U+0085 in JavaScript but not in Java, and a back reference followed
// by a digit is always read as a one-digit group number.
RegexConversion ConvertJavaRegex(std::string_view pattern, bool full_match, bool global);

// Converts a Java replacement string ($1, ${name}, \$) into the JavaScript syntax of
// String.prototype.replace ($1, $<name>, $$). Returns false and sets `problem` for an
// invalid replacement, as Java's Matcher would throw.
bool ConvertJavaReplacement(std::string_view replacement, std::string* converted,
                            std::string* problem);

}  // namespace mimic::groovy
