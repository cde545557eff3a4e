#include "cli/test_report.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <limits>

#include "cli/output.h"
#include "common/strings.h"
#include "testing/oauth2_client.h"

namespace mimic::cli {
namespace {

constexpr const char* kRunners[] = {"HTTP",          "SOAP_HTTP",       "SOAP_UI",
                                    "POSTMAN",       "OPEN_API_SCHEMA", "ASYNC_API_SCHEMA",
                                    "GRPC_PROTOBUF", "GRAPHQL_SCHEMA"};
// Maximum bytes of a table cell, which is also cut to one line so that long validation
// messages keep the table readable. The JSON and JUnit outputs keep the whole message.
constexpr size_t kMaxCellBytes = 120;
// Microcks marks an operation whose verdict is not recorded yet with elapsedTime -1.
constexpr int64_t kPendingElapsed = -1;

int64_t NumberField(const Json& node, const char* key, int64_t fallback) {
  if (!node.is_object()) return fallback;
  auto field = node.find(key);
  if (field == node.end()) return fallback;
  if (field->is_number_integer()) return field->get<int64_t>();
  if (field->is_number_float()) {
    double value = field->get<double>();
    if (value > static_cast<double>(std::numeric_limits<int64_t>::max()) ||
        value < static_cast<double>(std::numeric_limits<int64_t>::min())) {
      return fallback;
    }
    return static_cast<int64_t>(value);
  }
  return fallback;
}

CommandResult<Json> ParseJsonFlag(std::string_view flag, std::string_view text) {
  Json json = Json::parse(text.begin(), text.end(), nullptr, false);
  if (json.is_discarded()) {
    return Fail(ExitCode::kUsage,
                std::string(flag) + " is not valid JSON: " + std::string(Trim(text)));
  }
  return json;
}

// Collapses a message to one line for a table cell and shortens it.
std::string OneLine(std::string_view text, size_t max_bytes) {
  std::string line;
  bool space = false;
  for (char c : Trim(text)) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = true;
      continue;
    }
    if (space && !line.empty()) line += ' ';
    space = false;
    line += c;
  }
  if (line.size() <= max_bytes) return line;
  size_t cut = max_bytes - 3;
  // Cut before a UTF-8 continuation byte rather than inside a character.
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  return line.substr(0, cut) + "...";
}

std::string FormatMillis(int64_t millis) {
  if (millis < 0) return "-";
  return std::to_string(millis) + " ms";
}

std::string FormatSeconds(int64_t millis) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.3f",
                static_cast<double>(std::max<int64_t>(millis, 0)) / 1000.0);
  return buffer;
}

std::string FormatTimestamp(int64_t millis) {
  std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm utc{};
  if (gmtime_r(&seconds, &utc) == nullptr) return "";
  char buffer[32];
  if (std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%S", &utc) == 0) return "";
  return buffer;
}

OperationSummary SummarizeOperation(const Json& test_case, bool test_in_progress) {
  OperationSummary operation;
  operation.name = FieldOr(test_case, "operationName", "");
  operation.success = FieldOr(test_case, "success", false);
  operation.elapsed_ms = NumberField(test_case, "elapsedTime", kPendingElapsed);
  operation.finished = operation.elapsed_ms != kPendingElapsed || !test_in_progress;

  Json steps = FieldOr(test_case, "testStepResults", Json::array());
  std::string first_failure;
  std::string first_failed_request;
  for (const Json& step : steps) {
    ++operation.steps;
    if (FieldOr(step, "success", false)) continue;
    ++operation.failed_steps;
    std::string message = FieldOr(step, "message", "");
    if (first_failure.empty() && !message.empty()) first_failure = message;
    if (first_failed_request.empty()) {
      first_failed_request = FieldOr(step, "requestName", "");
      if (first_failed_request.empty())
        first_failed_request = FieldOr(step, "eventMessageName", "");
    }
  }
  if (!operation.finished || operation.success) return operation;

  if (!first_failure.empty()) {
    operation.message = first_failure;
  } else if (operation.steps == 0) {
    operation.message = "no test step ran; the operation may have no example request";
  } else if (!first_failed_request.empty()) {
    operation.message = "step '" + first_failed_request + "' failed without a message";
  } else {
    operation.message = "a step failed without a message";
  }
  return operation;
}

std::string Attribute(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + XmlEscape(value) + "\"";
}

}  // namespace

