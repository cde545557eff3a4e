#include "webhooks/webhook_registration.h"

#include <gtest/gtest.h>

namespace mimic {
namespace {

TEST(WebhookRequest, FillsMicrocksDefaults) {
  auto parsed = ParseWebhookRequest(
      {{"operationId", "abc123-POST /pets"}, {"targetUrl", "https://hooks.example/in"}}, 1000);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->frequency_ms, 3000);
  EXPECT_EQ(parsed->error_count_threshold, 5);
  EXPECT_EQ(parsed->expires_at, 1000 + 2LL * 24 * 3600 * 1000);
  EXPECT_EQ(parsed->created_on, 1000);
}

TEST(WebhookRequest, RaisesShortFrequencyToMinimum) {
  auto parsed = ParseWebhookRequest(
      {{"operationId", "a-b"}, {"targetUrl", "http://x/"}, {"frequency", 10}}, 0);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->frequency_ms, kMinWebhookFrequencyMs);
}

TEST(WebhookRequest, RejectsBadFields) {
  EXPECT_FALSE(ParseWebhookRequest({{"operationId", "nodash"}, {"targetUrl", "http://x/"}}, 0));
  EXPECT_FALSE(ParseWebhookRequest({{"operationId", "a-b"}, {"targetUrl", "x"}}, 0));
  EXPECT_FALSE(ParseWebhookRequest(Json::array(), 0));
  auto bad_date = ParseWebhookRequest(
      {{"operationId", "a-b"}, {"targetUrl", "http://x/"}, {"expiresAt", "2026-13-01T00:00:00Z"}},
      0);
  ASSERT_FALSE(bad_date);
  EXPECT_NE(bad_date.error().message.find("expiresAt"), std::string::npos);
}

TEST(WebhookOperationId, SplitsAtFirstDash) {
  auto parts = SplitWebhookOperationId("6b13-GET /pets-by-name");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->first, "6b13");
  EXPECT_EQ(parts->second, "GET /pets-by-name");
  EXPECT_FALSE(SplitWebhookOperationId("-x"));
  EXPECT_FALSE(SplitWebhookOperationId("x-"));
}

TEST(Rfc3339, FormatsAndParses) {
  EXPECT_EQ(FormatRfc3339(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(ParseRfc3339("1970-01-01T00:00:01.5Z"), 1500);
  EXPECT_EQ(ParseRfc3339("1970-01-01T01:00:00+01:00"), 0);
  EXPECT_EQ(ParseRfc3339("2026-12-04T10:00:00Z"),
            ParseRfc3339(FormatRfc3339(*ParseRfc3339("2026-12-04T10:00:00Z"))));
  EXPECT_FALSE(ParseRfc3339("2026-12-04"));
  EXPECT_FALSE(ParseRfc3339("2026-12-04T10:00:00"));
  EXPECT_FALSE(ParseRfc3339("2026-12-04T10:00:00.Z"));
}

TEST(WebhookJson, RoundTrips) {
  WebhookRegistration registration;
  registration.id = "1";
  registration.operation_id = "a-b";
  registration.operation_method = "POST";
  registration.target_url = "http://x/";
  registration.created_on = 1000;
  registration.expires_at = 2000;
  registration.error_count = 2;
  Json json = WebhookToJson(registration);
  EXPECT_EQ(WebhookToJson(WebhookFromJson(json)), json);
  EXPECT_EQ(json["createdOn"], "1970-01-01T00:00:01.000Z");
}

}  // namespace
}  // namespace mimic
