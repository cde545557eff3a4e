// Pure parts of the contract-testing engine: request building, verdicts, schema
// checks of responses and conformance scores.
#include <gtest/gtest.h>

#include "testing/conformance.h"
#include "testing/response_checks.h"
#include "testing/test_call.h"
#include "testing/test_result.h"

namespace mimic::contract {
namespace {

Operation MakeOperation(const std::string& name, const std::string& method) {
  Operation operation;
  operation.name = name;
  operation.method = method;
  return operation;
}

TEST(ContractUrl, SubstitutesPathParametersAndAppendsTheRest) {
  std::vector<Parameter> parameters = {{"id", "a b/c"}, {"status", "ok"}, {"page", "2"}};
  EXPECT_EQ(BuildTestUrl("http://host:8080/api/", "/items/{id}", parameters),
            "http://host:8080/api/items/a%20b%2Fc?status=ok&page=2");
  EXPECT_EQ(BuildTestUrl("http://host", "/items/:id/tags", {{"id", "7"}}),
            "http://host/items/7/tags");
  EXPECT_EQ(BuildTestUrl("http://host", "/items/{id}", {}), "http://host/items/{id}");
}

TEST(ContractCall, MergesHeadersAndHidesCredentials) {
  Operation operation = MakeOperation("GET /items/{id}", "GET");
  Request example;
  example.name = "one";
  example.query_parameters = {{"id", "1"}};
  example.headers = {{"Accept", {"application/json"}}, {"X-Trace", {"example"}}};
  OperationHeaders extra = OperationHeadersFromJson(Json::parse(
      R"({"globals":[{"name":"X-Trace","values":"global"}],
          "GET /items/{id}":[{"name":"X-Op","values":"a,b"}]})"));
  Secret secret;
  secret.token = "s3cret";
  CallContext context{&extra, &secret, ""};

  OutgoingCall call = BuildTestCall(operation, example, "http://127.0.0.1:9", context);
  EXPECT_EQ(call.method, "GET");
  EXPECT_EQ(call.url, "http://127.0.0.1:9/items/1");
  auto find = [](const auto& headers, const std::string& name) {
    for (const auto& [key, value] : headers) {
      if (key == name) return value;
    }
    return std::string("<absent>");
  };
  EXPECT_EQ(find(call.headers, "X-Trace"), "global");
  EXPECT_EQ(find(call.headers, "X-Op"), "a, b");
  EXPECT_EQ(find(call.headers, "Authorization"), "Bearer s3cret");
  EXPECT_EQ(find(call.recorded_headers, "Authorization"), "<value-from-secret>");
  EXPECT_EQ(find(call.headers, "Content-Type"), "<absent>");

  context.oauth2_token = "from-oauth";
  call = BuildTestCall(operation, example, "http://127.0.0.1:9", context);
  EXPECT_EQ(find(call.headers, "Authorization"), "Bearer from-oauth");
}

TEST(ContractCall, RendersTemplatesAndPostsUnknownVerbs) {
  Operation operation = MakeOperation("FETCH /items", "FETCH");
  Request example;
  example.content = R"({"name": "{{ request.params[kind] }}"})";
  example.query_parameters = {{"kind", "tool"}};
  OutgoingCall call = BuildTestCall(operation, example, "http://h", CallContext{});
  EXPECT_EQ(call.method, "POST");
  EXPECT_EQ(call.body, R"({"name": "tool"})");
  EXPECT_EQ(call.url, "http://h/items?kind=tool");
}

TEST(ContractCall, NonRestServicesUseTheEndpointAsIs) {
  Operation operation = MakeOperation("GetUser", "POST");
  Request example;
  example.content = "<soap/>";
  example.headers = {{"Content-Type", {"text/xml"}}};
  CallContext context;
  context.append_operation_path = false;
  OutgoingCall call = BuildTestCall(operation, example, "http://h/ws/users", context);
  EXPECT_EQ(call.url, "http://h/ws/users");
  EXPECT_EQ(call.method, "POST");
  EXPECT_EQ(call.body, "<soap/>");
}

TEST(ContractResult, CaseAndRunVerdicts) {
  TestCaseResult empty;
  ConcludeCase(empty);
  EXPECT_FALSE(empty.success);
  EXPECT_EQ(empty.elapsed_time, 0);

  TestCaseResult passing;
  passing.steps = {{true, 5, "a", ""}, {true, 7, "b", ""}};
  ConcludeCase(passing);
  EXPECT_TRUE(passing.success);
  EXPECT_EQ(passing.elapsed_time, 12);

  TestResult result;
  result.cases = {passing, TestCaseResult{}};
  ConcludeResult(result);
  EXPECT_TRUE(result.in_progress);
  EXPECT_FALSE(result.success);
  result.cases[1] = passing;
  ConcludeResult(result);
  EXPECT_FALSE(result.in_progress);
  EXPECT_TRUE(result.success);
}

TEST(ContractResult, TestCaseIdsRoundTripThroughTheUrlEncoding) {
  TestResult result;
  result.id = "abc";
  result.test_number = 3;
  EXPECT_EQ(TestCaseId(result, "GET /pastry/{name}"), "abc-3-GET /pastry/{name}");
  EXPECT_EQ(DecodeTestCaseIdSegment("abc-3-GET%20!pastry!%7Bname%7D"), "abc-3-GET /pastry/{name}");
}

TEST(ContractResult, JsonRoundTrip) {
  TestResult result;
  result.id = "r1";
  result.service_id = "s1";
  result.runner_type = "HTTP";
  result.secret_name = "creds";
  result.secret_id = "x";
  result.cases.push_back({"GET /a", false, -1, {}});
  Json json = ToJson(result);
  EXPECT_EQ(json["secretRef"]["name"], "creds");
  EXPECT_EQ(json["testCaseResults"][0]["elapsedTime"], -1);
  TestResult back = TestResultFromJson(json);
  EXPECT_EQ(back.cases.size(), 1u);
  EXPECT_EQ(back.secret_name, "creds");
  EXPECT_TRUE(back.in_progress);
}

TEST(ContractHttpRunner, PassesOn2xxOrTheExpectedClass) {
  Response expected;
  CallOutcome outcome;
  outcome.completed = true;
  outcome.status = 204;
  EXPECT_TRUE(CheckHttpStatus(outcome, expected).success);
  outcome.status = 500;
  StepVerdict failed = CheckHttpStatus(outcome, expected);
  EXPECT_FALSE(failed.success);
  EXPECT_EQ(failed.Message(), "the response status is 500; expected a 2xx status");
  expected.status = "404";
  outcome.status = 404;
  EXPECT_TRUE(CheckHttpStatus(outcome, expected).success);
  outcome = CallOutcome{};
  outcome.error = "cannot call http://x: Couldn't connect to server";
  EXPECT_EQ(CheckHttpStatus(outcome, expected).Message(), outcome.error);
}

constexpr const char* kSpec = R"yaml(
openapi: 3.0.3
info: {title: Shop, version: '1.0'}
paths:
  /items/{id}:
    get:
      responses:
        '200':
          headers:
            X-Rate-Limit: {required: true, schema: {type: integer}}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Item'}
        '404':
          $ref: '#/components/responses/NotFound'
  /notes:
    get:
      responses:
        '200':
          content:
            text/plain: {}
components:
  responses:
    NotFound:
      content:
        application/json:
          schema: {type: object, required: [title]}
  schemas:
    Base:
      type: object
      required: [id, name]
      properties: {id: {type: integer}, name: {type: string}}
    Item:
      allOf:
        - $ref: '#/components/schemas/Base'
        - type: object
          required: [price]
          properties:
            price: {type: number}
            note: {type: string, nullable: true}
)yaml";

class ContractSchemaCheck : public ::testing::Test {
 protected:
  void SetUp() override {
    auto service = std::make_shared<Service>();
    service->name = "Shop";
    Resource resource;
    resource.type = "OPEN_API_SPEC";
    resource.content = kSpec;
    resource.main_artifact = true;
    service->resources.push_back(resource);
    checker_ = std::make_unique<ResponseSchemaChecker>(std::make_shared<ServiceSpec>(service));
    expected_.status = "200";
    expected_.media_type = "application/json";
  }

