#pragma once

#include "api/api_module.h"
#include "catalog/service_catalog.h"

namespace mimic {

// Microcks' documentation pages: GET /api/documentation/{name}/{resourceType}
// and /api/documentation/id/{id}/{resourceType} return an HTML page that
// renders the stored spec in the browser (Redoc for OpenAPI and Swagger, the
// AsyncAPI web component for AsyncAPI). The page loads the renderer from its
// public CDN, as Microcks' pages do; the server itself fetches nothing.
class DocumentationApi : public ApiModule {
 public:
  explicit DocumentationApi(ServiceCatalog* catalog) : catalog_(catalog) {}

  std::optional<HttpResponseData> Handle(const HttpRequestView& request,
                                         std::string_view path) override;

 private:
  ServiceCatalog* catalog_;
};

// Builds the HTML page for a resource served at `spec_url`; exposed for tests.
std::string DocumentationPage(std::string_view title, std::string_view resource_type,
                              std::string_view spec_url);

}  // namespace mimic
