#include "script/js_bindings.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <new>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <js/Array.h>
#include <js/CallArgs.h>
#include <js/Conversions.h>
#include <js/PropertyAndElement.h>
#include <js/PropertySpec.h>

#include "script/js_convert.h"
#include "common/strings.h"
#include "script/script_fetch.h"
#include "script/soapui_xpath.h"

namespace mimic::script {
namespace {

using NamedValues = std::vector<std::pair<std::string, std::string>>;

// ttl arguments above ten years are clamped to it, so that converting them to
// std::chrono::seconds cannot overflow.
constexpr double kMaxTtlSeconds = 10.0 * 365 * 24 * 3600;

using NativeImpl = bool (*)(JSContext* cx, const JS::CallArgs& args);

// Adapts a native to the JSNative signature. C++ exceptions must not unwind through
// SpiderMonkey frames, so they become JS errors here.
template <NativeImpl kImpl>
bool Native(JSContext* cx, unsigned argc, JS::Value* vp) {
  JS::CallArgs args = JS::CallArgsFromVp(argc, vp);
  try {
    return kImpl(cx, args);
  } catch (const std::bad_alloc&) {
    JS_ReportOutOfMemory(cx);
  } catch (const std::exception& error) {
    JS_ReportErrorUTF8(cx, "%s", error.what());
  }
  return false;
}

RunBindings* RequireBindings(JSContext* cx) {
  RunBindings* bindings = CurrentRunBindings(cx);
  if (!bindings) {
    JS_ReportErrorASCII(cx,
                        "mockRequest, store, requestContext and log are available only "
                        "while a dispatch script runs");
  }
  return bindings;
}

bool ArgumentToUtf8(JSContext* cx, JS::HandleValue value, std::string* out) {
  JS::RootedString string(cx, JS::ToString(cx, value));
  return string && StringToUtf8(cx, string, out);
}

bool DefineStringProperty(JSContext* cx, JS::HandleObject object, const char* name,
                          std::string_view value) {
  JS::RootedValue js_value(cx);
  return NewStringValue(cx, value, &js_value) &&
         JS_DefineProperty(cx, object, name, js_value, JSPROP_ENUMERATE);
}

// Defines `name` with define semantics, so that names such as "__proto__" become own
// properties instead of reaching the prototype.
bool DefineUtf8Property(JSContext* cx, JS::HandleObject object, std::string_view name,
                        JS::HandleValue value) {
  JS::RootedString key(cx, NewStringFromUtf8(cx, name));
  if (!key) return false;
  JS::RootedId id(cx);
  return JS_StringToId(cx, key, &id) &&
         JS_DefinePropertyById(cx, object, id, value, JSPROP_ENUMERATE);
}

JSObject* NewStringArray(JSContext* cx, const std::vector<std::string_view>& values) {
  JS::RootedValueVector elements(cx);
  JS::RootedValue element(cx);
  for (std::string_view value : values) {
    if (!NewStringValue(cx, value, &element) || !elements.append(element)) return nullptr;
  }
  return JS::NewArrayObject(cx, elements);
}

// Builds { name: [values...] }. With ignore_case, names that differ only in case share
// one entry spelled as the first of them, as HTTP header names do.
JSObject* NewMultiValueObject(JSContext* cx, const NamedValues& pairs, bool ignore_case) {
  std::vector<std::pair<std::string_view, std::vector<std::string_view>>> groups;
  std::unordered_map<std::string, size_t> group_by_name;
  for (const auto& [name, value] : pairs) {
    auto [found, inserted] =
        group_by_name.try_emplace(ignore_case ? ToLower(name) : name, groups.size());
    if (inserted) groups.emplace_back(name, std::vector<std::string_view>{});
    groups[found->second].second.push_back(value);
  }

  JS::RootedObject object(cx, JS_NewPlainObject(cx));
  if (!object) return nullptr;
  JS::RootedValue values(cx);
  for (const auto& [name, group_values] : groups) {
    JSObject* array = NewStringArray(cx, group_values);
    if (!array) return nullptr;
    values.setObject(*array);
    if (!DefineUtf8Property(cx, object, name, values)) return nullptr;
  }
  return object;
}

// --- mockRequest ---

bool RequestContent(JSContext* cx, const JS::CallArgs& args) {
  RunBindings* bindings = RequireBindings(cx);
  return bindings && NewStringValue(cx, bindings->request->body, args.rval());
}

bool GetRequestHeader(JSContext* cx, const JS::CallArgs& args) {
  RunBindings* bindings = RequireBindings(cx);
  if (!bindings || !args.requireAtLeast(cx, "mockRequest.getRequestHeader", 1)) return false;
  std::string name;
  if (!ArgumentToUtf8(cx, args[0], &name)) return false;

  std::vector<std::string_view> values;
  for (const auto& [header, value] : bindings->request->headers) {
    if (EqualsIgnoreCase(header, name)) values.push_back(value);
  }
  JSObject* array = NewStringArray(cx, values);
  if (!array) return false;
  args.rval().setObject(*array);
  return true;
}

bool GetRequestHeaders(JSContext* cx, const JS::CallArgs& args) {
  RunBindings* bindings = RequireBindings(cx);
  if (!bindings) return false;
  JSObject* headers = NewMultiValueObject(cx, bindings->request->headers, true);
  if (!headers) return false;
  args.rval().setObject(*headers);
  return true;
}

bool GetRequest(JSContext* cx, const JS::CallArgs& args) {
  RunBindings* bindings = RequireBindings(cx);
  if (!bindings) return false;
  const ScriptRequest& request = *bindings->request;

  JS::RootedObject object(cx, JS_NewPlainObject(cx));
  if (!object || !DefineStringProperty(cx, object, "method", request.method) ||
      !DefineStringProperty(cx, object, "requestURI", request.request_uri) ||
      !DefineStringProperty(cx, object, "queryString", request.query_string)) {
    return false;
  }
  JS::RootedObject headers(cx, NewMultiValueObject(cx, request.headers, true));
  JS::RootedObject parameters(cx, NewMultiValueObject(cx, request.query_params, false));
  if (!headers || !parameters ||
      !JS_DefineProperty(cx, object, "headers", headers, JSPROP_ENUMERATE) ||
      !JS_DefineProperty(cx, object, "parameters", parameters, JSPROP_ENUMERATE)) {
    return false;
  }
  args.rval().setObject(*object);
  return true;
}

bool GetUriParameter(JSContext* cx, const JS::CallArgs& args) {
  RunBindings* bindings = RequireBindings(cx);
  if (!bindings || !args.requireAtLeast(cx, "mockRequest.getURIParameter", 1)) return false;
  std::string name;
  if (!ArgumentToUtf8(cx, args[0], &name)) return false;
  for (const auto& [parameter, value] : bindings->request->uri_params) {
    if (parameter == name) return NewStringValue(cx, value, args.rval());
  }
  args.rval().setNull();
  return true;
}

bool GetUriParameters(JSContext* cx, const JS::CallArgs& args) {
  RunBindings* bindings = RequireBindings(cx);
  if (!bindings) return false;
  JS::RootedObject object(cx, JS_NewPlainObject(cx));
  if (!object) return false;
  JS::RootedValue value(cx);
  for (const auto& [name, text] : bindings->request->uri_params) {
    if (!NewStringValue(cx, text, &value) || !DefineUtf8Property(cx, object, name, value)) {
      return false;
    }
  }
  args.rval().setObject(*object);
  return true;
}

// --- store ---

bool StoreGet(JSContext* cx, const JS::CallArgs& args) {
  RunBindings* bindings = RequireBindings(cx);
  if (!bindings || !args.requireAtLeast(cx, "store.get", 1)) return false;
  std::string key;
  if (!ArgumentToUtf8(cx, args[0], &key)) return false;
  std::optional<std::string> value = bindings->store->Get(key);
  if (!value) {
    args.rval().setNull();
    return true;
  }
  return NewStringValue(cx, *value, args.rval());
}

bool PutInStore(JSContext* cx, const JS::CallArgs& args, const char* function_name,
                std::chrono::seconds ttl) {
  RunBindings* bindings = RequireBindings(cx);
  if (!bindings) return false;
  std::string key;
  std::string value;
  if (!ArgumentToUtf8(cx, args[0], &key) || !ArgumentToUtf8(cx, args[1], &value)) return false;
  size_t entry_bytes = key.size() + value.size();
  if (!bindings->store->Put(std::move(key), std::move(value), ttl)) {
    JS_ReportErrorUTF8(
        cx, "%s: the key and value take %zu bytes, more than the store's limit of %zu bytes",
        function_name, entry_bytes, bindings->store->options().max_bytes);
    return false;
  }
  args.rval().setUndefined();
  return true;
}

bool StorePut(JSContext* cx, const JS::CallArgs& args) {
  return args.requireAtLeast(cx, "store.put", 2) &&
         PutInStore(cx, args, "store.put", ScriptStore::kDefaultTtl);
}

bool StorePutWithTtl(JSContext* cx, const JS::CallArgs& args) {
  if (!args.requireAtLeast(cx, "store.putWithTtl", 3)) return false;
  double seconds = 0;
  if (!JS::ToNumber(cx, args[2], &seconds)) return false;
  if (!(seconds > 0)) {
    JS_ReportErrorUTF8(cx, "store.putWithTtl: ttl must be a positive number of seconds, got %g",
                       seconds);
    return false;
  }
  // Rounding up keeps a fractional ttl such as 0.5 from expiring at once.
  auto ttl =
      std::chrono::seconds(static_cast<int64_t>(std::ceil(std::min(seconds, kMaxTtlSeconds))));
  return PutInStore(cx, args, "store.putWithTtl", ttl);
}

bool StoreDelete(JSContext* cx, const JS::CallArgs& args) {
  RunBindings* bindings = RequireBindings(cx);
  if (!bindings || !args.requireAtLeast(cx, "store.delete", 1)) return false;
  std::string key;
  if (!ArgumentToUtf8(cx, args[0], &key)) return false;
  bindings->store->Delete(key);
  args.rval().setUndefined();
  return true;
}

// --- requestContext ---

bool RequestContextGetter(JSContext* cx, const JS::CallArgs& args) {
  RunBindings* bindings = RequireBindings(cx);
  if (!bindings) return false;
  args.rval().setObject(*bindings->request_context->get());
  return true;
}

// get and set act on the run's requestContext object whatever `this` is, so that
// `const { set } = requestContext` still works.
bool RequestContextGet(JSContext* cx, const JS::CallArgs& args) {
  RunBindings* bindings = RequireBindings(cx);
  if (!bindings || !args.requireAtLeast(cx, "requestContext.get", 1)) return false;
  JS::RootedId id(cx);
  if (!JS_ValueToId(cx, args[0], &id)) return false;
  JS::HandleObject context = *bindings->request_context;
  bool found = false;
  if (!JS_HasOwnPropertyById(cx, context, id, &found)) return false;
  if (!found) {
    args.rval().setNull();
    return true;
  }
  return JS_GetPropertyById(cx, context, id, args.rval());
}

bool RequestContextSet(JSContext* cx, const JS::CallArgs& args) {
  RunBindings* bindings = RequireBindings(cx);
  if (!bindings || !args.requireAtLeast(cx, "requestContext.set", 2)) return false;
  JS::RootedId id(cx);
  if (!JS_ValueToId(cx, args[0], &id)) return false;
  if (!JS_SetPropertyById(cx, *bindings->request_context, id, args[1])) return false;
  args.rval().setUndefined();
  return true;
}

// --- log ---

// Joins the arguments into one line. A "{}" in a leading string argument takes the next
// argument, as in SLF4J, which Microcks scripts log through. Other arguments follow,
// separated by spaces. Sets `too_long` and stops early when the line would exceed
// max_bytes, so that a huge argument is never copied.
bool FormatLogLine(JSContext* cx, const JS::CallArgs& args, size_t max_bytes, std::string* line,
                   bool* too_long) {
  JS::RootedString text(cx);
  std::string part;
  unsigned next = 0;

  auto argument_text = [&](unsigned index, std::string* out) {
    size_t length = 0;
    if (!ValueToText(cx, args[index], false, &text) || !Utf8Length(cx, text, &length)) {
      return false;
    }
    if (line->size() + length > max_bytes) {
      *too_long = true;
      return true;
    }
    return StringToUtf8(cx, text, out);
  };

  if (args.length() > 0 && args[0].isString()) {
    std::string pattern;
    if (!argument_text(0, &pattern)) return false;
    if (*too_long) return true;
    next = 1;
    size_t start = 0;
    for (size_t marker = pattern.find("{}"); marker != std::string::npos && next < args.length();
         marker = pattern.find("{}", start)) {
      line->append(pattern, start, marker - start);
      if (!argument_text(next++, &part)) return false;
      if (*too_long) return true;
      line->append(part);
      start = marker + 2;
    }
    line->append(pattern, start, std::string::npos);
  }
  for (; next < args.length(); ++next) {
    if (!line->empty()) line->push_back(' ');
    if (!argument_text(next, &part)) return false;
    if (*too_long) return true;
    line->append(part);
  }
  return true;
}

template <const char* kPrefix>
bool Log(JSContext* cx, const JS::CallArgs& args) {
  RunBindings* bindings = RequireBindings(cx);
  if (!bindings) return false;
  std::string line = kPrefix;
  size_t budget = bindings->max_log_bytes - std::min(bindings->log_bytes, bindings->max_log_bytes);
  bool too_long = false;
  if (!FormatLogLine(cx, args, budget, &line, &too_long)) return false;
  if (too_long || line.size() > budget) {
    ++bindings->dropped_log_lines;
  } else {
    bindings->log_bytes += line.size();
    bindings->logs.push_back(std::move(line));
  }
  args.rval().setUndefined();
  return true;
}

constexpr char kInfoPrefix[] = "INFO: ";
constexpr char kDebugPrefix[] = "DEBUG: ";
constexpr char kWarnPrefix[] = "WARN: ";
constexpr char kErrorPrefix[] = "ERROR: ";

const JSFunctionSpec kMockRequestFunctions[] = {
    JS_FN("requestContent", Native<RequestContent>, 0, JSPROP_ENUMERATE),
    JS_FN("getRequestContent", Native<RequestContent>, 0, JSPROP_ENUMERATE),
    JS_FN("getRequestHeader", Native<GetRequestHeader>, 1, JSPROP_ENUMERATE),
    JS_FN("getRequestHeaders", Native<GetRequestHeaders>, 0, JSPROP_ENUMERATE),
    JS_FN("getRequest", Native<GetRequest>, 0, JSPROP_ENUMERATE),
    JS_FN("getURIParameter", Native<GetUriParameter>, 1, JSPROP_ENUMERATE),
    JS_FN("getURIParameters", Native<GetUriParameters>, 0, JSPROP_ENUMERATE),
    JS_FS_END,
};

const JSFunctionSpec kStoreFunctions[] = {
    JS_FN("get", Native<StoreGet>, 1, JSPROP_ENUMERATE),
    JS_FN("put", Native<StorePut>, 2, JSPROP_ENUMERATE),
    JS_FN("putWithTtl", Native<StorePutWithTtl>, 3, JSPROP_ENUMERATE),
    JS_FN("delete", Native<StoreDelete>, 1, JSPROP_ENUMERATE),
    JS_FS_END,
};

// Not enumerable, so that the methods never show up among the context entries.
const JSFunctionSpec kRequestContextFunctions[] = {
    JS_FN("get", Native<RequestContextGet>, 1, 0),
    JS_FN("set", Native<RequestContextSet>, 2, 0),
    JS_FS_END,
};

const JSFunctionSpec kLogFunctions[] = {
    JS_FN("info", Native<Log<kInfoPrefix>>, 1, JSPROP_ENUMERATE),
    JS_FN("debug", Native<Log<kDebugPrefix>>, 1, JSPROP_ENUMERATE),
    JS_FN("warn", Native<Log<kWarnPrefix>>, 1, JSPROP_ENUMERATE),
    JS_FN("error", Native<Log<kErrorPrefix>>, 1, JSPROP_ENUMERATE),
    JS_FS_END,
};

// __mimicXPath(xml, xpath): the string value of a SoapUI-style XPath on an XML text,
// used by Groovy scripts translated from XmlHolder reads.
bool MimicXPath(JSContext* cx, const JS::CallArgs& args) {
  if (!args.requireAtLeast(cx, "__mimicXPath", 2)) return false;
  std::string xml;
  std::string xpath;
  if (!ArgumentToUtf8(cx, args[0], &xml) || !ArgumentToUtf8(cx, args[1], &xpath)) return false;
  std::string value = EvaluateSoapUiXPath(xml, xpath);
  if (StartsWith(value, "error: ")) {
    JS_ReportErrorUTF8(cx, "XPath '%s' failed: %s", xpath.c_str(), value.c_str() + 7);
    return false;
  }
  return NewStringValue(cx, value, args.rval());
}

// fetch(url[, method[, body[, headers]]]) or fetch(url, {method, body, headers}): a
// synchronous HTTP call through the server's fetcher, returning {status, body}.
bool Fetch(JSContext* cx, const JS::CallArgs& args) {
  if (!args.requireAtLeast(cx, "fetch", 1)) return false;
  FetchRequest request;
  if (!ArgumentToUtf8(cx, args[0], &request.url)) return false;
  JS::RootedValue headers_value(cx);
  if (args.length() > 1 && args[1].isObject()) {
    JS::RootedObject options(cx, &args[1].toObject());
    JS::RootedValue value(cx);
    if (!JS_GetProperty(cx, options, "method", &value)) return false;
    if (!value.isNullOrUndefined() && !ArgumentToUtf8(cx, value, &request.method)) return false;
    if (!JS_GetProperty(cx, options, "body", &value)) return false;
    if (!value.isNullOrUndefined() && !ArgumentToUtf8(cx, value, &request.body)) return false;
    if (!JS_GetProperty(cx, options, "headers", &headers_value)) return false;
  } else {
    if (args.length() > 1 && !args[1].isNullOrUndefined() &&
        !ArgumentToUtf8(cx, args[1], &request.method)) {
      return false;
    }
    if (args.length() > 2 && !args[2].isNullOrUndefined() &&
        !ArgumentToUtf8(cx, args[2], &request.body)) {
      return false;
    }
    if (args.length() > 3) headers_value = args[3];
  }
  if (headers_value.isObject()) {
    JS::RootedObject headers(cx, &headers_value.toObject());
    JS::Rooted<JS::IdVector> ids(cx, JS::IdVector(cx));
    if (!JS_Enumerate(cx, headers, &ids)) return false;
    for (size_t i = 0; i < ids.length(); ++i) {
      JS::RootedId id(cx, ids[i]);
      JS::RootedValue key(cx);
      JS::RootedValue value(cx);
      std::string name;
      std::string text;
      if (!JS_IdToValue(cx, id, &key) || !JS_GetPropertyById(cx, headers, id, &value) ||
          !ArgumentToUtf8(cx, key, &name) || !ArgumentToUtf8(cx, value, &text)) {
        return false;
      }
      request.headers.emplace_back(std::move(name), std::move(text));
    }
  }
  FetchResponse response;
  if (!RunScriptFetch(request, &response)) {
    JS_ReportErrorUTF8(cx, "fetch is not available in this process");
    return false;
  }
  JS::RootedObject result(cx, JS_NewPlainObject(cx));
  JS::RootedValue body(cx);
  if (!result || !NewStringValue(cx, response.body, &body) ||
      !JS_DefineProperty(cx, result, "status", response.status, JSPROP_ENUMERATE) ||
      !JS_DefineProperty(cx, result, "body", body, JSPROP_ENUMERATE)) {
    return false;
  }
  args.rval().setObject(*result);
  return true;
}

bool DefineNamespace(JSContext* cx, JS::HandleObject global, const char* name,
                     const JSFunctionSpec* functions) {
  JS::RootedObject object(cx, JS_NewPlainObject(cx));
  return object && JS_DefineFunctions(cx, object, functions) &&
         JS_DefineProperty(cx, global, name, object, 0);
}

}  // namespace

bool DefineScriptGlobals(JSContext* cx, JS::HandleObject global,
                         JS::MutableHandleObject context_prototype) {
  if (!DefineNamespace(cx, global, "mockRequest", kMockRequestFunctions) ||
      !DefineNamespace(cx, global, "store", kStoreFunctions) ||
      !DefineNamespace(cx, global, "log", kLogFunctions)) {
    return false;
  }
  if (!JS_DefineFunction(cx, global, "__mimicXPath", Native<MimicXPath>, 2, 0)) return false;
  // The server's fetcher applies its outbound address policy, so scripts reach only
  // allowed hosts.
  if (!JS_DefineFunction(cx, global, "fetch", Native<Fetch>, 4, 0)) return false;

  context_prototype.set(JS_NewPlainObject(cx));
  if (!context_prototype || !JS_DefineFunctions(cx, context_prototype, kRequestContextFunctions)) {
    return false;
  }
  // An accessor, because every run gets a new object while the global stays the same.
  return JS_DefineProperty(cx, global, "requestContext", Native<RequestContextGetter>, nullptr, 0);
}

}  // namespace mimic::script
