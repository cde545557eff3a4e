#pragma once

#include "api/api_module.h"
#include "jobs/import_jobs.h"

namespace mimic {

// /api/jobs: Microcks' import job endpoints (list, search, count, create, read,
// update, delete, activate, start, stop) over ImportJobs.
class JobsApi : public ApiModule {
 public:
  explicit JobsApi(ImportJobs* jobs) : jobs_(jobs) {}

  std::optional<HttpResponseData> Handle(const HttpRequestView& request,
                                         std::string_view path) override;

 private:
  HttpResponseData List(const HttpRequestView& request, bool search);
  HttpResponseData Action(std::string_view method, const std::string& id, std::string_view action);

  ImportJobs* jobs_;
};

}  // namespace mimic
