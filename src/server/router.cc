#include "server/router.h"

#include <atomic>
#include <chrono>

#include "common/strings.h"
#include "spdlog/spdlog.h"

namespace mimic {
namespace {

std::atomic<uint64_t> request_counter{0};

struct ThreadIndex {
  const ServiceCatalog* owner = nullptr;
  uint64_t generation = 0;
  std::shared_ptr<const MockIndex> index;
};
thread_local ThreadIndex thread_index;

}  // namespace

const MockIndex& Router::CurrentIndex() {
  uint64_t generation = catalog_->generation();
  if (thread_index.owner != catalog_ || thread_index.generation != generation ||
      !thread_index.index) {
    thread_index.owner = catalog_;
    thread_index.generation = generation;
    thread_index.index = catalog_->index();
  }
  return *thread_index.index;
}

HttpResponseData Router::Route(const HttpRequestView& request) {
  std::string_view path = request.path();
  if (StartsWith(path, "/rest/") || StartsWith(path, "/rest-valid/")) {
    MockCallInfo info;
    const MockIndex& index = CurrentIndex();
    HttpResponseData response =
        HandleRestMock(request, index, rest_config_, &info, thread_index.index);
    // Counted before the response is sent, so the count is visible to the caller at once.
    if (info.operation != nullptr && !info.response_name.empty() && stats_->enabled()) {
      stats_->Record(info.service->name, info.service->version);
    }
    if (spdlog::should_log(spdlog::level::debug)) {
      spdlog::debug("event=mock.call method={} target={} status={} operation={} response={}",
                    std::string(request.method), LogValue(request.target), response.status,
                    LogValue(info.operation ? info.operation->name : ""),
                    LogValue(info.response_name));
    }
    return response;
  }
  if (StartsWith(path, "/dynarest/")) {
    HttpResponseData response = HandleDynarest(request, CurrentIndex(), *catalog_->store());
    spdlog::debug("event=mock.call method={} target={} status={}", std::string(request.method),
                  LogValue(request.target), response.status);
    return response;
  }
  if (StartsWith(path, "/api/") || path == "/api") {
    uint64_t id = ++request_counter;
    auto start = std::chrono::steady_clock::now();
    HttpResponseData response = api_->Handle(request);
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
    auto level = response.status >= 500   ? spdlog::level::err
                 : response.status >= 400 ? spdlog::level::debug
                                          : spdlog::level::info;
    if (request.method == "GET" && response.status < 400) level = spdlog::level::debug;
    spdlog::log(level, "event=api.request request_id={} method={} path={} status={} micros={}", id,
                std::string(request.method), LogValue(path), response.status, micros);
    return response;
  }
  if (path == "/" || path.empty()) {
    return TextResponse(200,
                        "Mimic " MIMIC_VERSION
                        " is running. Mocks are served under /rest/{service}/{version}/..., the "
                        "management API under /api.\n");
  }
  return TextResponse(404, "Nothing is served at " + std::string(path) +
                               ". Mocks live under /rest/{service}/{version}/ and the management "
                               "API under /api/.");
}

}  // namespace mimic
