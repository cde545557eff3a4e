// Contract tests through the tests API, against small services on loopback: one
// that conforms to the contract, one that breaks it in several ways, and one
// that never responds.
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "secrets/secret.h"
#include "store/sqlite_store.h"
#include "support/loopback_http.h"
#include "support/server_process.h"

namespace mimic::testing {
namespace {

using nlohmann::json;

constexpr const char* kShopSpec = R"yaml(
openapi: 3.0.3
info: {title: Contract Shop, version: '1.0'}
paths:
  /items/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}, examples: {one: {value: 1}}}
      responses:
        '200':
          description: an item
          headers:
            X-Rate-Limit: {required: true, schema: {type: integer}}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Item'}
              examples:
                one: {value: {id: 1, name: Widget, price: 9.5, note: null}}
  /items:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object}
            examples:
              create: {value: {name: Gadget}}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Item'}
              examples:
                create: {value: {id: 2, name: Gadget, price: 3, note: new}}
  /health:
    get:
      responses:
        '200':
          description: alive
          content:
            text/plain:
              example: OK
components:
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

CannedResponse Conforming(const ReceivedRequest& request) {
  if (request.method == "GET" && request.target == "/api/items/1") {
    return {200,
            {{"Content-Type", "application/json"}, {"X-Rate-Limit", "100"}},
            R"({"id": 1, "name": "Widget", "price": 9.5, "note": null})"};
  }
  if (request.method == "POST" && request.target == "/api/items") {
    return {
        201, {{"Content-Type", "application/json"}}, R"({"id": 2, "name": "Gadget", "price": 3})"};
  }
  if (request.method == "GET" && request.target == "/api/health") {
    return {200, {{"Content-Type", "text/plain"}}, "OK"};
  }
  return {404, {}, "no route"};
}

CannedResponse Broken(const ReceivedRequest& request) {
  if (request.method == "GET" && request.target == "/api/items/1") {
    // No X-Rate-Limit, id of the wrong type, price missing, and an extra header.
    return {200,
            {{"Content-Type", "application/json"}, {"X-Extra", "yes"}},
            R"({"id": "1", "name": "Widget"})"};
  }
  if (request.method == "POST" && request.target == "/api/items") {
    return {
        200, {{"Content-Type", "application/json"}}, R"({"id": 2, "name": "Gadget", "price": 3})"};
  }
  return Conforming(request);
}

HttpResult PostJson(const std::string& url, const std::string& body) {
  HttpCall call;
  call.method = "POST";
  call.url = url;
  call.headers = {"Content-Type: application/json"};
  call.body = body;
  return Send(call);
}

// Launches a test and polls it until it is no longer in progress (at most 20 s).
json RunToEnd(ServerProcess& server, const json& request) {
  auto created = PostJson(server.base_url() + "/api/tests", request.dump());
  EXPECT_EQ(created.status, 201) << created.body;
  json result = json::parse(created.body, nullptr, false);
  EXPECT_TRUE(result.value("inProgress", false));
  std::string id = result.value("id", "");
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < until) {
    auto polled = Get(server.base_url() + "/api/tests/" + id);
    result = json::parse(polled.body, nullptr, false);
    if (!result.is_discarded() && !result.value("inProgress", true)) return result;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ADD_FAILURE() << "test " << id << " still in progress";
  return result;
}

class ContractApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.started()) << server_.output();
    auto imported = Upload(server_.base_url(), "shop.yaml", kShopSpec);
    ASSERT_EQ(imported.status, 201) << imported.body;
  }

  HttpResult Launch(const json& request) {
    return PostJson(server_.base_url() + "/api/tests", request.dump());
  }

  json RunToEnd(const json& request) { return testing::RunToEnd(server_, request); }

  static const json* FindCase(const json& result, const std::string& operation) {
    for (const json& test_case : result["testCaseResults"]) {
      if (test_case["operationName"] == operation) return &test_case;
    }
    return nullptr;
  }

  ServerProcess server_;
};

