#include "testing/oauth2_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstdint>

#include <spdlog/spdlog.h>

#include "common/base64.h"
#include "common/strings.h"
#include "net/http_fetcher.h"

namespace mimic {
namespace {

// Token responses are small JSON documents, so a larger body is not one.
constexpr size_t kMaxResponseBytes = 1024 * 1024;
constexpr size_t kMaxQuotedBytes = 300;

struct TokenResponse {
  std::string body;
  bool too_large = false;
};

size_t AppendBody(char* data, size_t size, size_t count, void* user) {
  auto* response = static_cast<TokenResponse*>(user);
  size_t bytes = size * count;
  if (response->body.size() + bytes > kMaxResponseBytes) {
    response->too_large = true;
    return 0;  // makes libcurl abort the transfer
  }
  response->body.append(data, bytes);
  return bytes;
}

// RFC 6749 section 2.3.1: the client id and secret are form-encoded before they are
// joined for the Basic scheme.
std::string BasicCredentials(const OAuth2Context& context) {
  return "Basic " +
         EncodeBase64(PercentEncode(context.client_id) + ":" + PercentEncode(context.client_secret));
}

std::string Shorten(std::string_view text) {
  if (text.size() <= kMaxQuotedBytes) return std::string(text);
  return std::string(text.substr(0, kMaxQuotedBytes)) + "...";
}

// Describes an error response, preferring the OAuth2 error fields (RFC 6749 section 5.2).
std::string DescribeErrorBody(const std::string& body) {
  Json json = Json::parse(body, nullptr, false);
  std::string code = FieldOr(json, "error", "");
  std::string description = FieldOr(json, "error_description", "");
  if (!code.empty() && !description.empty()) return code + ": " + Shorten(description);
  if (!code.empty()) return code;
  std::string_view trimmed = Trim(body);
  if (trimmed.empty()) return "no response body";
  return Shorten(trimmed);
}

// Names the members of a token response without their values.
std::string DescribeMembers(const Json& json) {
  if (!json.is_object()) return "the body is not a JSON object";
  if (json.empty()) return "the body is an empty JSON object";
  std::string names;
  for (const auto& [key, value] : json.items()) {
    if (!names.empty()) names += ", ";
    names += key;
  }
  return "the JSON object has only " + Shorten(names);
}

bool IsHttpUrl(std::string_view url) {
  std::string lowered = ToLower(url);
  return (StartsWith(lowered, "http://") && lowered.size() > 7) ||
         (StartsWith(lowered, "https://") && lowered.size() > 8);
}

}  // namespace

const char* OAuth2GrantTypeName(OAuth2GrantType grant_type) {
  switch (grant_type) {
    case OAuth2GrantType::kPassword:
      return "PASSWORD";
    case OAuth2GrantType::kRefreshToken:
      return "REFRESH_TOKEN";
    case OAuth2GrantType::kClientCredentials:
      break;
  }
  return "CLIENT_CREDENTIALS";
}

Result<OAuth2Context> ParseOAuth2Context(const Json& context) {
  if (!context.is_object()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "Invalid oAuth2Context: expected a JSON object with grantType, tokenUri, "
                     "clientId and clientSecret.");
  }
  auto missing = [](const char* field, const std::string& hint) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string("Invalid oAuth2Context: missing ") + field + "; " + hint + ".");
  };

  OAuth2Context parsed;
  std::string grant = FieldOr(context, "grantType", "");
  if (grant.empty()) {
    return missing("grantType", "set it to CLIENT_CREDENTIALS, PASSWORD or REFRESH_TOKEN");
  }
  if (grant == "CLIENT_CREDENTIALS") {
    parsed.grant_type = OAuth2GrantType::kClientCredentials;
  } else if (grant == "PASSWORD") {
    parsed.grant_type = OAuth2GrantType::kPassword;
  } else if (grant == "REFRESH_TOKEN") {
    parsed.grant_type = OAuth2GrantType::kRefreshToken;
  } else {
    return MakeError(ErrorCode::kInvalidArgument,
                     "Invalid oAuth2Context: unknown grantType '" + grant +
                         "'; use CLIENT_CREDENTIALS, PASSWORD or REFRESH_TOKEN.");
  }

  parsed.token_uri = FieldOr(context, "tokenUri", "");
  if (parsed.token_uri.empty()) {
    return missing("tokenUri", "give the token endpoint URL of the identity provider");
  }
  if (!IsHttpUrl(parsed.token_uri)) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        "Invalid oAuth2Context: tokenUri '" + parsed.token_uri + "' must be an http or https URL.");
  }
  parsed.client_id = FieldOr(context, "clientId", "");
  if (parsed.client_id.empty()) return missing("clientId", "give the OAuth2 client id");
  parsed.client_secret = FieldOr(context, "clientSecret", "");
  if (parsed.client_secret.empty()) {
    return missing("clientSecret", "give the secret of client " + parsed.client_id);
  }
  parsed.username = FieldOr(context, "username", "");
  parsed.password = FieldOr(context, "password", "");
  parsed.refresh_token = FieldOr(context, "refreshToken", "");
  parsed.scopes = FieldOr(context, "scopes", "");

  if (parsed.grant_type == OAuth2GrantType::kPassword) {
    if (parsed.username.empty()) return missing("username", "the PASSWORD grant needs a user");
    if (parsed.password.empty()) {
      return missing("password", "the PASSWORD grant needs the password of " + parsed.username);
    }
  }
  if (parsed.grant_type == OAuth2GrantType::kRefreshToken && parsed.refresh_token.empty()) {
    return missing("refreshToken", "the REFRESH_TOKEN grant needs a refresh token");
  }
  return parsed;
}

