#include "secrets/secret.h"

#include <gtest/gtest.h>

#include "store/sqlite_store.h"

namespace mimic {
namespace {

TEST(SecretHeaders, BasicFromUsernameAndPassword) {
  Secret secret;
  secret.username = "alice";
  secret.password = "s3cret";
  auto headers = SecretHeaders(secret);
  ASSERT_EQ(headers.size(), 1u);
  EXPECT_EQ(headers[0].first, "Authorization");
  EXPECT_EQ(headers[0].second, "Basic YWxpY2U6czNjcmV0");
}

TEST(SecretHeaders, BearerAndCustomHeader) {
  Secret secret;
  secret.token = "abc";
  EXPECT_EQ(SecretHeaders(secret)[0].second, "Bearer abc");
  secret.token_header = "X-Api-Key";
  EXPECT_EQ(SecretHeaders(secret)[0].first, "X-Api-Key");
  EXPECT_EQ(SecretHeaders(secret)[0].second, "abc");
  EXPECT_TRUE(SecretHeaders(Secret{}).empty());
}

TEST(SecretJson, RoundTripsMicrocksFields) {
  Json json = {{"id", "1"},          {"name", "gitlab"},         {"description", "d"},
               {"username", "u"},    {"password", "p"},          {"token", "t"},
               {"tokenHeader", "h"}, {"caCertPem", "-----BEGIN"}};
  EXPECT_EQ(SecretToJson(SecretFromJson(json)), json);
  EXPECT_FALSE(SecretToJson(Secret{}).contains("token"));
}

TEST(FindSecret, ByNameThenById) {
  auto store = SqliteStore::Open(":memory:");
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->PutRecord(kSecretRecordKind, "42", {{"id", "42"}, {"name", "repo"}}));
  auto by_name = FindSecret(**store, "repo");
  ASSERT_TRUE(by_name);
  ASSERT_TRUE(*by_name);
  EXPECT_EQ((*by_name)->id, "42");
  auto by_id = FindSecret(**store, "42");
  ASSERT_TRUE(by_id);
  ASSERT_TRUE(*by_id);
  EXPECT_EQ((*by_id)->name, "repo");
  auto missing = FindSecret(**store, "nope");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(*missing);
}

}  // namespace
}  // namespace mimic
