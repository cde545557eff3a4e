#include "template/template_context.h"

#include <utility>

namespace mimic::tmpl {

void TemplateContext::Set(std::string name, std::string value) {
  variables_.insert_or_assign(std::move(name), std::move(value));
  ++generation_;
}

const std::string* TemplateContext::Get(std::string_view name) const {
  auto it = variables_.find(name);
  if (it == variables_.end()) return nullptr;
  return &it->second;
}

}  // namespace mimic::tmpl
