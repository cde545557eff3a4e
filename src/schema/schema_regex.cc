#include "schema/schema_regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

namespace mimic::schema {
namespace {

// Characters that ECMA-262 counts as white space or line terminators beyond ASCII.
// Written as \\uXXXX because PCRE2_ALT_BSUX, which gives \\x and \\u their ECMA-262 meaning,
// disables the \\x{...} form.
constexpr std::string_view kUnicodeSpaces =
    "\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";

// Escape letters that ECMA-262 defines; any other letter after '\' is a syntax error in
// Unicode mode.
constexpr std::string_view kEcmaEscapeLetters = "bBcdDfknpPrsStuvwWx";

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Unicode General_Category long names (UCD PropertyValueAliases.txt), which ECMA-262 accepts in
// \p{...} and PCRE2 10.42 does not, mapped to the short names both understand.
std::string_view ShortCategoryName(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kCategories[] = {
      {"Letter", "L"},
      {"Cased_Letter", "L&"},
      {"LC", "L&"},
      {"Uppercase_Letter", "Lu"},
      {"Lowercase_Letter", "Ll"},
      {"Titlecase_Letter", "Lt"},
      {"Modifier_Letter", "Lm"},
      {"Other_Letter", "Lo"},
      {"Mark", "M"},
      {"Combining_Mark", "M"},
      {"Nonspacing_Mark", "Mn"},
      {"Spacing_Mark", "Mc"},
      {"Enclosing_Mark", "Me"},
      {"Number", "N"},
      {"Decimal_Number", "Nd"},
      {"digit", "Nd"},
      {"Letter_Number", "Nl"},
      {"Other_Number", "No"},
      {"Punctuation", "P"},
      {"punct", "P"},
      {"Connector_Punctuation", "Pc"},
      {"Dash_Punctuation", "Pd"},
      {"Open_Punctuation", "Ps"},
      {"Close_Punctuation", "Pe"},
      {"Initial_Punctuation", "Pi"},
      {"Final_Punctuation", "Pf"},
      {"Other_Punctuation", "Po"},
      {"Symbol", "S"},
      {"Math_Symbol", "Sm"},
      {"Currency_Symbol", "Sc"},
      {"Modifier_Symbol", "Sk"},
      {"Other_Symbol", "So"},
      {"Separator", "Z"},
      {"Space_Separator", "Zs"},
      {"Line_Separator", "Zl"},
      {"Paragraph_Separator", "Zp"},
      {"Other", "C"},
      {"Control", "Cc"},
      {"cntrl", "Cc"},
      {"Format", "Cf"},
      {"Surrogate", "Cs"},
      {"Private_Use", "Co"},
      {"Unassigned", "Cn"},
  };
  for (const auto& [long_name, short_name] : kCategories) {
    if (long_name == name) return short_name;
  }
  return name;
}

// Rewrites the body of \p{...} from ECMA-262 to PCRE2 spelling: "Letter" and
// "General_Category=Letter" become "L", "Script=Greek" becomes "sc:Greek" and
// "Script_Extensions=Greek" becomes "scx:Greek".
std::string TranslateProperty(std::string_view body) {
  size_t equals = body.find('=');
  if (equals == std::string_view::npos) return std::string(ShortCategoryName(body));
  std::string_view key = body.substr(0, equals);
  std::string_view value = body.substr(equals + 1);
  if (key == "General_Category" || key == "gc") return std::string(ShortCategoryName(value));
  if (key == "Script" || key == "sc") return "sc:" + std::string(value);
  if (key == "Script_Extensions" || key == "scx") return "scx:" + std::string(value);
  return std::string(body);
}

// Checks what follows "(?": a non-capturing group, a lookahead or lookbehind, a named group or
// a modifier group such as "(?i:...)". Python's "(?P<name>", comments "(?#" and global flags
// "(?i)" are not ECMA-262.
bool IsEcmaGroupPrefix(std::string_view rest) {
  if (rest.empty()) return false;
  char first = rest[0];
  if (first == ':' || first == '=' || first == '!') return true;
  if (first == '<') return rest.size() > 1 && rest[1] != '>';
  size_t pos = 0;
  while (pos < rest.size() &&
         (rest[pos] == 'i' || rest[pos] == 'm' || rest[pos] == 's' || rest[pos] == '-')) {
    ++pos;
  }
  return pos > 0 && pos < rest.size() && rest[pos] == ':';
}

// Rewrites an ECMA-262 pattern into PCRE2 syntax with the same meaning. With `strict`, escapes
// that ECMA-262 does not define are rejected.
Result<std::string> TranslatePattern(std::string_view pattern, bool strict) {
  std::string out;
  out.reserve(pattern.size() + 16);
  bool in_class = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c != '\\') {
      if (strict && c == '(' && !in_class && i + 1 < pattern.size() && pattern[i + 1] == '?') {
        if (!IsEcmaGroupPrefix(pattern.substr(i + 2))) {
          return MakeError(ErrorCode::kInvalidArgument,
                           "ECMA-262 has no group syntax " + std::string(pattern.substr(i, 4)));
        }
      }
      if (c == '[' && !in_class) {
        in_class = true;
        out.push_back(c);
        // "[]" and "[^]" are complete classes in ECMA-262; PCRE2_ALLOW_EMPTY_CLASS reads them
        // the same way, so only the position needs skipping here.
        if (i + 1 < pattern.size() && pattern[i + 1] == '^') out.push_back(pattern[++i]);
        if (i + 1 < pattern.size() && pattern[i + 1] == ']') {
          out.push_back(pattern[++i]);
          in_class = false;
        }
        continue;
      }
      if (c == ']' && in_class) in_class = false;
      out.push_back(c);
      continue;
    }
    if (i + 1 >= pattern.size()) {
      return MakeError(ErrorCode::kInvalidArgument, "pattern ends with a lone backslash");
    }
    char escaped = pattern[++i];
    if (escaped == 's' || escaped == 'S') {
      if (in_class) {
        if (escaped == 's') {
          out += "\\s";
          out += kUnicodeSpaces;
        } else {
          out += "\\S";
        }
      } else {
        out += escaped == 's' ? "[\\s" : "[^\\s";
        out += kUnicodeSpaces;
        out.push_back(']');
      }
      continue;
    }
    if (escaped == 'v') {
      out += "\\x0b";
      continue;
    }
    if ((escaped == 'p' || escaped == 'P') && i + 1 < pattern.size() && pattern[i + 1] == '{') {
      size_t close = pattern.find('}', i + 2);
      if (close != std::string_view::npos) {
        out.push_back('\\');
        out.push_back(escaped);
        out.push_back('{');
        out += TranslateProperty(pattern.substr(i + 2, close - i - 2));
        out.push_back('}');
        i = close;
        continue;
      }
    }
    if (strict && IsAsciiLetter(escaped) &&
        kEcmaEscapeLetters.find(escaped) == std::string_view::npos) {
      return MakeError(ErrorCode::kInvalidArgument,
                       std::string("ECMA-262 has no escape \\") + escaped);
    }
    out.push_back('\\');
    out.push_back(escaped);
  }
  return out;
}

