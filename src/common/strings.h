#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mimic {

// Decodes %XX escapes. With plus_as_space, '+' becomes a space as in form and
// query encoding. Malformed escapes are kept literally rather than rejected,
// which is what servlet containers do for mock URLs.
std::string PercentDecode(std::string_view text, bool plus_as_space = false);

// Percent-encodes the bytes that may not appear raw in a URL (spaces, controls,
// non-ASCII and "<>\"^`{|}\\") and leaves everything else, existing escapes
// included, as it is.
std::string EscapeUnsafeUrlBytes(std::string_view url);

// Encodes every byte outside RFC 3986 unreserved characters and `keep`.
std::string PercentEncode(std::string_view text, std::string_view keep = "");

std::vector<std::string> Split(std::string_view text, std::string_view separator);
std::string_view Trim(std::string_view text);
std::string ToLower(std::string_view text);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
bool StartsWith(std::string_view text, std::string_view prefix);
bool EndsWith(std::string_view text, std::string_view suffix);
std::string ReplaceAll(std::string text, std::string_view from, std::string_view to);

// Returns 1-based line and column of a byte offset, for error messages.
void LineAndColumn(std::string_view text, size_t offset, int* line, int* column);

// Quotes a value for a key=value log line when it contains spaces or quotes.
std::string LogValue(std::string_view value);

// Headers that describe one transfer rather than the response itself (framing,
// encoding, connection, date). Recorded examples carry them, and a server that
// replays them describes a body it does not send.
bool IsTransportHeader(std::string_view name);

}  // namespace mimic
