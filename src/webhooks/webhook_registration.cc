#include "webhooks/webhook_registration.h"

#include <cstdio>
#include <ctime>

#include "common/strings.h"

namespace mimic {

std::optional<std::pair<std::string, std::string>> SplitWebhookOperationId(
    std::string_view operation_id) {
  size_t dash = operation_id.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 >= operation_id.size()) {
    return std::nullopt;
  }
  return std::make_pair(std::string(operation_id.substr(0, dash)),
                        std::string(operation_id.substr(dash + 1)));
}

Result<WebhookRegistration> ParseWebhookRequest(const Json& body, int64_t now_ms) {
  if (!body.is_object()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The webhook registration must be a JSON object with operationId and "
                     "targetUrl.");
  }

  WebhookRegistration registration;
  registration.operation_id = FieldOr(body, "operationId", "");
  if (!SplitWebhookOperationId(registration.operation_id)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "Invalid operationId '" + registration.operation_id +
                         "': expected {serviceId}-{operationName}, such as "
                         "'6b13...-POST /pets'.");
  }

  registration.target_url = FieldOr(body, "targetUrl", "");
  std::string lowered = ToLower(registration.target_url);
  if (!StartsWith(lowered, "http://") && !StartsWith(lowered, "https://")) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "Invalid targetUrl '" + registration.target_url +
                         "': give the http or https URL that should receive the calls.");
  }

  registration.created_on = now_ms;
  registration.frequency_ms = FieldOr(body, "frequency", kDefaultWebhookFrequencyMs);
  if (registration.frequency_ms < kMinWebhookFrequencyMs) {
    registration.frequency_ms = kMinWebhookFrequencyMs;
  }

  registration.expires_at = now_ms + kDefaultWebhookLifetimeMs;
  if (body.contains("expiresAt") && !body["expiresAt"].is_null()) {
    std::string text = FieldOr(body, "expiresAt", "");
    auto parsed = ParseRfc3339(text);
    if (!parsed) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "Invalid expiresAt '" + text +
                           "': expected an RFC 3339 date-time such as 2026-12-31T12:00:00Z.");
    }
    registration.expires_at = *parsed;
  }

  int64_t threshold = FieldOr(body, "errorCountThreshold", int64_t{kDefaultWebhookErrorThreshold});
  registration.error_count_threshold =
      threshold < 1 ? 1 : static_cast<int>(std::min<int64_t>(threshold, 1000));
  return registration;
}

Json WebhookToJson(const WebhookRegistration& registration) {
  return Json{{"id", registration.id},
              {"createdOn", FormatRfc3339(registration.created_on)},
              {"expiresAt", FormatRfc3339(registration.expires_at)},
              {"operationId", registration.operation_id},
              {"operationMethod", registration.operation_method},
              {"targetUrl", registration.target_url},
              {"frequency", registration.frequency_ms},
              {"errorCount", registration.error_count},
              {"errorCountThreshold", registration.error_count_threshold}};
}

WebhookRegistration WebhookFromJson(const Json& json) {
  WebhookRegistration registration;
  registration.id = FieldOr(json, "id", "");
  registration.operation_id = FieldOr(json, "operationId", "");
  registration.operation_method = FieldOr(json, "operationMethod", "");
  registration.target_url = FieldOr(json, "targetUrl", "");
  registration.created_on = ParseRfc3339(FieldOr(json, "createdOn", "")).value_or(0);
  registration.expires_at = ParseRfc3339(FieldOr(json, "expiresAt", "")).value_or(0);
  registration.frequency_ms = FieldOr(json, "frequency", kDefaultWebhookFrequencyMs);
  registration.error_count = static_cast<int>(FieldOr(json, "errorCount", int64_t{0}));
  registration.error_count_threshold = static_cast<int>(
      FieldOr(json, "errorCountThreshold", int64_t{kDefaultWebhookErrorThreshold}));
  return registration;
}

std::string FormatRfc3339(int64_t epoch_ms) {
  std::time_t seconds = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::snprintf(text, sizeof(text), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(epoch_ms % 1000));
  return text;
}

std::optional<int64_t> ParseRfc3339(std::string_view text) {
  std::tm utc{};
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, consumed = 0;
  std::string copy(text);
  if (std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute,
                  &second, &consumed) != 6 ||
      consumed != 19) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }

  std::string_view rest = text.substr(19);
  int64_t millis = 0;
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    int digits = 0;
    while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') {
      if (digits < 3) millis = millis * 10 + (rest.front() - '0');
      ++digits;
      rest.remove_prefix(1);
    }
    if (digits == 0) return std::nullopt;
    for (int i = digits; i < 3; ++i) millis *= 10;
  }

  int64_t offset_seconds = 0;
  if (rest == "Z" || rest == "z") {
    offset_seconds = 0;
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    int hours = 0, minutes = 0;
    std::string offset(rest.substr(1));
    if (std::sscanf(offset.c_str(), "%2d:%2d", &hours, &minutes) != 2) return std::nullopt;
    offset_seconds = (hours * 3600 + minutes * 60) * (rest[0] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }

  utc.tm_year = year - 1900;
  utc.tm_mon = month - 1;
  utc.tm_mday = day;
  utc.tm_hour = hour;
  utc.tm_min = minute;
  utc.tm_sec = second;
  int64_t seconds = static_cast<int64_t>(timegm(&utc)) - offset_seconds;
  return seconds * 1000 + millis;
}

}  // namespace mimic
