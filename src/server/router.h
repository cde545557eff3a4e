#pragma once

#include "api/management_api.h"
#include "catalog/service_catalog.h"
#include "front/dynarest_front.h"
#include "front/rest_front.h"
#include "metrics/invocation_stats.h"

namespace mimic {

// Sends each request to its front by URL prefix: /rest and /rest-valid to the
// REST mocks, /api to the management API. Logs API calls with a request id.
class Router {
 public:
  Router(ServiceCatalog* catalog, ManagementApi* api, InvocationStats* stats,
         RestFrontConfig rest_config)
      : catalog_(catalog), api_(api), stats_(stats), rest_config_(std::move(rest_config)) {}

  HttpResponseData Route(const HttpRequestView& request);

 private:
  // The index for this thread, refreshed when the catalog publishes a new one.
  const MockIndex& CurrentIndex();

  ServiceCatalog* catalog_;
  ManagementApi* api_;
  InvocationStats* stats_;
  RestFrontConfig rest_config_;
};

}  // namespace mimic
