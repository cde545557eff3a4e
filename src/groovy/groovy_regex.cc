#include "groovy/groovy_regex.h"

#include <set>
#include <utility>

namespace mimic::groovy {
namespace {

// Java's \s: space, tab, newline, vertical tab, form feed, carriage return. JavaScript's
// \s also matches Unicode spaces.
constexpr std::string_view kJavaSpaces = " \\t\\n\\x0B\\f\\r";
// Java's $ outside multiline mode: the end of input, or just before a line terminator
// that ends the input.
constexpr std::string_view kJavaDollar =
    "(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?(?![\\s\\S]))";

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return IsAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Appends `c` so that it matches itself outside a character class.
void AppendLiteral(char c, std::string* out) {
  if (std::string_view("\\^$.|?*+()[]{}/").find(c) != std::string_view::npos) out->push_back('\\');
  if (c == '\n') {
    out->append("\\n");
  } else if (c == '\r') {
    out->append("\\r");
  } else {
    out->push_back(c);
  }
}

class Converter {
 public:
  Converter(std::string_view pattern, bool full_match, bool global)
      : pattern_(pattern), full_match_(full_match), global_(global) {}

  RegexConversion Run() {
    ReadLeadingFlags();
    while (result_.ok() && pos_ < pattern_.size()) {
      if (in_class_) {
        ConvertInClass();
      } else {
        ConvertOutsideClass();
      }
    }
    if (result_.ok() && in_class_) Invalid("an unterminated character class");
    if (result_.ok() && open_groups_ > 0) Invalid("an unclosed group");
    if (!result_.ok()) return result_;
    std::string body = out_.empty() ? "(?:)" : out_;
    if (full_match_) body = "^(?:" + body + ")$";
    result_.literal = "/" + body + "/" + (global_ ? "g" : "") + flags_;
    return result_;
  }

 private:
  void Unsupported(std::string construct, std::string hint) {
    if (!result_.ok()) return;
    result_.unsupported = true;
    result_.problem = std::move(construct);
    result_.hint = std::move(hint);
  }

  void Invalid(std::string problem) {
    if (!result_.ok()) return;
    result_.problem = std::move(problem);
  }

  char At(size_t index) const { return index < pattern_.size() ? pattern_[index] : '\0'; }

  // A pattern that starts with (?i), (?s), (?m) or a mix applies them everywhere, as
  // JavaScript flags do.
  void ReadLeadingFlags() {
    if (!pattern_.starts_with("(?")) return;
    size_t end = 2;
    while (end < pattern_.size() && IsAsciiLetter(pattern_[end])) ++end;
    if (end == 2 || At(end) != ')') return;
    for (char flag : pattern_.substr(2, end - 2)) {
      if (flag != 'i' && flag != 's' && flag != 'm') {
        Unsupported(std::string("inline regular expression flags such as (?") + flag + ")",
                    "use (?i), (?s) or (?m) at the start of the pattern, or use a JS dispatcher");
        return;
      }
      if (flags_.find(flag) == std::string::npos) flags_.push_back(flag);
    }
    pos_ = end + 1;
  }

  bool Multiline() const { return flags_.find('m') != std::string::npos; }

  void ConvertOutsideClass() {
    char c = pattern_[pos_];
    switch (c) {
      case '\\':
        ConvertEscape();
        return;
      case '[':
        OpenClass();
        return;
      case '(':
        OpenGroup();
        return;
      case ')':
        if (open_groups_ == 0) return Invalid("an unbalanced ')'");
        --open_groups_;
        out_.push_back(')');
        ++pos_;
        can_repeat_ = true;
        return;
      case '|':
        out_.push_back('|');
        ++pos_;
        can_repeat_ = false;
        return;
      case '*':
      case '+':
      case '?':
        return ConvertQuantifier(1);
      case '{':
        if (size_t length = QuantifierLength(); length > 0) return ConvertQuantifier(length);
        out_.append("\\{");
        ++pos_;
        can_repeat_ = true;
        return;
      case '}':
        out_.append("\\}");
        ++pos_;
        can_repeat_ = true;
        return;
      case '$':
        // Inside a full match a final $ changes nothing, so keep it readable there.
        if ((full_match_ && pos_ + 1 == pattern_.size()) || Multiline()) {
          out_.push_back('$');
        } else {
          out_.append(kJavaDollar);
        }
        ++pos_;
        can_repeat_ = false;
        return;
      case '^':
        out_.push_back('^');
        ++pos_;
        can_repeat_ = false;
        return;
      default:
        AppendPlain(c);
        can_repeat_ = true;
        return;
    }
  }

