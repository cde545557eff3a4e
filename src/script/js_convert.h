#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "script/js_engine.h"

namespace mimic::script {

// Conversions between UTF-8 std::string and SpiderMonkey values. Functions returning
// bool follow the JSAPI convention: false means an exception is pending on the context,
// or the run was terminated, and the caller must propagate the failure.

// Returns the offset of the first byte that does not start a valid UTF-8 sequence, or
// npos when the whole text is valid.
size_t FindInvalidUtf8(std::string_view text);

// Creates a JS string from UTF-8 bytes. Invalid sequences become U+FFFD, because
// request bodies and headers are untrusted bytes.
JSString* NewStringFromUtf8(JSContext* cx, std::string_view utf8);
bool NewStringValue(JSContext* cx, std::string_view utf8, JS::MutableHandleValue out);

// Encodes a JS string as UTF-8. Lone surrogates become U+FFFD.
bool StringToUtf8(JSContext* cx, JS::HandleString string, std::string* out);
// Computes the length in bytes that StringToUtf8 would produce, without encoding.
bool Utf8Length(JSContext* cx, JS::HandleString string, size_t* length);

// Converts a value to the text that a template variable or a log line shows: strings
// unchanged, objects and arrays as JSON (ToString when JSON.stringify yields nothing,
// as for functions), and other values with ToString. With `nullish_as_empty`, null and
// undefined become "" instead of "null" and "undefined".
bool ValueToText(JSContext* cx, JS::HandleValue value, bool nullish_as_empty,
                 JS::MutableHandleString out);

}  // namespace mimic::script
