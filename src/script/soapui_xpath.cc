#include "script/soapui_xpath.h"

#include <cctype>

#include "common/strings.h"
#include "template/xml_path.h"

namespace mimic::script {

PreparedXPath PrepareSoapUiXPath(std::string_view text) {
  PreparedXPath prepared;
  std::string_view rest = Trim(text);
  constexpr std::string_view kDeclare = "declare namespace ";
  while (StartsWith(rest, kDeclare)) {
    size_t end = rest.find(';');
    if (end == std::string_view::npos) break;
    std::string_view declaration = Trim(rest.substr(kDeclare.size(), end - kDeclare.size()));
    size_t equals = declaration.find('=');
    if (equals != std::string_view::npos) {
      std::string prefix(Trim(declaration.substr(0, equals)));
      std::string_view uri = Trim(declaration.substr(equals + 1));
      if (uri.size() >= 2 && (uri.front() == '\'' || uri.front() == '"')) {
        uri = uri.substr(1, uri.size() - 2);
      }
      prepared.namespaces.emplace_back(std::move(prefix), std::string(uri));
    }
    rest = Trim(rest.substr(end + 1));
  }
  std::string expression;
  for (size_t i = 0; i < rest.size(); ++i) {
    bool wildcard_step = rest[i] == '*' && i + 1 < rest.size() && rest[i + 1] == ':' &&
                         (i + 2 < rest.size() && rest[i + 2] != ':');
    if (!wildcard_step) {
      expression.push_back(rest[i]);
      continue;
    }
    size_t start = i + 2;
    size_t end = start;
    while (end < rest.size() && (std::isalnum(static_cast<unsigned char>(rest[end])) ||
                                 rest[end] == '_' || rest[end] == '-' || rest[end] == '.')) {
      ++end;
    }
    expression += "*[local-name()='" + std::string(rest.substr(start, end - start)) + "']";
    i = end - 1;
  }
  prepared.expression = std::move(expression);
  return prepared;
}

std::string EvaluateSoapUiXPath(std::string_view xml, std::string_view xpath) {
  auto document = tmpl::XmlDocument::Parse(xml);
  if (!document) return "error: " + document.error().message;
  PreparedXPath prepared = PrepareSoapUiXPath(xpath);
  auto value = document->SelectString(prepared.expression, nullptr, &prepared.namespaces);
  if (!value) return "error: " + value.error().message;
  return value->value_or("");
}

}  // namespace mimic::script
