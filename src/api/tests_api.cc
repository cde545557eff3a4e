#include "api/tests_api.h"

#include <charconv>

#include "common/strings.h"
#include "front/rest_front.h"
#include "spdlog/spdlog.h"
#include "testing/conformance.h"

namespace mimic {
namespace {

using contract::TestResult;

constexpr int64_t kDefaultTimeoutMs = 10000;
constexpr int64_t kMaxTimeoutMs = 3600 * 1000;

HttpResponseData ErrorResponse(const Error& error) {
  return TextResponse(HttpStatusFor(error.code), error.message);
}

std::string QueryValue(const HttpRequestView& request, std::string_view name) {
  for (const auto& [key, value] : ParseQuery(request.query())) {
    if (key == name) return value;
  }
  return "";
}

int64_t ParseInteger(std::string_view text, int64_t fallback) {
  int64_t value = fallback;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return fallback;
  return value;
}

bool IsKnownMicrocksRunner(std::string_view name) {
  for (std::string_view known : {"HTTP", "SOAP_HTTP", "SOAP_UI", "POSTMAN", "OPEN_API_SCHEMA",
                                 "ASYNC_API_SCHEMA", "GRPC_PROTOBUF", "GRAPHQL_SCHEMA"}) {
    if (name == known) return true;
  }
  return false;
}

}  // namespace

TestsApi::TestsApi(ServiceCatalog* catalog, contract::TestEngineOptions options)
    : catalog_(catalog), engine_(std::make_unique<contract::TestEngine>(catalog, options)) {}

std::optional<HttpResponseData> TestsApi::Handle(const HttpRequestView& request,
                                                 std::string_view path) {
  std::string_view method = request.method;
  constexpr std::string_view kConformance = "/api/metrics/conformance/";
  if (StartsWith(path, kConformance) && method == "GET") {
    std::string_view rest = path.substr(kConformance.size());
    if (rest == "aggregate") {
      auto aggregate = engine_->ConformanceAggregate();
      if (!aggregate) return ErrorResponse(aggregate.error());
      return JsonResponse(200, DumpJson(*aggregate));
    }
    if (StartsWith(rest, "service/")) {
      std::string id = PercentDecode(rest.substr(8));
      auto service = catalog_->FindService(id);
      if (!service) return TextResponse(404, "No service with id '" + id + "'.");
      auto metric = engine_->Conformance(*service);
      if (!metric) return ErrorResponse(metric.error());
      return JsonResponse(200, DumpJson(*metric));
    }
    return TextResponse(404,
                        "Use /api/metrics/conformance/aggregate or "
                        "/api/metrics/conformance/service/{serviceId}.");
  }
  if (path == "/api/metrics/tests/latest" && method == "GET") return LatestTests(request);

  if (path != "/api/tests" && !StartsWith(path, "/api/tests/")) return std::nullopt;
  if (path == "/api/tests") {
    if (method == "POST") {
      HttpResponseData response = CreateTest(request);
      if (response.status >= 400) {
        spdlog::debug("event=test.rejected status={} reason={}", response.status,
                      LogValue(response.body));
      }
      return response;
    }
    return TextResponse(405, "Use POST /api/tests to launch a test.");
  }
  std::string_view rest = path.substr(std::string_view("/api/tests/").size());
  if (StartsWith(rest, "service/")) {
    if (method != "GET") return TextResponse(405, "Only GET is allowed here.");
    return ListForService(request, rest.substr(8));
  }
  size_t slash = rest.find('/');
  std::string id = PercentDecode(rest.substr(0, slash));
  std::string_view tail = slash == std::string_view::npos ? "" : rest.substr(slash + 1);

  if (tail.empty()) {
    if (method != "GET") return TextResponse(405, "Only GET is allowed on a test result.");
    auto result = engine_->Find(id);
    if (!result) return ErrorResponse(result.error());
    if (!*result) return TextResponse(404, "No test result with id '" + id + "'.");
    return JsonResponse(200, DumpJson(ToJson(**result)));
  }
  if (tail == "testCaseResult") {
    if (method != "POST") return TextResponse(405, "Use POST to report a test case result.");
    Json body = Json::parse(request.body.begin(), request.body.end(), nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
      return TextResponse(400,
                          "The body must be a JSON object with operationName and testReturns.");
    }
    auto reported = engine_->ReportCase(id, body);
    if (!reported) return ErrorResponse(reported.error());
    return JsonResponse(200, DumpJson(ToJson(*reported)));
  }
  bool messages = StartsWith(tail, "messages/");
  bool events = StartsWith(tail, "events/");
  if ((messages || events) && method == "GET") {
    std::string test_case_id = contract::DecodeTestCaseIdSegment(tail.substr(messages ? 9 : 7));
    auto result = engine_->Find(id);
    if (!result) return ErrorResponse(result.error());
    if (!*result) return TextResponse(404, "No test result with id '" + id + "'.");
    // REST runners exchange requests and responses, never events.
    if (events) return JsonResponse(200, "[]");
    auto pairs = engine_->CaseExchanges(test_case_id);
    if (!pairs) return ErrorResponse(pairs.error());
    return JsonResponse(200, DumpJson(*pairs));
  }
  return TextResponse(404, "Unknown test resource '" + std::string(path) + "'.");
}

HttpResponseData TestsApi::CreateTest(const HttpRequestView& request) {
  Json body = Json::parse(request.body.begin(), request.body.end(), nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return TextResponse(400,
                        "The body must be a JSON TestRequest with serviceId, testEndpoint, "
                        "runnerType and timeout.");
  }
  contract::TestLaunch launch;
  if (body.contains("serviceId") && !body["serviceId"].is_string()) {
    return TextResponse(400, "serviceId must be a string; give the service as \"name:version\".");
  }
  std::string service_id = FieldOr(body, "serviceId", "");
  if (service_id.empty()) {
    return TextResponse(400, "serviceId is missing; give the service as \"name:version\".");
  }
  launch.service = catalog_->FindService(service_id);
  if (!launch.service) {
    return TextResponse(404, "Service '" + service_id +
                                 "' is not registered; import its artifact before testing it.");
  }
  if (body.contains("testEndpoint") && !body["testEndpoint"].is_string()) {
    return TextResponse(400,
                        "testEndpoint must be a string URL, for example "
                        "http://localhost:8080/api.");
  }
  launch.endpoint = FieldOr(body, "testEndpoint", "");
  if (launch.endpoint.empty()) {
    return TextResponse(400,
                        "testEndpoint is missing; give the base URL of the implementation "
                        "to test, for example http://localhost:8080/api.");
  }
  std::string runner = FieldOr(body, "runnerType", "HTTP");
  auto runner_type = contract::ParseRunnerType(runner);
  if (!runner_type) {
    if (IsKnownMicrocksRunner(runner)) {
      return TextResponse(400, "runnerType '" + runner +
                                   "' is not supported by Mimic yet; use HTTP or OPEN_API_SCHEMA.");
    }
    return TextResponse(400,
                        "runnerType '" + runner + "' is unknown; use HTTP or OPEN_API_SCHEMA.");
  }
  launch.runner = *runner_type;
  const Json& timeout = FieldOr(body, "timeout", Json());
  if (timeout.is_null()) {
    launch.timeout_ms = kDefaultTimeoutMs;
  } else if (timeout.is_number_integer()) {
    launch.timeout_ms = timeout.get<int64_t>();
  } else if (timeout.is_number_float() && timeout.get<double>() >= 1 &&
             timeout.get<double>() <= static_cast<double>(kMaxTimeoutMs)) {
    launch.timeout_ms = static_cast<int64_t>(timeout.get<double>());
  } else if (timeout.is_string()) {
    launch.timeout_ms = ParseInteger(timeout.get<std::string>(), -1);
  } else {
    launch.timeout_ms = -1;
  }
  if (launch.timeout_ms <= 0 || launch.timeout_ms > kMaxTimeoutMs) {
    return TextResponse(400, "timeout '" + DumpJson(timeout) +
                                 "' is invalid; give milliseconds between 1 and " +
                                 std::to_string(kMaxTimeoutMs) + ".");
  }
  std::string secret_name = FieldOr(body, "secretName", "");
  if (!secret_name.empty()) {
    auto secret = FindSecret(*catalog_->store(), secret_name);
    if (!secret) return ErrorResponse(secret.error());
    if (!*secret) {
      return TextResponse(400, "Secret '" + secret_name +
                                   "' does not exist; create it with POST /api/secrets first.");
    }
    launch.secret = std::move(**secret);
  }
  const Json& filtered = FieldOr(body, "filteredOperations", Json());
  if (!filtered.is_null() && !filtered.is_array()) {
    return TextResponse(400, "filteredOperations must be an array of operation names.");
  }
  for (const Json& name : filtered.is_array() ? filtered : Json::array()) {
    if (name.is_string()) launch.filtered_operations.push_back(name.get<std::string>());
  }
  launch.operation_headers =
      contract::OperationHeadersFromJson(FieldOr(body, "operationsHeaders", Json()));
  launch.oauth2_context = FieldOr(body, "oAuth2Context", Json::object());

  auto launched = engine_->Launch(std::move(launch));
  if (!launched) return ErrorResponse(launched.error());
  return JsonResponse(201, DumpJson(ToJson(*launched)));
}

HttpResponseData TestsApi::ListForService(const HttpRequestView& request, std::string_view rest) {
  bool count = EndsWith(rest, "/count");
  if (count) rest.remove_suffix(6);
  std::string id = PercentDecode(rest);
  // Accept "name:version" as well as the id; results of a deleted service stay listed by id.
  if (auto service = catalog_->FindService(id)) id = service->id;
  auto results = engine_->List(id);
  if (!results) return ErrorResponse(results.error());
  if (count) return JsonResponse(200, DumpJson(Json{{"counter", results->size()}}));
  int64_t page = std::max<int64_t>(0, ParseInteger(QueryValue(request, "page"), 0));
  int64_t size = ParseInteger(QueryValue(request, "size"), 20);
  if (size <= 0) size = 20;
  Json list = Json::array();
  // A page beyond the results (or so far that page * size overflows) is empty.
  if (page > 0 && static_cast<uint64_t>(page) >= results->size()) {
    return JsonResponse(200, DumpJson(list));
  }
  size = std::min<int64_t>(size, static_cast<int64_t>(results->size()));
  for (size_t i = static_cast<size_t>(page * size);
       i < results->size() && list.size() < static_cast<size_t>(size); ++i) {
    list.push_back(ToJson((*results)[i]));
  }
  return JsonResponse(200, DumpJson(list));
}

HttpResponseData TestsApi::LatestTests(const HttpRequestView& request) {
  int64_t days = ParseInteger(QueryValue(request, "limit"), 7);
  if (days <= 0) days = 7;
  int64_t since = NowMillis() - days * 24 * 3600 * 1000;
  auto results = engine_->List("");
  if (!results) return ErrorResponse(results.error());
  std::vector<const TestResult*> recent;
  for (const TestResult& result : *results) {
    if (result.test_date >= since) recent.push_back(&result);
  }
  std::stable_sort(recent.begin(), recent.end(), [](const TestResult* a, const TestResult* b) {
    return a->test_date > b->test_date;
  });
  Json list = Json::array();
  for (const TestResult* result : recent) {
    list.push_back({{"id", result->id},
                    {"testDate", result->test_date},
                    {"serviceId", result->service_id},
                    {"success", result->success}});
  }
  return JsonResponse(200, DumpJson(list));
}

}  // namespace mimic
