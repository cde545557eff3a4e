#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "groovy/groovy_lexer.h"

namespace mimic::groovy {
namespace {

std::vector<Token> LexOrDie(std::string_view source) {
  Result<std::vector<Token>> tokens = Lex(source);
  EXPECT_TRUE(tokens) << tokens.error().message;
  return tokens ? *tokens : std::vector<Token>{};
}

std::vector<std::string> Texts(const std::vector<Token>& tokens) {
  std::vector<std::string> texts;
  for (const Token& token : tokens) {
    if (token.type != TokenType::kEnd) texts.push_back(token.text);
  }
  return texts;
}

TEST(GroovyLexer, SplitsNamesNumbersAndPunctuation) {
  std::vector<Token> tokens = LexOrDie("def x = a?.b ?: 1_000 + 0x1F");
  EXPECT_EQ(Texts(tokens),
            (std::vector<std::string>{"def", "x", "=", "a", "?.", "b", "?:", "1000", "+", "0x1F"}));
  EXPECT_EQ(tokens.back().type, TokenType::kEnd);
  EXPECT_EQ(tokens[7].type, TokenType::kNumber);
}

TEST(GroovyLexer, ReadsLongestOperators) {
  EXPECT_EQ(Texts(LexOrDie("a ==~ b =~ c != d <=> e ..< f .. g")),
            (std::vector<std::string>{"a", "==~", "b", "=~", "c", "!=", "d", "<=>", "e", "..<", "f",
                                      "..", "g"}));
}

TEST(GroovyLexer, DropsCommentsAndMarksNewlines) {
  std::vector<Token> tokens =
      LexOrDie("#!/usr/bin/env groovy\na // note\n/* block\n */ b /* c */ c");
  ASSERT_EQ(Texts(tokens), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(tokens[1].newline_before);
  EXPECT_FALSE(tokens[2].newline_before);
}

TEST(GroovyLexer, JoinsContinuedLines) {
  std::vector<Token> tokens = LexOrDie("a \\\n+ b");
  ASSERT_EQ(Texts(tokens), (std::vector<std::string>{"a", "+", "b"}));
  EXPECT_FALSE(tokens[1].newline_before);
}

TEST(GroovyLexer, DecodesStringEscapes) {
  std::vector<Token> tokens = LexOrDie(R"('it\'s\t\u00e9\101' "say \"hi\" \$5")");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].type, TokenType::kString);
  EXPECT_EQ(tokens[0].text,
            "it's\t\xC3\xA9"
            "A");
  EXPECT_EQ(tokens[1].type, TokenType::kString);
  EXPECT_EQ(tokens[1].text, "say \"hi\" $5");
}

TEST(GroovyLexer, CombinesSurrogatePairs) {
  std::vector<Token> tokens = LexOrDie(R"("\uD83D\uDE00")");
  EXPECT_EQ(tokens[0].text, "\xF0\x9F\x98\x80");
}

TEST(GroovyLexer, KeepsTripleQuotedNewlines) {
  std::vector<Token> tokens = LexOrDie("'''one\ntwo''' \"\"\"a\\\nb\"\"\"");
  EXPECT_EQ(tokens[0].text, "one\ntwo");
  EXPECT_EQ(tokens[1].text, "ab");
}

TEST(GroovyLexer, SplitsGStringInterpolations) {
  std::vector<Token> tokens = LexOrDie(R"("Hi ${user.name}, $count items from $order.id.")");
  ASSERT_EQ(tokens[0].type, TokenType::kGString);
  const Token& gstring = tokens[0];
  ASSERT_EQ(gstring.parts.size(), 3u);
  EXPECT_EQ(gstring.parts[0].text, "Hi ");
  EXPECT_EQ(Texts(gstring.parts[0].tokens), (std::vector<std::string>{"user", ".", "name"}));
  EXPECT_EQ(gstring.parts[1].text, ", ");
  EXPECT_EQ(Texts(gstring.parts[1].tokens), (std::vector<std::string>{"count"}));
  EXPECT_EQ(gstring.parts[2].text, " items from ");
  EXPECT_EQ(Texts(gstring.parts[2].tokens), (std::vector<std::string>{"order", ".", "id"}));
  EXPECT_EQ(gstring.text, ".");
}

TEST(GroovyLexer, NestsStringsInsideInterpolations) {
  std::vector<Token> tokens = LexOrDie(R"("a${ m["k"] + "${x}" }b")");
  ASSERT_EQ(tokens[0].type, TokenType::kGString);
  const std::vector<Token>& inner = tokens[0].parts[0].tokens;
  ASSERT_GE(inner.size(), 6u);
  EXPECT_EQ(inner[2].type, TokenType::kString);
  EXPECT_EQ(inner[5].type, TokenType::kGString);
  EXPECT_EQ(tokens[0].text, "b");
}

TEST(GroovyLexer, SingleQuotesNeverInterpolate) {
  std::vector<Token> tokens = LexOrDie("'${x} $y'");
  EXPECT_EQ(tokens[0].type, TokenType::kString);
  EXPECT_EQ(tokens[0].text, "${x} $y");
}

TEST(GroovyLexer, ReadsSlashyStringWhereOperandExpected) {
  std::vector<Token> tokens = LexOrDie(R"(x ==~ /\d+\/x$/)");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[2].type, TokenType::kString);
  EXPECT_TRUE(tokens[2].slashy);
  EXPECT_EQ(tokens[2].text, R"(\d+/x$)");
}

TEST(GroovyLexer, DividesAfterOperand) {
  EXPECT_EQ(Texts(LexOrDie("a / b / 2")), (std::vector<std::string>{"a", "/", "b", "/", "2"}));
  EXPECT_EQ(Texts(LexOrDie("(a) / 2")), (std::vector<std::string>{"(", "a", ")", "/", "2"}));
}

TEST(GroovyLexer, SlashyAfterKeyword) {
  std::vector<Token> tokens = LexOrDie("return /abc/");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_TRUE(tokens[1].slashy);
}

TEST(GroovyLexer, SlashyStringInterpolates) {
  std::vector<Token> tokens = LexOrDie("/a${b}c/");
  EXPECT_EQ(tokens[0].type, TokenType::kGString);
  EXPECT_TRUE(tokens[0].slashy);
}

TEST(GroovyLexer, ReportsUnterminatedString) {
  Result<std::vector<Token>> tokens = Lex("def a = 1\ndef s = \"abc\n");
  ASSERT_FALSE(tokens);
  EXPECT_EQ(tokens.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(tokens.error().message.rfind("line 2, column 9: invalid Groovy syntax:", 0), 0u)
      << tokens.error().message;
}

TEST(GroovyLexer, ReportsUnterminatedComment) {
  Result<std::vector<Token>> tokens = Lex("a /* never closed");
  ASSERT_FALSE(tokens);
  EXPECT_NE(tokens.error().message.find("unterminated /* comment"), std::string::npos);
}

TEST(GroovyLexer, RejectsInvalidEscape) {
  Result<std::vector<Token>> tokens = Lex(R"("\q")");
  ASSERT_FALSE(tokens);
  EXPECT_NE(tokens.error().message.find("invalid escape"), std::string::npos);
}

TEST(GroovyLexer, RejectsBareDollarInDoubleQuotes) {
  Result<std::vector<Token>> tokens = Lex(R"("cost: $5")");
  ASSERT_FALSE(tokens);
  EXPECT_NE(tokens.error().message.find("\\$"), std::string::npos);
}

TEST(GroovyLexer, RejectsDollarSlashyString) {
  Result<std::vector<Token>> tokens = Lex("def r = $/a/b/$");
  ASSERT_FALSE(tokens);
  EXPECT_EQ(tokens.error().code, ErrorCode::kUnsupported);
  EXPECT_EQ(tokens.error().message.rfind("line 1, column 9: dollar-slashy strings", 0), 0u);
}

TEST(GroovyLexer, RejectsNonAsciiNames) {
  Result<std::vector<Token>> tokens = Lex("def caf\xC3\xA9 = 1");
  ASSERT_FALSE(tokens);
  EXPECT_EQ(tokens.error().code, ErrorCode::kUnsupported);
}

TEST(GroovyLexer, KeepsNonAsciiInStrings) {
  std::vector<Token> tokens = LexOrDie("\"caf\xC3\xA9\"");
  EXPECT_EQ(tokens[0].text, "caf\xC3\xA9");
}

TEST(GroovyLexer, RejectsInvalidUtf8) {
  Result<std::vector<Token>> tokens = Lex("def s = \"\xC3\x28\"");
  ASSERT_FALSE(tokens);
  EXPECT_EQ(tokens.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(tokens.error().message.find("not valid UTF-8"), std::string::npos);
}

TEST(GroovyLexer, RejectsOversizedSource) {
  Result<std::vector<Token>> tokens = Lex(std::string(kMaxSourceBytes + 1, ' '));
  ASSERT_FALSE(tokens);
  EXPECT_EQ(tokens.error().code, ErrorCode::kLimitExceeded);
}

TEST(GroovyLexer, RejectsTooManyTokens) {
  std::string source;
  for (size_t i = 0; i <= kMaxTokens; ++i) source += ";";
  ASSERT_LE(source.size(), kMaxSourceBytes);
  Result<std::vector<Token>> tokens = Lex(source);
  ASSERT_FALSE(tokens);
  EXPECT_EQ(tokens.error().code, ErrorCode::kLimitExceeded);
}

TEST(GroovyLexer, RejectsDeeplyNestedInterpolation) {
  std::string source;
  for (int i = 0; i <= kMaxNestingDepth + 1; ++i) source += "\"${";
  source += "1";
  for (int i = 0; i <= kMaxNestingDepth + 1; ++i) source += "}\"";
  Result<std::vector<Token>> tokens = Lex(source);
  ASSERT_FALSE(tokens);
  EXPECT_EQ(tokens.error().code, ErrorCode::kLimitExceeded);
}

}  // namespace
}  // namespace mimic::groovy
