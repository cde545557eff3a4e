#pragma once

#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "template/date_format.h"
#include "template/template_context.h"

namespace mimic::tmpl {

// State that a template function may read or change besides its arguments.
struct FunctionEnvironment {
  TemplateContext& context;  // put() stores here
  std::mt19937_64& random;
  TimePoint now;  // read once per render, so every now() of a render agrees
};

// Arguments of one call. `values` are trimmed and unquoted, and end with the value that
// a redirect (`A > f(x)`) appends. `raw` is the text between the parentheses as written,
// which now() reads when its pattern contains commas.
struct FunctionArgs {
  std::span<const std::string_view> values;
  std::string_view raw;
};

// A built-in function. An error renders as an error marker in place of the call.
using TemplateFunction = Result<std::string> (*)(const FunctionArgs& args,
                                                 FunctionEnvironment& environment);

// Returns the built-in function called `name` (case-sensitive, without a leading '$'),
// or null when there is none.
TemplateFunction FindFunction(std::string_view name);

// Returns the names of all built-in functions, sorted.
std::vector<std::string_view> FunctionNames();

}  // namespace mimic::tmpl