TEST_F(ContractApi, ConformingServicePassesTheSchemaRunner) {
  LoopbackHttpServer backend(Conforming);
  json result = RunToEnd({{"serviceId", "Contract Shop:1.0"},
                          {"testEndpoint", backend.base_url() + "/api"},
                          {"runnerType", "OPEN_API_SCHEMA"},
                          {"timeout", 5000}});
  EXPECT_TRUE(result["success"]) << result.dump(2);
  EXPECT_EQ(result["testNumber"], 1);
  EXPECT_EQ(result["testCaseResults"].size(), 3u);
  for (const json& test_case : result["testCaseResults"]) {
    EXPECT_TRUE(test_case["success"]) << test_case.dump();
    EXPECT_GE(test_case["elapsedTime"].get<int64_t>(), 0);
  }
  // The example's body was sent with its Content-Type.
  bool saw_post = false;
  for (const ReceivedRequest& request : backend.received()) {
    if (request.method != "POST") continue;
    saw_post = true;
    EXPECT_EQ(json::parse(request.body), json::parse(R"({"name": "Gadget"})"));
    EXPECT_EQ(request.Header("Content-Type"), "application/json");
  }
  EXPECT_TRUE(saw_post);

  // Request/response pairs of a case, addressed with Microcks' test case id encoding.
  std::string id = result["id"];
  auto messages =
      Get(server_.base_url() + "/api/tests/" + id + "/messages/" + id + "-1-GET%20!items!%7Bid%7D");
  ASSERT_EQ(messages.status, 200) << messages.body;
  json pairs = json::parse(messages.body);
  ASSERT_EQ(pairs.size(), 1u) << pairs.dump(2);
  EXPECT_EQ(pairs[0]["request"]["name"], "one");
  EXPECT_EQ(pairs[0]["response"]["status"], "200");
  EXPECT_EQ(json::parse(pairs[0]["response"]["content"].get<std::string>())["name"], "Widget");
  EXPECT_EQ(pairs[0]["request"]["testCaseId"], id + "-1-GET /items/{id}");
  auto events = Get(server_.base_url() + "/api/tests/" + id + "/events/" + id + "-1-GET%20!items");
  EXPECT_EQ(events.body, "[]");

  auto metric = Get(server_.base_url() + "/api/metrics/conformance/service/Contract%20Shop:1.0");
  ASSERT_EQ(metric.status, 200) << metric.body;
  json conformance = json::parse(metric.body);
  EXPECT_DOUBLE_EQ(conformance["currentScore"].get<double>(), 50.0);
  EXPECT_DOUBLE_EQ(conformance["maxPossibleScore"].get<double>(), 50.0);
  EXPECT_EQ(conformance["latestTrend"], "STABLE");
  auto aggregate = Get(server_.base_url() + "/api/metrics/conformance/aggregate");
  EXPECT_EQ(json::parse(aggregate.body),
            json::parse(R"j([{"name": "(none)", "weight": 1, "value": 100}])j"));
}

TEST_F(ContractApi, BrokenServiceFaultsAreReportedWithTheirMessages) {
  LoopbackHttpServer backend(Broken);
  json result = RunToEnd({{"serviceId", "Contract Shop:1.0"},
                          {"testEndpoint", backend.base_url() + "/api"},
                          {"runnerType", "OPEN_API_SCHEMA"},
                          {"timeout", 5000}});
  EXPECT_FALSE(result["success"]);
  const json* get_item = FindCase(result, "GET /items/{id}");
  ASSERT_NE(get_item, nullptr);
  EXPECT_FALSE((*get_item)["success"]);
  EXPECT_EQ((*get_item)["testStepResults"][0]["message"],
            "the required response header 'X-Rate-Limit' is missing\n"
            "/id: string found, integer expected\n"
            "/: required property 'price' is missing");
  const json* post_item = FindCase(result, "POST /items");
  ASSERT_NE(post_item, nullptr);
  EXPECT_EQ((*post_item)["testStepResults"][0]["message"],
            "the response status is 200; the example expects 201");
  EXPECT_TRUE((*FindCase(result, "GET /health"))["success"]);

  // The HTTP runner only looks at status classes, so the same service passes it.
  json smoke = RunToEnd({{"serviceId", "Contract Shop:1.0"},
                         {"testEndpoint", backend.base_url() + "/api"},
                         {"runnerType", "HTTP"},
                         {"timeout", 5000}});
  EXPECT_TRUE(smoke["success"]) << smoke.dump(2);
  EXPECT_EQ(smoke["testNumber"], 2);

  auto listed = Get(server_.base_url() + "/api/tests/service/Contract%20Shop:1.0?page=0&size=1");
  json page = json::parse(listed.body);
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0]["testNumber"], 2);
  auto counted = Get(server_.base_url() + "/api/tests/service/Contract%20Shop:1.0/count");
  EXPECT_EQ(json::parse(counted.body)["counter"], 2);
  auto latest = Get(server_.base_url() + "/api/metrics/tests/latest");
  EXPECT_EQ(json::parse(latest.body).size(), 2u);
}

