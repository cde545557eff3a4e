#include "script/js_convert.h"

#include <cstdint>
#include <new>

#include <js/CharacterEncoding.h>
#include <js/Conversions.h>
#include <js/JSON.h>
#include <js/String.h>

namespace mimic::script {
namespace {

constexpr char16_t kReplacementCharacter = 0xFFFD;

bool IsContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

struct Utf8Sequence {
  size_t length = 1;  // bytes consumed, at least 1
  uint32_t code_point = 0;
  bool valid = false;
};

// Reads the sequence at `offset`. An invalid sequence consumes its maximal valid prefix,
// as the WHATWG Encoding Standard specifies, so one U+FFFD replaces it.
Utf8Sequence ReadUtf8Sequence(std::string_view utf8, size_t offset) {
  Utf8Sequence sequence;
  unsigned char lead = static_cast<unsigned char>(utf8[offset]);
  if (lead < 0x80) {
    sequence.code_point = lead;
    sequence.valid = true;
    return sequence;
  }
  size_t needed = 0;
  // The allowed range of the second byte excludes overlong forms and surrogates.
  unsigned char lower = 0x80;
  unsigned char upper = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    needed = 1;
    sequence.code_point = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    needed = 2;
    sequence.code_point = lead & 0x0F;
    if (lead == 0xE0) lower = 0xA0;
    if (lead == 0xED) upper = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    needed = 3;
    sequence.code_point = lead & 0x07;
    if (lead == 0xF0) lower = 0x90;
    if (lead == 0xF4) upper = 0x8F;
  } else {
    return sequence;
  }

  for (size_t k = 0; k < needed; ++k) {
    if (offset + sequence.length >= utf8.size()) return sequence;
    unsigned char byte = static_cast<unsigned char>(utf8[offset + sequence.length]);
    bool in_range = k == 0 ? (byte >= lower && byte <= upper) : IsContinuation(byte);
    if (!in_range) return sequence;
    sequence.code_point = (sequence.code_point << 6) | (byte & 0x3F);
    ++sequence.length;
  }
  sequence.valid = true;
  return sequence;
}

std::u16string DecodeUtf8Lossy(std::string_view utf8) {
  std::u16string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) {
    Utf8Sequence sequence = ReadUtf8Sequence(utf8, i);
    i += sequence.length;
    if (!sequence.valid) {
      out.push_back(kReplacementCharacter);
    } else if (sequence.code_point >= 0x10000) {
      uint32_t offset = sequence.code_point - 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (offset >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (offset & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(sequence.code_point));
    }
  }
  return out;
}

bool AppendJsonChunk(const char16_t* chunk, uint32_t length, void* data) {
  try {
    static_cast<std::u16string*>(data)->append(chunk, length);
    return true;
  } catch (const std::bad_alloc&) {
    return false;
  }
}

}  // namespace

size_t FindInvalidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    Utf8Sequence sequence = ReadUtf8Sequence(text, i);
    if (!sequence.valid) return i;
    i += sequence.length;
  }
  return std::string_view::npos;
}

JSString* NewStringFromUtf8(JSContext* cx, std::string_view utf8) {
  if (JS::StringIsASCII(mozilla::Span<const char>(utf8.data(), utf8.size()))) {
    return JS_NewStringCopyN(cx, utf8.data(), utf8.size());
  }
  std::u16string decoded = DecodeUtf8Lossy(utf8);
  return JS_NewUCStringCopyN(cx, decoded.data(), decoded.size());
}

bool NewStringValue(JSContext* cx, std::string_view utf8, JS::MutableHandleValue out) {
  JSString* string = NewStringFromUtf8(cx, utf8);
  if (!string) return false;
  out.setString(string);
  return true;
}

bool StringToUtf8(JSContext* cx, JS::HandleString string, std::string* out) {
  JSLinearString* linear = JS_EnsureLinearString(cx, string);
  if (!linear) return false;
  out->resize(JS::GetDeflatedUTF8StringLength(linear));
  size_t written =
      JS::DeflateStringToUTF8Buffer(linear, mozilla::Span<char>(out->data(), out->size()));
  out->resize(written);
  return true;
}

bool Utf8Length(JSContext* cx, JS::HandleString string, size_t* length) {
  JSLinearString* linear = JS_EnsureLinearString(cx, string);
  if (!linear) return false;
  *length = JS::GetDeflatedUTF8StringLength(linear);
  return true;
}

bool ValueToText(JSContext* cx, JS::HandleValue value, bool nullish_as_empty,
                 JS::MutableHandleString out) {
  if (value.isString()) {
    out.set(value.toString());
    return true;
  }
  if (value.isNullOrUndefined() && nullish_as_empty) {
    out.set(JS_GetEmptyString(cx));
    return true;
  }
  if (value.isObject()) {
    JS::RootedValue copy(cx, value);
    std::u16string json;
    if (!JS_Stringify(cx, &copy, nullptr, JS::NullHandleValue, AppendJsonChunk, &json)) {
      return false;
    }
    // JSON.stringify writes nothing for functions and for objects whose toJSON returns
    // undefined. ToString then gives the familiar text, such as a function's source.
    if (!json.empty()) {
      JSString* string = JS_NewUCStringCopyN(cx, json.data(), json.size());
      if (!string) return false;
      out.set(string);
      return true;
    }
  }
  JSString* string = JS::ToString(cx, value);
  if (!string) return false;
  out.set(string);
  return true;
}

}  // namespace mimic::script
