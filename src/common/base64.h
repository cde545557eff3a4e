#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mimic {

// Standard base64 (RFC 4648, with padding).
std::string EncodeBase64(std::string_view bytes);

// Decodes standard base64. Padding, spaces and line breaks are skipped because
// recordings and exports wrap or pad it freely. Any other character outside the
// alphabet makes the text invalid.
std::optional<std::string> DecodeBase64(std::string_view text);

}  // namespace mimic