CommandResult<std::chrono::milliseconds> ParseWaitFor(std::string_view text) {
  std::string value(Trim(text));
  auto invalid = [&value]() {
    return Fail(ExitCode::kUsage, "invalid --waitFor '" + value +
                                      "': give a number and a unit, e.g. 500milli, 5sec, 10s or "
                                      "2min");
  };
  size_t digits = 0;
  while (digits < value.size() && std::isdigit(static_cast<unsigned char>(value[digits]))) {
    ++digits;
  }
  // Nine digits keep the product with 60000 well inside int64_t.
  if (digits == 0 || digits > 9) return invalid();
  int64_t amount = std::stoll(value.substr(0, digits));
  std::string unit = ToLower(Trim(std::string_view(value).substr(digits)));
  int64_t factor = 0;
  if (unit == "milli" || unit == "ms") {
    factor = 1;
  } else if (unit == "sec" || unit == "s") {
    factor = 1000;
  } else if (unit == "min" || unit == "m") {
    factor = 60000;
  } else {
    return invalid();
  }
  if (amount <= 0) {
    return Fail(ExitCode::kUsage, "invalid --waitFor '" + value + "': the wait must be positive");
  }
  return std::chrono::milliseconds(amount * factor);
}

CommandResult<Json> ParseFilteredOperations(std::string_view text) {
  std::string_view trimmed = Trim(text);
  Json operations = Json::array();
  if (StartsWith(trimmed, "[")) {
    auto json = ParseJsonFlag("--filteredOperations", trimmed);
    if (!json) return json;
    for (const Json& item : *json) {
      if (!item.is_string() || Trim(item.get<std::string>()).empty()) {
        return Fail(ExitCode::kUsage,
                    "invalid --filteredOperations: every array item must be an operation name "
                    "string, e.g. [\"GET /pastries\",\"POST /pastries\"]");
      }
      operations.push_back(std::string(Trim(item.get<std::string>())));
    }
  } else {
    for (const std::string& name : Split(trimmed, ",")) {
      std::string_view operation = Trim(name);
      if (!operation.empty()) operations.push_back(std::string(operation));
    }
  }
  if (operations.empty()) {
    return Fail(ExitCode::kUsage,
                "--filteredOperations names no operation; give a JSON array or a comma list, e.g. "
                "'GET /pastries,POST /pastries'");
  }
  return operations;
}

CommandResult<Json> ParseOperationsHeaders(std::string_view text) {
  auto json = ParseJsonFlag("--operationsHeaders", text);
  if (!json) return json;
  const char* example =
      ", e.g. {\"globals\":[{\"name\":\"x-api-key\",\"values\":\"abc\"}],"
      "\"GET /pastries\":[{\"name\":\"x-trace\",\"values\":\"1,2\"}]}";
  if (!json->is_object()) {
    return Fail(ExitCode::kUsage,
                std::string("invalid --operationsHeaders: expected a JSON object") + example);
  }
  for (const auto& [operation, headers] : json->items()) {
    if (!headers.is_array()) {
      return Fail(ExitCode::kUsage, "invalid --operationsHeaders: the value of '" + operation +
                                        "' must be an array of headers" + example);
    }
    for (const Json& header : headers) {
      if (FieldOr(header, "name", "").empty() || !header.contains("values") ||
          !header["values"].is_string()) {
        return Fail(ExitCode::kUsage, "invalid --operationsHeaders: each header of '" + operation +
                                          "' needs a \"name\" and a \"values\" string" + example);
      }
    }
  }
  return json;
}

CommandResult<Json> ParseOAuth2ContextFlag(std::string_view text) {
  auto json = ParseJsonFlag("--oAuth2Context", text);
  if (!json) return json;
  auto parsed = ParseOAuth2Context(*json);
  if (!parsed) return Fail(ExitCode::kUsage, "--oAuth2Context: " + parsed.error().message);
  return json;
}