  CallOutcome Answer(int status, std::string body,
                     std::vector<std::pair<std::string, std::string>> headers) {
    CallOutcome outcome;
    outcome.completed = true;
    outcome.status = status;
    outcome.body = std::move(body);
    outcome.headers = std::move(headers);
    return outcome;
  }

  StepVerdict Check(const CallOutcome& outcome) {
    return checker_->Check(MakeOperation("GET /items/{id}", "GET"), expected_, outcome);
  }

  std::unique_ptr<ResponseSchemaChecker> checker_;
  Response expected_;
};

TEST_F(ContractSchemaCheck, AcceptsAConformingResponseWithNullableAndAllOf) {
  auto verdict =
      Check(Answer(200, R"({"id": 1, "name": "Widget", "price": 2.5, "note": null})",
                   {{"Content-Type", "application/json; charset=utf-8"}, {"X-Rate-Limit", "10"}}));
  EXPECT_TRUE(verdict.success) << verdict.Message();
}

TEST_F(ContractSchemaCheck, ReportsEachFaultWithItsPointer) {
  auto verdict = Check(
      Answer(200, R"({"id": "1", "name": "Widget"})", {{"Content-Type", "application/json"}}));
  EXPECT_FALSE(verdict.success);
  EXPECT_EQ(verdict.Message(),
            "the required response header 'X-Rate-Limit' is missing\n"
            "/id: string found, integer expected\n"
            "/: required property 'price' is missing");
}

TEST_F(ContractSchemaCheck, ChecksHeaderValuesStatusAndContentType) {
  auto verdict = Check(Answer(200, R"({"id": 1, "name": "W", "price": 1})",
                              {{"Content-Type", "text/html"}, {"X-Rate-Limit", "many"}}));
  EXPECT_EQ(verdict.Message(),
            "the response Content-Type is 'text/html'; the example expects 'application/json'\n"
            "response header 'X-Rate-Limit': string found, integer expected\n"
            "the response Content-Type 'text/html' is not declared for status 200 (declared: "
            "application/json)");

  verdict = Check(Answer(404, R"({"detail": "gone"})", {{"Content-Type", "application/json"}}));
  EXPECT_EQ(verdict.Message(),
            "the response status is 404; the example expects 200\n"
            "/: required property 'title' is missing");
}

TEST_F(ContractSchemaCheck, ResponsesWithoutSchemaOnlyCheckStatus) {
  expected_.media_type = "text/plain";
  auto verdict = checker_->Check(MakeOperation("GET /notes", "GET"), expected_,
                                 Answer(200, "anything", {{"Content-Type", "text/plain"}}));
  EXPECT_TRUE(verdict.success) << verdict.Message();
}

TEST_F(ContractSchemaCheck, RejectsABodyThatIsNotJson) {
  auto verdict =
      Check(Answer(200, "{oops", {{"Content-Type", "application/json"}, {"X-Rate-Limit", "1"}}));
  EXPECT_EQ(verdict.Message(),
            "the response body is not valid JSON although its Content-Type is application/json");
}

TEST(ContractSwagger, ValidatesAgainstTheResponseSchema) {
  auto service = std::make_shared<Service>();
  Resource resource;
  resource.type = "SWAGGER";
  resource.content = R"yaml(
swagger: '2.0'
info: {title: Old, version: '1'}
paths:
  /a:
    get:
      responses:
        '200': {description: ok, schema: {type: object, required: [n], properties: {n: {type: integer}}}}
)yaml";
  service->resources.push_back(resource);
  ResponseSchemaChecker checker(std::make_shared<ServiceSpec>(service));
  Response expected;
  CallOutcome outcome;
  outcome.completed = true;
  outcome.status = 200;
  outcome.body = R"({"n": "x"})";
  outcome.headers = {{"Content-Type", "application/json"}};
  EXPECT_EQ(checker.Check(MakeOperation("GET /a", "GET"), expected, outcome).Message(),
            "/n: string found, integer expected");
}

