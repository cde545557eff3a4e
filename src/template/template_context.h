#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace mimic::tmpl {

// String variables shared by the expressions of one or more renders: values stored by
// `put(name, value)` or `> put(name)`, and values that a dispatch script stores in its
// request context. Not synchronized: use one instance per request, or lock around it.
class TemplateContext {
 public:
  // Stores `value` under `name`, replacing any earlier value.
  void Set(std::string name, std::string value);

  // Returns the value stored under `name`, or null. The pointer stays valid until the
  // next Set of the same name.
  const std::string* Get(std::string_view name) const;

  size_t size() const { return variables_.size(); }

  // Counter that every Set increments, so that a reader can tell whether values it
  // derived from the context are still current.
  uint64_t generation() const { return generation_; }

 private:
  std::map<std::string, std::string, std::less<>> variables_;
  uint64_t generation_ = 0;
};

}  // namespace mimic::tmpl
