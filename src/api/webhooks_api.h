#pragma once

#include "api/api_module.h"
#include "catalog/service_catalog.h"

namespace mimic {

// Microcks' webhook registrations: POST /api/webhooks, DELETE
// /api/webhooks/{id}, GET /api/webhooks/operation/{operationId}[/count].
// WebhookTrigger sends the calls.
class WebhooksApi : public ApiModule {
 public:
  explicit WebhooksApi(ServiceCatalog* catalog) : catalog_(catalog) {}

  std::optional<HttpResponseData> Handle(const HttpRequestView& request,
                                         std::string_view path) override;

 private:
  HttpResponseData Register(const HttpRequestView& request);
  HttpResponseData ListForOperation(const HttpRequestView& request, const std::string& operation_id,
                                    bool count_only);

  ServiceCatalog* catalog_;
};

}  // namespace mimic
