#include "common/xml_escape.h"

#include <cstdint>

#include "common/utf8.h"

namespace mimic {
namespace {

// Appends the code point as UTF-8.
void AppendUtf8(std::string* out, uint32_t code_point) {
  if (code_point < 0x80) {
    *out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    *out += static_cast<char>(0xC0 | (code_point >> 6));
    *out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    *out += static_cast<char>(0xE0 | (code_point >> 12));
    *out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (code_point >> 18));
    *out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

bool IsXmlCharacter(uint32_t code_point) {
  return code_point == 0x9 || code_point == 0xA || code_point == 0xD ||
         (code_point >= 0x20 && code_point <= 0xD7FF) ||
         (code_point >= 0xE000 && code_point <= 0xFFFD) ||
         (code_point >= 0x10000 && code_point <= 0x10FFFF);
}

}  // namespace

std::string XmlEscape(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  size_t position = 0;
  while (position < text.size()) {
    uint32_t code_point = 0;
    size_t length = DecodeUtf8(text, position, &code_point);
    if (length == 0) {
      AppendUtf8(&escaped, 0xFFFD);
      ++position;
      continue;
    }
    position += length;
    switch (code_point) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&apos;";
        break;
      case '\r':
        // A raw CR would be normalized away by XML parsers.
        escaped += "&#13;";
        break;
      default:
        AppendUtf8(&escaped, IsXmlCharacter(code_point) ? code_point : 0xFFFD);
    }
  }
  return escaped;
}

}  // namespace mimic
