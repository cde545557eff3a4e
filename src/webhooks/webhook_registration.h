#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/json.h"

namespace mimic {

// The store kind under which webhook registrations are filed.
inline constexpr std::string_view kWebhookRecordKind = "webhook";

inline constexpr int64_t kDefaultWebhookFrequencyMs = 3000;
// Shorter periods are raised to this, so one registration cannot flood a target.
inline constexpr int64_t kMinWebhookFrequencyMs = 1000;
inline constexpr int64_t kDefaultWebhookLifetimeMs = 2LL * 24 * 3600 * 1000;
inline constexpr int kDefaultWebhookErrorThreshold = 5;

// A subscription of a target URL to a service operation: the operation's
// example requests are sent to the target every `frequency_ms` until the
// registration expires or fails `error_count_threshold` times in a row.
struct WebhookRegistration {
  std::string id;
  std::string operation_id;  // "{serviceId}-{operationName}"
  std::string operation_method;
  std::string target_url;
  int64_t created_on = 0;  // epoch milliseconds
  int64_t expires_at = 0;  // epoch milliseconds
  int64_t frequency_ms = kDefaultWebhookFrequencyMs;
  int error_count = 0;
  int error_count_threshold = kDefaultWebhookErrorThreshold;
};

// Splits "{serviceId}-{operationName}" at the first '-', which service ids
// never contain. Nullopt when there is no '-' or either side is empty.
std::optional<std::pair<std::string, std::string>> SplitWebhookOperationId(
    std::string_view operation_id);

// Reads a registration request (operationId, targetUrl and the optional
// frequency, expiresAt and errorCountThreshold), filling defaults from
// `now_ms`. Fails with kInvalidArgument naming the bad field.
Result<WebhookRegistration> ParseWebhookRequest(const Json& body, int64_t now_ms);

// Converts from and to Microcks' JSON, with dates as RFC 3339 strings.
Json WebhookToJson(const WebhookRegistration& registration);
WebhookRegistration WebhookFromJson(const Json& json);

// Formats epoch milliseconds as "2026-12-04T10:00:00.000Z".
std::string FormatRfc3339(int64_t epoch_ms);
// Parses an RFC 3339 date-time with a "Z" or "+hh:mm" offset; nullopt when invalid.
std::optional<int64_t> ParseRfc3339(std::string_view text);

}  // namespace mimic