  // Appends one character that needs no translation, escaping what a JavaScript
  // literal cannot hold: '/', line terminators and U+2028/U+2029.
  void AppendPlain(char c) {
    if (c == '/') {
      out_.append("\\/");
    } else if (c == '\n') {
      out_.append("\\n");
    } else if (c == '\r') {
      out_.append("\\r");
    } else if (pattern_.substr(pos_).starts_with("\xE2\x80\xA8")) {
      out_.append("\\u2028");
      pos_ += 3;
      return;
    } else if (pattern_.substr(pos_).starts_with("\xE2\x80\xA9")) {
      out_.append("\\u2029");
      pos_ += 3;
      return;
    } else {
      out_.push_back(c);
    }
    ++pos_;
  }

  // Length of a {n}, {n,} or {n,m} quantifier at pos_, or 0 for a literal brace.
  size_t QuantifierLength() const {
    size_t i = pos_ + 1;
    if (!IsAsciiDigit(At(i))) return 0;
    while (IsAsciiDigit(At(i))) ++i;
    if (At(i) == ',') {
      ++i;
      while (IsAsciiDigit(At(i))) ++i;
    }
    return At(i) == '}' ? i + 1 - pos_ : 0;
  }

  void ConvertQuantifier(size_t length) {
    if (!can_repeat_) return Invalid("a quantifier with nothing to repeat");
    out_.append(pattern_.substr(pos_, length));
    pos_ += length;
    if (At(pos_) == '+') {
      return Unsupported("possessive quantifiers such as *+",
                         "use a greedy quantifier or use a JS dispatcher");
    }
    if (At(pos_) == '?') {
      out_.push_back('?');
      ++pos_;
    }
    can_repeat_ = false;
  }

  void OpenGroup() {
    std::string_view rest = pattern_.substr(pos_);
    ++open_groups_;
    can_repeat_ = false;
    if (!rest.starts_with("(?")) {
      out_.push_back('(');
      ++pos_;
      return;
    }
    for (std::string_view prefix : {"(?:", "(?=", "(?!", "(?<=", "(?<!"}) {
      if (rest.starts_with(prefix)) {
        out_.append(prefix);
        pos_ += prefix.size();
        return;
      }
    }
    if (rest.starts_with("(?<")) {
      size_t end = 3;
      while (end < rest.size() && (IsAsciiLetter(rest[end]) || IsAsciiDigit(rest[end]))) ++end;
      std::string name(rest.substr(3, end - 3));
      if (end >= rest.size() || rest[end] != '>' || name.empty() || !IsAsciiLetter(name[0])) {
        return Invalid("an invalid group name");
      }
      if (!group_names_.insert(name).second) return Invalid("a duplicate group name " + name);
      out_.append(rest.substr(0, end + 1));
      pos_ += end + 1;
      return;
    }
    if (rest.starts_with("(?>")) {
      return Unsupported("atomic groups (?>...)", "use a plain group or use a JS dispatcher");
    }
    Unsupported("inline regular expression flags after the start of the pattern",
                "move (?i), (?s) or (?m) to the start of the pattern, or use a JS dispatcher");
  }

  void OpenClass() {
    out_.push_back('[');
    ++pos_;
    in_class_ = true;
    last_class_char_ = -1;
    if (At(pos_) == '^') {
      out_.push_back('^');
      ++pos_;
    }
    if (At(pos_) == ']') {
      Unsupported("character classes that start with ']'", "escape the bracket as \\]");
    }
  }

