// Checks the OAuth2 token client of contract tests against a token endpoint that
// the test runs on loopback.
#include "testing/oauth2_client.h"

#include <map>

#include <gtest/gtest.h>

#include "common/strings.h"
#include "support/loopback_http.h"

namespace mimic {
namespace {

using testing::CannedResponse;
using testing::LoopbackHttpServer;
using testing::ReceivedRequest;

constexpr std::chrono::milliseconds kTimeout{5000};

Json ClientCredentials(const std::string& token_uri) {
  return {{"grantType", "CLIENT_CREDENTIALS"},
          {"tokenUri", token_uri},
          {"clientId", "tester"},
          {"clientSecret", "s3cret"}};
}

// Returns the decoded fields of a form body.
std::map<std::string, std::string> FormFields(const std::string& body) {
  std::map<std::string, std::string> fields;
  for (const std::string& pair : Split(body, "&")) {
    size_t equals = pair.find('=');
    fields[PercentDecode(pair.substr(0, equals), true)] =
        equals == std::string::npos ? "" : PercentDecode(pair.substr(equals + 1), true);
  }
  return fields;
}

TEST(OAuth2Context, AcceptsEveryGrant) {
  auto client = ParseOAuth2Context(ClientCredentials("http://127.0.0.1:1/token"));
  ASSERT_TRUE(client) << client.error().message;
  EXPECT_EQ(client->grant_type, OAuth2GrantType::kClientCredentials);
  EXPECT_EQ(client->client_id, "tester");

  Json password = ClientCredentials("https://idp.example/token");
  password["grantType"] = "PASSWORD";
  password["username"] = "alice";
  password["password"] = "wonderland";
  auto parsed_password = ParseOAuth2Context(password);
  ASSERT_TRUE(parsed_password) << parsed_password.error().message;
  EXPECT_EQ(parsed_password->grant_type, OAuth2GrantType::kPassword);
  EXPECT_EQ(parsed_password->username, "alice");

  Json refresh = ClientCredentials("https://idp.example/token");
  refresh["grantType"] = "REFRESH_TOKEN";
  refresh["refreshToken"] = "r-1";
  auto parsed_refresh = ParseOAuth2Context(refresh);
  ASSERT_TRUE(parsed_refresh) << parsed_refresh.error().message;
  EXPECT_EQ(parsed_refresh->refresh_token, "r-1");
}

TEST(OAuth2Context, NamesTheMissingField) {
  struct Case {
    const char* remove;
    const char* expected;
  };
  for (const Case& test :
       {Case{"grantType", "missing grantType"}, Case{"tokenUri", "missing tokenUri"},
        Case{"clientId", "missing clientId"}, Case{"clientSecret", "missing clientSecret"}}) {
    Json context = ClientCredentials("http://127.0.0.1:1/token");
    context.erase(test.remove);
    auto parsed = ParseOAuth2Context(context);
    ASSERT_FALSE(parsed) << test.remove;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(parsed.error().message.find(test.expected), std::string::npos)
        << parsed.error().message;
  }

  Json password = ClientCredentials("http://127.0.0.1:1/token");
  password["grantType"] = "PASSWORD";
  password["username"] = "alice";
  auto no_password = ParseOAuth2Context(password);
  ASSERT_FALSE(no_password);
  EXPECT_NE(no_password.error().message.find("missing password"), std::string::npos);

  Json refresh = ClientCredentials("http://127.0.0.1:1/token");
  refresh["grantType"] = "REFRESH_TOKEN";
  auto no_refresh = ParseOAuth2Context(refresh);
  ASSERT_FALSE(no_refresh);
  EXPECT_NE(no_refresh.error().message.find("missing refreshToken"), std::string::npos);
}

TEST(OAuth2Context, RejectsInvalidValues) {
  Json grant = ClientCredentials("http://127.0.0.1:1/token");
  grant["grantType"] = "IMPLICIT";
  auto bad_grant = ParseOAuth2Context(grant);
  ASSERT_FALSE(bad_grant);
  EXPECT_NE(bad_grant.error().message.find("'IMPLICIT'"), std::string::npos);

  auto bad_uri = ParseOAuth2Context(ClientCredentials("ftp://idp/token"));
  ASSERT_FALSE(bad_uri);
  EXPECT_NE(bad_uri.error().message.find("http or https"), std::string::npos);

  Json wrong_type = ClientCredentials("http://127.0.0.1:1/token");
  wrong_type["clientId"] = 42;
  auto numeric_id = ParseOAuth2Context(wrong_type);
  ASSERT_FALSE(numeric_id);
  EXPECT_NE(numeric_id.error().message.find("clientId"), std::string::npos);

  EXPECT_FALSE(ParseOAuth2Context(Json::array()));
  EXPECT_FALSE(ParseOAuth2Context(Json("text")));
}

TEST(OAuth2TokenForm, AddsOpenIdScopeOnce) {
  OAuth2Context context;
  context.grant_type = OAuth2GrantType::kPassword;
  context.username = "alice smith";
  context.password = "p&ss=word";
  context.scopes = "read  write";
  auto fields = FormFields(BuildOAuth2TokenForm(context));
  EXPECT_EQ(fields["grant_type"], "password");
  EXPECT_EQ(fields["username"], "alice smith");
  EXPECT_EQ(fields["password"], "p&ss=word");
  EXPECT_EQ(fields["scope"], "read write openid");

  context.scopes = "openid profile";
  EXPECT_EQ(FormFields(BuildOAuth2TokenForm(context))["scope"], "openid profile");

  context.grant_type = OAuth2GrantType::kRefreshToken;
  context.refresh_token = "r-1";
  context.scopes = "";
  auto refresh = FormFields(BuildOAuth2TokenForm(context));
  EXPECT_EQ(refresh["grant_type"], "refresh_token");
  EXPECT_EQ(refresh["refresh_token"], "r-1");
  EXPECT_EQ(refresh["scope"], "openid");
  EXPECT_EQ(refresh.count("username"), 0u);
}

TEST(OAuth2Token, ClientCredentialsWithBasicAuth) {
  LoopbackHttpServer server([](const ReceivedRequest&) {
    return CannedResponse{200,
                          {{"Content-Type", "application/json"}},
                          R"({"access_token":"tok-123","token_type":"Bearer","expires_in":60})"};
  });
  ASSERT_NE(server.port(), 0);
  auto token = FetchOAuth2Token(ClientCredentials(server.base_url() + "/realms/t/token"), kTimeout);
  ASSERT_TRUE(token) << token.error().message;
  EXPECT_EQ(*token, "tok-123");

  auto requests = server.received();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].target, "/realms/t/token");
  // base64("tester:s3cret")
  EXPECT_EQ(requests[0].Header("Authorization"), "Basic dGVzdGVyOnMzY3JldA==");
  EXPECT_EQ(requests[0].Header("Content-Type"), "application/x-www-form-urlencoded");
  auto fields = FormFields(requests[0].body);
  EXPECT_EQ(fields["grant_type"], "client_credentials");
  EXPECT_EQ(fields["scope"], "openid");
  EXPECT_EQ(fields.count("client_secret"), 0u);
}

