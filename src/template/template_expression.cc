#include "template/template_expression.h"

#include <charconv>
#include <utility>

#include "common/strings.h"
#include "template/function_arguments.h"
#include "template/json_body.h"
#include "template/template_limits.h"

namespace mimic::tmpl {
namespace {

constexpr std::string_view kRequestPrefix = "request";

Expression Invalid(std::string message) {
  return Expression{InvalidExpression{std::move(message)}};
}

std::string Quote(std::string_view text) { return "'" + std::string(text) + "'"; }

bool IsIdentifierStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool IsIdentifierChar(char c) { return IsIdentifierStart(c) || (c >= '0' && c <= '9'); }

bool IsIdentifier(std::string_view text) {
  if (text.empty() || !IsIdentifierStart(text.front())) return false;
  for (char c : text) {
    if (!IsIdentifierChar(c)) return false;
  }
  return true;
}

// Positions of the operators that are outside single quotes, brackets and parentheses,
// where they split an expression.
struct TopLevelOperators {
  std::vector<size_t> redirects;  // each '>'
  std::vector<size_t> fallbacks;  // each "||"
  size_t max_depth = 0;
};

TopLevelOperators FindTopLevelOperators(std::string_view text) {
  TopLevelOperators found;
  bool quoted = false;
  size_t depth = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\'') {
      quoted = !quoted;
      continue;
    }
    if (quoted) continue;
    if (c == '(' || c == '[') {
      found.max_depth = std::max(found.max_depth, ++depth);
    } else if ((c == ')' || c == ']') && depth > 0) {
      --depth;
    } else if (depth == 0 && c == '>') {
      found.redirects.push_back(i);
    } else if (depth == 0 && c == '|' && i + 1 < text.size() && text[i + 1] == '|') {
      found.fallbacks.push_back(i);
      ++i;
    }
  }
  return found;
}

// Splits `text` at operator positions, each operator being `width` characters long.
std::vector<std::string_view> SplitAt(std::string_view text, const std::vector<size_t>& positions,
                                      size_t width) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t position : positions) {
    parts.push_back(text.substr(start, position - start));
    start = position + width;
  }
  parts.push_back(text.substr(start));
  return parts;
}

// Reads a `[key]` suffix, removing optional quotes around the key. Returns nullopt when
// `text` is not exactly one bracketed key.
std::optional<std::string_view> ReadBracketKey(std::string_view text) {
  if (text.size() < 2 || text.front() != '[' || text.back() != ']') return std::nullopt;
  std::string_view key = Trim(text.substr(1, text.size() - 2));
  if (key.size() >= 2 && (key.front() == '\'' || key.front() == '"') && key.back() == key.front()) {
    key = key.substr(1, key.size() - 2);
  }
  return key;
}

Expression InvalidRequestReference(std::string_view text) {
  return Invalid("unknown request reference " + Quote(text) +
                 ": expected request.body, request.body/<JSON Pointer or XPath>, "
                 "request.path[index], request.params[name] or request.headers[name]");
}

// Parses what follows "request.params" or "request.headers": nothing, [key] or .key.
Expression ParseKeyedReference(std::string_view text, std::string_view suffix, RequestField field) {
  RequestVariable variable;
  variable.field = field;
  if (suffix.empty()) return Expression{std::move(variable)};
  if (suffix.front() == '.' && suffix.size() > 1) {
    variable.key = std::string(suffix.substr(1));
    return Expression{std::move(variable)};
  }
  std::optional<std::string_view> key = ReadBracketKey(suffix);
  if (!key) return InvalidRequestReference(text);
  variable.key = std::string(*key);
  return Expression{std::move(variable)};
}

Expression ParseRequestReference(std::string_view text) {
  std::string_view rest = text.substr(kRequestPrefix.size());
  auto take_field = [&rest](std::string_view field) {
    if (!StartsWith(rest, field)) return false;
    rest.remove_prefix(field.size());
    return true;
  };

  if (take_field(".body")) {
    RequestVariable variable;
    variable.field = RequestField::kBody;
    if (rest.empty()) return Expression{std::move(variable)};
    if (rest.front() != '/') return InvalidRequestReference(text);
    if (rest.size() > kMaxBodyPathBytes) {
      return Invalid("request.body path is longer than " + std::to_string(kMaxBodyPathBytes) +
                     " bytes");
    }
    variable.body_path = std::string(rest);
    Result<std::vector<std::string>> tokens = ParseJsonPointer(rest);
    if (tokens) {
      variable.pointer_tokens = std::move(*tokens);
    } else {
      variable.pointer_error = tokens.error().message;
    }
    return Expression{std::move(variable)};
  }

  if (take_field(".path")) {
    RequestVariable variable;
    variable.field = RequestField::kPath;
    if (rest.empty()) return Expression{std::move(variable)};
    std::optional<std::string_view> key = ReadBracketKey(rest);
    size_t index = 0;
    if (!key || key->empty() ||
        std::from_chars(key->data(), key->data() + key->size(), index).ptr !=
            key->data() + key->size()) {
      return Invalid("invalid path index in " + Quote(text) + ": expected request.path[1]");
    }
    variable.index = index;
    return Expression{std::move(variable)};
  }

  if (take_field(".params")) return ParseKeyedReference(text, rest, RequestField::kParams);
  if (take_field(".headers")) return ParseKeyedReference(text, rest, RequestField::kHeaders);
  return InvalidRequestReference(text);
}