  void ConvertInClass() {
    char c = pattern_[pos_];
    if (c == '\\') {
      ConvertEscape();
      last_class_char_ = -1;
      return;
    }
    if (c == '[') {
      return Unsupported("nested character classes and class unions",
                         "list all characters in one class");
    }
    if (c == '&' && At(pos_ + 1) == '&') {
      return Unsupported("character class intersections (&&)",
                         "list the remaining characters in one class");
    }
    if (c == ']') {
      out_.push_back(']');
      ++pos_;
      in_class_ = false;
      can_repeat_ = true;
      return;
    }
    if (c == '-' && last_class_char_ >= 0 && At(pos_ + 1) != ']' && At(pos_ + 1) != '\\' &&
        static_cast<unsigned char>(At(pos_ + 1)) < 0x80 &&
        static_cast<unsigned char>(At(pos_ + 1)) < last_class_char_) {
      return Invalid("a character range out of order");
    }
    last_class_char_ = static_cast<unsigned char>(c) < 0x80 && c != '-' ? c : -1;
    AppendPlain(c);
  }

  void ConvertEscape() {
    char c = At(pos_ + 1);
    if (pos_ + 1 >= pattern_.size()) return Invalid("a trailing backslash");
    size_t start = pos_;
    pos_ += 2;
    bool anchor = false;
    if (in_class_ && (c == 'A' || c == 'z' || c == 'Z')) {
      return Invalid(std::string("\\") + c + " inside a character class");
    }
    switch (c) {
      case 'Q': {
        size_t end = pattern_.find("\\E", pos_);
        std::string_view quoted = pattern_.substr(
            pos_, end == std::string_view::npos ? std::string_view::npos : end - pos_);
        for (char q : quoted) {
          if (in_class_) {
            if (q == ']' || q == '\\' || q == '^' || q == '-') out_.push_back('\\');
            out_.push_back(q);
          } else {
            AppendLiteral(q, &out_);
          }
        }
        pos_ = end == std::string_view::npos ? pattern_.size() : end + 2;
        if (!quoted.empty()) can_repeat_ = true;
        return;
      }
      case 'E':
        return;
      case 'A':
        anchor = true;
        out_.append(Multiline() ? "(?<![\\s\\S])" : "^");
        break;
      case 'z':
        anchor = true;
        out_.append(Multiline() ? "(?![\\s\\S])" : "$");
        break;
      case 'Z':
        anchor = true;
        out_.append(kJavaDollar);
        break;
      case 'b':
      case 'B':
        if (in_class_) return Unsupported("\\b escapes inside character classes", "write \\x08");
        anchor = true;
        out_.push_back('\\');
        out_.push_back(c);
        break;
      case 'e':
        out_.append("\\x1B");
        break;
      case 'a':
        out_.append("\\x07");
        break;
      case '0': {
        int value = 0;
        int digits = 0;
        while (digits < 3 && At(pos_) >= '0' && At(pos_) <= '7' &&
               value * 8 + (At(pos_) - '0') <= 0377) {
          value = value * 8 + (At(pos_) - '0');
          ++pos_;
          ++digits;
        }
        if (digits == 0) return Invalid("\\0 without octal digits");
        static constexpr char kHex[] = "0123456789ABCDEF";
        out_.append("\\x");
        out_.push_back(kHex[value >> 4]);
        out_.push_back(kHex[value & 15]);
        break;
      }
      case 'x':
        if (At(pos_) == '{') {
          return Unsupported("\\x{...} escapes", "write the character itself or a \\uXXXX escape");
        }
        if (!IsHex(At(pos_)) || !IsHex(At(pos_ + 1))) return Invalid("\\x without two hex digits");
        out_.append(pattern_.substr(start, 4));
        pos_ += 2;
        break;
      case 'u':
        for (int i = 0; i < 4; ++i) {
          if (!IsHex(At(pos_ + i))) return Invalid("\\u without four hex digits");
        }
        out_.append(pattern_.substr(start, 6));
        pos_ += 4;
        break;
      case 'c':
        if (!IsAsciiLetter(At(pos_))) {
          return Unsupported("\\c escapes of characters other than letters",
                             "write the control character as \\xHH");
        }
        out_.append(pattern_.substr(start, 3));
        ++pos_;
        break;
      case 's':
        if (in_class_) {
          out_.append(kJavaSpaces);
        } else {
          out_.append("[").append(kJavaSpaces).append("]");
        }
        break;
      case 'S':
        if (in_class_) {
          return Unsupported("\\S escapes inside character classes",
                             "list the characters or use a JS dispatcher");
        }
        out_.append("[^").append(kJavaSpaces).append("]");
        break;
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 't':
      case 'n':
      case 'r':
      case 'f':
        out_.push_back('\\');
        out_.push_back(c);
        break;
      case 'k':
        out_.append("\\k");
        break;
      case '/':
        out_.append("\\/");
        break;
      default:
        if (IsAsciiDigit(c)) {
          // A back reference. A following digit stays a literal digit.
          out_.push_back('\\');
          out_.push_back(c);
          if (IsAsciiDigit(At(pos_))) out_.append("(?:)");
        } else if (IsAsciiLetter(c)) {
          if (std::string_view("GRXhHvVpPNK").find(c) != std::string_view::npos) {
            return Unsupported(std::string("regular expression escapes such as \\") + c,
                               "rewrite the pattern without it or use a JS dispatcher");
          }
          return Invalid(std::string("the invalid escape \\") + c);
        } else if (static_cast<unsigned char>(c) >= 0x80) {
          // An escaped non-ASCII character is that character; copy its UTF-8 bytes.
          pos_ = start + 1;
          out_.push_back(pattern_[pos_++]);
          while (pos_ < pattern_.size() &&
                 (static_cast<unsigned char>(pattern_[pos_]) & 0xC0) == 0x80) {
            out_.push_back(pattern_[pos_++]);
          }
        } else if (c == '\n' || c == '\r') {
          out_.append(c == '\n' ? "\\n" : "\\r");
        } else {
          out_.push_back('\\');
          out_.push_back(c);
        }
        break;
    }
    if (!in_class_) can_repeat_ = !anchor;
  }