TEST(OAuth2Token, PasswordGrantSendsUserCredentials) {
  LoopbackHttpServer server([](const ReceivedRequest&) {
    return CannedResponse{
        200, {{"Content-Type", "application/json"}}, R"({"access_token":"user-token"})"};
  });
  Json context = ClientCredentials(server.base_url() + "/token");
  context["grantType"] = "PASSWORD";
  context["username"] = "alice";
  context["password"] = "wonder land";
  context["scopes"] = "pastry:read";
  auto token = FetchOAuth2Token(context, kTimeout);
  ASSERT_TRUE(token) << token.error().message;
  EXPECT_EQ(*token, "user-token");

  auto requests = server.received();
  ASSERT_EQ(requests.size(), 1u);
  auto fields = FormFields(requests[0].body);
  EXPECT_EQ(fields["grant_type"], "password");
  EXPECT_EQ(fields["username"], "alice");
  EXPECT_EQ(fields["password"], "wonder land");
  EXPECT_EQ(fields["scope"], "pastry:read openid");
}

TEST(OAuth2Token, QuotesOAuth2ErrorOfRejection) {
  LoopbackHttpServer server([](const ReceivedRequest&) {
    return CannedResponse{
        400,
        {{"Content-Type", "application/json"}},
        R"({"error":"invalid_client","error_description":"Invalid client credentials"})"};
  });
  auto token = FetchOAuth2Token(ClientCredentials(server.base_url() + "/token"), kTimeout);
  ASSERT_FALSE(token);
  EXPECT_EQ(token.error().code, ErrorCode::kUnavailable);
  const std::string& message = token.error().message;
  EXPECT_NE(message.find("HTTP 400"), std::string::npos) << message;
  EXPECT_NE(message.find("invalid_client: Invalid client credentials"), std::string::npos)
      << message;
  EXPECT_NE(message.find("client tester"), std::string::npos) << message;
  EXPECT_EQ(message.find("s3cret"), std::string::npos) << message;
}

TEST(OAuth2Token, AnswerWithoutAccessToken) {
  LoopbackHttpServer server([](const ReceivedRequest&) {
    return CannedResponse{
        200, {{"Content-Type", "application/json"}}, R"({"id_token":"secret-id-token"})"};
  });
  auto token = FetchOAuth2Token(ClientCredentials(server.base_url() + "/token"), kTimeout);
  ASSERT_FALSE(token);
  EXPECT_EQ(token.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(token.error().message.find("without an access_token"), std::string::npos);
  EXPECT_NE(token.error().message.find("id_token"), std::string::npos);
  EXPECT_EQ(token.error().message.find("secret-id-token"), std::string::npos);

  LoopbackHttpServer html([](const ReceivedRequest&) {
    return CannedResponse{200, {{"Content-Type", "text/html"}}, "<html>login</html>"};
  });
  auto not_json = FetchOAuth2Token(ClientCredentials(html.base_url() + "/token"), kTimeout);
  ASSERT_FALSE(not_json);
  EXPECT_NE(not_json.error().message.find("not a JSON object"), std::string::npos);
}

TEST(OAuth2Token, SlowEndpointTimesOut) {
  LoopbackHttpServer server([](const ReceivedRequest&) {
    return CannedResponse{
        200, {{"Content-Type", "application/json"}}, R"({"access_token":"late"})", 3000};
  });
  auto started = std::chrono::steady_clock::now();
  auto token = FetchOAuth2Token(ClientCredentials(server.base_url() + "/token"),
                                std::chrono::milliseconds(300));
  auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(token);
  EXPECT_EQ(token.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(token.error().message.find("did not respond within 300 ms"), std::string::npos)
      << token.error().message;
  EXPECT_LT(elapsed, std::chrono::seconds(2));
}

TEST(OAuth2Token, InvalidContextSendsNothing) {
  LoopbackHttpServer server([](const ReceivedRequest&) { return CannedResponse{}; });
  Json context = ClientCredentials(server.base_url() + "/token");
  context.erase("clientSecret");
  auto token = FetchOAuth2Token(context, kTimeout);
  ASSERT_FALSE(token);
  EXPECT_EQ(token.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(server.received().empty());
}

}  // namespace
}  // namespace mimic
