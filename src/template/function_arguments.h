#pragma once

#include <string_view>
#include <vector>

// Syntax of the text between the parentheses of a function call: arguments are separated
// by commas outside single quotes, trimmed, and unquoted when a whole argument is in
// single quotes.
namespace mimic::tmpl {

// Splits `raw` into trimmed, unquoted arguments. Blank `raw` yields no argument, and a
// comma followed by nothing yields an empty last argument. The views point into `raw`.
std::vector<std::string_view> SplitFunctionArguments(std::string_view raw);

// Returns the position of the last comma outside single quotes, or npos.
size_t FindLastArgumentSeparator(std::string_view raw);

// Trims `argument` and removes one pair of enclosing single quotes.
std::string_view UnquoteArgument(std::string_view argument);

}  // namespace mimic::tmpl
