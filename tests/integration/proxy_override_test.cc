// PROXY dispatchers against a real backend on loopback, and operation overrides
// through the management API.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/server_process.h"

namespace mimic::testing {
namespace {

constexpr const char* kBackend = R"yaml(
openapi: 3.0.0
info: {title: Backend, version: '1.0'}
paths:
  /items/{id}:
    get:
      parameters: [{name: id, in: path, examples: {one: {value: '1'}, two: {value: '2'}}}]
      responses:
        '200':
          content:
            application/json:
              examples:
                one: {value: {id: 1, from: backend}}
                two: {value: {id: 2, from: backend}}
)yaml";

std::string FrontSpec(int backend_port) {
  std::string base = "http://127.0.0.1:" + std::to_string(backend_port) + "/rest/Backend/1.0";
  return R"yaml(
openapi: 3.0.0
info: {title: Front, version: '1.0'}
paths:
  /items/{id}:
    get:
      parameters: [{name: id, in: path, examples: {one: {value: '1'}}}]
      x-microcks-operation:
        dispatcher: PROXY_FALLBACK
        dispatcherRules: '{"dispatcher": "URI_PARTS", "dispatcherRules": "id", "proxyUrl": ")yaml" +
         base + R"yaml("}'
      responses:
        '200':
          content:
            application/json:
              examples:
                one: {value: {id: 1, from: front}}
)yaml";
}

// Every call goes to the backend: same paths, service name and version differ.
std::string ProxySpec(int backend_port) {
  return R"yaml(
openapi: 3.0.0
info: {title: Pass Through, version: '1.0'}
paths:
  /items/{id}:
    get:
      x-microcks-operation:
        dispatcher: PROXY
        dispatcherRules: http://127.0.0.1:)yaml" +
         std::to_string(backend_port) + R"yaml(/rest/Backend/1.0
      responses: {}
)yaml";
}

TEST(Proxy, ForwardsToAllowedBackend) {
  ServerProcess backend;
  ASSERT_TRUE(backend.started()) << backend.output();
  ASSERT_EQ(Upload(backend.base_url(), "backend.yaml", kBackend).status, 201);
  ServerProcess front({"--proxy-allow", "127.0.0.1/32"});
  ASSERT_TRUE(front.started()) << front.output();
  auto imported = Upload(front.base_url(), "front.yaml", FrontSpec(backend.port()));
  ASSERT_EQ(imported.status, 201) << imported.body;

  auto local = Get(front.base_url() + "/rest/Front/1.0/items/1");
  EXPECT_EQ(local.status, 200);
  EXPECT_EQ(nlohmann::json::parse(local.body)["from"], "front");
  auto fallback = Get(front.base_url() + "/rest/Front/1.0/items/2");
  EXPECT_EQ(fallback.status, 200) << fallback.body;
  EXPECT_EQ(nlohmann::json::parse(fallback.body)["from"], "backend");
  ASSERT_EQ(Upload(front.base_url(), "proxy.yaml", ProxySpec(backend.port())).status, 201);
  auto proxied = Get(front.base_url() + "/rest/Pass+Through/1.0/items/1?x=y");
  EXPECT_EQ(proxied.status, 200) << proxied.body;
  EXPECT_EQ(nlohmann::json::parse(proxied.body)["from"], "backend");
  EXPECT_EQ(proxied.Header("Content-Type"), "application/json;charset=UTF-8");
  auto missing = Get(front.base_url() + "/rest/Pass+Through/1.0/items/3");
  EXPECT_EQ(missing.status, 400);  // the backend's own response is relayed
  EXPECT_NE(missing.body.find("does not exist"), std::string::npos);
}

TEST(Proxy, RefusesLoopbackWithoutAllowList) {
  ServerProcess backend;
  ASSERT_TRUE(backend.started());
  ServerProcess front;
  ASSERT_TRUE(front.started());
  ASSERT_EQ(Upload(front.base_url(), "proxy.yaml", ProxySpec(backend.port())).status, 201);
  auto refused = Get(front.base_url() + "/rest/Pass+Through/1.0/items/1");
  EXPECT_EQ(refused.status, 502);
  EXPECT_NE(refused.body.find("--proxy-allow"), std::string::npos) << refused.body;
}

