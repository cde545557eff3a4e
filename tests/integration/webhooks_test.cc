// Webhook registrations: an OpenAPI 3.1 webhook's example requests are sent
// to a registered target, here a second Mimic server whose invocation
// metrics count what arrived.
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "common/json.h"
#include "support/server_process.h"

namespace mimic::testing {
namespace {

constexpr const char* kPublisher = R"yaml(
openapi: 3.1.0
info: {title: Pet Events, version: '1.0'}
paths:
  /pets:
    get:
      responses:
        '200':
          content:
            application/json:
              examples: {all: {value: []}}
webhooks:
  newPet:
    post:
      requestBody:
        content:
          application/json:
            examples:
              zaza: {value: {name: Zaza, species: cat}}
      responses:
        '200': {description: received}
)yaml";

constexpr const char* kReceiver = R"yaml(
openapi: 3.0.0
info: {title: Hook Receiver, version: '1.0'}
paths:
  /hooks:
    post:
      responses:
        '200':
          content:
            text/plain:
              examples: {ok: {value: ok}}
)yaml";

HttpResult PostJson(const std::string& url, const Json& body) {
  HttpCall call;
  call.method = "POST";
  call.url = url;
  call.headers = {"Content-Type: application/json"};
  call.body = DumpJson(body);
  return Send(call);
}

std::string ServiceId(const ServerProcess& server, const std::string& name) {
  Json list = Json::parse(Get(server.base_url() + "/api/services").body, nullptr, false);
  for (const Json& service : list) {
    if (FieldOr(service, "name", "") == name) return FieldOr(service, "id", "");
  }
  return "";
}

int64_t ReceivedCount(const ServerProcess& receiver) {
  Json stats =
      Json::parse(Get(receiver.base_url() + "/api/metrics/invocations/Hook%20Receiver/1.0").body,
                  nullptr, false);
  return FieldOr(stats, "dailyCount", int64_t{0});
}

TEST(Webhooks, ImportsOpenApiWebhookOperation) {
  ServerProcess server;
  ASSERT_TRUE(server.started());
  ASSERT_EQ(Upload(server.base_url(), "events.yaml", kPublisher).status, 201);
  Json service = Json::parse(
      Get(server.base_url() + "/api/services/Pet%20Events:1.0?messages=true").body, nullptr, false);
  ASSERT_TRUE(service.contains("messagesMap"));
  EXPECT_TRUE(service["messagesMap"].contains("newPet WEBHOOK"));
  bool found = false;
  for (const Json& operation : service["service"]["operations"]) {
    if (FieldOr(operation, "name", "") == "newPet WEBHOOK") {
      found = true;
      EXPECT_EQ(FieldOr(operation, "method", ""), "POST");
      EXPECT_EQ(FieldOr(operation, "action", ""), "webhook");
    }
  }
  EXPECT_TRUE(found);
}

TEST(Webhooks, SendsExamplesToTarget) {
  ServerProcess receiver;
  ASSERT_TRUE(receiver.started());
  ASSERT_EQ(Upload(receiver.base_url(), "receiver.yaml", kReceiver).status, 201);
  ServerProcess server({"--proxy-allow", "127.0.0.1/32"});
  ASSERT_TRUE(server.started());
  ASSERT_EQ(Upload(server.base_url(), "events.yaml", kPublisher).status, 201);
  std::string service_id = ServiceId(server, "Pet Events");
  ASSERT_FALSE(service_id.empty());

  auto created = PostJson(server.base_url() + "/api/webhooks",
                          {{"operationId", service_id + "-newPet WEBHOOK"},
                           {"targetUrl", receiver.base_url() + "/rest/Hook+Receiver/1.0/hooks"},
                           {"frequency", 1000}});
  ASSERT_EQ(created.status, 201) << created.body;
  Json registration = Json::parse(created.body);
  EXPECT_EQ(registration["operationMethod"], "POST");
  EXPECT_EQ(registration["errorCount"], 0);
  EXPECT_EQ(registration["errorCountThreshold"], 5);
  EXPECT_EQ(registration["frequency"], 1000);

  int64_t received = 0;
  for (int i = 0; i < 60 && received < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    received = ReceivedCount(receiver);
  }
  EXPECT_GE(received, 2);

  std::string operation_url =
      server.base_url() + "/api/webhooks/operation/" + service_id + "-newPet%20WEBHOOK";
  Json list = Json::parse(Get(operation_url).body, nullptr, false);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(Get(operation_url + "/count").body, R"({"counter":1})");

  HttpCall remove;
  remove.method = "DELETE";
  remove.url = server.base_url() + "/api/webhooks/" + registration["id"].get<std::string>();
  EXPECT_EQ(Send(remove).status, 200);
  EXPECT_EQ(Send(remove).status, 404);
  EXPECT_EQ(Get(operation_url + "/count").body, R"({"counter":0})");
}

