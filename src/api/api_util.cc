#include "api/api_util.h"

#include <charconv>

#include "front/rest_front.h"

namespace mimic {
namespace {

int ParseIntOr(const std::string& text, int fallback) {
  int value = fallback;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return fallback;
  return value;
}

}  // namespace

std::string QueryParameter(const HttpRequestView& request, std::string_view name) {
  for (const auto& [key, value] : ParseQuery(request.query())) {
    if (key == name) return value;
  }
  return "";
}

std::pair<size_t, size_t> PageBounds(const HttpRequestView& request, size_t count) {
  int page = std::max(0, ParseIntOr(QueryParameter(request, "page"), 0));
  int size = ParseIntOr(QueryParameter(request, "size"), 20);
  if (size <= 0) size = 20;
  size_t first = static_cast<size_t>(page) * static_cast<size_t>(size);
  if (first > count) first = count;
  size_t last = std::min(count, first + static_cast<size_t>(size));
  return {first, last};
}

Result<Json> JsonObjectBody(const HttpRequestView& request, std::string_view what) {
  Json body = Json::parse(request.body.begin(), request.body.end(), nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        "The request body must be a JSON object describing the " + std::string(what) + ".");
  }
  return body;
}

HttpResponseData ErrorAsResponse(const Error& error) {
  return TextResponse(HttpStatusFor(error.code), error.message);
}

HttpResponseData CounterResponse(size_t count) {
  return JsonResponse(200, DumpJson(Json{{"counter", count}}));
}

void AddImportDiagnostics(const std::vector<ImportDiagnostic>& diagnostics,
                          HttpResponseData* response) {
  // Many proxies reject headers larger than 8 KiB.
  constexpr size_t kMaxHeaderBytes = 8192;
  if (diagnostics.empty()) return;
  Json list = Json::array();
  for (const ImportDiagnostic& diagnostic : diagnostics) {
    list.push_back({{"operation", diagnostic.operation}, {"message", diagnostic.message}});
  }
  std::string text = DumpJson(list);
  if (text.size() > kMaxHeaderBytes) {
    text = DumpJson(Json::array(
        {{{"operation", ""},
          {"message", std::to_string(diagnostics.size()) + " diagnostics; see the server log"}}}));
  }
  response->headers.emplace_back("X-Mimic-Import-Diagnostics", std::move(text));
}

}  // namespace mimic
