#pragma once

#include "common/xml_escape.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command_error.h"
#include "common/json.h"

namespace mimic::cli {

// Parses a --waitFor duration: a positive integer and a unit, `milli` or `ms`,
// `sec` or `s`, `min` or `m`, e.g. 500milli, 5sec, 10s, 2min.
CommandResult<std::chrono::milliseconds> ParseWaitFor(std::string_view text);

// Parses --filteredOperations: a JSON array of operation names, or names
// separated by commas. Returns a JSON array of strings.
CommandResult<Json> ParseFilteredOperations(std::string_view text);

// Parses --operationsHeaders: a JSON object whose keys are operation names or
// "globals" and whose values are arrays of {"name", "values"} headers.
CommandResult<Json> ParseOperationsHeaders(std::string_view text);

// Parses and validates --oAuth2Context, an OAuth2ClientContext JSON object.
CommandResult<Json> ParseOAuth2ContextFlag(std::string_view text);

// Returns the runner type in upper case when it is one Microcks defines, e.g.
// "open_api_schema" gives "OPEN_API_SCHEMA".
CommandResult<std::string> NormalizeRunner(std::string_view text);

struct TestRequestOptions {
  std::string service;  // id or name:version
  std::string endpoint;
  std::string runner;
  std::chrono::milliseconds wait{5000};
  std::string secret_name;   // empty for none
  Json filtered_operations;  // null for none
  Json operations_headers;   // null for none
  Json oauth2_context;       // null for none
};

// Builds the TestRequest body of POST /api/tests. `timeout` is the wait in milliseconds.
Json BuildTestRequest(const TestRequestOptions& options);

// The state of one operation (a TestCaseResult) in a test result.
struct OperationSummary {
  std::string name;
  bool finished = false;  // the server has recorded its verdict
  bool success = false;
  size_t steps = 0;
  size_t failed_steps = 0;
  int64_t elapsed_ms = 0;
  std::string message;  // the first failure message, empty when the operation passed
};

// The parts of a TestResult that the `test` command reports.
struct TestSummary {
  std::string id;
  std::string service_id;
  std::string endpoint;
  std::string runner;
  int64_t test_date_ms = 0;  // Unix time in milliseconds, 0 when unknown
  int64_t elapsed_ms = 0;
  bool in_progress = true;
  bool success = false;
  bool timed_out = false;  // set by the command when the wait ran out
  std::string runner_message;
  std::vector<OperationSummary> operations;

  size_t finished_count() const;
  size_t failed_count() const;  // finished operations that failed
};

// Reads a TestResult document. Missing or mistyped fields take neutral values,
// so a partial document from an older server still yields a summary.
TestSummary SummarizeTestResult(const Json& result);

// Returns "passed", "failed", or "pending" for an operation without a verdict.
std::string_view Verdict(const OperationSummary& operation);

// Formats the line printed when an operation gets its verdict, e.g.
// "passed  GET /pastries  2 steps, 15 ms".
std::string FormatOperationLine(const OperationSummary& operation);

// Formats the summary table: operation, verdict, passed/total steps, time and
// first failure message, one operation a line, with a header line.
std::string FormatSummaryTable(const TestSummary& summary);

// Formats the closing verdict line, e.g. "test failed: 1 of 3 operations failed".
std::string FormatVerdictLine(const TestSummary& summary);

// Converts the summary to the --output json document.
Json SummaryToJson(const TestSummary& summary);

// Writes a JUnit XML report: one testsuite named after the service, one testcase
// per operation, a <failure> for each failed operation and an <error> for each
// operation still pending when the wait ran out.
std::string FormatJUnitReport(const TestSummary& summary, std::string_view service);

}  // namespace mimic::cli
