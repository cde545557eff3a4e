// Translation of method calls, static calls, constructors and closures. See
// groovy_translator.h.
#include <utility>

#include "groovy/groovy_regex.h"
#include "groovy/groovy_translator.h"

namespace mimic::groovy {
namespace {

constexpr std::string_view kKnownPackages[] = {
    "java.lang.",   "java.util.",   "java.math.",
    "groovy.json.", "groovy.util.", "com.eviware.soapui.support.",
};

// "groovy.json.JsonOutput" becomes "JsonOutput". Classes of other packages keep their
// qualified name, which matches no class below.
std::string SimpleClassName(const std::string& name) {
  for (std::string_view package : kKnownPackages) {
    if (name.starts_with(package)) return name.substr(package.size());
  }
  return name;
}

JsExpr MakeExpr(std::string code, ValueKind kind, bool nonnull = false,
                int precedence = kPrecPrimary) {
  JsExpr result{std::move(code), precedence, kind};
  result.nonnull = nonnull;
  return result;
}

std::string JoinArguments(const std::vector<std::string>& arguments) {
  std::string out;
  for (size_t i = 0; i < arguments.size(); ++i) {
    if (i > 0) out += ", ";
    out += arguments[i];
  }
  return out;
}

}  // namespace

const Expr* Translator::ClosureArgument(const Expr& call) {
  if (call.items.empty() || call.items.back()->kind != ExprKind::kClosure) return nullptr;
  return call.items.back().get();
}

std::vector<JsExpr> Translator::Arguments(const Expr& call) {
  std::vector<JsExpr> arguments;
  size_t count = call.items.size() - (ClosureArgument(call) ? 1 : 0);
  for (size_t i = 0; i < count; ++i) arguments.push_back(EmitValue(*call.items[i]));
  return arguments;
}

bool Translator::CheckArity(const Expr& call, size_t minimum, size_t maximum) {
  size_t count = call.items.size() - (ClosureArgument(call) ? 1 : 0);
  if (count >= minimum && count <= maximum) return true;
  std::string expected = minimum == maximum
                             ? std::to_string(minimum)
                             : std::to_string(minimum) + " to " + std::to_string(maximum);
  Unsupported(call.offset,
              "calls to " + call.text + "() with " + std::to_string(count) + " arguments",
              "pass " + expected + (expected == "1" ? " argument" : " arguments"));
  return false;
}

bool Translator::RejectReservedMethod(const Expr& call) {
  const std::string& name = call.text;
  if (name == "execute") {
    Unsupported(call.offset, "execute() calls",
                "a dispatch script cannot run commands, so use a JS dispatcher");
  } else if (name == "with" || name == "tap") {
    Unsupported(call.offset, "'with' and 'tap' blocks", "call the methods on the object directly");
  } else if (name == "getClass" || name == "getMetaClass" || name == "invokeMethod" ||
             name == "getProperty" || name == "setProperty" || name == "respondsTo" ||
             name == "hasProperty" || name == "metaClass") {
    Unsupported(call.offset, "metaprogramming calls such as " + name + "()",
                "call the methods directly or use a JS dispatcher");
  } else {
    return false;
  }
  return true;
}

JsExpr Translator::EmitCall(const Expr& call) {
  if (RejectReservedMethod(call)) return Placeholder();
  if (!call.first) return EmitFunctionCall(call);
  if (std::optional<std::string> class_name = ClassName(*call.first)) {
    return EmitStaticCall(*class_name, call);
  }
  JsExpr holder;
  if (IsXmlHolderNamespaces(*call.first, &holder)) {
    if (call.text != "put") {
      Unsupported(call.offset, "XmlHolder namespace methods other than put",
                  "declare namespaces with holder.namespaces[\"ns\"] = \"uri\"");
      return Placeholder();
    }
    if (!CheckArity(call, 2, 2)) return Placeholder();
    uses_namespaces_ = true;
    std::vector<JsExpr> arguments = Arguments(call);
    return CallHelper(
        Helper::kPutAt,
        {Wrap(holder, kPrecPrimary) + ".namespaces", Str(arguments[0]), Str(arguments[1])},
        ValueKind::kString);
  }
  JsExpr receiver = Emit(*call.first);
  if (ClosureArgument(call) && IsReceiverOnly(receiver.kind)) {
    Unsupported(call.offset,
                "closures passed to methods of " + std::string(DescribeKind(receiver.kind)),
                "only each, find, findAll, collect, any and every take a closure");
    return Placeholder();
  }
  switch (receiver.kind) {
    case ValueKind::kMockRequest:
      return MockRequestCall(receiver, call);
    case ValueKind::kServletRequest:
      return ServletRequestCall(receiver, call);
    case ValueKind::kHeaders:
      return HeadersCall(receiver, call);
    case ValueKind::kRequestContext:
      return RequestContextCall(receiver, call);
    case ValueKind::kLog:
      return LogCall(receiver, call);
    case ValueKind::kStore:
      return StoreCall(receiver, call);
    case ValueKind::kJsonSlurper:
      return SlurperCall(call);
    case ValueKind::kXmlHolder:
      return HolderCall(receiver, call);
    case ValueKind::kConflict:
      return Placeholder();
    default:
      return ValueCall(receiver, call);
  }
}

JsExpr Translator::EmitFunctionCall(const Expr& call) {
  const std::string& name = call.text;
  if (Lookup(name)) {
    Unsupported(call.offset, "calls of closures stored in variables", "inline the closure's code");
    return Placeholder();
  }
  if (name == "println" || name == "print") {
    // Standard output has no reader in a mock server, so printing goes to the log.
    if (!CheckArity(call, 0, 1)) return Placeholder();
    std::vector<JsExpr> arguments = Arguments(call);
    return MakeExpr("log.info(" + (arguments.empty() ? "\"\"" : Str(arguments[0])) + ")",
                    ValueKind::kNull);
  }
  if (name == "evaluate") {
    Unsupported(call.offset, "evaluate() calls",
                "dynamic code cannot be translated, so use a JS dispatcher");
  } else if (name == "sleep") {
    Unsupported(call.offset, "sleep() calls", "use the operation's delay setting instead");
  } else {
    Unsupported(call.offset, "calls to functions such as " + name + "()",
                "a dispatch script cannot define methods, so inline the code");
  }
  return Placeholder();
}

JsExpr Translator::EmitStaticCall(const std::string& class_name, const Expr& call) {
  std::string simple = SimpleClassName(class_name);
  const std::string& name = call.text;
  if (ClosureArgument(call)) {
    Unsupported(call.offset, "closures passed to static methods",
                "only each, find, findAll, collect, any and every take a closure");
    return Placeholder();
  }
  auto arguments = [&](size_t minimum, size_t maximum, std::vector<std::string>* out) {
    if (!CheckArity(call, minimum, maximum)) return false;
    for (const JsExpr& argument : Arguments(call)) out->push_back(Wrap(argument, kPrecAssignment));
    return true;
  };

  std::vector<std::string> args;
  if (simple == "JsonOutput" && name == "toJson") {
    if (!arguments(1, 1, &args)) return Placeholder();
    return MakeExpr("JSON.stringify(" + args[0] + ")", ValueKind::kString, true);
  }
  if (simple == "JsonOutput" && name == "prettyPrint") {
    if (!arguments(1, 1, &args)) return Placeholder();
    // Groovy indents pretty-printed JSON by four spaces.
    return MakeExpr("JSON.stringify(JSON.parse(" + args[0] + "), null, 4)", ValueKind::kString,
                    true);
  }

  if ((simple == "Integer" || simple == "Long" || simple == "Short" || simple == "BigInteger") &&
      (name == "parseInt" || name == "parseLong" || name == "parseShort" || name == "valueOf")) {
    if (!arguments(1, 1, &args)) return Placeholder();
    JsExpr number = CallHelper(Helper::kToInteger, {args[0], "false"}, ValueKind::kNumber, true);
    number.integral = true;
    return number;
  }
  if ((simple == "Double" || simple == "Float" || simple == "BigDecimal") &&
      (name == "parseDouble" || name == "parseFloat" || name == "valueOf")) {
    if (!arguments(1, 1, &args)) return Placeholder();
    return CallHelper(Helper::kToNumber, {args[0]}, ValueKind::kNumber, true);
  }

  if (simple == "String" && name == "valueOf") {
    if (!CheckArity(call, 1, 1)) return Placeholder();
    return MakeExpr(Str(Arguments(call)[0]), ValueKind::kString, true);
  }
  if (simple == "Boolean" && name == "parseBoolean") {
    if (!CheckArity(call, 1, 1)) return Placeholder();
    JsExpr text = StrExpr(Arguments(call)[0]);
    return MakeExpr(Wrap(text, kPrecPrimary) + ".toLowerCase() === \"true\"", ValueKind::kBoolean,
                    true, kPrecEquality);
  }

  if (simple == "Math") {
    size_t count =
        name == "random"                                  ? 0
        : name == "max" || name == "min" || name == "pow" ? 2
        : name == "abs" || name == "floor" || name == "ceil" || name == "round" || name == "sqrt"
            ? 1
            : 3;
    if (count < 3) {
      if (!arguments(count, count, &args)) return Placeholder();
      return MakeExpr("Math." + name + "(" + JoinArguments(args) + ")", ValueKind::kNumber, true);
    }
  }
  if (simple == "System" && name == "currentTimeMillis") {
    if (!arguments(0, 0, &args)) return Placeholder();
    JsExpr now = MakeExpr("Date.now()", ValueKind::kNumber, true);
    now.integral = true;
    return now;
  }

  if (simple == "Eval") {
    Unsupported(call.offset, "Eval calls",
                "dynamic code cannot be translated, so use a JS dispatcher");
  } else if (simple == "Class") {
    Unsupported(call.offset, "Class.forName and other reflection calls",
                "dynamic class loading cannot be translated, so use a JS dispatcher");
  } else if (simple == "System") {
    Unsupported(call.offset, "System calls other than System.currentTimeMillis()",
                "a dispatch script cannot read the environment or stop the process");
  } else if (simple == "Thread") {
    Unsupported(call.offset, "Thread calls",
                "use the operation's delay setting instead of sleeping");
  } else {
    Unsupported(call.offset, "static calls such as " + class_name + "." + name + "()",
                "JsonOutput, Integer, Long, Double, String.valueOf, Boolean.parseBoolean, Math and "
                "System.currentTimeMillis are translated, and other classes need a JS dispatcher");
  }
  return Placeholder();
}

JsExpr Translator::EmitStaticField(const std::string& class_name, const Expr& property) {
  std::string simple = SimpleClassName(class_name);
  const std::string& name = property.text;
  if (simple == "Math" && (name == "PI" || name == "E")) {
    return MakeExpr("Math." + name, ValueKind::kNumber, true);
  }
  if (simple == "Integer" && (name == "MAX_VALUE" || name == "MIN_VALUE")) {
    JsExpr bound = MakeExpr(name == "MAX_VALUE" ? "2147483647" : "-2147483648", ValueKind::kNumber,
                            true, kPrecUnary);
    bound.integral = true;
    return bound;
  }
  Unsupported(property.offset, "static fields such as " + class_name + "." + name,
              "write the value as a literal");
  return Placeholder();
}

JsExpr Translator::EmitNew(const Expr& expr) {
  std::string simple = SimpleClassName(expr.text);
  if (ClosureArgument(expr)) {
    Unsupported(expr.offset, "closures passed to constructors", "pass plain values");
    return Placeholder();
  }
  size_t count = expr.items.size();
  std::vector<JsExpr> arguments = Arguments(expr);

  if (simple == "XmlHolder" && count == 1) {
    // The holder keeps the XML text, and reads become __mimicXPath calls on it.
    return MakeExpr("{ xml: " + Str(arguments[0]) + ", namespaces: {} }", ValueKind::kXmlHolder,
                    true);
  }
  if (simple == "JsonSlurper" && count == 0) {
    // parseText calls on a known slurper become JSON.parse, and the object itself also
    // parses for calls that reach it.
    return MakeExpr("{ parseText: JSON.parse }", ValueKind::kJsonSlurper, true);
  }
  if ((simple == "ArrayList" || simple == "LinkedList") && count == 0) {
    return MakeExpr("[]", ValueKind::kList, true);
  }
  if ((simple == "HashMap" || simple == "LinkedHashMap") && count == 0) {
    return MakeExpr("{}", ValueKind::kMap, true);
  }

  bool exception =
      simple.ends_with("Exception") || simple.ends_with("Error") || simple == "Throwable";
  if (exception && simple.find('.') == std::string::npos && count <= 1) {
    std::string message = arguments.empty() ? "" : Str(arguments[0]);
    return MakeExpr("new Error(" + message + ")", ValueKind::kException, true);
  }

  if (simple == "File") {
    Unsupported(expr.offset, "new File(...) expressions",
                "a dispatch script cannot read files, so use a JS dispatcher");
  } else if (simple == "Date") {
    Unsupported(expr.offset, "new Date() expressions", "use System.currentTimeMillis()");
  } else if (simple == "StringBuilder" || simple == "StringBuffer") {
    Unsupported(expr.offset, "StringBuilder and StringBuffer objects",
                "build the text with + or a GString");
  } else {
    Unsupported(expr.offset, "new " + expr.text + "(...) expressions",
                "only XmlHolder, JsonSlurper, ArrayList, HashMap and exceptions can be created, so "
                "use a JS dispatcher for other classes");
  }
  return Placeholder();
}

JsExpr Translator::MockRequestCall(const JsExpr& receiver, const Expr& call) {
  const std::string& name = call.text;
  std::string self = Wrap(receiver, kPrecPrimary);
  if (name == "getRequestContent" || name == "requestContent") {
    if (!CheckArity(call, 0, 0)) return Placeholder();
    return MakeExpr(self + ".getRequestContent()", ValueKind::kString);
  }
  if (name == "getRequest") {
    if (!CheckArity(call, 0, 0)) return Placeholder();
    return MakeExpr(self + ".getRequest()", ValueKind::kServletRequest, true);
  }
  if (name == "getRequestHeaders") {
    if (!CheckArity(call, 0, 0)) return Placeholder();
    return MakeExpr(self + ".getRequestHeaders()", ValueKind::kHeaders, true);
  }
  if (name == "getURIParameters" || name == "getUriParameters") {
    if (!CheckArity(call, 0, 0)) return Placeholder();
    return MakeExpr(self + ".getURIParameters()", ValueKind::kMap, true);
  }
  if (name == "getURIParameter" || name == "getRequestHeader") {
    if (!CheckArity(call, 1, 1)) return Placeholder();
    std::string argument = Wrap(Arguments(call)[0], kPrecAssignment);
    bool header = name == "getRequestHeader";
    return MakeExpr(self + "." + name + "(" + argument + ")",
                    header ? ValueKind::kList : ValueKind::kString, header);
  }
  Unsupported(call.offset, "calls to mockRequest." + name + "()",
              "mockRequest provides getRequestContent(), getRequest(), getRequestHeaders() and "
              "getURIParameters()");
  return Placeholder();
}

// The object of mockRequest.getRequest() represents Java's HttpServletRequest. In
// JavaScript it contains method, requestURI, queryString, headers and parameters.
JsExpr Translator::ServletRequestCall(const JsExpr& receiver, const Expr& call) {
  const std::string& name = call.text;
  std::string self = Wrap(receiver, kPrecPrimary);
  std::string value = Wrap(receiver, kPrecAssignment);
  if (name == "getRequestURI" || name == "getMethod") {
    if (!CheckArity(call, 0, 0)) return Placeholder();
    return MakeExpr(self + (name == "getMethod" ? ".method" : ".requestURI"), ValueKind::kString);
  }
  if (name == "getQueryString") {
    if (!CheckArity(call, 0, 0)) return Placeholder();
    // Java returns null for a request without a query string.
    return MakeExpr("(" + self + ".queryString || null)", ValueKind::kString);
  }
  if (name == "getParameterMap") {
    if (!CheckArity(call, 0, 0)) return Placeholder();
    return MakeExpr(self + ".parameters", ValueKind::kMap);
  }
  if (name == "getParameter" || name == "getParameterValues" || name == "getHeader") {
    if (!CheckArity(call, 1, 1)) return Placeholder();
    std::string argument = Wrap(Arguments(call)[0], kPrecAssignment);
    if (name == "getHeader") {
      return CallHelper(Helper::kHeaderGet, {self + ".headers", argument, "null"},
                        ValueKind::kString);
    }
    bool single = name == "getParameter";
    return CallHelper(single ? Helper::kParameter : Helper::kParameterValues, {value, argument},
                      single ? ValueKind::kString : ValueKind::kList);
  }
  if (name == "getContentType") {
    if (!CheckArity(call, 0, 0)) return Placeholder();
    return CallHelper(Helper::kHeaderGet, {self + ".headers", "\"Content-Type\"", "null"},
                      ValueKind::kString);
  }
  Unsupported(call.offset, "calls to " + name + "() on the request",
              "the request provides getRequestURI(), getMethod(), getQueryString(), "
              "getParameter(name), getParameterValues(name), getParameterMap(), getHeader(name) "
              "and getContentType()");
  return Placeholder();
}

// mockRequest.getRequestHeaders() is a map from header name to a list of values with
// the extra methods of SoapUI's StringToStringsMap.
// NOTE: names match without regard to case, like HTTP header names, where Microcks
// compares them exactly.
JsExpr Translator::HeadersCall(const JsExpr& receiver, const Expr& call) {
  const std::string& name = call.text;
  std::string value = Wrap(receiver, kPrecAssignment);
  bool lookup = name == "get" || name == "hasValues" || name == "containsKey" ||
                name == "containsKeyIgnoreCase" || name == "getCaseInsensitive";
  if (lookup) {
    size_t minimum = 1;
    size_t maximum = 1;
    if (name == "get") maximum = 2;
    if (name == "getCaseInsensitive") minimum = maximum = 2;
    if (!CheckArity(call, minimum, maximum)) return Placeholder();
    std::vector<JsExpr> arguments = Arguments(call);
    std::string header = Wrap(arguments[0], kPrecAssignment);
    if (arguments.size() == 2) {
      const JsExpr& fallback = arguments[1];
      ValueKind kind = fallback.kind == ValueKind::kList ? ValueKind::kList
                       : fallback.kind == ValueKind::kString || fallback.kind == ValueKind::kNull
                           ? ValueKind::kString
                           : ValueKind::kUnknown;
      return CallHelper(Helper::kHeaderGet, {value, header, Wrap(fallback, kPrecAssignment)}, kind);
    }
    if (name == "get") return CallHelper(Helper::kHeader, {value, header}, ValueKind::kList);
    if (name == "hasValues") {
      return CallHelper(Helper::kHasValues, {value, header}, ValueKind::kBoolean, true);
    }
    JsExpr values = CallHelper(Helper::kHeader, {value, header}, ValueKind::kList);
    return MakeExpr(values.code + " !== null", ValueKind::kBoolean, true, kPrecEquality);
  }
  if (name == "keySet" || name == "getKeys") {
    if (!CheckArity(call, 0, 0)) return Placeholder();
    return MakeExpr("Object.keys(" + value + ")", ValueKind::kList, true);
  }
  JsExpr map = receiver;
  map.kind = ValueKind::kMap;
  return ValueCall(map, call);
}

JsExpr Translator::RequestContextCall(const JsExpr& receiver, const Expr& call) {
  const std::string& name = call.text;
  std::string self = Wrap(receiver, kPrecPrimary);
  if (name == "put" || name == "get") {
    if (!CheckArity(call, name == "put" ? 2 : 1, name == "put" ? 2 : 1)) return Placeholder();
    std::vector<std::string> arguments;
    for (const JsExpr& argument : Arguments(call)) {
      arguments.push_back(Wrap(argument, kPrecAssignment));
    }
    if (name == "put") {
      return MakeExpr(self + ".set(" + JoinArguments(arguments) + ")", ValueKind::kNull);
    }
    return MakeExpr(self + ".get(" + arguments[0] + ")", ValueKind::kUnknown);
  }
  JsExpr map = receiver;
  map.kind = ValueKind::kMap;
  return ValueCall(map, call);
}

JsExpr Translator::LogCall(const JsExpr& receiver, const Expr& call) {
  const std::string& name = call.text;
  std::string self = Wrap(receiver, kPrecPrimary);
  if (name == "info" || name == "debug" || name == "warn" || name == "error" || name == "trace") {
    if (!CheckArity(call, 1, 16)) return Placeholder();
    // Arguments are logged with Groovy's toString, so lists print as [a, b]. Trace has
    // no level of its own in Mimic's log and goes to debug.
    std::vector<std::string> arguments;
    for (const JsExpr& argument : Arguments(call)) arguments.push_back(Str(argument));
    std::string level = name == "trace" ? "debug" : name;
    return MakeExpr(self + "." + level + "(" + JoinArguments(arguments) + ")", ValueKind::kNull);
  }
  if (name == "isDebugEnabled" || name == "isInfoEnabled" || name == "isWarnEnabled" ||
      name == "isErrorEnabled" || name == "isTraceEnabled") {
    if (!CheckArity(call, 0, 0)) return Placeholder();
    // Mimic keeps every level in the script log.
    return MakeExpr("true", ValueKind::kBoolean, true);
  }
  Unsupported(call.offset, "calls to log." + name + "()",
              "use log.info, log.debug, log.warn or log.error");
  return Placeholder();
}

JsExpr Translator::StoreCall(const JsExpr& receiver, const Expr& call) {
  const std::string& name = call.text;
  std::string self = Wrap(receiver, kPrecPrimary);
  size_t count = name == "get" || name == "delete" || name == "remove" ? 1
                 : name == "put"                                       ? 2
                 : name == "putWithTtl"                                ? 3
                                                                       : 0;
  if (count == 0) {
    Unsupported(call.offset, "calls to store." + name + "()",
                "use store.get, store.put, store.putWithTtl or store.delete");
    return Placeholder();
  }
  if (!CheckArity(call, count, count)) return Placeholder();
  std::vector<JsExpr> arguments = Arguments(call);
  std::vector<std::string> codes;
  for (size_t i = 0; i < arguments.size(); ++i) {
    // Keys and values become strings, and the time to live stays a number of seconds.
    codes.push_back(i == 2 ? Wrap(arguments[i], kPrecAssignment) : Str(arguments[i]));
  }
  std::string method = name == "remove" ? "delete" : name;
  return MakeExpr(self + "." + method + "(" + JoinArguments(codes) + ")",
                  name == "get" ? ValueKind::kString : ValueKind::kNull);
}

JsExpr Translator::SlurperCall(const Expr& call) {
  if (call.text != "parseText") {
    Unsupported(call.offset, "JsonSlurper methods other than parseText",
                "read the text first and call parseText(text)");
    return Placeholder();
  }
  if (!CheckArity(call, 1, 1)) return Placeholder();
  return MakeExpr("JSON.parse(" + Wrap(Arguments(call)[0], kPrecAssignment) + ")",
                  ValueKind::kUnknown);
}

// XmlHolder reads go through __mimicXPath, which returns the string value of the
// first match.
// NOTE: __mimicXPath returns "" when nothing matches, where SoapUI's XmlHolder returns
// null, so `holder["//missing"] == null` is false after translation.
JsExpr Translator::HolderCall(const JsExpr& receiver, const Expr& call) {
  const std::string& name = call.text;
  if (name == "getNodeValue" || name == "get") {
    if (!CheckArity(call, 1, 1)) return Placeholder();
    return XPathRead(receiver, Arguments(call)[0]);
  }
  if (name == "declareNamespace") {
    if (!CheckArity(call, 2, 2)) return Placeholder();
    uses_namespaces_ = true;
    std::vector<JsExpr> arguments = Arguments(call);
    return CallHelper(
        Helper::kPutAt,
        {Wrap(receiver, kPrecPrimary) + ".namespaces", Str(arguments[0]), Str(arguments[1])},
        ValueKind::kString);
  }
  if (name == "getXml") {
    if (!CheckArity(call, 0, 0)) return Placeholder();
    return MakeExpr(Wrap(receiver, kPrecPrimary) + ".xml", ValueKind::kString);
  }
  if (name == "getNodeValues") {
    Unsupported(call.offset, "getNodeValues() calls",
                "read one value with holder.getNodeValue(xpath) or holder[xpath]");
  } else {
    Unsupported(call.offset, "calls to XmlHolder." + name + "()",
                "read values with holder[xpath] or holder.getNodeValue(xpath)");
  }
  return Placeholder();
}

// A method call on a plain value. With ?. the call runs on a temporary only when the
// receiver is not null.
JsExpr Translator::ValueCall(const JsExpr& receiver, const Expr& call) {
  if (!call.safe) return ValueMethod(receiver, call);
  std::string temporary = "__g_s" + std::to_string(++temporary_count_);
  JsExpr bound{temporary, kPrecPrimary, receiver.kind};
  bound.nonnull = true;
  JsExpr result = ValueMethod(bound, call);
  return CallHelper(
      Helper::kSafe,
      {Wrap(receiver, kPrecAssignment), "(" + temporary + ") => " + ArrowBody(result)},
      result.kind);
}

JsExpr Translator::ValueMethod(const JsExpr& receiver, const Expr& call) {
  if (std::optional<JsExpr> result = ClosureMethod(receiver, call)) return *result;
  if (const Expr* closure = ClosureArgument(call)) {
    Unsupported(closure->offset, "closures passed to " + call.text + "()",
                "only each, find, findAll, collect, any and every take a closure");
    return Placeholder();
  }
  if (std::optional<JsExpr> result = StringMethod(receiver, call)) return *result;
  if (std::optional<JsExpr> result = ConversionMethod(receiver, call)) return *result;
  if (std::optional<JsExpr> result = CollectionMethod(receiver, call)) return *result;
  Unsupported(call.offset, "calls to " + call.text + "()",
              "rewrite the call with the supported String, List and Map methods, or use a JS "
              "dispatcher");
  return Placeholder();
}

// each, find, findAll, collect, any and every with their closure.
std::optional<JsExpr> Translator::ClosureMethod(const JsExpr& receiver, const Expr& call) {
  static const std::pair<std::string_view, Helper> kClosureMethods[] = {
      {"each", Helper::kEach},       {"find", Helper::kFind}, {"findAll", Helper::kFindAll},
      {"collect", Helper::kCollect}, {"any", Helper::kAny},   {"every", Helper::kEvery},
  };
  const std::string& name = call.text;
  for (const auto& [method, helper] : kClosureMethods) {
    if (name != method) continue;
    const Expr* closure = ClosureArgument(call);
    if (!closure || call.items.size() != 1) {
      Unsupported(call.offset, "calls to " + name + "() without a single closure argument",
                  name == "find" ? "test a regular expression with =~ in a condition instead"
                                 : "pass a closure, as in " + name + " { it }");
      return Placeholder();
    }
    JsExpr function = EmitClosure(*closure);

    ValueKind kind = ValueKind::kUnknown;
    if (name == "each") kind = receiver.kind;
    if (name == "collect") kind = ValueKind::kList;
    if (name == "findAll" && receiver.kind == ValueKind::kMap) kind = ValueKind::kMap;
    if (name == "findAll" &&
        (receiver.kind == ValueKind::kList || receiver.kind == ValueKind::kString)) {
      kind = ValueKind::kList;
    }
    if (name == "any" || name == "every") kind = ValueKind::kBoolean;
    return CallHelper(helper, {Wrap(receiver, kPrecAssignment), function.code}, kind,
                      name != "find" && name != "each");
  }
  return std::nullopt;
}

// String methods. Most keep their name in JavaScript; those that also apply to lists
// go through a helper unless the receiver is known to be a string.
std::optional<JsExpr> Translator::StringMethod(const JsExpr& receiver, const Expr& call) {
  const std::string& name = call.text;
  bool is_string = receiver.kind == ValueKind::kString;
  bool is_list = receiver.kind == ValueKind::kList;
  std::string self = Wrap(receiver, kPrecPrimary);
  std::string value = Wrap(receiver, kPrecAssignment);
  auto boolean = [](std::string code, int precedence = kPrecPrimary) {
    return MakeExpr(std::move(code), ValueKind::kBoolean, true, precedence);
  };
  auto text = [](std::string code) { return MakeExpr(std::move(code), ValueKind::kString, true); };

  if (name == "contains") {
    if (!CheckArity(call, 1, 1)) return Placeholder();
    JsExpr argument = Arguments(call)[0];
    if (is_string) return boolean(self + ".includes(" + Str(argument) + ")");
    return CallHelper(Helper::kContains, {value, Wrap(argument, kPrecAssignment)},
                      ValueKind::kBoolean, true);
  }
  if (name == "startsWith" || name == "endsWith") {
    if (!CheckArity(call, 1, 1)) return Placeholder();
    return boolean(self + "." + name + "(" + Str(Arguments(call)[0]) + ")");
  }
  if (name == "toUpperCase" || name == "toLowerCase" || name == "trim") {
    if (!CheckArity(call, 0, 0)) return Placeholder();
    return text(self + "." + name + "()");
  }
  if (name == "size" || name == "length") {
    if (!CheckArity(call, 0, 0)) return Placeholder();
    JsExpr size = is_string || is_list
                      ? MakeExpr(self + ".length", ValueKind::kNumber, true)
                      : CallHelper(Helper::kSize, {value}, ValueKind::kNumber, true);
    size.integral = true;
    return size;
  }
  if (name == "isEmpty") {
    if (!CheckArity(call, 0, 0)) return Placeholder();
    if (is_string || is_list) return boolean(self + ".length === 0", kPrecEquality);
    return CallHelper(Helper::kIsEmpty, {value}, ValueKind::kBoolean, true);
  }
  if (name == "substring" || name == "charAt") {
    if (!CheckArity(call, 1, name == "charAt" ? 1 : 2)) return Placeholder();
    std::vector<std::string> arguments;
    for (const JsExpr& argument : Arguments(call)) {
      arguments.push_back(Wrap(argument, kPrecAssignment));
    }
    return text(self + "." + name + "(" + JoinArguments(arguments) + ")");
  }
  if (name == "indexOf" || name == "lastIndexOf") {
    if (!CheckArity(call, 1, 1)) return Placeholder();
    std::string argument = Wrap(Arguments(call)[0], kPrecAssignment);
    JsExpr index =
        is_string || name == "lastIndexOf"
            ? MakeExpr(self + "." + name + "(" + argument + ")", ValueKind::kNumber, true)
            : CallHelper(Helper::kIndexOf, {value, argument}, ValueKind::kNumber, true);
    index.integral = true;
    return index;
  }
  if (name == "replace") {
    if (!CheckArity(call, 2, 2)) return Placeholder();
    std::vector<JsExpr> arguments = Arguments(call);
    return CallHelper(
        Helper::kReplace,
        {value, Wrap(arguments[0], kPrecAssignment), Wrap(arguments[1], kPrecAssignment)},
        ValueKind::kString, true);
  }
  if (name == "replaceAll" || name == "replaceFirst") {
    if (!CheckArity(call, 2, 2)) return Placeholder();
    std::optional<std::string> regex = RegexLiteral(*call.items[0], false, name == "replaceAll");
    if (!regex) return Placeholder();
    const Expr& replacement = *call.items[1];
    std::string converted;
    if (replacement.kind == ExprKind::kString) {
      std::string problem;
      if (!ConvertJavaReplacement(replacement.text, &converted, &problem)) {
        Invalid(replacement.offset, "invalid regular expression replacement: " + problem);
        return Placeholder();
      }
      converted = JsString(converted);
    } else {
      converted =
          CallHelper(Helper::kJavaReplacement, {Str(EmitValue(replacement))}, ValueKind::kString)
              .code;
    }
    return text(self + ".replace(" + *regex + ", " + converted + ")");
  }
  if (name == "split") {
    if (!CheckArity(call, 0, 1)) return Placeholder();
    if (call.items.empty()) return CallHelper(Helper::kSplit, {value}, ValueKind::kList, true);
    std::optional<std::string> regex = RegexLiteral(*call.items[0], false, true);
    if (!regex) return Placeholder();
    return CallHelper(Helper::kSplit, {value, *regex}, ValueKind::kList, true);
  }
  if (name == "tokenize") {
    if (!CheckArity(call, 0, 1)) return Placeholder();
    std::vector<std::string> arguments = {value};
    for (const JsExpr& argument : Arguments(call)) arguments.push_back(Str(argument));
    return CallHelper(Helper::kTokenize, arguments, ValueKind::kList, true);
  }
  if (name == "equals") {
    if (!CheckArity(call, 1, 1)) return Placeholder();
    return Equality(receiver, Arguments(call)[0], false, call.items[0]->kind == ExprKind::kNull,
                    false);
  }
  if (name == "equalsIgnoreCase") {
    if (!CheckArity(call, 1, 1)) return Placeholder();
    return CallHelper(Helper::kEqualsIgnoreCase, {value, Wrap(Arguments(call)[0], kPrecAssignment)},
                      ValueKind::kBoolean, true);
  }
  if (name == "matches") {
    if (!CheckArity(call, 1, 1)) return Placeholder();
    std::optional<std::string> regex = RegexLiteral(*call.items[0], true, false);
    if (!regex) return Placeholder();
    return boolean(*regex + ".test(" + value + ")");
  }
  if (name == "join") {
    if (call.items.empty()) {
      Unsupported(call.offset, "join() without a separator",
                  "pass the separator, as in join(\",\")");
      return Placeholder();
    }
    if (!CheckArity(call, 1, 1)) return Placeholder();
    return CallHelper(Helper::kJoin, {value, Str(Arguments(call)[0])}, ValueKind::kString, true);
  }
  return std::nullopt;
}

// toInteger(), toString() and the other conversions of strings and numbers.
std::optional<JsExpr> Translator::ConversionMethod(const JsExpr& receiver, const Expr& call) {
  const std::string& name = call.text;
  std::string value = Wrap(receiver, kPrecAssignment);
  if (name == "toInteger" || name == "toLong" || name == "toBigInteger" || name == "toShort") {
    if (!CheckArity(call, 0, 0)) return Placeholder();
    JsExpr number = CallHelper(Helper::kToInteger, {value, "true"}, ValueKind::kNumber, true);
    number.integral = true;
    return number;
  }
  if (name == "toDouble" || name == "toFloat" || name == "toBigDecimal") {
    if (!CheckArity(call, 0, 0)) return Placeholder();
    return CallHelper(Helper::kToNumber, {value}, ValueKind::kNumber, true);
  }
  if (name == "isInteger" || name == "isLong" || name == "isBigInteger") {
    if (!CheckArity(call, 0, 0)) return Placeholder();
    return CallHelper(Helper::kIsInteger, {value}, ValueKind::kBoolean, true);
  }
  if (name == "isNumber" || name == "isBigDecimal" || name == "isDouble" || name == "isFloat") {
    if (!CheckArity(call, 0, 0)) return Placeholder();
    return CallHelper(Helper::kIsNumber, {value}, ValueKind::kBoolean, true);
  }
  if (name == "intValue" || name == "longValue" || name == "abs") {
    if (!CheckArity(call, 0, 0)) return Placeholder();
    std::string function = name == "abs" ? "Math.abs(" : "Math.trunc(";
    JsExpr number = MakeExpr(function + value + ")", ValueKind::kNumber, receiver.nonnull);
    number.integral = name != "abs" || receiver.integral;
    return number;
  }
  if (name == "doubleValue" || name == "floatValue") {
    if (!CheckArity(call, 0, 0)) return Placeholder();
    JsExpr number = receiver;
    number.kind = ValueKind::kNumber;
    return number;
  }
  if (name == "toString") {
    if (!CheckArity(call, 0, 0)) return Placeholder();
    if (receiver.kind == ValueKind::kString && receiver.nonnull) return receiver;
    return CallHelper(Helper::kStr, {value}, ValueKind::kString, true);
  }
  return std::nullopt;
}

// List and Map methods, map entries and exception messages.
std::optional<JsExpr> Translator::CollectionMethod(const JsExpr& receiver, const Expr& call) {
  struct HelperMethod {
    std::string_view name;
    size_t arguments;
    Helper helper;
    ValueKind kind;
    bool nonnull;
  };
  static const HelperMethod kHelperMethods[] = {
      {"first", 0, Helper::kFirst, ValueKind::kUnknown, false},
      {"last", 0, Helper::kLast, ValueKind::kUnknown, false},
      {"get", 1, Helper::kGet, ValueKind::kUnknown, false},
      {"put", 2, Helper::kPut, ValueKind::kUnknown, false},
      {"containsKey", 1, Helper::kHasKey, ValueKind::kBoolean, true},
      {"containsValue", 1, Helper::kContainsValue, ValueKind::kBoolean, true},
      {"getOrDefault", 2, Helper::kGetOrDefault, ValueKind::kUnknown, false},
      {"add", 1, Helper::kAdd, ValueKind::kBoolean, true},
      {"entrySet", 0, Helper::kIter, ValueKind::kList, true},
  };
  const std::string& name = call.text;
  std::string value = Wrap(receiver, kPrecAssignment);
  for (const HelperMethod& method : kHelperMethods) {
    if (name != method.name) continue;
    if (!CheckArity(call, method.arguments, method.arguments)) return Placeholder();
    std::vector<std::string> arguments = {value};
    for (const JsExpr& argument : Arguments(call)) {
      arguments.push_back(Wrap(argument, kPrecAssignment));
    }
    return CallHelper(method.helper, arguments, method.kind, method.nonnull);
  }

  if (name == "keySet" || name == "values") {
    if (!CheckArity(call, 0, 0)) return Placeholder();
    std::string function = name == "keySet" ? "Object.keys(" : "Object.values(";
    return MakeExpr(function + value + ")", ValueKind::kList, true);
  }
  if (name == "getKey" || name == "getValue") {
    if (!CheckArity(call, 0, 0)) return Placeholder();
    return CallHelper(Helper::kProp, {value, name == "getKey" ? "\"key\"" : "\"value\""},
                      ValueKind::kUnknown);
  }
  if (name == "getMessage" || name == "getLocalizedMessage") {
    if (!CheckArity(call, 0, 0)) return Placeholder();
    if (receiver.kind == ValueKind::kException) {
      return MakeExpr(Wrap(receiver, kPrecPrimary) + ".message", ValueKind::kString);
    }
    return CallHelper(Helper::kProp, {value, "\"message\""}, ValueKind::kUnknown);
  }
  if (name == "subList") {
    if (!CheckArity(call, 2, 2)) return Placeholder();
    std::vector<JsExpr> arguments = Arguments(call);
    return MakeExpr(Wrap(receiver, kPrecPrimary) + ".slice(" + Wrap(arguments[0], kPrecAssignment) +
                        ", " + Wrap(arguments[1], kPrecAssignment) + ")",
                    ValueKind::kList, true);
  }
  return std::nullopt;
}

JsExpr Translator::EmitClosure(const Expr& closure) {
  PushScope();
  int saved_loop_depth = loop_depth_;
  int saved_switch_depth = switch_depth_;
  loop_depth_ = 0;
  switch_depth_ = 0;

  Variable* parameter = nullptr;
  DeclaredType type;
  if (closure.implicit_it) {
    parameter = Declare({&closure, -1}, closure.offset, "it", type);
  } else if (!closure.parameters.empty()) {
    const Parameter& declared = closure.parameters[0];
    if (std::optional<DeclaredType> classified = ClassifyType(declared.type, declared.offset)) {
      type = *classified;
    }
    parameter = Declare({&closure, 0}, declared.offset, declared.name, type);
  }
  std::string name = parameter ? parameter->js_name : "";
  std::string prologue;
  if (parameter) {
    Widen(parameter, ValueKind::kUnknown);
    JsExpr coerced = Coerce(JsExpr{name, kPrecPrimary, ValueKind::kUnknown}, type.coercion);
    if (coerced.code != name) prologue = name + " = " + coerced.code + ";";
  }

  const std::vector<StmtPtr>& statements = closure.body->statements;
  std::string code;
  if (prologue.empty() && statements.size() == 1 && statements[0]->kind == StmtKind::kExpression) {
    code = "(" + name + ") => " + ArrowBody(EmitValue(*statements[0]->expr));
  } else {
    std::string body;
    std::string* saved_out = out_;
    out_ = &body;
    ++indent_;
    if (!prologue.empty()) Line(prologue);
    EmitStatements(statements, /*implicit_return=*/true);
    --indent_;
    out_ = saved_out;
    code = "(" + name + ") => {\n" + body + Indentation() + "}";
  }
  loop_depth_ = saved_loop_depth;
  switch_depth_ = saved_switch_depth;
  PopScope();
  JsExpr function{std::move(code), kPrecAssignment, ValueKind::kUnknown};
  function.nonnull = true;
  return function;
}

}  // namespace mimic::groovy