TEST_F(ContractApi, SilentTargetEndsAsFailedWithinTheTimeout) {
  LoopbackHttpServer silent(nullptr, /*silent=*/true);
  auto started = std::chrono::steady_clock::now();
  json result = RunToEnd({{"serviceId", "Contract Shop:1.0"},
                          {"testEndpoint", silent.base_url()},
                          {"runnerType", "HTTP"},
                          {"timeout", 1000},
                          {"filteredOperations", {"GET /items/{id}", "GET /health"}}});
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_LT(seconds, 4.0);
  EXPECT_FALSE(result["success"]);
  EXPECT_FALSE(result["inProgress"]);
  ASSERT_EQ(result["testCaseResults"].size(), 2u);
  std::string first = result["testCaseResults"][0]["testStepResults"][0]["message"];
  EXPECT_NE(first.find("no response from " + silent.base_url() + "/items/1 within"),
            std::string::npos)
      << first;
  EXPECT_EQ(result["testCaseResults"][1]["testStepResults"][0]["message"],
            "Not run: the test timeout of 1000 ms elapsed before this request was sent.");
  EXPECT_EQ(result["runnerMessage"],
            "The test did not finish within its timeout of 1000 ms; raise the timeout or check "
            "that the endpoint answers.");
}

TEST(ContractSecrets, SentButHiddenInRecords) {
  // The secret is stored before the server starts, so this test needs no secrets API.
  std::string pattern = (std::filesystem::temp_directory_path() / "mimic-ct-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  ASSERT_NE(mkdtemp(buffer.data()), nullptr);
  std::string data_dir(buffer.data());
  {
    auto store = SqliteStore::Open(data_dir + "/mimic.db");
    ASSERT_TRUE(store.has_value()) << store.error().message;
    Json secret = {{"id", "secret-1"}, {"name", "shop-creds"}, {"token", "t0ken"}};
    ASSERT_TRUE((*store)->PutRecord(kSecretRecordKind, "secret-1", secret).has_value());
  }
  {
    ServerProcess server({}, data_dir);
    ASSERT_TRUE(server.started()) << server.output();
    ASSERT_EQ(Upload(server.base_url(), "shop.yaml", kShopSpec).status, 201);
    LoopbackHttpServer backend(Conforming);
    json result = RunToEnd(
        server, {{"serviceId", "Contract Shop:1.0"},
                 {"testEndpoint", backend.base_url() + "/api"},
                 {"runnerType", "HTTP"},
                 {"timeout", 5000},
                 {"secretName", "shop-creds"},
                 {"filteredOperations", {"GET /health"}},
                 {"operationsHeaders", {{"globals", {{{"name", "X-Env"}, {"values", "ci"}}}}}}});
    EXPECT_TRUE(result["success"]) << result.dump(2);
    EXPECT_EQ(result["secretRef"]["name"], "shop-creds");
    auto received = backend.received();
    ASSERT_EQ(received.size(), 1u);
    EXPECT_EQ(received[0].Header("Authorization"), "Bearer t0ken");
    EXPECT_EQ(received[0].Header("X-Env"), "ci");
    std::string id = result["id"];
    json pairs = json::parse(
        Get(server.base_url() + "/api/tests/" + id + "/messages/" + id + "-1-GET%20!health").body);
    ASSERT_EQ(pairs.size(), 1u);
    EXPECT_EQ(pairs[0].dump().find("t0ken"), std::string::npos);
    EXPECT_NE(pairs[0].dump().find("<value-from-secret>"), std::string::npos);
  }
  std::filesystem::remove_all(data_dir);
}

TEST_F(ContractApi, RejectsBadRequestsWithClearMessages) {
  auto unknown_service = Launch({{"serviceId", "Nope:1"},
                                 {"testEndpoint", "http://127.0.0.1:9"},
                                 {"runnerType", "HTTP"},
                                 {"timeout", 1000}});
  EXPECT_EQ(unknown_service.status, 404);
  EXPECT_EQ(unknown_service.body,
            "Service 'Nope:1' is not registered; import its artifact before testing it.");
  auto unknown_runner = Launch({{"serviceId", "Contract Shop:1.0"},
                                {"testEndpoint", "http://127.0.0.1:9"},
                                {"runnerType", "MAGIC"},
                                {"timeout", 1000}});
  EXPECT_EQ(unknown_runner.status, 400);
  EXPECT_EQ(unknown_runner.body, "runnerType 'MAGIC' is unknown; use HTTP or OPEN_API_SCHEMA.");
  auto postman = Launch({{"serviceId", "Contract Shop:1.0"},
                         {"testEndpoint", "http://127.0.0.1:9"},
                         {"runnerType", "POSTMAN"},
                         {"timeout", 1000}});
  EXPECT_EQ(postman.status, 400);
  auto bad_secret = Launch({{"serviceId", "Contract Shop:1.0"},
                            {"testEndpoint", "http://127.0.0.1:9"},
                            {"runnerType", "HTTP"},
                            {"timeout", 1000},
                            {"secretName", "missing"}});
  EXPECT_EQ(bad_secret.status, 400);
  auto bad_timeout = Launch({{"serviceId", "Contract Shop:1.0"},
                             {"testEndpoint", "http://127.0.0.1:9"},
                             {"runnerType", "HTTP"},
                             {"timeout", -5}});
  EXPECT_EQ(bad_timeout.status, 400);
  EXPECT_EQ(Get(server_.base_url() + "/api/tests/0000").status, 404);
  // A service never tested has a well-formed, empty metric; no test at all gives an empty
  // aggregate.
  json metric = json::parse(
      Get(server_.base_url() + "/api/metrics/conformance/service/Contract%20Shop:1.0").body);
  EXPECT_EQ(metric["currentScore"], 0.0);
  EXPECT_EQ(metric["latestScores"], json::object());
  EXPECT_EQ(Get(server_.base_url() + "/api/metrics/conformance/aggregate").body, "[]");
}

TEST_F(ContractApi, RemoteRunnersReportTestCasesBack) {
  LoopbackHttpServer silent(nullptr, /*silent=*/true);
  json result = RunToEnd({{"serviceId", "Contract Shop:1.0"},
                          {"testEndpoint", silent.base_url()},
                          {"runnerType", "HTTP"},
                          {"timeout", 300},
                          {"filteredOperations", {"GET /health"}}});
  EXPECT_FALSE(result["success"]);
  std::string id = result["id"];
  auto reported = PostJson(server_.base_url() + "/api/tests/" + id + "/testCaseResult",
                           R"({"operationName": "GET /health", "testReturns": [{"code": 0,
                               "elapsedTime": 12, "request": {"name": "r1"},
                               "response": {"status": "200"}}]})");
  ASSERT_EQ(reported.status, 200) << reported.body;
  json test_case = json::parse(reported.body);
  EXPECT_TRUE(test_case["success"]);
  EXPECT_EQ(test_case["elapsedTime"], 12);
  EXPECT_TRUE(json::parse(Get(server_.base_url() + "/api/tests/" + id).body)["success"]);
  auto unknown = PostJson(server_.base_url() + "/api/tests/" + id + "/testCaseResult",
                          R"({"operationName": "GET /nope"})");
  EXPECT_EQ(unknown.status, 400);
}

}  // namespace
}  // namespace mimic::testing

