#include "groovy/groovy_runtime.h"

#include <initializer_list>
#include <iterator>

namespace mimic::groovy {
namespace {

struct HelperDefinition {
  Helper helper;
  std::string_view name;
  std::initializer_list<Helper> dependencies;
  std::string_view code;
};

// The helpers treat undefined like null, because a missing JSON property or context
// entry reads as undefined in JavaScript and as null in Groovy. Errors that Groovy
// raises (NullPointerException, NumberFormatException, ...) become thrown JavaScript
// errors, so the dispatcher fails the same way.
constexpr HelperDefinition kHelpers[] = {
    {Helper::kTruth, "__g_truth", {}, R"(function __g_truth(v) {
  if (v === null || v === undefined) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string" || Array.isArray(v)) return v.length > 0;
  if (typeof v === "object" && !(v instanceof Error) && !(v instanceof RegExp)) {
    return Object.keys(v).length > 0;
  }
  return true;
})"},
    {Helper::kStr, "__g_str", {}, R"(function __g_str(v) {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return "[" + v.map(__g_str).join(", ") + "]";
  if (v instanceof RegExp) return v.source;
  if (v instanceof Error) return String(v);
  if (typeof v === "object") {
    const keys = Object.keys(v);
    if (keys.length === 0) return "[:]";
    return "[" + keys.map((k) => k + ":" + __g_str(v[k])).join(", ") + "]";
  }
  return String(v);
})"},
    {Helper::kEq, "__g_eq", {}, R"(function __g_eq(a, b) {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) return aNull && bNull;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length &&
        a.every((x, i) => __g_eq(x, b[i]));
  }
  if (typeof a === "object" && typeof b === "object" && a.constructor === Object &&
      b.constructor === Object) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length &&
        keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && __g_eq(a[k], b[k]));
  }
  return a === b;
})"},
    {Helper::kPlus, "__g_plus", {Helper::kStr}, R"(function __g_plus(a, b) {
  if (typeof a === "string") return a + __g_str(b);
  if (Array.isArray(a)) return a.concat(Array.isArray(b) ? b : [b]);
  if (typeof a === "number" && typeof b === "number") return a + b;
  if (typeof b === "string" && (typeof a === "number" || a === null || a === undefined)) {
    return __g_str(a) + b;
  }
  if (a !== null && typeof a === "object" && b !== null && typeof b === "object" &&
      !Array.isArray(b)) {
    return Object.assign({}, a, b);
  }
  throw new TypeError("Cannot add " + __g_str(b) + " to " + __g_str(a));
})"},
    {Helper::kMinus, "__g_minus", {Helper::kStr, Helper::kEq}, R"(function __g_minus(a, b) {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string") {
    const s = __g_str(b);
    const i = a.indexOf(s);
    return i < 0 ? a : a.slice(0, i) + a.slice(i + s.length);
  }
  if (Array.isArray(a)) {
    const removed = Array.isArray(b) ? b : [b];
    return a.filter((x) => !removed.some((y) => __g_eq(x, y)));
  }
  throw new TypeError("Cannot subtract " + __g_str(b) + " from " + __g_str(a));
})"},
    {Helper::kTimes, "__g_times", {Helper::kStr}, R"(function __g_times(a, b) {
  if (typeof a === "number" && typeof b === "number") return a * b;
  if (typeof a === "string" && typeof b === "number") return a.repeat(Math.trunc(b));
  if (Array.isArray(a) && typeof b === "number") {
    let out = [];
    for (let i = 0; i < Math.trunc(b); i++) out = out.concat(a);
    return out;
  }
  throw new TypeError("Cannot multiply " + __g_str(a) + " by " + __g_str(b));
})"},
    {Helper::kSize, "__g_size", {}, R"(function __g_size(v) {
  if (typeof v === "string" || Array.isArray(v)) return v.length;
  if (v !== null && typeof v === "object") return Object.keys(v).length;
  throw new TypeError("Cannot call size() on " + String(v));
})"},
    {Helper::kIsEmpty, "__g_isEmpty", {Helper::kSize}, R"(function __g_isEmpty(v) {
  return __g_size(v) === 0;
})"},
    {Helper::kContains,
     "__g_contains",
     {Helper::kStr, Helper::kEq},
     R"(function __g_contains(c, x) {
  if (typeof c === "string") return c.includes(__g_str(x));
  if (Array.isArray(c)) return c.some((e) => __g_eq(e, x));
  throw new TypeError("Cannot call contains() on " + __g_str(c));
})"},
    {Helper::kIsCase,
     "__g_isCase",
     {Helper::kStr, Helper::kEq, Helper::kTruth},
     R"(function __g_isCase(c, x) {
  if (Array.isArray(c)) return c.some((e) => __g_eq(e, x));
  if (x === null || x === undefined) return c === null || c === undefined;
  if (typeof c === "string") return c === __g_str(x);
  if (c instanceof RegExp) return new RegExp("^(?:" + c.source + ")$", c.flags).test(__g_str(x));
  if (c !== null && typeof c === "object") {
    return __g_truth(Object.prototype.hasOwnProperty.call(c, x) ? c[x] : null);
  }
  return __g_eq(c, x);
})"},
    {Helper::kCaseString, "__g_caseString", {Helper::kStr}, R"(function __g_caseString(v) {
  return v === null || v === undefined ? null : __g_str(v);
})"},
    {Helper::kProp, "__g_prop", {}, R"(function __g_prop(o, name, safe) {
  if (o === null || o === undefined) {
    if (safe) return null;
    throw new TypeError("Cannot get property '" + name + "' on null object");
  }
  if (Array.isArray(o)) {
    if (name === "empty") return o.length === 0;
    return o.map((e) => (e === null || e === undefined ? null : __g_prop(e, name)));
  }
  if (typeof o === "object") return Object.prototype.hasOwnProperty.call(o, name) ? o[name] : null;
  if (typeof o === "string" && name === "empty") return o.length === 0;
  throw new TypeError("No such property: " + name + " for " + typeof o);
})"},
    {Helper::kIndex, "__g_index", {Helper::kProp}, R"(function __g_index(o, k, safe) {
  if (o === null || o === undefined) {
    if (safe) return null;
    throw new TypeError("Cannot get [" + k + "] on null object");
  }
  if ((Array.isArray(o) || typeof o === "string") && typeof k === "number") {
    const i = k < 0 ? o.length + k : k;
    if (typeof o === "string") {
      if (i < 0 || i >= o.length) throw new RangeError("String index out of range: " + k);
      return o[i];
    }
    return i >= 0 && i < o.length ? o[i] : null;
  }
  if (Array.isArray(o)) return __g_prop(o, k);
  if (typeof o === "object") return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : null;
  throw new TypeError("Cannot get [" + k + "] on " + typeof o);
})"},
    {Helper::kPutAt, "__g_putAt", {}, R"(function __g_putAt(o, k, v) {
  if (Array.isArray(o) && typeof k === "number") {
    const i = k < 0 ? o.length + k : k;
    if (i < 0) throw new RangeError("Negative list index " + k + " is out of range");
    while (o.length < i) o.push(null);
    o[i] = v;
    return v;
  }
  if (o !== null && typeof o === "object" && !Array.isArray(o)) {
    Object.defineProperty(o, String(k),
        { value: v, writable: true, enumerable: true, configurable: true });
    return v;
  }
  throw new TypeError("Cannot set [" + k + "] on " + String(o));
})"},
    {Helper::kGet, "__g_get", {}, R"(function __g_get(o, k) {
  if (Array.isArray(o)) {
    if (typeof k !== "number" || k < 0 || k >= o.length) {
      throw new RangeError("Index " + k + " out of bounds for length " + o.length);
    }
    return o[k];
  }
  if (o !== null && typeof o === "object") {
    return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : null;
  }
  throw new TypeError("Cannot call get() on " + String(o));
})"},
    {Helper::kPut, "__g_put", {Helper::kGet, Helper::kPutAt}, R"(function __g_put(o, k, v) {
  if (Array.isArray(o)) throw new TypeError("Cannot call put() on a list");
  const previous = __g_get(o, k);
  __g_putAt(o, k, v);
  return previous;
})"},
    {Helper::kHasKey, "__g_hasKey", {}, R"(function __g_hasKey(o, k) {
  if (o === null || o === undefined) throw new TypeError("Cannot call containsKey() on null");
  return Object.prototype.hasOwnProperty.call(o, k);
})"},
    {Helper::kContainsValue,
     "__g_containsValue",
     {Helper::kEq},
     R"(function __g_containsValue(o, v) {
  return Object.values(o).some((e) => __g_eq(e, v));
})"},
    {Helper::kGetOrDefault,
     "__g_getOrDefault",
     {Helper::kHasKey},
     R"(function __g_getOrDefault(o, k, d) {
  return __g_hasKey(o, k) ? o[k] : d;
})"},
    {Helper::kAdd, "__g_add", {}, R"(function __g_add(c, x) {
  if (!Array.isArray(c)) throw new TypeError("Cannot call add() on " + String(c));
  c.push(x);
  return true;
})"},
    {Helper::kFirst, "__g_first", {}, R"(function __g_first(c) {
  if (!Array.isArray(c)) throw new TypeError("Cannot call first() on " + String(c));
  if (c.length === 0) throw new RangeError("Cannot access first() element from an empty List");
  return c[0];
})"},
    {Helper::kLast, "__g_last", {}, R"(function __g_last(c) {
  if (!Array.isArray(c)) throw new TypeError("Cannot call last() on " + String(c));
  if (c.length === 0) throw new RangeError("Cannot access last() element from an empty List");
  return c[c.length - 1];
})"},
    {Helper::kJoin, "__g_join", {Helper::kStr}, R"(function __g_join(c, separator) {
  if (!Array.isArray(c)) throw new TypeError("Cannot call join() on " + __g_str(c));
  return c.map(__g_str).join(__g_str(separator));
})"},
    {Helper::kIndexOf, "__g_indexOf", {Helper::kStr, Helper::kEq}, R"(function __g_indexOf(c, x) {
  if (typeof c === "string") return c.indexOf(__g_str(x));
  if (Array.isArray(c)) return c.findIndex((e) => __g_eq(e, x));
  throw new TypeError("Cannot call indexOf() on " + __g_str(c));
})"},
    {Helper::kIter, "__g_iter", {}, R"(function __g_iter(v) {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v;
  if (typeof v === "string") return v.split("");
  if (typeof v === "object") return Object.keys(v).map((k) => ({ key: k, value: v[k] }));
  throw new TypeError("Cannot iterate over " + String(v));
})"},
    {Helper::kEach, "__g_each", {Helper::kIter}, R"(function __g_each(c, f) {
  for (const e of __g_iter(c)) f(e);
  return c;
})"},
    {Helper::kFind, "__g_find", {Helper::kIter, Helper::kTruth}, R"(function __g_find(c, f) {
  for (const e of __g_iter(c)) {
    if (__g_truth(f(e))) return e;
  }
  return null;
})"},
    {Helper::kFindAll,
     "__g_findAll",
     {Helper::kIter, Helper::kTruth},
     R"(function __g_findAll(c, f) {
  if (c !== null && typeof c === "object" && !Array.isArray(c)) {
    const out = {};
    for (const e of __g_iter(c)) {
      if (__g_truth(f(e))) {
        Object.defineProperty(out, e.key,
            { value: e.value, writable: true, enumerable: true, configurable: true });
      }
    }
    return out;
  }
  return __g_iter(c).filter((e) => __g_truth(f(e)));
})"},
    {Helper::kCollect, "__g_collect", {Helper::kIter}, R"(function __g_collect(c, f) {
  return __g_iter(c).map((e) => f(e));
})"},
    {Helper::kAny, "__g_any", {Helper::kIter, Helper::kTruth}, R"(function __g_any(c, f) {
  return __g_iter(c).some((e) => __g_truth(f(e)));
})"},
    {Helper::kEvery, "__g_every", {Helper::kIter, Helper::kTruth}, R"(function __g_every(c, f) {
  return __g_iter(c).every((e) => __g_truth(f(e)));
})"},
    {Helper::kRange, "__g_range", {}, R"(function __g_range(from, to, exclusive) {
  if (!Number.isInteger(from) || !Number.isInteger(to)) {
    throw new TypeError("Ranges need whole numbers, got " + from + " and " + to);
  }
  const step = from <= to ? 1 : -1;
  const end = exclusive ? to : to + step;
  const out = [];
  for (let i = from; i !== end; i += step) out.push(i);
  return out;
})"},
    {Helper::kSafe, "__g_safe", {}, R"(function __g_safe(v, f) {
  return v === null || v === undefined ? null : f(v);
})"},
    {Helper::kElvis, "__g_elvis", {Helper::kTruth}, R"(function __g_elvis(v, fallback) {
  return __g_truth(v) ? v : fallback();
})"},
    {Helper::kToInteger, "__g_toInteger", {Helper::kStr}, R"(function __g_toInteger(v, trim) {
  if (typeof v === "number") return Math.trunc(v);
  const text = trim ? __g_str(v).trim() : __g_str(v);
  if (!/^[+-]?\d+$/.test(text)) {
    throw new Error("NumberFormatException: For input string: \"" + text + "\"");
  }
  return Number(text);
})"},
    {Helper::kToNumber, "__g_toNumber", {Helper::kStr}, R"(function __g_toNumber(v) {
  if (typeof v === "number") return v;
  const text = __g_str(v).trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    throw new Error("NumberFormatException: For input string: \"" + text + "\"");
  }
  return Number(text);
})"},
    {Helper::kIsInteger, "__g_isInteger", {Helper::kStr}, R"(function __g_isInteger(v) {
  return /^[+-]?\d+$/.test(__g_str(v).trim());
})"},
    {Helper::kIsNumber, "__g_isNumber", {Helper::kStr}, R"(function __g_isNumber(v) {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(__g_str(v).trim());
})"},
    {Helper::kAsString, "__g_asString", {Helper::kStr}, R"(function __g_asString(v) {
  return v === null || v === undefined ? null : __g_str(v);
})"},
    {Helper::kAsInteger, "__g_asInteger", {Helper::kStr}, R"(function __g_asInteger(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Math.trunc(v);
  throw new TypeError("Cannot cast object '" + __g_str(v) + "' to an integer");
})"},
    {Helper::kAsNumber, "__g_asNumber", {Helper::kStr}, R"(function __g_asNumber(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return v;
  throw new TypeError("Cannot cast object '" + __g_str(v) + "' to a number");
})"},
    {Helper::kAsList, "__g_asList", {Helper::kStr}, R"(function __g_asList(v) {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v;
  throw new TypeError("Cannot cast object '" + __g_str(v) + "' to a List");
})"},
    {Helper::kAsMap, "__g_asMap", {Helper::kStr}, R"(function __g_asMap(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === "object" && !Array.isArray(v)) return v;
  throw new TypeError("Cannot cast object '" + __g_str(v) + "' to a Map");
})"},
    {Helper::kEqualsIgnoreCase,
     "__g_equalsIgnoreCase",
     {Helper::kStr},
     R"(function __g_equalsIgnoreCase(a, b) {
  if (a === null || a === undefined) throw new TypeError("Cannot call equalsIgnoreCase() on null");
  return b !== null && b !== undefined && a.toLowerCase() === __g_str(b).toLowerCase();
})"},
    {Helper::kReplace,
     "__g_replace",
     {Helper::kStr},
     R"(function __g_replace(s, target, replacement) {
  const text = __g_str(replacement);
  return s.replaceAll(__g_str(target), () => text);
})"},
    {Helper::kSplit, "__g_split", {}, R"(function __g_split(s, re) {
  if (re === undefined) {
    const trimmed = s.replace(/^[ \t\n\r\f]+|[ \t\n\r\f]+$/g, "");
    return trimmed === "" ? [] : trimmed.split(/[ \t\n\r\f]+/);
  }
  const parts = [];
  let index = 0;
  for (const m of s.matchAll(re)) {
    if (m.index === 0 && m[0].length === 0) continue;
    parts.push(s.slice(index, m.index));
    index = m.index + m[0].length;
  }
  if (index === 0 && parts.length === 0) return [s];
  parts.push(s.slice(index));
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return parts;
})"},
    {Helper::kTokenize, "__g_tokenize", {Helper::kStr}, R"(function __g_tokenize(s, delimiters) {
  const separators = delimiters === undefined ? " \t\n\r\f" : __g_str(delimiters);
  const out = [];
  let token = "";
  for (const c of s) {
    if (separators.includes(c)) {
      if (token !== "") out.push(token);
      token = "";
    } else {
      token += c;
    }
  }
  if (token !== "") out.push(token);
  return out;
})"},
    {Helper::kRegexFind, "__g_regexFind", {Helper::kStr}, R"(function __g_regexFind(s, re) {
  if (s === null || s === undefined) throw new TypeError("Cannot match a regular expression against null");
  return re.test(__g_str(s));
})"},
    {Helper::kRegexMatch, "__g_regexMatch", {Helper::kStr}, R"(function __g_regexMatch(s, re) {
  return s !== null && s !== undefined && re.test(__g_str(s));
})"},
    {Helper::kJavaReplacement,
     "__g_javaReplacement",
     {Helper::kStr},
     R"(function __g_javaReplacement(replacement) {
  const text = __g_str(replacement);
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") {
      i++;
      if (i >= text.length) throw new Error("character to be escaped is missing");
      out += text[i] === "$" ? "$$" : text[i];
    } else if (c === "$") {
      if (text[i + 1] === "{") {
        const end = text.indexOf("}", i);
        if (end < 0) throw new Error("named capturing group is missing trailing '}'");
        out += "$<" + text.slice(i + 2, end) + ">";
        i = end;
      } else if (/[0-9]/.test(text[i + 1] || "")) {
        let j = i + 1;
        while (j < text.length && /[0-9]/.test(text[j])) j++;
        const group = text.slice(i + 1, j);
        out += group === "0" ? "$&" : "$" + group;
        i = j - 1;
      } else {
        throw new Error("Illegal group reference in replacement \"" + text + "\"");
      }
    } else {
      out += c;
    }
  }
  return out;
})"},
    {Helper::kHeader, "__g_header", {Helper::kStr}, R"(function __g_header(headers, name) {
  const lowered = __g_str(name).toLowerCase();
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === lowered) return headers[key];
  }
  return null;
})"},
    {Helper::kHeaderGet,
     "__g_headerGet",
     {Helper::kHeader},
     R"(function __g_headerGet(headers, name, fallback) {
  const values = __g_header(headers, name);
  if (Array.isArray(fallback)) return values === null ? fallback : values;
  return values !== null && values.length > 0 ? values[0] : fallback;
})"},
    {Helper::kHasValues,
     "__g_hasValues",
     {Helper::kHeader},
     R"(function __g_hasValues(headers, name) {
  const values = __g_header(headers, name);
  return values !== null && values.length > 0;
})"},
    {Helper::kParameter, "__g_parameter", {}, R"(function __g_parameter(request, name) {
  const values = Object.prototype.hasOwnProperty.call(request.parameters, name)
      ? request.parameters[name] : null;
  return values !== null && values.length > 0 ? values[0] : null;
})"},
    {Helper::kParameterValues,
     "__g_parameterValues",
     {},
     R"(function __g_parameterValues(request, name) {
  return Object.prototype.hasOwnProperty.call(request.parameters, name)
      ? request.parameters[name] : null;
})"},
    {Helper::kXPath, "__g_xpath", {}, R"(function __g_xpath(holder, path) {
  let declarations = "";
  for (const prefix of Object.keys(holder.namespaces)) {
    declarations += "declare namespace " + prefix + "='" + holder.namespaces[prefix] + "'; ";
  }
  return __mimicXPath(holder.xml, declarations + path);
})"},
};

constexpr bool DefinitionsFollowEnumOrder() {
  for (size_t i = 0; i < std::size(kHelpers); ++i) {
    if (static_cast<size_t>(kHelpers[i].helper) != i) return false;
  }
  return std::size(kHelpers) == static_cast<size_t>(Helper::kCount);
}
static_assert(DefinitionsFollowEnumOrder(), "kHelpers needs one definition per Helper, in order");

const HelperDefinition& Definition(Helper helper) { return kHelpers[static_cast<size_t>(helper)]; }

}  // namespace

std::string_view HelperName(Helper helper) { return Definition(helper).name; }

void HelperSet::Add(Helper helper) {
  if (Contains(helper)) return;
  used_.set(static_cast<size_t>(helper));
  for (Helper dependency : Definition(helper).dependencies) Add(dependency);
}

std::string HelperSet::Render() const {
  std::string out;
  for (const HelperDefinition& definition : kHelpers) {
    if (!Contains(definition.helper)) continue;
    out += definition.code;
    out += "\n";
  }
  return out;
}

}  // namespace mimic::groovy