TEST(Webhooks, FailingTargetIsDroppedAfterThreshold) {
  ServerProcess receiver;
  ASSERT_TRUE(receiver.started());
  ServerProcess server({"--proxy-allow", "127.0.0.1/32"});
  ASSERT_TRUE(server.started());
  ASSERT_EQ(Upload(server.base_url(), "events.yaml", kPublisher).status, 201);
  std::string service_id = ServiceId(server, "Pet Events");
  // The receiver has no such mock, so every call gets a 404.
  auto created = PostJson(server.base_url() + "/api/webhooks",
                          {{"operationId", service_id + "-newPet WEBHOOK"},
                           {"targetUrl", receiver.base_url() + "/rest/Nobody/1.0/hooks"},
                           {"frequency", 1000},
                           {"errorCountThreshold", 2}});
  ASSERT_EQ(created.status, 201) << created.body;
  std::string count_url =
      server.base_url() + "/api/webhooks/operation/" + service_id + "-newPet%20WEBHOOK/count";
  std::string count;
  for (int i = 0; i < 80; ++i) {
    count = Get(count_url).body;
    if (count == R"({"counter":0})") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(count, R"({"counter":0})");
}

TEST(Webhooks, PrivateTargetIsRejectedWithoutAllowList) {
  ServerProcess server;
  ASSERT_TRUE(server.started());
  ASSERT_EQ(Upload(server.base_url(), "events.yaml", kPublisher).status, 201);
  std::string service_id = ServiceId(server, "Pet Events");
  auto created = PostJson(server.base_url() + "/api/webhooks",
                          {{"operationId", service_id + "-newPet WEBHOOK"},
                           {"targetUrl", "http://127.0.0.1:9/hooks"},
                           {"frequency", 1000}});
  EXPECT_EQ(created.status, 400);
  EXPECT_NE(created.body.find("--proxy-allow"), std::string::npos) << created.body;
  EXPECT_NE(created.body.find("loopback"), std::string::npos) << created.body;
}

TEST(Webhooks, RejectsUnknownOperationAndBadInput) {
  ServerProcess server({"--proxy-allow", "127.0.0.1/32"});
  ASSERT_TRUE(server.started());
  ASSERT_EQ(Upload(server.base_url(), "events.yaml", kPublisher).status, 201);
  std::string service_id = ServiceId(server, "Pet Events");
  std::string url = server.base_url() + "/api/webhooks";
  auto unknown_service =
      PostJson(url, {{"operationId", "ffff-newPet WEBHOOK"}, {"targetUrl", "http://127.0.0.1:9/"}});
  EXPECT_EQ(unknown_service.status, 404);
  auto unknown_operation = PostJson(
      url, {{"operationId", service_id + "-DELETE /nope"}, {"targetUrl", "http://127.0.0.1:9/"}});
  EXPECT_EQ(unknown_operation.status, 404);
  EXPECT_NE(unknown_operation.body.find("DELETE /nope"), std::string::npos);
  auto bad_url = PostJson(url, {{"operationId", service_id + "-newPet WEBHOOK"},
                                {"targetUrl", "ftp://example.invalid/"}});
  EXPECT_EQ(bad_url.status, 400);
  EXPECT_NE(bad_url.body.find("targetUrl"), std::string::npos);
  auto bad_date = PostJson(url, {{"operationId", service_id + "-newPet WEBHOOK"},
                                 {"targetUrl", "http://127.0.0.1:9/"},
                                 {"expiresAt", "tomorrow"}});
  EXPECT_EQ(bad_date.status, 400);
}

}  // namespace
}  // namespace mimic::testing