TEST(Proxy, UnreachableBackendIs502) {
  ServerProcess front({"--proxy-allow", "127.0.0.1/32"});
  ASSERT_TRUE(front.started());
  // Port 9 (discard) has no listener here, so the connection is refused at once.
  ASSERT_EQ(Upload(front.base_url(), "proxy.yaml", ProxySpec(9)).status, 201);
  auto failed = Get(front.base_url() + "/rest/Pass+Through/1.0/items/1");
  EXPECT_EQ(failed.status, 502);
  EXPECT_EQ(Get(front.base_url() + "/api/health").status, 200);
}

std::string FetchSpec(int backend_port) {
  return R"yaml(
openapi: 3.0.0
info: {title: Fetcher, version: '1.0'}
paths:
  /check:
    get:
      x-microcks-operation:
        dispatcher: JS
        dispatcherRules: |-
          const r = fetch('http://127.0.0.1:)yaml" +
         std::to_string(backend_port) + R"yaml(/rest/Backend/1.0/items/1');
          return r.status === 200 ? 'reached' : 'refused';
      responses:
        '200':
          content:
            text/plain:
              examples:
                reached: {value: reached}
                refused: {value: refused}
)yaml";
}

TEST(ScriptFetch, FollowsProxyAllowList) {
  ServerProcess backend;
  ASSERT_TRUE(backend.started());
  ASSERT_EQ(Upload(backend.base_url(), "backend.yaml", kBackend).status, 201);
  {
    ServerProcess closed;
    ASSERT_TRUE(closed.started());
    ASSERT_EQ(Upload(closed.base_url(), "fetch.yaml", FetchSpec(backend.port())).status, 201);
    EXPECT_EQ(Get(closed.base_url() + "/rest/Fetcher/1.0/check").body, "refused");
  }
  ServerProcess open({"--proxy-allow", "127.0.0.1/32"});
  ASSERT_TRUE(open.started());
  ASSERT_EQ(Upload(open.base_url(), "fetch.yaml", FetchSpec(backend.port())).status, 201);
  EXPECT_EQ(Get(open.base_url() + "/rest/Fetcher/1.0/check").body, "reached");
}

TEST(OperationOverride, ChangesDispatchAndSurvivesRestart) {
  std::string dir =
      (std::filesystem::temp_directory_path() / ("mimic-override-" + std::to_string(::getpid())))
          .string();
  std::filesystem::create_directories(dir);
  {
    ServerProcess server({}, dir);
    ASSERT_TRUE(server.started());
    ASSERT_EQ(Upload(server.base_url(), "backend.yaml", kBackend).status, 201);
    HttpCall put;
    put.method = "PUT";
    put.url = server.base_url() +
              "/api/services/Backend:1.0/operation?operationName=GET%20/items/%7Bid%7D";
    put.headers = {"Content-Type: application/json"};
    put.body = R"({"dispatcher": "FALLBACK", "dispatcherRules":
      "{\"dispatcher\": \"URI_PARTS\", \"dispatcherRules\": \"id\", \"fallback\": \"two\"}",
      "defaultDelay": 20})";
    auto updated = Send(put);
    EXPECT_EQ(updated.status, 200) << updated.body;
    auto call = Get(server.base_url() + "/rest/Backend/1.0/items/99");
    EXPECT_EQ(call.status, 200);
    EXPECT_EQ(nlohmann::json::parse(call.body)["id"], 2);
    // Re-importing the main artifact keeps the override.
    ASSERT_EQ(Upload(server.base_url(), "backend.yaml", kBackend).status, 201);
    EXPECT_EQ(Get(server.base_url() + "/rest/Backend/1.0/items/99").status, 200);

    put.url = server.base_url() + "/api/services/Backend:1.0/operation?operationName=nope";
    EXPECT_EQ(Send(put).status, 404);
  }
  {
    ServerProcess server({}, dir);
    ASSERT_TRUE(server.started());
    auto service = nlohmann::json::parse(
        Get(server.base_url() + "/api/services/Backend:1.0?messages=false").body);
    EXPECT_EQ(service["operations"][0]["dispatcher"], "FALLBACK");
    EXPECT_EQ(service["operations"][0]["override"], true);
    EXPECT_EQ(service["operations"][0]["defaultDelay"], 20);
    EXPECT_EQ(Get(server.base_url() + "/rest/Backend/1.0/items/99").status, 200);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mimic::testing
