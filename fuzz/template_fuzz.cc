// libFuzzer target for the template module: compiles the first part of the input as a
// template and renders it against the rest as the request body. Each input is split at
// its first NUL byte; without one, the whole input is the template and the body is empty.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "template/template_engine.h"

namespace {

mimic::tmpl::EvaluableRequest MakeRequest(std::string_view body) {
  mimic::tmpl::EvaluableRequest request;
  request.body = body;
  request.path = {"", "pets", "42"};
  request.params = {{"name", "Rex"}, {"dog.name", "Fido"}, {"name", "Max"}};
  request.headers = {{"Content-Type", "application/json"}, {"X-Trace", "abc"}};
  return request;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t separator = input.find('\0');
  std::string_view text = input.substr(0, separator);
  std::string_view body =
      separator == std::string_view::npos ? std::string_view() : input.substr(separator + 1);

  mimic::tmpl::EvaluableRequest request = MakeRequest(body);
  mimic::tmpl::TemplateContext context;
  context.Set("customer", R"({"name": "Ada", "tags": ["a", "b"]})");
  mimic::tmpl::RenderOptions options;
  options.now = std::chrono::sys_days{std::chrono::year{2024} / 2 / 29};

  auto compiled = mimic::tmpl::Compile(text);
  if (!compiled) {
    (void)mimic::tmpl::RenderText(text, request, context, options);
    return 0;
  }
  // Rendering twice with one context exercises values that the first render stored.
  (void)mimic::tmpl::Render(*compiled, request, context, options);
  (void)mimic::tmpl::Render(*compiled, request, context, options);
  return 0;
}