  std::string_view pattern_;
  bool full_match_;
  bool global_;
  size_t pos_ = 0;
  std::string out_;
  std::string flags_;
  bool in_class_ = false;
  int last_class_char_ = -1;
  bool can_repeat_ = false;
  int open_groups_ = 0;
  std::set<std::string> group_names_;
  RegexConversion result_;
};

}  // namespace

RegexConversion ConvertJavaRegex(std::string_view pattern, bool full_match, bool global) {
  return Converter(pattern, full_match, global).Run();
}

bool ConvertJavaReplacement(std::string_view replacement, std::string* converted,
                            std::string* problem) {
  std::string out;
  for (size_t i = 0; i < replacement.size(); ++i) {
    char c = replacement[i];
    if (c == '\\') {
      if (++i >= replacement.size()) {
        *problem = "the replacement ends with a backslash";
        return false;
      }
      out.append(replacement[i] == '$' ? "$$" : std::string(1, replacement[i]));
    } else if (c == '$') {
      if (i + 1 < replacement.size() && replacement[i + 1] == '{') {
        size_t end = replacement.find('}', i);
        if (end == std::string_view::npos) {
          *problem = "a ${name} group reference without a closing brace";
          return false;
        }
        out.append("$<").append(replacement.substr(i + 2, end - i - 2)).append(">");
        i = end;
      } else if (i + 1 < replacement.size() && IsAsciiDigit(replacement[i + 1])) {
        size_t end = i + 1;
        while (end < replacement.size() && IsAsciiDigit(replacement[end])) ++end;
        std::string_view group = replacement.substr(i + 1, end - i - 1);
        out.append(group == "0" ? "$&" : "$" + std::string(group));
        i = end - 1;
      } else {
        *problem = "a '$' that starts no group reference. Write \\$ for a dollar sign";
        return false;
      }
    } else {
      out.push_back(c);
    }
  }
  *converted = std::move(out);
  return true;
}

}  // namespace mimic::groovy
