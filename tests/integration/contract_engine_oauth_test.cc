// The test engine in process: the OAuth2 hook, and runs on non-REST services.
#include <gtest/gtest.h>

#include "catalog/service_catalog.h"
#include "store/sqlite_store.h"
#include "support/loopback_http.h"
#include "testing/test_engine.h"

namespace mimic::testing {
namespace {

constexpr const char* kSpec = R"yaml(
openapi: 3.0.3
info: {title: Token Shop, version: '1.0'}
paths:
  /orders:
    get:
      responses:
        '200':
          description: orders
          content:
            application/json:
              example: [1, 2]
)yaml";

class ContractEngine : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = SqliteStore::Open(":memory:");
    ASSERT_TRUE(opened.has_value());
    store_ = std::move(*opened);
    catalog_ = std::make_unique<ServiceCatalog>(store_.get());
    ASSERT_TRUE(catalog_->Load().has_value());
    ImportRequest request;
    request.artifact_name = "token.yaml";
    auto imported = catalog_->Import(kSpec, request);
    ASSERT_TRUE(imported.has_value()) << imported.error().message;
    engine_ = std::make_unique<contract::TestEngine>(catalog_.get());
  }

  contract::TestResult RunToEnd(contract::TestLaunch launch) {
    auto launched = engine_->Launch(std::move(launch));
    EXPECT_TRUE(launched.has_value());
    EXPECT_TRUE(engine_->WaitIdle(std::chrono::seconds(10)));
    auto found = engine_->Find(launched->id);
    if (!found.has_value() || !found->has_value()) {
      ADD_FAILURE() << "test result " << launched->id << " is missing";
      return {};
    }
    return **found;
  }

  contract::TestLaunch Launch(const std::string& endpoint) {
    contract::TestLaunch launch;
    launch.service = catalog_->FindService("Token Shop:1.0");
    launch.endpoint = endpoint;
    launch.timeout_ms = 5000;
    return launch;
  }

  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<ServiceCatalog> catalog_;
  std::unique_ptr<contract::TestEngine> engine_;
};

CannedResponse Orders(const ReceivedRequest&) {
  return {200, {{"Content-Type", "application/json"}}, "[1, 2]"};
}

TEST_F(ContractEngine, FetchedTokenIsSentAsBearer) {
  LoopbackHttpServer backend(Orders);
  engine_->SetOAuth2TokenFetcher([](const Json& context) -> Result<std::string> {
    return "token-for-" + FieldOr(context, "clientId", "");
  });
  contract::TestLaunch launch = Launch(backend.base_url());
  launch.oauth2_context = {{"clientId", "shop"},
                           {"clientSecret", "hidden"},
                           {"tokenUri", "http://127.0.0.1:1/token"},
                           {"grantType", "CLIENT_CREDENTIALS"}};
  contract::TestResult result = RunToEnd(std::move(launch));

  EXPECT_TRUE(result.success) << result.runner_message;
  ASSERT_EQ(backend.received().size(), 1u);
  EXPECT_EQ(backend.received()[0].Header("Authorization"), "Bearer token-for-shop");
  EXPECT_EQ(result.authorized_client["principalName"], "shop");
  EXPECT_EQ(result.authorized_client["grantType"], "CLIENT_CREDENTIALS");
  EXPECT_EQ(DumpJson(ToJson(result)).find("hidden"), std::string::npos);
}

TEST_F(ContractEngine, FailedTokenFlowFailsTheRun) {
  LoopbackHttpServer backend(Orders);
  engine_->SetOAuth2TokenFetcher([](const Json&) -> Result<std::string> {
    return MakeError(ErrorCode::kUnavailable, "the token endpoint returned 401");
  });
  contract::TestLaunch launch = Launch(backend.base_url());
  launch.oauth2_context = {{"clientId", "shop"}, {"grantType", "CLIENT_CREDENTIALS"}};
  contract::TestResult result = RunToEnd(std::move(launch));

  EXPECT_FALSE(result.success);
  EXPECT_FALSE(result.in_progress);
  EXPECT_EQ(result.runner_message, "OAuth2 token flow failed: the token endpoint returned 401");
  EXPECT_TRUE(backend.received().empty());
}

TEST_F(ContractEngine, DirectTokenNeedsNoFetcher) {
  LoopbackHttpServer backend(Orders);
  contract::TestLaunch launch = Launch(backend.base_url() + "/v1");
  launch.oauth2_token = "direct";
  contract::TestResult result = RunToEnd(std::move(launch));

  EXPECT_TRUE(result.success) << result.runner_message;
  ASSERT_EQ(backend.received().size(), 1u);
  EXPECT_EQ(backend.received()[0].target, "/v1/orders");
  EXPECT_EQ(backend.received()[0].Header("Authorization"), "Bearer direct");
}

TEST_F(ContractEngine, RecordedBodiesAreCapped) {
  LoopbackHttpServer backend(Orders);
  contract::TestEngineOptions options;
  options.max_recorded_body = 3;
  engine_ = std::make_unique<contract::TestEngine>(catalog_.get(), options);
  contract::TestResult result = RunToEnd(Launch(backend.base_url()));
  EXPECT_TRUE(result.success) << result.runner_message;

  auto pairs = engine_->CaseExchanges(contract::TestCaseId(result, "GET /orders"));
  ASSERT_TRUE(pairs.has_value());
  ASSERT_EQ(pairs->size(), 1u);
  EXPECT_EQ((*pairs)[0]["response"]["content"], "[1,\n[truncated: the response has 6 bytes]");
}

TEST_F(ContractEngine, FullQueueRejectsLaunches) {
  LoopbackHttpServer silent(nullptr, /*silent=*/true);
  contract::TestEngineOptions options;
  options.workers = 1;
  options.max_queued = 1;
  engine_ = std::make_unique<contract::TestEngine>(catalog_.get(), options);
  contract::TestLaunch slow = Launch(silent.base_url());
  slow.timeout_ms = 500;
  ASSERT_TRUE(engine_->Launch(slow).has_value());
  // The worker may or may not have taken the first run yet, so fill the queue for sure.
  auto second = engine_->Launch(slow);
  auto third = engine_->Launch(slow);
  bool rejected = !second.has_value() || !third.has_value();
  EXPECT_TRUE(rejected);
  auto failure = !second.has_value() ? second : third;
  ASSERT_FALSE(failure.has_value());
  EXPECT_EQ(failure.error().code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(failure.error().message,
            "The test queue is full (1 waiting); launch this test when some have finished.");
  EXPECT_TRUE(engine_->WaitIdle(std::chrono::seconds(5)));
}

TEST_F(ContractEngine, InterruptedRunsAreClosedAtStart) {
  contract::TestResult stale;
  stale.id = "stale-run";
  stale.service_id = "x";
  stale.cases.push_back({"GET /orders", false, -1, {}});
  ASSERT_TRUE(store_->PutRecord(contract::kTestResultRecordKind, stale.id, ToJson(stale)));
  engine_.reset();
  engine_ = std::make_unique<contract::TestEngine>(catalog_.get());

  auto found = engine_->Find("stale-run");
  ASSERT_TRUE(found.has_value());
  ASSERT_TRUE(found->has_value());
  EXPECT_FALSE((*found)->in_progress);
  EXPECT_FALSE((*found)->success);
  EXPECT_EQ((*found)->runner_message, "The server stopped before this test finished.");
}

}  // namespace
}  // namespace mimic::testing