CommandResult<std::string> NormalizeRunner(std::string_view text) {
  std::string runner(Trim(text));
  for (char& c : runner) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string names;
  for (const char* known : kRunners) {
    if (runner == known) return runner;
    if (!names.empty()) names += ", ";
    names += known;
  }
  return Fail(ExitCode::kUsage,
              "unknown runner '" + std::string(Trim(text)) + "'; use one of " + names);
}

Json BuildTestRequest(const TestRequestOptions& options) {
  Json request = {{"serviceId", options.service},
                  {"testEndpoint", options.endpoint},
                  {"runnerType", options.runner},
                  {"timeout", static_cast<int64_t>(options.wait.count())}};
  if (!options.secret_name.empty()) request["secretName"] = options.secret_name;
  if (!options.filtered_operations.is_null()) {
    request["filteredOperations"] = options.filtered_operations;
  }
  if (!options.operations_headers.is_null()) {
    request["operationsHeaders"] = options.operations_headers;
  }
  if (!options.oauth2_context.is_null()) request["oAuth2Context"] = options.oauth2_context;
  return request;
}

size_t TestSummary::finished_count() const {
  size_t count = 0;
  for (const OperationSummary& operation : operations) count += operation.finished ? 1 : 0;
  return count;
}

size_t TestSummary::failed_count() const {
  size_t count = 0;
  for (const OperationSummary& operation : operations) {
    count += operation.finished && !operation.success ? 1 : 0;
  }
  return count;
}

TestSummary SummarizeTestResult(const Json& result) {
  TestSummary summary;
  summary.id = FieldOr(result, "id", "");
  summary.service_id = FieldOr(result, "serviceId", "");
  summary.endpoint = FieldOr(result, "testedEndpoint", "");
  summary.runner = FieldOr(result, "runnerType", "");
  summary.test_date_ms = NumberField(result, "testDate", 0);
  summary.elapsed_ms = NumberField(result, "elapsedTime", 0);
  summary.in_progress = FieldOr(result, "inProgress", false);
  summary.success = FieldOr(result, "success", false);
  summary.runner_message = FieldOr(result, "runnerMessage", "");
  for (const Json& test_case : FieldOr(result, "testCaseResults", Json::array())) {
    summary.operations.push_back(SummarizeOperation(test_case, summary.in_progress));
  }
  return summary;
}

std::string_view Verdict(const OperationSummary& operation) {
  if (!operation.finished) return "pending";
  return operation.success ? "passed" : "failed";
}

std::string FormatOperationLine(const OperationSummary& operation) {
  std::string line = std::string(Verdict(operation)) + "  " + operation.name + "  " +
                     std::to_string(operation.steps) +
                     (operation.steps == 1 ? " step, " : " steps, ") +
                     FormatMillis(operation.elapsed_ms);
  if (!operation.message.empty()) line += ": " + OneLine(operation.message, kMaxCellBytes);
  return line;
}

std::string FormatSummaryTable(const TestSummary& summary) {
  std::vector<std::vector<std::string>> rows = {
      {"OPERATION", "RESULT", "STEPS", "TIME", "MESSAGE"}};
  for (const OperationSummary& operation : summary.operations) {
    std::string steps = std::to_string(operation.steps - operation.failed_steps) + "/" +
                        std::to_string(operation.steps);
    rows.push_back({operation.name, std::string(Verdict(operation)), steps,
                    operation.finished ? FormatMillis(operation.elapsed_ms) : "-",
                    OneLine(operation.message, kMaxCellBytes)});
  }
  return FormatTable(rows);
}

