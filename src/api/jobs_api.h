#pragma once

#include "api/api_module.h"
#include "jobs/import_jobs.h"
#include "net/address_policy.h"

namespace mimic {

// /api/jobs: Microcks' import job endpoints (list, search, count, create, read,
// update, delete, activate, start, stop) over ImportJobs.
class JobsApi : public ApiModule {
 public:
  // `policy` is the one downloads go through; a repositoryUrl whose literal
  // address it refuses is rejected when the job is created or updated.
  JobsApi(ImportJobs* jobs, std::shared_ptr<const AddressPolicy> policy)
      : jobs_(jobs), policy_(std::move(policy)) {}

  std::optional<HttpResponseData> Handle(const HttpRequestView& request,
                                         std::string_view path) override;

 private:
  HttpResponseData List(const HttpRequestView& request, bool search);
  HttpResponseData Action(std::string_view method, const std::string& id, std::string_view action);

  // Returns the 400 response for a refused repositoryUrl, or nullopt.
  std::optional<HttpResponseData> CheckRepositoryUrl(const Json& body) const;

  ImportJobs* jobs_;
  std::shared_ptr<const AddressPolicy> policy_;
};

}  // namespace mimic
