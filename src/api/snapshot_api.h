#pragma once

#include "api/api_module.h"
#include "catalog/service_catalog.h"

namespace mimic {

// Repository snapshots. GET /api/export writes the chosen services in full
// (operations, exchanges, overrides, metadata, resources), the artifacts they were
// imported from and their stateful mock documents into one JSON file.
// POST /api/import restores such a file on any Mimic server, and restored
// services replace those with the same id or the same name and version. Both also
// speak Microcks' snapshot (`format=microcks` on export; detected on import), so
// mocks move between Microcks and Mimic.
class SnapshotApi : public ApiModule {
 public:
  explicit SnapshotApi(ServiceCatalog* catalog) : catalog_(catalog) {}

  std::optional<HttpResponseData> Handle(const HttpRequestView& request,
                                         std::string_view path) override;

 private:
  HttpResponseData Export(const HttpRequestView& request);
  HttpResponseData Import(const HttpRequestView& request);
  HttpResponseData ImportMicrocks(const Json& document);

  ServiceCatalog* catalog_;
};

// The `format` value that marks a Mimic snapshot document.
inline constexpr std::string_view kSnapshotFormat = "mimic-snapshot";

}  // namespace mimic
