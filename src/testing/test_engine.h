#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "catalog/service_catalog.h"
#include "common/error.h"
#include "secrets/secret.h"
#include "testing/test_result.h"

namespace mimic::contract {

// Everything a test run needs, checked by the caller.
struct TestLaunch {
  std::shared_ptr<const Service> service;
  RunnerType runner = RunnerType::kHttp;
  std::string endpoint;
  int64_t timeout_ms = 10000;
  std::vector<std::string> filtered_operations;  // empty: every operation
  OperationHeaders operation_headers;
  std::optional<Secret> secret;
  // Hook for OAuth2: a token obtained beforehand, sent as "Authorization: Bearer".
  std::string oauth2_token;
  // The TestRequest's oAuth2Context, handed to the token fetcher when one is set.
  // It counts as given only when it names a grantType.
  Json oauth2_context;
};

// Turns an oAuth2Context into an access token before a run starts.
using OAuth2TokenFetcher = std::function<Result<std::string>(const Json& oauth2_context)>;

struct TestEngineOptions {
  size_t workers = 2;
  // Runs waiting for a worker; Launch fails with kLimitExceeded beyond it.
  size_t max_queued = 1000;
  // Bytes of a response body kept in the recorded exchange; checks see the whole body.
  size_t max_recorded_body = 1024 * 1024;
  // Upper bound on one call's connection setup; the run's remaining time bounds it too.
  std::chrono::milliseconds connect_timeout{2000};
};

// Runs contract tests on a small pool of worker threads, never on I/O threads,
// and keeps their results, exchanges and the conformance metrics in the store.
// Every run ends: when its timeout elapses, the steps not yet run fail with a
// message saying so, and runs left in progress by a stopped server are closed as
// failed when the next engine starts.
class TestEngine {
 public:
  explicit TestEngine(ServiceCatalog* catalog, TestEngineOptions options = {});
  ~TestEngine();
  TestEngine(const TestEngine&) = delete;
  TestEngine& operator=(const TestEngine&) = delete;

  void SetOAuth2TokenFetcher(OAuth2TokenFetcher fetcher);

  // Records a new in-progress TestResult (one pending case per operation) and
  // queues its run. Returns the result as first stored.
  Result<TestResult> Launch(TestLaunch launch);

  Result<std::optional<TestResult>> Find(const std::string& id);
  // Results of a service (of all services when empty), highest testNumber first.
  Result<std::vector<TestResult>> List(const std::string& service_id);
  // The recorded request/response pairs of one test case, in Microcks' RequestResponsePair shape.
  Result<Json> CaseExchanges(const std::string& test_case_id);

  // A remote runner's report for one operation (TestCaseReturnDTO): replaces that
  // case's steps, then concludes the run when no case is pending.
  Result<TestCaseResult> ReportCase(const std::string& test_id, const Json& report);

  Result<Json> Conformance(const Service& service);
  Result<Json> ConformanceAggregate();

  // Blocks until no run is queued or running, or `timeout` passes. For tests and tools.
  bool WaitIdle(std::chrono::milliseconds timeout);

 private:
  struct Job {
    TestResult result;
    TestLaunch launch;
  };
  void WorkerLoop();
  void Execute(Job& job);
  Result<void> Save(const TestResult& result);
  void Finish(TestResult& result, const Service& service);
  // Updates the service's conformance metric with a finished run. Callers hold records_mutex_.
  void RecordConformance(const Service& service, const TestResult& result);
  void CloseInterruptedRuns();

  ServiceCatalog* catalog_;
  Store* store_;
  TestEngineOptions options_;
  OAuth2TokenFetcher token_fetcher_;
  std::mutex records_mutex_;  // read-modify-write of test results and metrics
  std::mutex queue_mutex_;
  std::condition_variable queue_changed_;
  std::deque<Job> queue_;
  size_t running_ = 0;
  std::atomic<bool> stopping_{false};
  std::vector<std::thread> workers_;
};

}  // namespace mimic::contract
