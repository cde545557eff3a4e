#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "template/date_format.h"
#include "template/evaluable_request.h"
#include "template/template_context.h"
#include "template/template_parser.h"

// Renders Microcks-compatible response templates: `{{ expression }}` placeholders that
// read the request (`request.body/...`, `request.params[name]`), call functions
// (`uuid()`, `now(dd/MM/yyyy)`), chain with `A || B` and `A > put(name)`, or read
// context variables.
//
// Thread-safety: a CompiledTemplate is immutable and may be rendered by any number of
// threads at once. Each concurrent Render needs its own TemplateContext and must keep its
// EvaluableRequest alive and unchanged until it returns. Random values come from a
// per-thread generator.
namespace mimic::tmpl {

// Options for tests and tools. The defaults are what the server uses.
struct RenderOptions {
  // The instant that now() and its relatives format. Unset means the system clock, read
  // once when the render starts.
  std::optional<TimePoint> now;
};

// Renders a compiled template against a request. Failures appear in the output instead of
// being thrown: an expression that fails renders as "[template error: <reason>]" in its
// place, and the rest of the template still renders. A std::exception such as bad_alloc
// replaces the whole output with a marker. Output beyond kMaxRenderedBytes is cut and
// ends with a marker.
std::string Render(const CompiledTemplate& compiled, const EvaluableRequest& request,
                   TemplateContext& context, const RenderOptions& options = {});

// Compiles and renders `text` in one step. When compilation fails, returns an error
// marker followed by `text` unchanged.
std::string RenderText(std::string_view text, const EvaluableRequest& request,
                       TemplateContext& context, const RenderOptions& options = {});

// Formats an error marker, as rendered in place of a failed expression.
std::string ErrorMarker(std::string_view reason);

}  // namespace mimic::tmpl
