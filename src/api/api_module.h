#pragma once

#include <optional>

#include "front/mock_http.h"

namespace mimic {

// A group of management endpoints (secrets, jobs, tests...) that plugs into
// ManagementApi, so each group lives in its own files. ManagementApi has
// already checked the caller's role and stripped a trailing slash from the
// path it passes as `path`.
class ApiModule {
 public:
  virtual ~ApiModule() = default;

  // Handles the request when `path` belongs to this module and returns nullopt
  // otherwise. Must not throw.
  virtual std::optional<HttpResponseData> Handle(const HttpRequestView& request,
                                                 std::string_view path) = 0;
};

}  // namespace mimic