std::string BuildOAuth2TokenForm(const OAuth2Context& context) {
  std::string form;
  auto add = [&form](std::string_view name, std::string_view value) {
    if (!form.empty()) form += '&';
    form += name;
    form += '=';
    form += PercentEncode(value);
  };
  switch (context.grant_type) {
    case OAuth2GrantType::kClientCredentials:
      add("grant_type", "client_credentials");
      break;
    case OAuth2GrantType::kPassword:
      add("grant_type", "password");
      add("username", context.username);
      add("password", context.password);
      break;
    case OAuth2GrantType::kRefreshToken:
      add("grant_type", "refresh_token");
      add("refresh_token", context.refresh_token);
      break;
  }

  std::string scope;
  bool has_openid = false;
  for (const std::string& item : Split(context.scopes, " ")) {
    if (Trim(item).empty()) continue;
    if (item == "openid") has_openid = true;
    if (!scope.empty()) scope += ' ';
    scope += Trim(item);
  }
  if (!has_openid) scope += scope.empty() ? "openid" : " openid";
  add("scope", scope);
  return form;
}

Result<std::string> FetchOAuth2Token(const Json& context, std::chrono::milliseconds timeout) {
  auto parsed = ParseOAuth2Context(context);
  if (!parsed) return tl::unexpected<Error>(parsed.error());
  const std::string& uri = parsed->token_uri;

  InitHttpClient();
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return MakeError(ErrorCode::kInternal, "Cannot create an HTTP client.");
  std::string form = BuildOAuth2TokenForm(*parsed);
  TokenResponse response;
  char error_buffer[CURL_ERROR_SIZE] = {0};
  long timeout_ms = std::max<long>(1, static_cast<long>(timeout.count()));

  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, ("Authorization: " + BasicCredentials(*parsed)).c_str());
  headers = curl_slist_append(headers, "Accept: application/json");
  headers = curl_slist_append(headers, "Content-Type: application/x-www-form-urlencoded");
  headers = curl_slist_append(headers, "Expect:");

  curl_easy_setopt(curl, CURLOPT_URL, uri.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, form.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(form.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "mimic/" MIMIC_VERSION);

  CURLcode code = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);

  const char* grant = OAuth2GrantTypeName(parsed->grant_type);
  if (code != CURLE_OK) {
    std::string detail = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
    spdlog::debug("event=oauth2.token_failed token_uri={} grant={} error={}", LogValue(uri), grant,
                  LogValue(detail));
    if (response.too_large) {
      return MakeError(ErrorCode::kUnavailable, "The token endpoint " + uri +
                                                    " returned more than " +
                                                    std::to_string(kMaxResponseBytes) +
                                                    " bytes and cannot be a token response.");
    }
    if (code == CURLE_OPERATION_TIMEDOUT) {
      return MakeError(ErrorCode::kUnavailable, "The token endpoint " + uri +
                                                    " did not respond within " +
                                                    std::to_string(timeout_ms) + " ms.");
    }
    return MakeError(ErrorCode::kUnavailable,
                     "Cannot reach the token endpoint " + uri + ": " + detail + ".");
  }
  if (status < 200 || status >= 300) {
    spdlog::debug("event=oauth2.token_rejected token_uri={} grant={} status={}", LogValue(uri),
                  grant, status);
    return MakeError(ErrorCode::kUnavailable, "The token endpoint " + uri + " rejected the " +
                                                  grant + " grant for client " + parsed->client_id +
                                                  " (HTTP " + std::to_string(status) +
                                                  "): " + DescribeErrorBody(response.body) + ".");
  }

  Json json = Json::parse(response.body, nullptr, false);
  std::string token = FieldOr(json, "access_token", "");
  if (token.empty()) {
    // The body is not quoted, because a successful response may contain other tokens.
    return MakeError(ErrorCode::kUnavailable,
                     "The token endpoint " + uri + " returned HTTP " + std::to_string(status) +
                         " without an access_token: " + DescribeMembers(json) + ".");
  }
  spdlog::debug("event=oauth2.token_fetched token_uri={} grant={}", LogValue(uri), grant);
  return token;
}

}  // namespace mimic
