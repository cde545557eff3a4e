#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"
#include "model/service.h"

namespace mimic::contract {

// Store kinds of everything a contract test leaves behind.
inline constexpr std::string_view kTestResultRecordKind = "test-result";
// The request/response pairs of one test case, filed under the test case id.
inline constexpr std::string_view kTestExchangesRecordKind = "test-exchanges";
inline constexpr std::string_view kConformanceRecordKind = "test-conformance";

// The runners Mimic executes itself. Others are accepted by name only when a
// remote runner reports back through the testCaseResult callback.
enum class RunnerType { kHttp, kOpenApiSchema };
std::optional<RunnerType> ParseRunnerType(std::string_view name);
const char* RunnerTypeName(RunnerType type);

struct TestStepResult {
  bool success = false;
  int64_t elapsed_time = 0;  // milliseconds
  std::string request_name;
  std::string message;
};

struct TestCaseResult {
  std::string operation_name;
  bool success = false;
  int64_t elapsed_time = -1;  // -1 while the case has not finished
  std::vector<TestStepResult> steps;
};

// Extra headers a test sends: per operation name, or under "globals" for all.
struct OperationHeaders {
  std::vector<std::pair<std::string, std::vector<Header>>> entries;
  const std::vector<Header>* Find(std::string_view key) const;
};

// Microcks' TestResult: one test run of a service against an endpoint.
struct TestResult {
  std::string id;
  int64_t version = 0;
  int64_t test_number = 1;
  int64_t test_date = 0;  // epoch milliseconds
  std::string tested_endpoint;
  std::string service_id;
  std::string runner_type;
  int64_t timeout = 0;       // milliseconds
  int64_t elapsed_time = 0;  // milliseconds
  bool success = false;
  bool in_progress = true;
  std::string secret_id;
  std::string secret_name;
  OperationHeaders operation_headers;
  std::string runner_message;
  // OAuth2AuthorizedClient {grantType, principalName, tokenUri, scopes}, or null.
  Json authorized_client;
  std::vector<TestCaseResult> cases;

  TestCaseResult* FindCase(std::string_view operation_name);
};

// Microcks' JSON shape (and back, for the store).
Json ToJson(const TestResult& result);
Json ToJson(const TestCaseResult& test_case);
TestResult TestResultFromJson(const Json& json);
TestCaseResult TestCaseResultFromJson(const Json& json);

// Reads the `operationsHeaders` of a TestRequest: keys are operation names or
// "globals", values lists of {name, values} where values is comma-separated
// text (an array of strings is accepted too).
OperationHeaders OperationHeadersFromJson(const Json& json);

// Sets a finished case's verdict: it passes when it has steps and all pass, and
// its time is the sum of its steps' times.
void ConcludeCase(TestCaseResult& test_case);

// Recomputes success and inProgress from the cases: the run is in progress while
// a case has elapsedTime -1, and a success when it has cases and all pass.
void ConcludeResult(TestResult& result);

// "<testResultId>-<testNumber>-<operationName>", the key of a case's messages.
std::string TestCaseId(const TestResult& result, std::string_view operation_name);

// Turns the {testCaseId} segment of /api/tests/{id}/messages/{testCaseId} back into
// a test case id: percent-decoded, with '!' standing for '/'.
std::string DecodeTestCaseIdSegment(std::string_view segment);

}  // namespace mimic::contract
