#include "testing/test_result.h"

#include "common/strings.h"

namespace mimic::contract {

std::optional<RunnerType> ParseRunnerType(std::string_view name) {
  if (name == "HTTP") return RunnerType::kHttp;
  if (name == "OPEN_API_SCHEMA") return RunnerType::kOpenApiSchema;
  return std::nullopt;
}

const char* RunnerTypeName(RunnerType type) {
  return type == RunnerType::kHttp ? "HTTP" : "OPEN_API_SCHEMA";
}

const std::vector<Header>* OperationHeaders::Find(std::string_view key) const {
  for (const auto& [name, headers] : entries) {
    if (name == key) return &headers;
  }
  return nullptr;
}

TestCaseResult* TestResult::FindCase(std::string_view operation_name) {
  for (TestCaseResult& test_case : cases) {
    if (test_case.operation_name == operation_name) return &test_case;
  }
  return nullptr;
}

namespace {

Json HeadersToJson(const std::vector<Header>& headers) {
  Json list = Json::array();
  for (const Header& header : headers) {
    list.push_back({{"name", header.name}, {"values", header.values}});
  }
  return list;
}

Json StepToJson(const TestStepResult& step) {
  Json json = {{"success", step.success},
               {"elapsedTime", step.elapsed_time},
               {"requestName", step.request_name}};
  if (!step.message.empty()) json["message"] = step.message;
  return json;
}

}  // namespace

Json ToJson(const TestCaseResult& test_case) {
  Json steps = Json::array();
  for (const TestStepResult& step : test_case.steps) steps.push_back(StepToJson(step));
  return {{"success", test_case.success},
          {"elapsedTime", test_case.elapsed_time},
          {"operationName", test_case.operation_name},
          {"testStepResults", std::move(steps)}};
}

Json ToJson(const TestResult& result) {
  Json json = Json::object();
  json["id"] = result.id;
  json["version"] = result.version;
  json["testNumber"] = result.test_number;
  json["testDate"] = result.test_date;
  json["testedEndpoint"] = result.tested_endpoint;
  json["serviceId"] = result.service_id;
  json["timeout"] = result.timeout;
  json["elapsedTime"] = result.elapsed_time;
  json["success"] = result.success;
  json["inProgress"] = result.in_progress;
  json["runnerType"] = result.runner_type;
  if (!result.secret_name.empty()) {
    json["secretRef"] = {{"secretId", result.secret_id}, {"name", result.secret_name}};
  }
  if (!result.operation_headers.entries.empty()) {
    Json headers = Json::object();
    for (const auto& [key, list] : result.operation_headers.entries) {
      headers[key] = HeadersToJson(list);
    }
    json["operationHeaders"] = std::move(headers);
  }
  if (!result.runner_message.empty()) json["runnerMessage"] = result.runner_message;
  if (result.authorized_client.is_object()) json["authorizedClient"] = result.authorized_client;
  Json cases = Json::array();
  for (const TestCaseResult& test_case : result.cases) cases.push_back(ToJson(test_case));
  json["testCaseResults"] = std::move(cases);
  return json;
}

TestCaseResult TestCaseResultFromJson(const Json& json) {
  TestCaseResult test_case;
  test_case.operation_name = FieldOr(json, "operationName", "");
  test_case.success = FieldOr(json, "success", false);
  test_case.elapsed_time = FieldOr(json, "elapsedTime", int64_t{-1});
  const Json& steps = FieldOr(json, "testStepResults", Json::array());
  for (const Json& item : steps) {
    TestStepResult step;
    step.success = FieldOr(item, "success", false);
    step.elapsed_time = FieldOr(item, "elapsedTime", int64_t{0});
    step.request_name = FieldOr(item, "requestName", "");
    step.message = FieldOr(item, "message", "");
    test_case.steps.push_back(std::move(step));
  }
  return test_case;
}

OperationHeaders OperationHeadersFromJson(const Json& json) {
  OperationHeaders result;
  if (!json.is_object()) return result;
  for (const auto& [key, list] : json.items()) {
    if (!list.is_array()) continue;
    std::vector<Header> headers;
    for (const Json& item : list) {
      std::string name = FieldOr(item, "name", "");
      if (name.empty()) continue;
      Header header{name, {}};
      const Json& values = FieldOr(item, "values", Json());
      if (values.is_string()) {
        for (const std::string& value : Split(values.get<std::string>(), ",")) {
          header.values.emplace_back(Trim(value));
        }
      } else if (values.is_array()) {
        for (const Json& value : values) {
          if (value.is_string()) header.values.push_back(value.get<std::string>());
        }
      }
      headers.push_back(std::move(header));
    }
    result.entries.emplace_back(key, std::move(headers));
  }
  return result;
}

TestResult TestResultFromJson(const Json& json) {
  TestResult result;
  result.id = FieldOr(json, "id", "");
  result.version = FieldOr(json, "version", int64_t{0});
  result.test_number = FieldOr(json, "testNumber", int64_t{1});
  result.test_date = FieldOr(json, "testDate", int64_t{0});
  result.tested_endpoint = FieldOr(json, "testedEndpoint", "");
  result.service_id = FieldOr(json, "serviceId", "");
  result.timeout = FieldOr(json, "timeout", int64_t{0});
  result.elapsed_time = FieldOr(json, "elapsedTime", int64_t{0});
  result.success = FieldOr(json, "success", false);
  result.in_progress = FieldOr(json, "inProgress", false);
  result.runner_type = FieldOr(json, "runnerType", "");
  const Json& secret = FieldOr(json, "secretRef", Json::object());
  result.secret_id = FieldOr(secret, "secretId", "");
  result.secret_name = FieldOr(secret, "name", "");
  result.operation_headers = OperationHeadersFromJson(FieldOr(json, "operationHeaders", Json()));
  result.runner_message = FieldOr(json, "runnerMessage", "");
  const Json& client = FieldOr(json, "authorizedClient", Json());
  if (client.is_object()) result.authorized_client = client;
  for (const Json& item : FieldOr(json, "testCaseResults", Json::array())) {
    result.cases.push_back(TestCaseResultFromJson(item));
  }
  return result;
}

void ConcludeCase(TestCaseResult& test_case) {
  int64_t total = 0;
  bool all_pass = !test_case.steps.empty();
  for (const TestStepResult& step : test_case.steps) {
    total += step.elapsed_time;
    all_pass = all_pass && step.success;
  }
  test_case.success = all_pass;
  test_case.elapsed_time = total;
}

void ConcludeResult(TestResult& result) {
  bool pending = false;
  bool all_pass = !result.cases.empty();
  for (const TestCaseResult& test_case : result.cases) {
    pending = pending || test_case.elapsed_time < 0;
    all_pass = all_pass && test_case.success && test_case.elapsed_time >= 0;
  }
  result.in_progress = pending;
  result.success = all_pass;
}

std::string TestCaseId(const TestResult& result, std::string_view operation_name) {
  return result.id + "-" + std::to_string(result.test_number) + "-" + std::string(operation_name);
}

std::string DecodeTestCaseIdSegment(std::string_view segment) {
  return ReplaceAll(PercentDecode(segment), "!", "/");
}

}  // namespace mimic::contract
