#pragma once

#include "api/api_module.h"
#include "catalog/service_catalog.h"
#include "net/address_policy.h"

namespace mimic {

// Microcks' webhook registrations: POST /api/webhooks, DELETE
// /api/webhooks/{id}, GET /api/webhooks/operation/{operationId}[/count].
// WebhookTrigger sends the calls.
class WebhooksApi : public ApiModule {
 public:
  // `policy` is the one WebhookTrigger sends through; targets it refuses
  // outright are rejected at registration.
  WebhooksApi(ServiceCatalog* catalog, std::shared_ptr<const AddressPolicy> policy)
      : catalog_(catalog), policy_(std::move(policy)) {}

  std::optional<HttpResponseData> Handle(const HttpRequestView& request,
                                         std::string_view path) override;

 private:
  HttpResponseData Register(const HttpRequestView& request);
  HttpResponseData ListForOperation(const HttpRequestView& request, const std::string& operation_id,
                                    bool count_only);

  ServiceCatalog* catalog_;
  std::shared_ptr<const AddressPolicy> policy_;
};

}  // namespace mimic