std::string FormatVerdictLine(const TestSummary& summary) {
  size_t total = summary.operations.size();
  std::string of_total =
      " of " + std::to_string(total) + (total == 1 ? " operation" : " operations");
  if (summary.timed_out) {
    return "test timed out: " + std::to_string(summary.finished_count()) + of_total +
           " finished, " + std::to_string(summary.failed_count()) + " failed";
  }
  if (summary.success) {
    return "test passed: " + std::to_string(total) + of_total + " passed";
  }
  std::string line =
      "test failed: " + std::to_string(summary.failed_count()) + of_total + " failed";
  if (!summary.runner_message.empty())
    line += " (" + OneLine(summary.runner_message, kMaxCellBytes) + ")";
  return line;
}

Json SummaryToJson(const TestSummary& summary) {
  Json operations = Json::array();
  for (const OperationSummary& operation : summary.operations) {
    Json item = {{"operationName", operation.name},
                 {"result", std::string(Verdict(operation))},
                 {"success", operation.finished && operation.success},
                 {"steps", operation.steps},
                 {"failedSteps", operation.failed_steps},
                 {"elapsedTime", operation.elapsed_ms}};
    if (!operation.message.empty()) item["message"] = operation.message;
    operations.push_back(std::move(item));
  }
  Json document = {{"id", summary.id},
                   {"serviceId", summary.service_id},
                   {"testedEndpoint", summary.endpoint},
                   {"runnerType", summary.runner},
                   {"success", summary.success && !summary.timed_out},
                   {"inProgress", summary.in_progress},
                   {"timedOut", summary.timed_out},
                   {"elapsedTime", summary.elapsed_ms},
                   {"operations", std::move(operations)}};
  if (!summary.runner_message.empty()) document["runnerMessage"] = summary.runner_message;
  return document;
}

std::string FormatJUnitReport(const TestSummary& summary, std::string_view service) {
  size_t failures = 0;
  size_t errors = 0;
  for (const OperationSummary& operation : summary.operations) {
    if (!operation.finished) {
      ++errors;
    } else if (!operation.success) {
      ++failures;
    }
  }
  std::string tests = std::to_string(summary.operations.size());
  std::string time = FormatSeconds(summary.elapsed_ms);

  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += "<testsuites" + Attribute("name", "mimic test") + Attribute("tests", tests) +
         Attribute("failures", std::to_string(failures)) +
         Attribute("errors", std::to_string(errors)) + Attribute("time", time) + ">\n";
  xml += "  <testsuite" + Attribute("name", service) + Attribute("tests", tests) +
         Attribute("failures", std::to_string(failures)) +
         Attribute("errors", std::to_string(errors)) + Attribute("skipped", "0") +
         Attribute("time", time);
  if (summary.test_date_ms > 0)
    xml += Attribute("timestamp", FormatTimestamp(summary.test_date_ms));
  xml += ">\n";

  xml += "    <properties>\n";
  auto property = [&xml](std::string_view name, std::string_view value) {
    if (value.empty()) return;
    xml += "      <property" + Attribute("name", name) + Attribute("value", value) + "/>\n";
  };
  property("testResultId", summary.id);
  property("serviceId", summary.service_id);
  property("testedEndpoint", summary.endpoint);
  property("runnerType", summary.runner);
  property("runnerMessage", summary.runner_message);
  xml += "    </properties>\n";

  for (const OperationSummary& operation : summary.operations) {
    xml += "    <testcase" + Attribute("name", operation.name) + Attribute("classname", service) +
           Attribute("time", FormatSeconds(operation.finished ? operation.elapsed_ms : 0));
    if (operation.finished && operation.success) {
      xml += "/>\n";
      continue;
    }
    xml += ">\n";
    if (!operation.finished) {
      std::string message = "the test timed out before this operation got a verdict";
      xml += "      <error" + Attribute("message", message) + Attribute("type", "Timeout") + "/>\n";
    } else {
      std::string detail = std::to_string(operation.failed_steps) + " of " +
                           std::to_string(operation.steps) + " steps failed\n" + operation.message;
      xml += "      <failure" + Attribute("message", OneLine(operation.message, 1000)) +
             Attribute("type", "ContractFailure") + ">" + XmlEscape(detail) + "</failure>\n";
    }
    xml += "    </testcase>\n";
  }
  xml += "  </testsuite>\n</testsuites>\n";
  return xml;
}

}  // namespace mimic::cli