Result<pcre2_code*> CompilePattern(std::string_view pattern, bool strict) {
  if (pattern.size() > kMaxPatternLength) {
    return MakeError(ErrorCode::kLimitExceeded, "pattern is " + std::to_string(pattern.size()) +
                                                    " bytes long, more than the maximum of " +
                                                    std::to_string(kMaxPatternLength));
  }
  auto translated = TranslatePattern(pattern, strict);
  if (!translated) return tl::unexpected(translated.error());

  pcre2_compile_context* context = pcre2_compile_context_create(nullptr);
  if (context == nullptr) return MakeError(ErrorCode::kInternal, "out of memory");
  pcre2_set_compile_extra_options(context, PCRE2_EXTRA_ALT_BSUX);
  pcre2_set_newline(context, PCRE2_NEWLINE_ANYCRLF);
  // PCRE2_MATCH_INVALID_UTF is left out: with it, the 10.42 JIT fails to match \D and \W
  // against non-ASCII characters. pcre2_match checks subjects for valid UTF-8 instead.
  uint32_t options = PCRE2_UTF | PCRE2_DOLLAR_ENDONLY | PCRE2_ALT_BSUX | PCRE2_ALLOW_EMPTY_CLASS;
  int error_code = 0;
  PCRE2_SIZE error_offset = 0;
  pcre2_code* code =
      pcre2_compile(reinterpret_cast<PCRE2_SPTR>(translated->data()), translated->size(), options,
                    &error_code, &error_offset, context);
  pcre2_compile_context_free(context);
  if (code == nullptr) {
    PCRE2_UCHAR message[256];
    pcre2_get_error_message(error_code, message, sizeof(message));
    return MakeError(ErrorCode::kInvalidArgument, reinterpret_cast<const char*>(message));
  }
  // JIT failure (for example on a platform without JIT support) is not an error: matching
  // falls back to the interpreter.
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
  return code;
}

// Per-thread match state: PCRE2 match data, a match context carrying the limits and a JIT stack
// larger than the 32 KiB default.
struct MatchResources {
  MatchResources() {
    data = pcre2_match_data_create(1, nullptr);
    context = pcre2_match_context_create(nullptr);
    stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, nullptr);
    if (context != nullptr) {
      pcre2_set_match_limit(context, kRegexMatchLimit);
      pcre2_set_depth_limit(context, 10'000);
      pcre2_set_heap_limit(context, 64 * 1024);  // KiB
      if (stack != nullptr) pcre2_jit_stack_assign(context, nullptr, stack);
    }
  }
  ~MatchResources() {
    pcre2_match_data_free(data);
    pcre2_match_context_free(context);
    pcre2_jit_stack_free(stack);
  }
  MatchResources(const MatchResources&) = delete;
  MatchResources& operator=(const MatchResources&) = delete;

  pcre2_match_data* data = nullptr;
  pcre2_match_context* context = nullptr;
  pcre2_jit_stack* stack = nullptr;
};

}  // namespace

Result<std::shared_ptr<const EcmaRegex>> EcmaRegex::Compile(std::string_view pattern) {
  auto code = CompilePattern(pattern, /*strict=*/false);
  if (!code) return tl::unexpected(code.error());
  return std::shared_ptr<const EcmaRegex>(new EcmaRegex(std::string(pattern), *code));
}

EcmaRegex::~EcmaRegex() { pcre2_code_free(code_); }

RegexMatch EcmaRegex::Search(std::string_view subject) const {
  thread_local MatchResources resources;
  if (resources.data == nullptr || resources.context == nullptr) {
    return RegexMatch::kLimitExceeded;
  }
  int rc = pcre2_match(code_, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), 0, 0,
                       resources.data, resources.context);
  // rc == 0 means "matched, but the one-pair ovector was too small", which is still a match.
  if (rc >= 0) return RegexMatch::kMatch;
  if (rc == PCRE2_ERROR_NOMATCH) return RegexMatch::kNoMatch;
  // A subject that is not valid UTF-8 cannot match a Unicode pattern.
  if (rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21) return RegexMatch::kNoMatch;
  return RegexMatch::kLimitExceeded;
}

bool IsEcmaRegex(std::string_view pattern) {
  auto code = CompilePattern(pattern, /*strict=*/true);
  if (!code) return false;
  pcre2_code_free(*code);
  return true;
}

}  // namespace mimic::schema
