#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "api/access_policy.h"
#include "api/api_module.h"

#include "catalog/service_catalog.h"
#include "front/mock_http.h"
#include "metrics/invocation_stats.h"
#include "net/http_fetcher.h"

namespace mimic {

struct ManagementApiConfig {
  // Creates the fetcher used by /api/artifact/download; tests may swap it.
  FetcherFactory make_fetcher;
};

// The Microcks-compatible management API under /api: same paths, payloads and
// status codes, JSON without nulls and dates as epoch milliseconds.
class ManagementApi {
 public:
  ManagementApi(ServiceCatalog* catalog, InvocationStats* stats, ManagementApiConfig config)
      : catalog_(catalog),
        stats_(stats),
        config_(std::move(config)),
        authenticator_(MakeOpenAuthenticator()) {}

  // Modules are consulted in the order added, before the built-in endpoints.
  void AddModule(std::unique_ptr<ApiModule> module) { modules_.push_back(std::move(module)); }
  void SetAuthenticator(std::unique_ptr<Authenticator> authenticator) {
    authenticator_ = std::move(authenticator);
  }

  HttpResponseData Handle(const HttpRequestView& request);

 private:
  HttpResponseData UploadArtifact(const HttpRequestView& request);
  HttpResponseData DownloadArtifact(const HttpRequestView& request);
  HttpResponseData ListServices(const HttpRequestView& request);
  HttpResponseData GetService(const HttpRequestView& request, std::string_view id);
  HttpResponseData ServiceResources(std::string_view id);
  HttpResponseData SearchServices(const HttpRequestView& request);
  HttpResponseData ResourceContent(const std::string& key, bool by_id);
  HttpResponseData InvocationMetrics(const HttpRequestView& request, std::string_view rest);

  // The JSON of every service, in list order, for one catalog generation.
  struct ServiceListCache {
    uint64_t generation = 0;
    std::vector<std::string> items;
  };
  std::shared_ptr<const ServiceListCache> CurrentServiceList();

  ServiceCatalog* catalog_;
  InvocationStats* stats_;
  ManagementApiConfig config_;
  std::unique_ptr<Authenticator> authenticator_;
  std::vector<std::unique_ptr<ApiModule>> modules_;
  std::mutex list_cache_mutex_;
  std::shared_ptr<const ServiceListCache> list_cache_;
};

}  // namespace mimic
