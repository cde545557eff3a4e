#include "testing/test_engine.h"

#include <algorithm>

#include "common/strings.h"
#include "spdlog/spdlog.h"
#include "testing/conformance.h"
#include "testing/response_checks.h"
#include "testing/test_call.h"
#include "validation/request_validator.h"

namespace mimic::contract {
namespace {

using Clock = std::chrono::steady_clock;

int64_t MillisSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

std::vector<Header> ToHeaders(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::vector<Header> headers;
  for (const auto& pair : pairs) {
    auto same = std::find_if(headers.begin(), headers.end(), [&pair](const Header& header) {
      return EqualsIgnoreCase(header.name, pair.first);
    });
    if (same != headers.end()) {
      same->values.push_back(pair.second);
    } else {
      headers.push_back({pair.first, {pair.second}});
    }
  }
  return headers;
}

// The request and response of one step, shaped like Microcks' RequestResponsePair.
Json RecordPair(const std::string& operation_id, const std::string& test_case_id,
                const Exchange& example, const OutgoingCall* call, const CallOutcome* outcome,
                size_t max_body) {
  Exchange recorded;
  recorded.request.name = example.request.name;
  recorded.request.query_parameters = example.request.query_parameters;
  if (call != nullptr) {
    recorded.request.content = call->body;
    recorded.request.headers = ToHeaders(call->recorded_headers);
  }
  recorded.response.name = example.response.name;
  recorded.response.status.clear();
  if (outcome != nullptr && outcome->completed) {
    recorded.response.status = std::to_string(outcome->status);
    recorded.response.content = outcome->body.substr(0, max_body);
    if (outcome->body.size() > max_body) {
      recorded.response.content +=
          "\n[truncated: the response has " + std::to_string(outcome->body.size()) + " bytes]";
    }
    recorded.response.headers = ToHeaders(outcome->headers);
    recorded.response.media_type = std::string(outcome->Header("Content-Type"));
    recorded.response.fault = outcome->status >= 400;
  }
  Json pair = ToJson(recorded, operation_id);
  pair["request"]["testCaseId"] = test_case_id;
  pair["response"]["testCaseId"] = test_case_id;
  return pair;
}

bool HasOAuth2Context(const TestLaunch& launch) {
  return !FieldOr(launch.oauth2_context, "grantType", "").empty();
}

void FailPending(TestResult& result, const std::string& message) {
  for (TestCaseResult& test_case : result.cases) {
    if (test_case.elapsed_time >= 0) continue;
    test_case.elapsed_time = 0;
    test_case.success = false;
  }
  if (result.runner_message.empty()) result.runner_message = message;
  ConcludeResult(result);
}

}  // namespace

TestEngine::TestEngine(ServiceCatalog* catalog, TestEngineOptions options)
    : catalog_(catalog), store_(catalog->store()), options_(options) {
  CloseInterruptedRuns();
  size_t count = std::max<size_t>(1, options_.workers);
  for (size_t i = 0; i < count; ++i) workers_.emplace_back([this] { WorkerLoop(); });
}

TestEngine::~TestEngine() {
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  queue_changed_.notify_all();
  for (std::thread& worker : workers_) worker.join();
  for (Job& job : queue_) {
    FailPending(job.result, "The server stopped before this test ran.");
    job.result.version += 1;
    (void)Save(job.result);
  }
}

void TestEngine::SetOAuth2TokenFetcher(OAuth2TokenFetcher fetcher) {
  token_fetcher_ = std::move(fetcher);
}

void TestEngine::CloseInterruptedRuns() {
  auto records = store_->ListRecords(kTestResultRecordKind);
  if (!records) return;
  for (const StoredRecord& record : *records) {
    if (!FieldOr(record.document, "inProgress", false)) continue;
    TestResult result = TestResultFromJson(record.document);
    FailPending(result, "The server stopped before this test finished.");
    result.version += 1;
    (void)Save(result);
    spdlog::info("event=test.interrupted id={} service={}", result.id, LogValue(result.service_id));
  }
}

Result<void> TestEngine::Save(const TestResult& result) {
  auto saved = store_->PutRecord(kTestResultRecordKind, result.id, ToJson(result));
  if (!saved) {
    spdlog::error("event=test.save_failed id={} error={}", result.id,
                  LogValue(saved.error().message));
  }
  return saved;
}

Result<TestResult> TestEngine::Launch(TestLaunch launch) {
  TestResult result;
  result.id = NewObjectId();
  result.test_date = NowMillis();
  result.tested_endpoint = launch.endpoint;
  result.service_id = launch.service->id;
  result.runner_type = RunnerTypeName(launch.runner);
  result.timeout = launch.timeout_ms;
  result.operation_headers = launch.operation_headers;
  if (launch.secret) {
    result.secret_id = launch.secret->id;
    result.secret_name = launch.secret->name;
  }
  if (HasOAuth2Context(launch)) {
    // Only who asked for the token and where; never the client secret or password.
    std::string grant = FieldOr(launch.oauth2_context, "grantType", "");
    std::string principal = grant == "PASSWORD" ? FieldOr(launch.oauth2_context, "username", "")
                                                : FieldOr(launch.oauth2_context, "clientId", "");
    result.authorized_client = {{"grantType", grant},
                                {"principalName", principal},
                                {"tokenUri", FieldOr(launch.oauth2_context, "tokenUri", "")}};
    std::string scopes = FieldOr(launch.oauth2_context, "scopes", "");
    if (!scopes.empty()) result.authorized_client["scopes"] = scopes;
  }

  for (const Operation& operation : launch.service->operations) {
    const auto& filter = launch.filtered_operations;
    if (!filter.empty() &&
        std::find(filter.begin(), filter.end(), operation.name) == filter.end()) {
      continue;
    }
    TestCaseResult test_case;
    test_case.operation_name = operation.name;
    result.cases.push_back(std::move(test_case));
  }
  if (result.cases.empty()) {
    result.runner_message =
        "No operation to test: the service has none, or filteredOperations "
        "names none of them.";
  }

  {
    std::lock_guard lock(queue_mutex_);
    if (queue_.size() >= options_.max_queued) {
      return MakeError(ErrorCode::kLimitExceeded,
                       "The test queue is full (" + std::to_string(queue_.size()) +
                           " waiting); launch this test when some have finished.");
    }
  }
  {
    std::lock_guard lock(records_mutex_);
    auto existing = List(result.service_id);
    if (!existing) return tl::unexpected(existing.error());
    for (const TestResult& other : *existing) {
      result.test_number = std::max(result.test_number, other.test_number + 1);
    }
    if (auto saved = Save(result); !saved) return tl::unexpected(saved.error());
  }

  {
    std::lock_guard lock(queue_mutex_);
    queue_.push_back(Job{result, std::move(launch)});
  }
  queue_changed_.notify_one();
  spdlog::info("event=test.launched id={} service={} runner={} endpoint={} cases={}", result.id,
               LogValue(result.service_id), result.runner_type, LogValue(result.tested_endpoint),
               result.cases.size());
  return result;
}

void TestEngine::WorkerLoop() {
  while (true) {
    Job job;
    {
      std::unique_lock lock(queue_mutex_);
      queue_changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = std::move(queue_.front());
      queue_.pop_front();
      running_ += 1;
    }
    try {
      Execute(job);
    } catch (const std::exception& error) {
      spdlog::error("event=test.crashed id={} error={}", job.result.id, LogValue(error.what()));
      FailPending(job.result,
                  std::string("The test stopped on an internal error: ") + error.what());
      std::lock_guard lock(records_mutex_);
      job.result.version += 1;
      (void)Save(job.result);
    }
    {
      std::lock_guard lock(queue_mutex_);
      running_ -= 1;
    }
    queue_changed_.notify_all();
  }
}

void TestEngine::Execute(Job& job) {
  TestResult& result = job.result;
  const TestLaunch& launch = job.launch;
  const Service& service = *launch.service;
  auto started = Clock::now();
  auto deadline = started + std::chrono::milliseconds(launch.timeout_ms);

  std::string token = launch.oauth2_token;
  if (token.empty() && HasOAuth2Context(launch)) {
    Result<std::string> fetched =
        token_fetcher_ ? token_fetcher_(launch.oauth2_context)
                       : Result<std::string>(tl::unexpected(
                             Error{ErrorCode::kUnsupported, "no OAuth2 client is configured"}));
    if (!fetched) {
      FailPending(result, "OAuth2 token flow failed: " + fetched.error().message);
      result.elapsed_time = MillisSince(started);
      Finish(result, service);
      return;
    }
    token = *fetched;
  }

  CallContext context;
  context.operation_headers = &launch.operation_headers;
  context.secret = launch.secret ? &*launch.secret : nullptr;
  context.oauth2_token = token;
  context.append_operation_path =
      service.type == ServiceType::kRest || service.type == ServiceType::kGenericRest;
  TestHttpClient client(context.secret, &stopping_);
  ResponseSchemaChecker checker(std::make_shared<ServiceSpec>(launch.service));
  bool deadline_hit = false;

  for (TestCaseResult& test_case : result.cases) {
    const Operation* operation = service.FindOperation(test_case.operation_name);
    std::string test_case_id = TestCaseId(result, test_case.operation_name);
    std::string operation_id = service.id + "-" + test_case.operation_name;
    Json pairs = Json::array();
    auto exchanges = service.exchanges.find(test_case.operation_name);
    if (operation != nullptr && exchanges != service.exchanges.end()) {
      for (const Exchange& example : exchanges->second) {
        TestStepResult step;
        step.request_name = example.request.name;
        auto remaining =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (stopping_) {
          step.message = "Not run: the server is stopping.";
          pairs.push_back(RecordPair(operation_id, test_case_id, example, nullptr, nullptr, 0));
        } else if (remaining.count() <= 0) {
          deadline_hit = true;
          step.message = "Not run: the test timeout of " + std::to_string(launch.timeout_ms) +
                         " ms elapsed before this request was sent.";
          pairs.push_back(RecordPair(operation_id, test_case_id, example, nullptr, nullptr, 0));
        } else {
          OutgoingCall call = BuildTestCall(*operation, example.request, launch.endpoint, context);
          CallLimits limits;
          limits.total_timeout = remaining;
          limits.connect_timeout = std::min(options_.connect_timeout, remaining);
          CallOutcome outcome = client.Send(call, limits);
          if (outcome.timed_out) deadline_hit = true;
          StepVerdict verdict = launch.runner == RunnerType::kOpenApiSchema
                                    ? checker.Check(*operation, example.response, outcome)
                                    : CheckHttpStatus(outcome, example.response);
          step.success = verdict.success;
          step.message = verdict.Message();
          step.elapsed_time = outcome.elapsed_ms;
          pairs.push_back(RecordPair(operation_id, test_case_id, example, &call, &outcome,
                                     options_.max_recorded_body));
        }
        test_case.steps.push_back(std::move(step));
      }
    }
    ConcludeCase(test_case);
    if (!pairs.empty()) {
      if (auto saved = store_->PutRecord(kTestExchangesRecordKind, test_case_id, pairs); !saved) {
        spdlog::warn("event=test.save_failed id={} error={}", result.id,
                     LogValue(saved.error().message));
      }
    }
    result.elapsed_time = MillisSince(started);
    std::lock_guard lock(records_mutex_);
    result.version += 1;
    (void)Save(result);
  }
  if (deadline_hit) {
    result.runner_message = "The test did not finish within its timeout of " +
                            std::to_string(launch.timeout_ms) +
                            " ms; raise the timeout or check that the endpoint answers.";
  }
  result.elapsed_time = MillisSince(started);
  Finish(result, service);
}

void TestEngine::Finish(TestResult& result, const Service& service) {
  ConcludeResult(result);
  std::lock_guard lock(records_mutex_);
  result.version += 1;
  (void)Save(result);
  RecordConformance(service, result);
  spdlog::info("event=test.finished id={} service={} success={} elapsed_ms={}", result.id,
               LogValue(result.service_id), result.success, result.elapsed_time);
}

void TestEngine::RecordConformance(const Service& service, const TestResult& result) {
  auto previous = store_->GetRecord(kConformanceRecordKind, service.id);
  Json metric = UpdateConformance(previous && *previous ? **previous : Json(), service, result);
  auto saved = store_->PutRecord(kConformanceRecordKind, service.id, metric);
  if (!saved) {
    spdlog::error("event=test.conformance_failed id={} service={} error={}", result.id,
                  LogValue(service.id), LogValue(saved.error().message));
  }
}

Result<std::optional<TestResult>> TestEngine::Find(const std::string& id) {
  auto record = store_->GetRecord(kTestResultRecordKind, id);
  if (!record) return tl::unexpected(record.error());
  if (!*record) return std::optional<TestResult>();
  return std::optional<TestResult>(TestResultFromJson(**record));
}

Result<std::vector<TestResult>> TestEngine::List(const std::string& service_id) {
  auto records = store_->ListRecords(kTestResultRecordKind);
  if (!records) return tl::unexpected(records.error());
  std::vector<TestResult> results;
  for (const StoredRecord& record : *records) {
    if (!service_id.empty() && FieldOr(record.document, "serviceId", "") != service_id) continue;
    results.push_back(TestResultFromJson(record.document));
  }
  std::stable_sort(results.begin(), results.end(), [](const TestResult& a, const TestResult& b) {
    return a.test_number > b.test_number;
  });
  return results;
}

Result<Json> TestEngine::CaseExchanges(const std::string& test_case_id) {
  auto record = store_->GetRecord(kTestExchangesRecordKind, test_case_id);
  if (!record) return tl::unexpected(record.error());
  return *record ? **record : Json::array();
}

Result<TestCaseResult> TestEngine::ReportCase(const std::string& test_id, const Json& report) {
  std::string operation_name = FieldOr(report, "operationName", "");
  if (operation_name.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The report needs the operationName of the test case it concerns.");
  }
  std::shared_ptr<const Service> service;
  TestResult result;
  TestCaseResult reported;
  {
    std::lock_guard lock(records_mutex_);
    auto found = Find(test_id);
    if (!found) return tl::unexpected(found.error());
    if (!*found)
      return MakeError(ErrorCode::kNotFound, "No test result with id '" + test_id + "'.");
    result = std::move(**found);
    TestCaseResult* test_case = result.FindCase(operation_name);
    if (test_case == nullptr) {
      return MakeError(
          ErrorCode::kInvalidArgument,
          "Test '" + test_id + "' has no test case for operation '" + operation_name + "'.");
    }
    test_case->steps.clear();
    Json pairs = Json::array();
    std::string test_case_id = TestCaseId(result, operation_name);
    for (const Json& item : FieldOr(report, "testReturns", Json::array())) {
      TestStepResult step;
      step.success = FieldOr(item, "code", int64_t{1}) == 0;
      step.elapsed_time = FieldOr(item, "elapsedTime", int64_t{0});
      step.message = FieldOr(item, "message", "");
      const Json& request = FieldOr(item, "request", Json::object());
      step.request_name = FieldOr(request, "name", "");
      if (item.contains("request") || item.contains("response")) {
        Json pair = {{"type", "reqRespPair"},
                     {"request", FieldOr(item, "request", Json::object())},
                     {"response", FieldOr(item, "response", Json::object())}};
        pair["request"]["testCaseId"] = test_case_id;
        pair["response"]["testCaseId"] = test_case_id;
        pairs.push_back(std::move(pair));
      }
      test_case->steps.push_back(std::move(step));
    }
    ConcludeCase(*test_case);
    reported = *test_case;
    if (!pairs.empty()) {
      auto saved = store_->PutRecord(kTestExchangesRecordKind, test_case_id, pairs);
      if (!saved) {
        spdlog::error("event=test.save_failed id={} error={}", test_id,
                      LogValue(saved.error().message));
      }
    }
    ConcludeResult(result);
    result.version += 1;
    if (auto saved = Save(result); !saved) return tl::unexpected(saved.error());
    service = catalog_->FindService(result.service_id);
  }
  if (!result.in_progress && service) {
    std::lock_guard lock(records_mutex_);
    RecordConformance(*service, result);
  }
  return reported;
}

Result<Json> TestEngine::Conformance(const Service& service) {
  auto record = store_->GetRecord(kConformanceRecordKind, service.id);
  if (!record) return tl::unexpected(record.error());
  return *record ? **record : EmptyConformance(service);
}

Result<Json> TestEngine::ConformanceAggregate() {
  std::vector<Json> metrics;
  for (const auto& service : catalog_->ListServices()) {
    auto record = store_->GetRecord(kConformanceRecordKind, service->id);
    if (!record) return tl::unexpected(record.error());
    if (!*record) continue;
    Json metric = **record;
    // The label may have changed since the last run; group by its current value.
    Json current = EmptyConformance(*service);
    metric.erase("aggregationLabelValue");
    if (current.contains("aggregationLabelValue")) {
      metric["aggregationLabelValue"] = current["aggregationLabelValue"];
    }
    metrics.push_back(std::move(metric));
  }
  return AggregateConformance(metrics);
}

bool TestEngine::WaitIdle(std::chrono::milliseconds timeout) {
  std::unique_lock lock(queue_mutex_);
  return queue_changed_.wait_for(lock, timeout, [this] { return queue_.empty() && running_ == 0; });
}

}  // namespace mimic::contract
