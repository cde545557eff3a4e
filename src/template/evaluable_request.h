#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mimic::tmpl {

// The parts of an incoming request that `request.` expressions read. The caller owns
// the storage, which must outlive the Render call.
struct EvaluableRequest {
  std::string_view body;
  // Resource path split on '/', so path[0] is "" and path[1] the first segment.
  std::vector<std::string> path;
  // Query parameters in request order. Lookup returns the first value of a name.
  std::vector<std::pair<std::string, std::string>> params;
  // Headers in request order. Lookup ignores case and returns the first value.
  std::vector<std::pair<std::string, std::string>> headers;
};

// Returns the first query parameter named `name`, or null.
const std::string* FindParam(const EvaluableRequest& request, std::string_view name);

// Returns the first header whose name equals `name` ignoring ASCII case, or null.
const std::string* FindHeader(const EvaluableRequest& request, std::string_view name);

}  // namespace mimic::tmpl
