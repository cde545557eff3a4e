#include "template/function_arguments.h"

#include "common/strings.h"

namespace mimic::tmpl {

std::vector<std::string_view> SplitFunctionArguments(std::string_view raw) {
  std::vector<std::string_view> arguments;
  if (Trim(raw).empty()) return arguments;
  bool quoted = false;
  size_t start = 0;
  for (size_t i = 0; i <= raw.size(); ++i) {
    if (i < raw.size() && raw[i] == '\'') quoted = !quoted;
    if (i == raw.size() || (raw[i] == ',' && !quoted)) {
      arguments.push_back(UnquoteArgument(raw.substr(start, i - start)));
      start = i + 1;
    }
  }
  return arguments;
}

size_t FindLastArgumentSeparator(std::string_view raw) {
  bool quoted = false;
  size_t last = std::string_view::npos;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\'') {
      quoted = !quoted;
    } else if (raw[i] == ',' && !quoted) {
      last = i;
    }
  }
  return last;
}

std::string_view UnquoteArgument(std::string_view argument) {
  argument = Trim(argument);
  if (argument.size() >= 2 && argument.front() == '\'' && argument.back() == '\'') {
    argument = argument.substr(1, argument.size() - 2);
  }
  return argument;
}

}  // namespace mimic::tmpl
