#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/json.h"
#include "front/mock_http.h"
#include "importer/import_result.h"

namespace mimic {

// The decoded value of query parameter `name`, empty when absent.
std::string QueryParameter(const HttpRequestView& request, std::string_view name);

// The slice of `count` items that Microcks' `page` (from 0) and `size` (default
// 20) parameters select, as [first, last).
std::pair<size_t, size_t> PageBounds(const HttpRequestView& request, size_t count);

// The request body as a JSON object, or a 400 response explaining what to send.
Result<Json> JsonObjectBody(const HttpRequestView& request, std::string_view what);

HttpResponseData ErrorAsResponse(const Error& error);

// Attaches import diagnostics as one JSON header (an array of {operation, message}),
// so that clients reading Microcks' plain-text body keep working while tools can show
// the details. Nothing is added when there are none.
void AddImportDiagnostics(const std::vector<ImportDiagnostic>& diagnostics,
                          HttpResponseData* response);

// {"counter": n}, Microcks' Counter shape.
HttpResponseData CounterResponse(size_t count);

}  // namespace mimic
