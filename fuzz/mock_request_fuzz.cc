// Sends arbitrary requests to the REST mock front over a fixed set of services
// that use every path and dispatch feature the core supports.
#include <cstddef>
#include <cstdint>
#include <string>

#include "catalog/service_catalog.h"
#include "front/rest_front.h"
#include "spdlog/spdlog.h"
#include "store/sqlite_store.h"

namespace {

constexpr const char* kSpec = R"yaml(
openapi: 3.0.0
info: {title: Fuzz API, version: '1.0'}
paths:
  /items/{id}/parts/{part}.json:
    get:
      parameters:
        - {name: id, in: path, examples: {a: {value: '1'}}}
        - {name: part, in: path, examples: {a: {value: 'x'}}}
        - {name: q, in: query, required: true, examples: {a: {value: 'v'}}}
        - {name: X-Key, in: header, required: false}
      x-microcks-operation:
        parameterConstraints:
          - {name: X-Key, in: header, required: false, mustMatchRegexp: '^(a+)+$'}
      responses:
        '200':
          headers:
            Location: {examples: {a: {value: '/items/{{ request.path[2] }}'}}}
          content:
            application/json:
              examples:
                a: {value: '{"id": "{{ request.body/id || request.params[q] }}", "u": "{{ uuid() }}"}'}
  /search:
    get:
      x-microcks-operation:
        dispatcher: FALLBACK
        dispatcherRules: '{"dispatcher": "QUERY_HEADER", "dispatcherRules": "x-tenant", "fallback": "a"}'
      responses:
        '200':
          content:
            text/plain:
              examples: {a: {value: 'hello {{ request.headers[x-tenant] }}'}}
)yaml";

struct Fixture {
  std::unique_ptr<mimic::SqliteStore> store;
  std::unique_ptr<mimic::ServiceCatalog> catalog;
  std::shared_ptr<const mimic::MockIndex> index;
};

Fixture* MakeFixture() {
  spdlog::set_level(spdlog::level::off);
  auto* fixture = new Fixture;
  fixture->store = std::move(*mimic::SqliteStore::Open(":memory:"));
  fixture->catalog = std::make_unique<mimic::ServiceCatalog>(fixture->store.get());
  (void)fixture->catalog->Load();
  mimic::ImportRequest request;
  request.artifact_name = "fuzz.yaml";
  (void)fixture->catalog->Import(kSpec, request);
  fixture->index = fixture->catalog->index();
  return fixture;
}

}  // namespace

// Input layout: method \n target \n header lines ... \n\n body
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture* fixture = MakeFixture();
  std::string input(reinterpret_cast<const char*>(data), size);
  mimic::HttpRequestView view;
  size_t first = input.find('\n');
  std::string_view all(input);
  view.method = all.substr(0, first);
  if (first == std::string::npos) first = input.size();
  size_t second = input.find('\n', first + 1);
  std::string_view target =
      first < input.size() ? all.substr(first + 1, second == std::string::npos
                                                       ? std::string::npos
                                                       : second - first - 1)
                           : std::string_view();
  // Mock fronts only ever see targets under /rest/.
  std::string full_target = "/rest/" + std::string(target);
  view.target = full_target;
  size_t body_start = input.find("\n\n", second == std::string::npos ? input.size() : second);
  if (second != std::string::npos) {
    std::string_view headers = all.substr(second + 1, body_start == std::string::npos
                                                          ? std::string::npos
                                                          : body_start - second - 1);
    size_t pos = 0;
    while (pos < headers.size()) {
      size_t end = headers.find('\n', pos);
      std::string_view line = headers.substr(pos, end == std::string::npos ? end : end - pos);
      size_t colon = line.find(':');
      if (colon != std::string_view::npos) {
        view.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
      }
      if (end == std::string::npos) break;
      pos = end + 1;
    }
  }
  if (body_start != std::string::npos) view.body = all.substr(body_start + 2);
  view.host = "localhost";
  mimic::RestFrontConfig config;
  mimic::MockCallInfo info;
  (void)mimic::HandleRestMock(view, *fixture->index, config, &info);
  return 0;
}