// Characters that cannot appear in a variable name, so that a typo such as a missing
// quote or parenthesis is reported rather than looked up.
bool IsVariableName(std::string_view text) {
  if (text.empty() || !IsIdentifierStart(text.front())) return false;
  return text.find_first_of(" \t\r\n'\"(),{}|<>") == std::string_view::npos;
}

// Splits "items[0].id" into root "items" and path {"0", "id"}. Leaves the path empty for
// a plain name.
void SplitContextPath(std::string_view name, ContextVariable& variable) {
  size_t root_end = name.find_first_of(".[");
  if (root_end == std::string_view::npos) return;
  variable.root = std::string(name.substr(0, root_end));
  std::string_view rest = name.substr(root_end);
  while (!rest.empty()) {
    if (rest.front() == '.') {
      rest.remove_prefix(1);
      size_t end = rest.find_first_of(".[");
      variable.path.emplace_back(rest.substr(0, end));
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    } else {  // '['
      size_t close = rest.find(']');
      if (close == std::string_view::npos) {
        variable.path.emplace_back(rest.substr(1));
        break;
      }
      std::optional<std::string_view> key = ReadBracketKey(rest.substr(0, close + 1));
      variable.path.emplace_back(key ? *key : std::string_view());
      rest.remove_prefix(close + 1);
    }
  }
}

// Returns the position of the parenthesis that closes the one at `open`, skipping quoted
// text, or npos.
size_t FindClosingParenthesis(std::string_view text, size_t open) {
  bool quoted = false;
  size_t depth = 0;
  for (size_t i = open; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\'') {
      quoted = !quoted;
    } else if (!quoted && c == '(') {
      ++depth;
    } else if (!quoted && c == ')' && --depth == 0) {
      return i;
    }
  }
  return std::string_view::npos;
}

Expression ParseFunctionCall(std::string_view name, std::string_view raw_args) {
  FunctionCall call;
  call.name = std::string(name);
  call.function = FindFunction(name);
  call.raw_args = std::string(raw_args);
  std::vector<std::string_view> args = SplitFunctionArguments(raw_args);
  if (args.size() > kMaxFunctionArgs) {
    return Invalid("function " + call.name + " has " + std::to_string(args.size()) +
                   " arguments, more than the maximum of " + std::to_string(kMaxFunctionArgs));
  }
  call.args.assign(args.begin(), args.end());
  return Expression{std::move(call)};
}

// Parses an expression that contains no top-level '>' or "||".
Expression ParseTerm(std::string_view text) {
  if (text.empty()) return Invalid("empty expression");

  if (StartsWith(text, kRequestPrefix) &&
      (text.size() == kRequestPrefix.size() || text[kRequestPrefix.size()] == '.' ||
       text[kRequestPrefix.size()] == '[')) {
    return ParseRequestReference(text);
  }

  if (text.front() == '$') {
    std::string_view name = text.substr(1);
    if (!IsIdentifier(name)) {
      return Invalid("invalid expression " + Quote(text) + ": expected $name, as in $randomInt");
    }
    return ParseFunctionCall(name, "");
  }

  size_t open = text.find('(');
  if (open != std::string_view::npos && IsIdentifier(text.substr(0, open))) {
    if (FindClosingParenthesis(text, open) != text.size() - 1) {
      return Invalid("invalid function call " + Quote(text) +
                     ": parentheses or quotes are unbalanced, or text follows the ')'");
    }
    return ParseFunctionCall(text.substr(0, open), text.substr(open + 1, text.size() - open - 2));
  }

  if (text.size() >= 2 && text.front() == '\'' && text.back() == '\'') {
    return Expression{LiteralExpression{std::string(text.substr(1, text.size() - 2))}};
  }

  if (IsVariableName(text)) {
    ContextVariable variable;
    variable.name = std::string(text);
    SplitContextPath(text, variable);
    return Expression{std::move(variable)};
  }

  return Invalid("invalid expression " + Quote(text) +
                 ": expected a variable, a request reference, a function call such as uuid() "
                 "or a quoted literal");
}

Expression ParseAlternatives(std::string_view text, const std::vector<size_t>& fallbacks) {
  if (fallbacks.empty()) return ParseTerm(text);
  Fallback fallback;
  for (std::string_view part : SplitAt(text, fallbacks, 2)) {
    part = Trim(part);
    if (part.empty()) return Invalid("empty alternative in " + Quote(text));
    fallback.alternatives.push_back(ParseTerm(part));
  }
  return Expression{std::move(fallback)};
}

}  // namespace

Expression ParseExpression(std::string_view text) {
  text = Trim(text);
  if (text.empty()) return Invalid("empty expression");
  if (text.size() > kMaxExpressionBytes) {
    return Invalid("expression is longer than " + std::to_string(kMaxExpressionBytes) + " bytes");
  }

  TopLevelOperators operators = FindTopLevelOperators(text);
  if (operators.max_depth > kMaxNestingDepth) {
    return Invalid("expression nests brackets or parentheses deeper than " +
                   std::to_string(kMaxNestingDepth) + " levels");
  }
  if (operators.redirects.empty()) return ParseAlternatives(text, operators.fallbacks);

  Redirect redirect;
  for (std::string_view stage : SplitAt(text, operators.redirects, 1)) {
    stage = Trim(stage);
    if (stage.empty()) return Invalid("empty stage in redirect " + Quote(text));
    // Each stage is parsed on its own, which finds its fallback operators again.
    redirect.stages.push_back(ParseAlternatives(stage, FindTopLevelOperators(stage).fallbacks));
  }
  return Expression{std::move(redirect)};
}

}  // namespace mimic::tmpl
