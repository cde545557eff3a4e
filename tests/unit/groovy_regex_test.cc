#include <gtest/gtest.h>

#include <string>

#include "groovy/groovy_regex.h"

namespace mimic::groovy {
namespace {

std::string Convert(std::string_view pattern, bool full_match = false, bool global = false) {
  RegexConversion conversion = ConvertJavaRegex(pattern, full_match, global);
  EXPECT_TRUE(conversion.ok()) << pattern << ": " << conversion.problem;
  return conversion.literal;
}

TEST(GroovyRegex, KeepsCommonSyntax) {
  EXPECT_EQ(Convert(R"(^\d{3}-[a-z]+(?:x|y)*?\w\b)"), R"(/^\d{3}-[a-z]+(?:x|y)*?\w\b/)");
  EXPECT_EQ(Convert(R"((?<year>\d{4})-\k<year>)"), R"(/(?<year>\d{4})-\k<year>/)");
  EXPECT_EQ(Convert(R"((?<=a)b(?!c))"), R"(/(?<=a)b(?!c)/)");
}

TEST(GroovyRegex, WrapsFullMatches) {
  EXPECT_EQ(Convert("a|b", true), "/^(?:a|b)$/");
  // A final $ adds nothing to a full match, so it stays as written.
  EXPECT_EQ(Convert("abc$", true), "/^(?:abc$)$/");
  EXPECT_EQ(Convert("", true), "/^(?:(?:))$/");
}

TEST(GroovyRegex, AddsGlobalFlag) { EXPECT_EQ(Convert(",", false, true), "/,/g"); }

TEST(GroovyRegex, MovesLeadingFlags) {
  EXPECT_EQ(Convert("(?i)hello"), "/hello/i");
  EXPECT_EQ(Convert("(?is)a.b", false, true), "/a.b/gis");
}

TEST(GroovyRegex, EscapesSlashesAndNewlines) { EXPECT_EQ(Convert("a/b\n[/]"), "/a\\/b\\n[\\/]/"); }

TEST(GroovyRegex, RewritesJavaOnlyEscapes) {
  EXPECT_EQ(Convert(R"(\s+)"), R"(/[ \t\n\x0B\f\r]+/)");
  EXPECT_EQ(Convert(R"([\s,])"), R"(/[ \t\n\x0B\f\r,]/)");
  EXPECT_EQ(Convert(R"(\S)"), R"(/[^ \t\n\x0B\f\r]/)");
  EXPECT_EQ(Convert(R"(\Aab\z)"), "/^ab$/");
  EXPECT_EQ(Convert(R"(\e\a\0101)"), R"(/\x1B\x07\x41/)");
  EXPECT_EQ(Convert(R"(\Q1+1=2?\E!)"), R"(/1\+1=2\?!/)");
}

TEST(GroovyRegex, RewritesDollarOutsideMultilineMode) {
  std::string converted = Convert("end$");
  EXPECT_TRUE(converted.starts_with("/end(?=")) << converted;
  EXPECT_EQ(Convert("(?m)end$"), "/end$/m");
}

TEST(GroovyRegex, EscapesLiteralBraces) { EXPECT_EQ(Convert("{a}x{2,3}"), R"(/\{a\}x{2,3}/)"); }

TEST(GroovyRegex, RejectsJavaOnlyConstructs) {
  struct Case {
    std::string_view pattern;
    std::string_view problem;
  };
  const Case cases[] = {
      {"a*+", "possessive quantifiers"},
      {"(?>a)", "atomic groups"},
      {R"(\p{Alpha})", "regular expression escapes such as \\p"},
      {"[a-z&&[^e]]", "character class intersections"},
      {"[a[b]]", "nested character classes"},
      {"a(?i)b", "inline regular expression flags after the start"},
      {"(?x)a b", "inline regular expression flags such as (?x)"},
      {R"(\x{1F600})", "\\x{...} escapes"},
      {R"(\G)", "regular expression escapes such as \\G"},
  };
  for (const Case& c : cases) {
    RegexConversion conversion = ConvertJavaRegex(c.pattern, false, false);
    EXPECT_FALSE(conversion.ok()) << c.pattern;
    EXPECT_TRUE(conversion.unsupported) << c.pattern;
    EXPECT_EQ(conversion.problem.rfind(c.problem, 0), 0u)
        << c.pattern << ": " << conversion.problem;
  }
}

TEST(GroovyRegex, RejectsInvalidPatterns) {
  const std::string_view patterns[] = {
      "(a",    "a)",       "[abc",           "*a",    "a|+",   R"(\)",
      "[z-a]", "(?<1x>a)", "(?<n>a)(?<n>b)", R"(\y)", R"(\x4)"};
  for (std::string_view pattern : patterns) {
    RegexConversion conversion = ConvertJavaRegex(pattern, false, false);
    EXPECT_FALSE(conversion.ok()) << pattern;
    EXPECT_FALSE(conversion.unsupported) << pattern << ": " << conversion.problem;
  }
}

TEST(GroovyRegex, ConvertsReplacements) {
  std::string converted;
  std::string problem;
  ASSERT_TRUE(ConvertJavaReplacement(R"($2-$1 ${name} \$5 $0 a\\b)", &converted, &problem));
  EXPECT_EQ(converted, R"($2-$1 $<name> $$5 $& a\b)");
}

TEST(GroovyRegex, RejectsInvalidReplacements) {
  std::string converted;
  std::string problem;
  EXPECT_FALSE(ConvertJavaReplacement("cost: $", &converted, &problem));
  EXPECT_NE(problem.find("\\$"), std::string::npos);
  EXPECT_FALSE(ConvertJavaReplacement("a\\", &converted, &problem));
  EXPECT_FALSE(ConvertJavaReplacement("${open", &converted, &problem));
}

}  // namespace
}  // namespace mimic::groovy
