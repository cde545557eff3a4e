#pragma once

#include <chrono>
#include <string>

#include "common/error.h"
#include "common/json.h"

namespace mimic {

// The OAuth2 grants a contract test can use to obtain a token for the tested endpoint.
enum class OAuth2GrantType { kClientCredentials, kPassword, kRefreshToken };

// A validated OAuth2ClientContext, the `oAuth2Context` member of a Microcks test request.
struct OAuth2Context {
  OAuth2GrantType grant_type = OAuth2GrantType::kClientCredentials;
  std::string token_uri;
  std::string client_id;
  std::string client_secret;
  std::string username;       // PASSWORD grant only
  std::string password;       // PASSWORD grant only
  std::string refresh_token;  // REFRESH_TOKEN grant only
  std::string scopes;         // space-separated, as given; "openid" is added on the request
};

// Returns the Microcks name of a grant, e.g. "CLIENT_CREDENTIALS".
const char* OAuth2GrantTypeName(OAuth2GrantType grant_type);

// Validates an OAuth2ClientContext document. Fails with kInvalidArgument naming the
// first missing or invalid field: grantType, tokenUri (http or https), clientId,
// clientSecret, and username/password or refreshToken for the grants that need them.
Result<OAuth2Context> ParseOAuth2Context(const Json& context);

// Builds the application/x-www-form-urlencoded body of the token request. The scope
// always contains "openid", as Microcks requests it for every grant.
std::string BuildOAuth2TokenForm(const OAuth2Context& context);

// Requests an access token from the context's tokenUri and returns it. The client
// authenticates with HTTP Basic (client_secret_basic). Fails with kInvalidArgument
// for an invalid context, and with kUnavailable when the endpoint cannot be reached,
// times out, returns an error status (its OAuth2 `error` and `error_description` are
// quoted) or returns no access_token.
// Redirects are not followed, and only http and https are allowed.
Result<std::string> FetchOAuth2Token(const Json& context, std::chrono::milliseconds timeout);

}  // namespace mimic