namespace mimic::testing {
namespace {

// OAuth2 through the whole server: the token endpoint and the tested service
// are loopback servers, and the service accepts only the token just issued.
TEST_F(ContractApi, OAuth2ClientCredentialsTokenIsFetchedAndSent) {
  LoopbackHttpServer token_endpoint([](const ReceivedRequest& request) {
    if (request.method == "POST" &&
        request.body.find("grant_type=client_credentials") != std::string::npos) {
      return CannedResponse{200,
                            {{"Content-Type", "application/json"}},
                            R"({"access_token":"issued-42","token_type":"Bearer"})"};
    }
    return CannedResponse{400, {{"Content-Type", "application/json"}}, R"({"error":"bad"})"};
  });
  LoopbackHttpServer backend([](const ReceivedRequest& request) {
    if (request.Header("Authorization") != "Bearer issued-42") {
      return CannedResponse{401, {{"Content-Type", "text/plain"}}, "no token"};
    }
    return Conforming(request);
  });
  json context = {{"grantType", "CLIENT_CREDENTIALS"},
                  {"tokenUri", token_endpoint.base_url() + "/token"},
                  {"clientId", "shop-tests"},
                  {"clientSecret", "s3cret"}};
  json result = RunToEnd({{"serviceId", "Contract Shop:1.0"},
                          {"testEndpoint", backend.base_url() + "/api"},
                          {"runnerType", "HTTP"},
                          {"timeout", 5000},
                          {"oAuth2Context", context}});
  EXPECT_TRUE(result["success"]) << result.dump(2);
  ASSERT_FALSE(token_endpoint.received().empty());
  // The client authenticates to the token endpoint with HTTP Basic.
  EXPECT_EQ(token_endpoint.received()[0].Header("Authorization").rfind("Basic ", 0), 0u);
  for (const ReceivedRequest& call : backend.received()) {
    EXPECT_EQ(call.Header("Authorization"), "Bearer issued-42");
  }

  // A token endpoint that refuses ends the run with its error.
  context["grantType"] = "REFRESH_TOKEN";
  context["refreshToken"] = "old";
  json refused = RunToEnd({{"serviceId", "Contract Shop:1.0"},
                           {"testEndpoint", backend.base_url() + "/api"},
                           {"runnerType", "HTTP"},
                           {"timeout", 5000},
                           {"oAuth2Context", context}});
  EXPECT_FALSE(refused["success"]) << refused.dump(2);
  EXPECT_NE(refused.dump().find("bad"), std::string::npos) << refused.dump(2);
}

}  // namespace
}  // namespace mimic::testing
