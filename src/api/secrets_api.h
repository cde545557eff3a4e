#pragma once

#include "api/api_module.h"
#include "store/store.h"

namespace mimic {

// /api/secrets: list, search by name, count, create, read, update and delete
// the credentials used by artifact downloads, import jobs and tests. Names are
// unique because clients refer to secrets by name.
class SecretsApi : public ApiModule {
 public:
  explicit SecretsApi(Store* store) : store_(store) {}

  std::optional<HttpResponseData> Handle(const HttpRequestView& request,
                                         std::string_view path) override;

 private:
  HttpResponseData List(const HttpRequestView& request);
  HttpResponseData Search(const HttpRequestView& request);
  HttpResponseData Create(const HttpRequestView& request);
  HttpResponseData Update(const HttpRequestView& request, const std::string& id);
  // Fails with 409 when another secret than `own_id` already has `name`.
  Result<void> CheckNameFree(const std::string& name, const std::string& own_id);

  Store* store_;
};

}  // namespace mimic
