// Invocation statistics: read-your-writes counts through the metrics API, kept across restarts.
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/server_process.h"

namespace mimic::testing {
namespace {

constexpr const char* kSpec = R"yaml(
openapi: 3.0.0
info: {title: Counted API, version: '2.0'}
paths:
  /ping:
    get:
      responses:
        '200':
          content:
            text/plain:
              examples: {pong: {value: pong}}
)yaml";

TEST(InvocationMetrics, CountVisibleRightAfterCall) {
  std::string dir =
      (std::filesystem::temp_directory_path() / ("mimic-metrics-" + std::to_string(::getpid())))
          .string();
  std::filesystem::create_directories(dir);
  {
    ServerProcess server({}, dir);
    ASSERT_TRUE(server.started());
    ASSERT_EQ(Upload(server.base_url(), "counted.yaml", kSpec).status, 201);
    std::string url = server.base_url() + "/api/metrics/invocations/Counted%20API/2.0";
    auto before = Get(url);
    EXPECT_EQ(before.status, 200);
    EXPECT_EQ(before.body, "");
    for (int i = 0; i < 3; ++i) {
      ASSERT_EQ(Get(server.base_url() + "/rest/Counted+API/2.0/ping").status, 200);
    }
    // Unknown paths are not invocations.
    Get(server.base_url() + "/rest/Counted+API/2.0/nope");
    auto after = nlohmann::json::parse(Get(url).body);
    EXPECT_EQ(after["dailyCount"], 3);
    EXPECT_EQ(after["serviceName"], "Counted API");
    EXPECT_EQ(after["hourlyCount"].size(), 24u);
    auto global =
        nlohmann::json::parse(Get(server.base_url() + "/api/metrics/invocations/global").body);
    EXPECT_EQ(global["dailyCount"], 3);
    auto top = nlohmann::json::parse(Get(server.base_url() + "/api/metrics/invocations/top").body);
    ASSERT_EQ(top.size(), 1u);
    auto latest = nlohmann::json::parse(
        Get(server.base_url() + "/api/metrics/invocations/global/latest?limit=3").body);
    EXPECT_EQ(latest.size(), 3u);
    EXPECT_EQ(Get(server.base_url() + "/api/metrics/invocations/global?day=bad").status, 400);
  }
  {
    ServerProcess server({}, dir);
    ASSERT_TRUE(server.started());
    Get(server.base_url() + "/rest/Counted+API/2.0/ping");
    auto stats = nlohmann::json::parse(
        Get(server.base_url() + "/api/metrics/invocations/Counted+API/2.0").body);
    EXPECT_EQ(stats["dailyCount"], 4);
  }
  std::filesystem::remove_all(dir);
}

TEST(InvocationMetrics, SwitchedOff) {
  ServerProcess server({"--no-invocation-stats"});
  ASSERT_TRUE(server.started());
  ASSERT_EQ(Upload(server.base_url(), "counted.yaml", kSpec).status, 201);
  Get(server.base_url() + "/rest/Counted+API/2.0/ping");
  EXPECT_EQ(Get(server.base_url() + "/api/metrics/invocations/Counted+API/2.0").body, "");
}

}  // namespace
}  // namespace mimic::testing
