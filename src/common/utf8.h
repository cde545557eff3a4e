#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace mimic {

// Decodes one UTF-8 sequence at `position`. Returns its length, or 0 when the
// bytes are not valid UTF-8 (overlong forms and surrogates included).
size_t DecodeUtf8(std::string_view text, size_t position, uint32_t* code_point);

}  // namespace mimic
