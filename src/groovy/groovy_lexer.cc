#include "groovy/groovy_lexer.h"

#include <cstdint>
#include <optional>
#include <utility>

#include "common/strings.h"
#include "groovy/groovy_diagnostics.h"

namespace mimic::groovy {
namespace {

// Punctuation, longest first so that the first match is the longest.
constexpr std::string_view kPunctuation[] = {
    ">>>=", "<<=", ">>=", "**=", "..<", "<=>", "===", "!==", "==~", ">>>", "?:", "?.", "*.", ".&",
    ".@",   "..",  "==",  "!=",  "<=",  ">=",  "&&",  "||",  "++",  "--",  "+=", "-=", "*=", "/=",
    "%=",   "&=",  "|=",  "^=",  "=~",  "->",  "**",  "<<",  ">>",  "?=",  "::", "+",  "-",  "*",
    "/",    "%",   "=",   "<",   ">",   "!",   "&",   "|",   "^",   "~",   "?",
};
constexpr std::string_view kSingleCharacterPunctuation = ":.,;()[]{}@";

// Keywords after which an operand is expected, so that a following `/` starts a slashy
// string rather than dividing.
constexpr std::string_view kOperandExpectingKeywords[] = {
    "return", "case",  "in",  "else",   "assert", "throw", "instanceof", "as",      "def",
    "if",     "while", "for", "switch", "do",     "try",   "catch",      "finally",
};

bool IsIdentifierStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}

bool IsIdentifierPart(char c) { return IsIdentifierStart(c) || (c >= '0' && c <= '9'); }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsHexDigit(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

void AppendUtf8(uint32_t code_point, std::string* out) {
  if (code_point < 0x80) {
    out->push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

// Returns the offset of the first byte that is not part of valid UTF-8, if any.
std::optional<size_t> FindInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    size_t length = 0;
    uint32_t minimum = 0;
    if (byte < 0x80) {
      ++i;
      continue;
    } else if ((byte & 0xE0) == 0xC0) {
      length = 2;
      minimum = 0x80;
    } else if ((byte & 0xF0) == 0xE0) {
      length = 3;
      minimum = 0x800;
    } else if ((byte & 0xF8) == 0xF0) {
      length = 4;
      minimum = 0x10000;
    } else {
      return i;
    }
    if (i + length > text.size()) return i;
    uint32_t code_point = byte & (0xFF >> (length + 1));
    for (size_t k = 1; k < length; ++k) {
      auto continuation = static_cast<unsigned char>(text[i + k]);
      if ((continuation & 0xC0) != 0x80) return i;
      code_point = (code_point << 6) | (continuation & 0x3F);
    }
    if (code_point < minimum || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return i;
    }
    i += length;
  }
  return std::nullopt;
}

enum class Quote { kSingle, kDouble, kSlashy };

class Lexer {
 public:
  explicit Lexer(std::string_view source) : source_(source) {}

  Result<std::vector<Token>> Run() {
    std::vector<Token> tokens;
    if (source_.starts_with("#!")) {
      while (pos_ < source_.size() && source_[pos_] != '\n') ++pos_;
    }
    if (!LexTokens(&tokens, /*in_interpolation=*/false, /*depth=*/0)) {
      return tl::unexpected(*error_);
    }
    return tokens;
  }

 private:
  bool Fail(ErrorCode code, size_t offset, std::string message) {
    if (!error_) error_ = Error{code, PositionPrefix(source_, offset) + message};
    return false;
  }

  bool Unsupported(size_t offset, std::string construct, std::string hint) {
    if (!error_)
      error_ = MakeUnsupportedError(source_, offset, std::move(construct), std::move(hint));
    return false;
  }

  bool Syntax(size_t offset, std::string message) {
    return Fail(ErrorCode::kInvalidArgument, offset, "invalid Groovy syntax: " + message);
  }

  char Peek(size_t ahead = 0) const {
    return pos_ + ahead < source_.size() ? source_[pos_ + ahead] : '\0';
  }

  bool AtEnd() const { return pos_ >= source_.size(); }

  bool Push(std::vector<Token>* out, Token token) {
    if (++token_count_ > kMaxTokens) {
      return Fail(ErrorCode::kLimitExceeded, token.offset,
                  "the script has more than " + std::to_string(kMaxTokens) +
                      " tokens. Shorten it or use a JS dispatcher");
    }
    token.newline_before = pending_newline_;
    pending_newline_ = false;
    operand_ended_ = EndsOperand(token);
    out->push_back(std::move(token));
    return true;
  }

  static bool EndsOperand(const Token& token) {
    switch (token.type) {
      case TokenType::kIdentifier:
        for (std::string_view keyword : kOperandExpectingKeywords) {
          if (token.text == keyword) return false;
        }
        return true;
      case TokenType::kNumber:
      case TokenType::kString:
      case TokenType::kGString:
        return true;
      case TokenType::kPunctuation:
        return token.text == ")" || token.text == "]" || token.text == "}" || token.text == "++" ||
               token.text == "--";
      case TokenType::kEnd:
        return false;
    }
    return false;
  }

  // Skips blanks, comments and line continuations, noting newlines.
  bool SkipSpace() {
    while (!AtEnd()) {
      char c = Peek();
      if (c == ' ' || c == '\t' || c == '\f') {
        ++pos_;
      } else if (c == '\n' || c == '\r') {
        pending_newline_ = true;
        ++pos_;
      } else if (c == '\\' && (Peek(1) == '\n' || (Peek(1) == '\r' && Peek(2) == '\n'))) {
        pos_ += Peek(1) == '\n' ? 2 : 3;
      } else if (c == '/' && Peek(1) == '/') {
        while (!AtEnd() && Peek() != '\n') ++pos_;
      } else if (c == '/' && Peek(1) == '*') {
        size_t start = pos_;
        size_t end = source_.find("*/", pos_ + 2);
        if (end == std::string_view::npos) return Syntax(start, "unterminated /* comment");
        if (source_.substr(pos_, end - pos_).find('\n') != std::string_view::npos) {
          pending_newline_ = true;
        }
        pos_ = end + 2;
      } else {
        break;
      }
    }
    return true;
  }

  // Lexes until the end of the script or, with in_interpolation, until the `}` that
  // closes a `${`. Appends a kEnd token either way.
  bool LexTokens(std::vector<Token>* out, bool in_interpolation, int depth) {
    if (depth > kMaxNestingDepth) {
      return Fail(
          ErrorCode::kLimitExceeded, pos_,
          "strings are nested more than " + std::to_string(kMaxNestingDepth) + " levels deep");
    }
    int brace_depth = 0;
    while (true) {
      if (!SkipSpace()) return false;
      if (AtEnd()) {
        if (in_interpolation) return Syntax(pos_, "unterminated ${ in a string");
        Token end;
        end.offset = source_.size();
        end.newline_before = true;
        out->push_back(std::move(end));
        return true;
      }
      size_t start = pos_;
      char c = Peek();
      if (in_interpolation && c == '}' && brace_depth == 0) {
        ++pos_;
        Token end;
        end.offset = start;
        out->push_back(std::move(end));
        return true;
      }
      bool ok = true;
      if (c == '$' && Peek(1) == '/') {
        return Unsupported(start, "dollar-slashy strings ($/.../$)",
                           "use a slashy /.../ or quoted string");
      } else if (IsIdentifierStart(c)) {
        ok = LexIdentifier(out);
      } else if (IsDigit(c)) {
        ok = LexNumber(out);
      } else if (c == '\'') {
        ok = LexQuoted(out, Quote::kSingle, depth);
      } else if (c == '"') {
        ok = LexQuoted(out, Quote::kDouble, depth);
      } else if (c == '/' && !operand_ended_) {
        ok = LexQuoted(out, Quote::kSlashy, depth);
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        return Unsupported(start, "non-ASCII characters outside strings and comments",
                           "use ASCII names");
      } else {
        ok = LexPunctuation(out, &brace_depth);
      }
      if (!ok) return false;
    }
  }

  bool LexIdentifier(std::vector<Token>* out) {
    Token token;
    token.type = TokenType::kIdentifier;
    token.offset = pos_;
    while (!AtEnd() && IsIdentifierPart(Peek())) ++pos_;
    token.text = std::string(source_.substr(token.offset, pos_ - token.offset));
    return Push(out, std::move(token));
  }

  bool LexNumber(std::vector<Token>* out) {
    Token token;
    token.type = TokenType::kNumber;
    token.offset = pos_;
    auto take_digits = [&](bool hex) {
      while (!AtEnd() && (Peek() == '_' || (hex ? IsHexDigit(Peek()) : IsDigit(Peek())))) {
        if (Peek() != '_') token.text.push_back(Peek());
        ++pos_;
      }
    };
    if (Peek() == '0' && (Peek(1) == 'x' || Peek(1) == 'X' || Peek(1) == 'b' || Peek(1) == 'B')) {
      token.text.push_back('0');
      token.text.push_back(static_cast<char>(Peek(1) | 0x20));
      pos_ += 2;
      take_digits(/*hex=*/true);
      if (token.text.size() == 2) return Syntax(token.offset, "a number prefix needs digits");
    } else {
      take_digits(false);
      if (Peek() == '.' && IsDigit(Peek(1))) {
        token.text.push_back('.');
        ++pos_;
        take_digits(false);
      }
      if ((Peek() == 'e' || Peek() == 'E') &&
          (IsDigit(Peek(1)) || ((Peek(1) == '+' || Peek(1) == '-') && IsDigit(Peek(2))))) {
        token.text.push_back('e');
        ++pos_;
        if (Peek() == '+' || Peek() == '-') {
          token.text.push_back(Peek());
          ++pos_;
        }
        take_digits(false);
      }
    }
    if (std::string_view("lLgGiIdDfF").find(Peek()) != std::string_view::npos && Peek() != '\0') {
      token.text.push_back(Peek());
      ++pos_;
    }
    if (!AtEnd() && IsIdentifierPart(Peek())) {
      return Syntax(pos_, "invalid character '" + std::string(1, Peek()) + "' in a number");
    }
    return Push(out, std::move(token));
  }

  bool LexPunctuation(std::vector<Token>* out, int* brace_depth) {
    Token token;
    token.type = TokenType::kPunctuation;
    token.offset = pos_;
    std::string_view rest = source_.substr(pos_);
    for (std::string_view candidate : kPunctuation) {
      if (rest.starts_with(candidate)) {
        token.text = std::string(candidate);
        break;
      }
    }
    if (token.text.empty()) {
      if (kSingleCharacterPunctuation.find(rest[0]) == std::string_view::npos) {
        std::string description =
            rest[0] >= 0x20 && rest[0] < 0x7F
                ? "'" + std::string(1, rest[0]) + "'"
                : "byte " + std::to_string(static_cast<unsigned char>(rest[0]));
        return Syntax(pos_, "unexpected character " + description);
      }
      token.text = std::string(1, rest[0]);
    }
    if (token.text == "{") ++*brace_depth;
    if (token.text == "}") --*brace_depth;
    pos_ += token.text.size();
    return Push(out, std::move(token));
  }

  // Decodes one backslash escape of a quoted string; pos_ is on the backslash.
  bool DecodeEscape(bool triple, std::string* out) {
    size_t start = pos_;
    char c = Peek(1);
    pos_ += 2;
    switch (c) {
      case 'b':
        out->push_back('\b');
        return true;
      case 't':
        out->push_back('\t');
        return true;
      case 'n':
        out->push_back('\n');
        return true;
      case 'f':
        out->push_back('\f');
        return true;
      case 'r':
        out->push_back('\r');
        return true;
      case '"':
      case '\'':
      case '\\':
      case '$':
        out->push_back(c);
        return true;
      case '\n':
        if (triple) return true;
        break;
      case '\r':
        if (triple && Peek() == '\n') {
          ++pos_;
          return true;
        }
        break;
      case 'u':
        return DecodeUnicodeEscape(start, out);
      default:
        if (c >= '0' && c <= '7') {
          // Octal escapes take up to three digits, the first of three at most '3'.
          int value = c - '0';
          int max_digits = c <= '3' ? 3 : 2;
          for (int digits = 1; digits < max_digits && Peek() >= '0' && Peek() <= '7'; ++digits) {
            value = value * 8 + (Peek() - '0');
            ++pos_;
          }
          AppendUtf8(static_cast<uint32_t>(value), out);
          return true;
        }
        break;
    }
    return Syntax(start, "invalid escape sequence in a string");
  }

  // pos_ is just past "\u".
  bool DecodeUnicodeEscape(size_t start, std::string* out) {
    auto read_four = [&](uint32_t* value) {
      while (Peek() == 'u') ++pos_;  // Java allows \uuuu0041
      *value = 0;
      for (int i = 0; i < 4; ++i) {
        if (!IsHexDigit(Peek())) return false;
        *value = *value * 16 + static_cast<uint32_t>(HexValue(Peek()));
        ++pos_;
      }
      return true;
    };
    uint32_t unit = 0;
    if (!read_four(&unit)) return Syntax(start, "\\u needs four hexadecimal digits");
    if (unit >= 0xDC00 && unit <= 0xDFFF) {
      return Syntax(start, "unpaired UTF-16 surrogate in a \\u escape");
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      uint32_t low = 0;
      if (Peek() != '\\' || Peek(1) != 'u') {
        return Syntax(start, "unpaired UTF-16 surrogate in a \\u escape");
      }
      pos_ += 2;
      if (!read_four(&low) || low < 0xDC00 || low > 0xDFFF) {
        return Syntax(start, "unpaired UTF-16 surrogate in a \\u escape");
      }
      unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
    }
    AppendUtf8(unit, out);
    return true;
  }

  // Lexes a quoted or slashy string starting at pos_. Strings with interpolation become
  // kGString tokens, others kString.
  bool LexQuoted(std::vector<Token>* out, Quote quote, int depth) {
    Token token;
    token.offset = pos_;
    token.slashy = quote == Quote::kSlashy;
    char delimiter = quote == Quote::kSingle ? '\'' : quote == Quote::kDouble ? '"' : '/';
    bool triple = quote != Quote::kSlashy && Peek(1) == delimiter && Peek(2) == delimiter;
    pos_ += triple ? 3 : 1;

    std::string text;
    while (true) {
      if (AtEnd()) return Syntax(token.offset, "unterminated string");
      char c = Peek();
      if (c == delimiter) {
        if (!triple) {
          ++pos_;
          break;
        }
        if (Peek(1) == delimiter && Peek(2) == delimiter) {
          pos_ += 3;
          break;
        }
        text.push_back(c);
        ++pos_;
        continue;
      }
      if (quote == Quote::kSlashy) {
        if (c == '\\' && Peek(1) == '/') {
          text.push_back('/');
          pos_ += 2;
          continue;
        }
        if (c == '\\' && Peek(1) != '\0') {
          // A slashy string keeps backslashes, so regular expressions need no doubling.
          text.push_back(c);
          text.push_back(Peek(1));
          pos_ += 2;
          continue;
        }
      } else if (c == '\\') {
        if (!DecodeEscape(triple, &text)) return false;
        continue;
      }
      if ((c == '\n' || c == '\r') && !triple && quote != Quote::kSlashy) {
        return Syntax(token.offset,
                      "unterminated string. Use ''' or \"\"\" for text on several lines");
      }
      if (c == '$' && quote != Quote::kSingle) {
        bool starts_interpolation = Peek(1) == '{' || IsIdentifierStart(Peek(1));
        if (starts_interpolation && Peek(1) != '$') {
          GStringPart part;
          part.text = std::move(text);
          text.clear();
          if (!LexInterpolation(&part.tokens, depth)) return false;
          token.parts.push_back(std::move(part));
          continue;
        }
        if (quote == Quote::kDouble) {
          return Syntax(pos_,
                        "a '$' in a double-quoted string must start ${expression} or "
                        "$name. Write \\$ for a dollar sign");
        }
      }
      text.push_back(c);
      ++pos_;
    }
    token.text = std::move(text);
    token.type = token.parts.empty() ? TokenType::kString : TokenType::kGString;
    return Push(out, std::move(token));
  }

  // Lexes `${expression}` or `$name.name` at pos_ into tokens ending with kEnd.
  bool LexInterpolation(std::vector<Token>* tokens, int depth) {
    size_t start = pos_;
    // The tokens of the surrounding code do not see the interpolation's state.
    bool saved_operand_ended = operand_ended_;
    bool saved_newline = pending_newline_;
    operand_ended_ = false;
    pending_newline_ = false;
    if (Peek(1) == '{') {
      pos_ += 2;
      if (!LexTokens(tokens, /*in_interpolation=*/true, depth + 1)) return false;
      if (tokens->size() == 1) return Syntax(start, "empty ${} in a string");
    } else {
      ++pos_;
      while (true) {
        Token name;
        name.type = TokenType::kIdentifier;
        name.offset = pos_;
        while (!AtEnd() && IsIdentifierPart(Peek()) && Peek() != '$') ++pos_;
        name.text = std::string(source_.substr(name.offset, pos_ - name.offset));
        if (!Push(tokens, std::move(name))) return false;
        if (Peek() != '.' || !IsIdentifierStart(Peek(1)) || Peek(1) == '$') break;
        Token dot;
        dot.type = TokenType::kPunctuation;
        dot.text = ".";
        dot.offset = pos_++;
        if (!Push(tokens, std::move(dot))) return false;
      }
      Token end;
      end.offset = pos_;
      tokens->push_back(std::move(end));
    }
    operand_ended_ = saved_operand_ended;
    pending_newline_ = saved_newline;
    return true;
  }

  std::string_view source_;
  size_t pos_ = 0;
  size_t token_count_ = 0;
  bool pending_newline_ = false;
  bool operand_ended_ = false;
  std::optional<Error> error_;
};

}  // namespace

std::string PositionPrefix(std::string_view source, size_t offset) {
  int line = 0;
  int column = 0;
  LineAndColumn(source, offset, &line, &column);
  return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": ";
}

Result<std::vector<Token>> Lex(std::string_view source) {
  if (source.size() > kMaxSourceBytes) {
    return MakeError(ErrorCode::kLimitExceeded, "the Groovy script is " +
                                                    std::to_string(source.size()) +
                                                    " bytes, more than the limit of " +
                                                    std::to_string(kMaxSourceBytes) + " bytes");
  }
  if (std::optional<size_t> invalid = FindInvalidUtf8(source)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     PositionPrefix(source, *invalid) + "the Groovy script is not valid UTF-8");
  }
  return Lexer(source).Run();
}

}  // namespace mimic::groovy