TEST(ContractConformance, ScoresWeighOperationsByExamples) {
  Service service;
  service.id = "s";
  service.operations = {MakeOperation("GET /a", "GET"), MakeOperation("GET /b", "GET")};
  service.exchanges["GET /a"] = {Exchange{}, Exchange{}};
  service.exchanges["GET /b"] = {Exchange{}};
  EXPECT_DOUBLE_EQ(MaxPossibleScore(service), 75.0);

  TestResult result;
  result.test_date = 0;
  result.cases = {{"GET /a", false, 3, {{true, 1, "x", ""}, {false, 2, "y", "bad"}}},
                  {"GET /b", true, 1, {{true, 1, "z", ""}}}};
  EXPECT_DOUBLE_EQ(RunScore(service, result), 25.0 + 25.0);
  Json metric = UpdateConformance(Json(), service, result);
  EXPECT_EQ(metric["currentScore"], 50.0);
  EXPECT_EQ(metric["lastUpdateDay"], "19700101");
  EXPECT_EQ(metric["latestTrend"], "STABLE");
}

TEST(ContractConformance, TrendComparesRecentScoresWithTheHistory) {
  EXPECT_EQ(ScoreTrend({50}), "STABLE");
  EXPECT_EQ(ScoreTrend({10, 10, 10, 10, 10, 10, 60}), "UP");
  EXPECT_EQ(ScoreTrend({50, 50, 50, 52}), "STABLE");
  EXPECT_EQ(ScoreTrend({50, 50, 50, 53}), "LOW_UP");
  EXPECT_EQ(ScoreTrend({50, 50, 50, 45}), "LOW_DOWN");
  EXPECT_EQ(ScoreTrend({90, 90, 90, 10}), "DOWN");
}

TEST(ContractConformance, AggregatesByLabel) {
  Json metrics = Json::parse(R"([
    {"aggregationLabelValue": "pets", "maxPossibleScore": 100, "currentScore": 50},
    {"aggregationLabelValue": "pets", "maxPossibleScore": 50, "currentScore": 50},
    {"maxPossibleScore": 0, "currentScore": 0}])");
  Json aggregate = AggregateConformance({metrics[0], metrics[1], metrics[2]});
  ASSERT_EQ(aggregate.size(), 2u);
  EXPECT_EQ(aggregate[0], Json::parse(R"j({"name": "(none)", "weight": 1, "value": 0})j"));
  EXPECT_EQ(aggregate[1], Json::parse(R"({"name": "pets", "weight": 2, "value": 75})"));
}

}  // namespace
}  // namespace mimic::contract
