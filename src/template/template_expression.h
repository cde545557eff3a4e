#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "template/template_functions.h"

// Syntax tree of one `{{ }}` expression, built once by ParseExpression and then only read,
// so one tree can be evaluated by many threads at once.
namespace mimic::tmpl {

struct Expression;

// 'text': the characters between the quotes.
struct LiteralExpression {
  std::string value;
};

// A variable stored in the TemplateContext, such as `myId` or `customer.name`.
struct ContextVariable {
  std::string name;  // looked up whole first
  // For a dotted or indexed name that is not stored whole, `root` is looked up and its
  // value, when it is JSON, is followed along `path`: `items[0].id` has root "items" and
  // path {"0", "id"}.
  std::string root;
  std::vector<std::string> path;
};

enum class RequestField { kBody, kPath, kParams, kHeaders };

// A `request.` reference.
struct RequestVariable {
  RequestField field = RequestField::kBody;
  // request.body/<path>: the text after "request.body", starting with '/'. It is read as
  // a JSON Pointer or an XPath depending on the first character of the request body.
  std::string body_path;
  std::vector<std::string> pointer_tokens;  // body_path as a JSON Pointer
  std::string pointer_error;                // set when body_path is not a valid pointer
  // request.path[index]
  std::optional<size_t> index;
  // request.params[key] and request.headers[key]
  std::optional<std::string> key;
};

// name(arg1, arg2) or $name.
struct FunctionCall {
  std::string name;
  TemplateFunction function = nullptr;  // null for an unknown name, which renders empty
  std::string raw_args;                 // text between the parentheses
  std::vector<std::string> args;        // trimmed and unquoted
};

// A || B || 'default': the first value that is present.
struct Fallback {
  std::vector<Expression> alternatives;
};

// A > f(x) > g(): A's value, also appended as last argument to each later function.
struct Redirect {
  std::vector<Expression> stages;
};

// An expression that could not be parsed. It renders as an error marker.
struct InvalidExpression {
  std::string message;
};

struct Expression {
  std::variant<LiteralExpression, ContextVariable, RequestVariable, FunctionCall, Fallback,
               Redirect, InvalidExpression>
      node;
};

// Parses the text between `{{` and `}}`. Problems are reported in the returned tree: a
// malformed expression, or one over kMaxExpressionBytes, kMaxNestingDepth or
// kMaxFunctionArgs, becomes an InvalidExpression whose message names the problem.
Expression ParseExpression(std::string_view text);

}  // namespace mimic::tmpl
