#include "template/evaluable_request.h"

#include "common/strings.h"

namespace mimic::tmpl {

const std::string* FindParam(const EvaluableRequest& request, std::string_view name) {
  for (const auto& [key, value] : request.params) {
    if (key == name) return &value;
  }
  return nullptr;
}

const std::string* FindHeader(const EvaluableRequest& request, std::string_view name) {
  for (const auto& [key, value] : request.headers) {
    if (EqualsIgnoreCase(key, name)) return &value;
  }
  return nullptr;
}

}  // namespace mimic::tmpl
