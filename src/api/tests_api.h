#pragma once

#include <memory>

#include "api/api_module.h"
#include "catalog/service_catalog.h"
#include "testing/test_engine.h"

namespace mimic {

// Microcks' tests API (/api/tests/...) and the conformance metrics that test runs
// feed (/api/metrics/conformance/..., /api/metrics/tests/latest). Owns the test
// engine, so runs stop with the API.
class TestsApi : public ApiModule {
 public:
  explicit TestsApi(ServiceCatalog* catalog, contract::TestEngineOptions options = {});

  std::optional<HttpResponseData> Handle(const HttpRequestView& request,
                                         std::string_view path) override;

  contract::TestEngine& engine() { return *engine_; }

 private:
  HttpResponseData CreateTest(const HttpRequestView& request);
  HttpResponseData ListForService(const HttpRequestView& request, std::string_view rest);
  HttpResponseData LatestTests(const HttpRequestView& request);

  ServiceCatalog* catalog_;
  std::unique_ptr<contract::TestEngine> engine_;
};

}  // namespace mimic
