#include "api/jobs_api.h"

#include "api/api_util.h"
#include "common/strings.h"

namespace mimic {
namespace {

constexpr std::string_view kPrefix = "/api/jobs";

HttpResponseData NoJob(const std::string& id) {
  return TextResponse(404, "No import job with id '" + id + "'.");
}

HttpResponseData JobResponse(int status, const Result<std::optional<Json>>& job,
                             const std::string& id) {
  if (!job) return ErrorAsResponse(job.error());
  if (!job->has_value()) return NoJob(id);
  return JsonResponse(status, DumpJson(**job));
}

}  // namespace

std::optional<HttpResponseData> JobsApi::CheckRepositoryUrl(const Json& body) const {
  std::string url = FieldOr(body, "repositoryUrl", "");
  std::string refused = policy_ ? policy_->RefusedLiteralHost(url) : "";
  if (refused.empty()) return std::nullopt;
  return TextResponse(400, "Invalid repositoryUrl '" + url + "': downloads may not reach " +
                               refused +
                               ". Start the server with --download-allow naming that range to "
                               "allow it.");
}

std::optional<HttpResponseData> JobsApi::Handle(const HttpRequestView& request,
                                                std::string_view path) {
  if (!StartsWith(path, kPrefix)) return std::nullopt;
  std::string_view rest = path.substr(kPrefix.size());
  if (!rest.empty() && rest.front() != '/') return std::nullopt;
  std::string_view method = request.method;
  if (rest.empty()) {
    if (method == "GET") return List(request, false);
    if (method == "POST") {
      auto body = JsonObjectBody(request, "import job (name, repositoryUrl)");
      if (!body) return ErrorAsResponse(body.error());
      if (auto refused = CheckRepositoryUrl(*body)) return std::move(*refused);
      auto created = jobs_->Create(*body);
      if (!created) return ErrorAsResponse(created.error());
      return JsonResponse(201, DumpJson(*created));
    }
    return std::nullopt;
  }
  rest.remove_prefix(1);
  size_t slash = rest.find('/');
  std::string id = PercentDecode(rest.substr(0, slash));
  if (slash != std::string_view::npos) {
    return Action(method, id, rest.substr(slash + 1));
  }
  if (id == "count" && method == "GET") {
    auto jobs = jobs_->List();
    if (!jobs) return ErrorAsResponse(jobs.error());
    return CounterResponse(jobs->size());
  }
  if (id == "search" && method == "GET") return List(request, true);
  if (method == "GET") return JobResponse(200, jobs_->Get(id), id);
  if (method == "POST") {
    auto body = JsonObjectBody(request, "import job (name, repositoryUrl)");
    if (!body) return ErrorAsResponse(body.error());
    if (auto refused = CheckRepositoryUrl(*body)) return std::move(*refused);
    return JobResponse(200, jobs_->Update(id, *body), id);
  }
  if (method == "DELETE") {
    auto deleted = jobs_->Delete(id);
    if (!deleted) return ErrorAsResponse(deleted.error());
    if (!*deleted) return NoJob(id);
    HttpResponseData response;
    response.status = 200;
    return response;
  }
  return std::nullopt;
}

HttpResponseData JobsApi::List(const HttpRequestView& request, bool search) {
  auto jobs = jobs_->List();
  if (!jobs) return ErrorAsResponse(jobs.error());
  // Like Microcks, `name` keeps jobs whose name contains it, ignoring case.
  std::string fragment = ToLower(QueryParameter(request, "name"));
  std::vector<Json> matching;
  for (Json& job : *jobs) {
    if (ToLower(FieldOr(job, "name", "")).find(fragment) != std::string::npos) {
      matching.push_back(std::move(job));
    }
  }
  size_t first = 0;
  size_t last = matching.size();
  if (!search) std::tie(first, last) = PageBounds(request, matching.size());
  Json list = Json::array();
  for (size_t i = first; i < last; ++i) list.push_back(std::move(matching[i]));
  return JsonResponse(200, DumpJson(list));
}

HttpResponseData JobsApi::Action(std::string_view method, const std::string& id,
                                 std::string_view action) {
  if (action != "activate" && action != "start" && action != "stop") {
    return TextResponse(
        404, "No job action '" + std::string(action) + "': use activate, start or stop.");
  }
  if (method != "PUT") {
    return TextResponse(405, "Use PUT for /api/jobs/{id}/" + std::string(action) + ".");
  }
  if (action == "activate") return JobResponse(200, jobs_->SetActive(id, true), id);
  if (action == "stop") return JobResponse(200, jobs_->SetActive(id, false), id);
  auto activated = jobs_->SetActive(id, true);
  if (!activated || !activated->has_value()) return JobResponse(200, activated, id);
  // The import blocks on the network, so it runs off the I/O thread.
  HttpResponseData response;
  response.deferred = [jobs = jobs_, id] { return JobResponse(200, jobs->Run(id), id); };
  return response;
}

}  // namespace mimic
