// Translation of Groovy operators, literals, property and index access, and
// assignments. See groovy_translator.h.
#include <cstdint>
#include <limits>
#include <utility>

#include "groovy/groovy_regex.h"
#include "groovy/groovy_translator.h"

namespace mimic::groovy {
namespace {

bool IsPrimitive(ValueKind kind) {
  return kind == ValueKind::kString || kind == ValueKind::kNumber || kind == ValueKind::kBoolean;
}

bool IsJsIdentifier(std::string_view name) {
  if (name.empty() || name == "__proto__") return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

bool IsNonNegativeIntegerLiteral(const Expr& expr) {
  if (expr.kind != ExprKind::kNumber) return false;
  for (char c : expr.text) {
    if (c < '0' || c > '9') return false;
  }
  return expr.text.size() < 10;
}

// A receiver that can be evaluated twice without side effects, which compound
// assignments to properties and indices need.
bool IsSimplePath(const Expr& expr) {
  switch (expr.kind) {
    case ExprKind::kIdentifier:
    case ExprKind::kString:
    case ExprKind::kNumber:
      return true;
    case ExprKind::kProperty:
      return !expr.safe && IsSimplePath(*expr.first);
    default:
      return false;
  }
}

// Template literal text: backquotes, backslashes and `${` are escaped, control
// characters spelled out.
std::string TemplateText(std::string_view text) {
  std::string quoted = JsString(text);
  std::string inner = quoted.substr(1, quoted.size() - 2);
  std::string out;
  for (size_t i = 0; i < inner.size(); ++i) {
    if (inner[i] == '\\' && i + 1 < inner.size() && inner[i + 1] == '"') {
      out.push_back('"');
      ++i;
    } else if (inner[i] == '\\') {
      out += inner.substr(i, 2);
      ++i;
    } else if (inner[i] == '`') {
      out += "\\`";
    } else if (inner[i] == '$' && i + 1 < inner.size() && inner[i + 1] == '{') {
      out += "\\$";
    } else {
      out.push_back(inner[i]);
    }
  }
  return out;
}

}  // namespace

// The value as Groovy's toString() would give it. Strings stay as they are, so a
// null string stays null.
JsExpr Translator::StrExpr(const JsExpr& value) {
  if (value.kind == ValueKind::kString) return value;
  return CallHelper(Helper::kStr, {Wrap(value, kPrecAssignment)}, ValueKind::kString, true);
}

// StrExpr as a function argument.
std::string Translator::Str(const JsExpr& value) { return Wrap(StrExpr(value), kPrecAssignment); }

JsExpr Translator::CallHelper(Helper helper, const std::vector<std::string>& arguments,
                              ValueKind kind, bool nonnull) {
  helpers_.Add(helper);
  std::string code(HelperName(helper));
  code += "(";
  for (size_t i = 0; i < arguments.size(); ++i) {
    if (i > 0) code += ", ";
    code += arguments[i];
  }
  code += ")";
  JsExpr result{std::move(code), kPrecPrimary, kind};
  result.nonnull = nonnull;
  return result;
}

JsExpr Translator::Emit(const Expr& expr) {
  switch (expr.kind) {
    case ExprKind::kNull:
      return JsExpr{"null", kPrecPrimary, ValueKind::kNull};
    case ExprKind::kBoolean: {
      JsExpr literal{expr.text, kPrecPrimary, ValueKind::kBoolean};
      literal.nonnull = true;
      return literal;
    }
    case ExprKind::kNumber:
      return EmitNumber(expr);
    case ExprKind::kString: {
      JsExpr literal{JsString(expr.text), kPrecPrimary, ValueKind::kString};
      literal.nonnull = true;
      return literal;
    }
    case ExprKind::kGString:
      return EmitGString(expr);
    case ExprKind::kList: {
      std::string code = "[";
      for (size_t i = 0; i < expr.items.size(); ++i) {
        if (i > 0) code += ", ";
        code += Wrap(EmitValue(*expr.items[i]), kPrecAssignment);
      }
      JsExpr list{code + "]", kPrecPrimary, ValueKind::kList};
      list.nonnull = true;
      return list;
    }
    case ExprKind::kMap:
      return EmitMap(expr);
    case ExprKind::kRange: {
      JsExpr from = EmitValue(*expr.first);
      JsExpr to = EmitValue(*expr.second);
      return CallHelper(Helper::kRange,
                        {Wrap(from, kPrecAssignment), Wrap(to, kPrecAssignment),
                         expr.exclusive ? "true" : "false"},
                        ValueKind::kList, true);
    }
    case ExprKind::kIdentifier:
      return EmitIdentifier(expr);
    case ExprKind::kProperty:
      return EmitProperty(expr);
    case ExprKind::kIndex:
      return EmitIndex(expr);
    case ExprKind::kMethodCall:
      return EmitCall(expr);
    case ExprKind::kNew:
      return EmitNew(expr);
    case ExprKind::kClosure:
      Unsupported(expr.offset,
                  "closures outside the last argument of each, find, findAll, collect, any and "
                  "every",
                  "inline the closure's code");
      return Placeholder();
    case ExprKind::kUnary:
      return EmitUnary(expr);
    case ExprKind::kPostfix:
      return EmitIncrement(*expr.first, expr.text, /*prefix=*/false);
    case ExprKind::kBinary:
      return EmitBinary(expr);
    case ExprKind::kTernary: {
      JsExpr condition = EmitCondition(*expr.first);
      JsExpr then = EmitValue(*expr.second);
      JsExpr otherwise = EmitValue(*expr.third);
      JsExpr result{Wrap(condition, kPrecOr) + " ? " + Wrap(then, kPrecAssignment) + " : " +
                        Wrap(otherwise, kPrecAssignment),
                    kPrecConditional, JoinKinds(then.kind, otherwise.kind)};
      result.nonnull = then.nonnull && otherwise.nonnull;
      return result;
    }
    case ExprKind::kElvis:
      return EmitElvis(expr);
    case ExprKind::kAssign:
      return EmitAssign(expr);
    case ExprKind::kCast:
      return EmitCast(expr);
    case ExprKind::kPattern: {
      std::optional<std::string> literal = RegexLiteral(expr, false, false);
      JsExpr pattern{literal.value_or("/(?:)/"), kPrecPrimary, ValueKind::kRegex};
      pattern.nonnull = true;
      return pattern;
    }
  }
  return Placeholder();
}

JsExpr Translator::EmitValue(const Expr& expr) {
  JsExpr value = Emit(expr);
  if (IsReceiverOnly(value.kind)) {
    if (value.kind != ValueKind::kConflict) {
      Unsupported(expr.offset, std::string(DescribeKind(value.kind)) + " used as plain values",
                  "call their methods directly and store the results in variables");
    }
    value.kind = ValueKind::kUnknown;
  }
  return value;
}

// JavaScript whose truthiness is the Groovy truth of `expr`. For strings, numbers other
// than NaN, and booleans the two agree, so only other values need the helper.
JsExpr Translator::EmitCondition(const Expr& expr) {
  if (expr.kind == ExprKind::kBinary && (expr.text == "&&" || expr.text == "||")) {
    int precedence = expr.text == "&&" ? kPrecAnd : kPrecOr;
    JsExpr left = EmitCondition(*expr.first);
    JsExpr right = EmitCondition(*expr.second);
    return JsExpr{Wrap(left, precedence) + " " + expr.text + " " + Wrap(right, precedence + 1),
                  precedence, ValueKind::kBoolean};
  }
  if (expr.kind == ExprKind::kUnary && expr.text == "!") {
    JsExpr operand = EmitCondition(*expr.first);
    JsExpr negated{"!" + Wrap(operand, kPrecUnary), kPrecUnary, ValueKind::kBoolean};
    negated.nonnull = true;
    return negated;
  }
  JsExpr value = EmitValue(expr);
  if (IsPrimitive(value.kind) || value.kind == ValueKind::kNull) return value;
  return CallHelper(Helper::kTruth, {Wrap(value, kPrecAssignment)}, ValueKind::kBoolean, true);
}

// An actual JavaScript boolean with the Groovy truth of `expr`, for && and || used as
// values: Groovy returns true or false where JavaScript returns an operand.
JsExpr Translator::EmitBoolean(const Expr& expr) {
  if (expr.kind == ExprKind::kBinary && (expr.text == "&&" || expr.text == "||")) {
    int precedence = expr.text == "&&" ? kPrecAnd : kPrecOr;
    JsExpr left = EmitBoolean(*expr.first);
    JsExpr right = EmitBoolean(*expr.second);
    JsExpr result{Wrap(left, precedence) + " " + expr.text + " " + Wrap(right, precedence + 1),
                  precedence, ValueKind::kBoolean};
    result.nonnull = true;
    return result;
  }
  JsExpr value = EmitCondition(expr);
  if (value.kind == ValueKind::kBoolean && value.nonnull) return value;
  return CallHelper(Helper::kTruth, {Wrap(value, kPrecAssignment)}, ValueKind::kBoolean, true);
}

// An expression whose value is unused. Receiver-only values are fine here.
std::string Translator::StatementCode(const Expr& expr) {
  JsExpr value = Emit(expr);
  if (value.code.starts_with("{")) return "(" + value.code + ")";
  return value.code;
}

JsExpr Translator::EmitNumber(const Expr& expr) {
  std::string text = expr.text;
  bool hex = text.starts_with("0x");
  bool binary = text.starts_with("0b");
  char last = text.empty() ? '\0' : text.back();
  bool suffixed = hex ? std::string_view("lLgGiI").find(last) != std::string_view::npos
                      : std::string_view("lLgGiIdDfF").find(last) != std::string_view::npos;
  if (suffixed && !text.empty()) text.pop_back();
  bool decimal = !hex && !binary && text.find_first_of(".e") != std::string::npos;

  JsExpr number{"", kPrecPostfix, ValueKind::kNumber};
  number.nonnull = true;
  if (decimal) {
    // Drop leading zeros, which JavaScript reads as a legacy octal prefix.
    size_t start = 0;
    while (start + 1 < text.size() && text[start] == '0' && text[start + 1] != '.' &&
           text[start + 1] != 'e') {
      ++start;
    }
    number.code = text.substr(start);
    return number;
  }
  // Groovy reads a leading zero as an octal prefix, like Java.
  int base = 10;
  if (hex) {
    base = 16;
  } else if (binary) {
    base = 2;
  } else if (text.size() > 1 && text[0] == '0') {
    base = 8;
  }
  uint64_t value = 0;
  constexpr uint64_t kMaxSafeInteger = (uint64_t{1} << 53) - 1;
  for (size_t i = (hex || binary) ? 2 : 0; i < text.size(); ++i) {
    char c = text[i];
    int digit = c - '0';
    if (c >= 'a') {
      digit = c - 'a' + 10;
    } else if (c >= 'A') {
      digit = c - 'A' + 10;
    }
    if (digit >= base) {
      Invalid(expr.offset, "invalid Groovy syntax: '" + expr.text + "' is not a valid number");
      return Placeholder();
    }
    value = value * static_cast<uint64_t>(base) + static_cast<uint64_t>(digit);
    if (value > kMaxSafeInteger) {
      Unsupported(expr.offset, "integer literals above 2^53 - 1",
                  "write the value as a string, because JavaScript numbers cannot hold it exactly");
      return Placeholder();
    }
  }
  number.code = std::to_string(value);
  number.integral = true;
  return number;
}

JsExpr Translator::EmitGString(const Expr& expr) {
  std::string code = "`";
  for (size_t i = 0; i < expr.items.size(); ++i) {
    code += TemplateText(expr.strings[i]);
    JsExpr value = EmitValue(*expr.items[i]);
    code += "${";
    code += IsPrimitive(value.kind) ? value.code : Str(value);
    code += "}";
  }
  code += TemplateText(expr.text) + "`";
  JsExpr result{std::move(code), kPrecPrimary, ValueKind::kString};
  result.nonnull = true;
  return result;
}

JsExpr Translator::EmitMap(const Expr& expr) {
  if (expr.items.empty()) {
    JsExpr empty{"{}", kPrecPrimary, ValueKind::kMap};
    empty.nonnull = true;
    return empty;
  }
  std::string code = "{ ";
  for (size_t i = 0; i < expr.items.size(); ++i) {
    const Expr& key = *expr.keys[i];
    if (i > 0) code += ", ";
    if (key.kind == ExprKind::kString && key.text != "__proto__") {
      code += JsString(key.text);
    } else if (key.kind == ExprKind::kNumber) {
      code += JsString(EmitNumber(key).code);
    } else {
      // Computed keys define own properties, even one named __proto__.
      code += "[" + Wrap(EmitValue(key), kPrecAssignment) + "]";
    }
    code += ": " + Wrap(EmitValue(*expr.items[i]), kPrecAssignment);
  }
  JsExpr map{code + " }", kPrecPrimary, ValueKind::kMap};
  map.nonnull = true;
  return map;
}

JsExpr Translator::EmitIdentifier(const Expr& expr) {
  const std::string& name = expr.text;
  if (Variable* variable = Lookup(name)) {
    ValueKind kind = variable->kind == ValueKind::kNone ? ValueKind::kUnknown : variable->kind;
    if (kind == ValueKind::kConflict) {
      Unsupported(expr.offset, std::string(DescribeKind(kind)),
                  "use a separate variable for the " + name + " object");
    }
    return JsExpr{variable->js_name, kPrecPrimary, kind};
  }
  if (name == "mockRequest") return JsExpr{name, kPrecPrimary, ValueKind::kMockRequest};
  if (name == "requestContext") return JsExpr{name, kPrecPrimary, ValueKind::kRequestContext};
  if (name == "log") return JsExpr{name, kPrecPrimary, ValueKind::kLog};
  if (name == "store") return JsExpr{name, kPrecPrimary, ValueKind::kStore};
  if (name == "context" || name == "mockOperation" || name == "mockRunner" ||
      name == "mockResponse" || name == "messageExchange" || name == "testRunner") {
    Unsupported(expr.offset, "SoapUI's '" + name + "' and other SoapUI-only variables",
                "use requestContext to pass values to the response, or use a JS dispatcher");
  } else if (!name.empty() && name[0] >= 'A' && name[0] <= 'Z') {
    Unsupported(expr.offset, "class references used as values, such as " + name,
                "call the class's static methods directly");
  } else {
    Invalid(expr.offset,
            "the variable '" + name +
                "' is never declared or assigned. Declare it with def before using it");
  }
  return Placeholder();
}

std::optional<std::string> Translator::ClassName(const Expr& expr) {
  if (expr.kind == ExprKind::kIdentifier) {
    const std::string& name = expr.text;
    if (Lookup(name) || name == "mockRequest" || name == "requestContext" || name == "log" ||
        name == "store" || name.empty() || name[0] < 'A' || name[0] > 'Z') {
      return std::nullopt;
    }
    return name;
  }
  if (expr.kind != ExprKind::kProperty || expr.safe || expr.text.empty()) return std::nullopt;
  // A qualified name such as groovy.json.JsonOutput: lowercase package segments rooted
  // in a name that is no variable, ending in a capitalized class name.
  std::string qualified = expr.text;
  const Expr* segment = expr.first.get();
  while (segment->kind == ExprKind::kProperty && !segment->safe) {
    qualified = segment->text + "." + qualified;
    segment = segment->first.get();
  }
  if (segment->kind != ExprKind::kIdentifier || Lookup(segment->text) ||
      segment->text == "mockRequest" || segment->text == "requestContext" ||
      segment->text == "log" || segment->text == "store" || segment->text.empty() ||
      segment->text[0] < 'a' || segment->text[0] > 'z' || expr.text[0] < 'A' ||
      expr.text[0] > 'Z') {
    return std::nullopt;
  }
  return segment->text + "." + qualified;
}

bool Translator::IsXmlHolderNamespaces(const Expr& expr, JsExpr* holder) {
  if (expr.kind != ExprKind::kProperty || expr.text != "namespaces") return false;
  if (expr.first->kind != ExprKind::kIdentifier || !Lookup(expr.first->text)) return false;
  JsExpr receiver = Emit(*expr.first);
  if (receiver.kind != ValueKind::kXmlHolder) return false;
  *holder = std::move(receiver);
  return true;
}

JsExpr Translator::XPathRead(const JsExpr& holder, const JsExpr& path) {
  std::string xpath = Str(path);
  if (uses_namespaces_) {
    return CallHelper(Helper::kXPath, {Wrap(holder, kPrecAssignment), xpath}, ValueKind::kString,
                      true);
  }
  JsExpr read{"__mimicXPath(" + Wrap(holder, kPrecPrimary) + ".xml, " + xpath + ")", kPrecPrimary,
              ValueKind::kString};
  read.nonnull = true;
  return read;
}

JsExpr Translator::EmitProperty(const Expr& expr) {
  const std::string& name = expr.text;
  if (name == "class" || name == "metaClass") {
    Unsupported(expr.offset, "the class and metaClass properties",
                "compare values directly or use a JS dispatcher");
    return Placeholder();
  }
  if (std::optional<std::string> class_name = ClassName(*expr.first)) {
    return EmitStaticField(*class_name, expr);
  }
  JsExpr holder;
  if (IsXmlHolderNamespaces(expr, &holder)) {
    Unsupported(expr.offset, "reads of XmlHolder namespaces",
                "only assignments such as holder.namespaces[\"ns\"] = \"uri\" are translated");
    return Placeholder();
  }
  JsExpr receiver = Emit(*expr.first);
  std::string object = Wrap(receiver, kPrecPrimary);
  switch (receiver.kind) {
    case ValueKind::kMockRequest:
    case ValueKind::kServletRequest: {
      // Property access calls the getter, as in Groovy.
      Expr getter;
      getter.kind = ExprKind::kMethodCall;
      getter.offset = expr.offset;
      getter.text = "get" + name;
      if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') getter.text[3] = name[0] - 'a' + 'A';
      if (name == "uriParameters") getter.text = "getURIParameters";
      return receiver.kind == ValueKind::kMockRequest ? MockRequestCall(receiver, getter)
                                                      : ServletRequestCall(receiver, getter);
    }
    case ValueKind::kRequestContext:
      return JsExpr{object + ".get(" + JsString(name) + ")", kPrecPrimary, ValueKind::kUnknown};
    case ValueKind::kHeaders:
      return CallHelper(Helper::kHeader, {receiver.code, JsString(name)}, ValueKind::kList);
    case ValueKind::kXmlHolder:
      if (name == "xml") return JsExpr{object + ".xml", kPrecPrimary, ValueKind::kString};
      Unsupported(expr.offset, "XmlHolder properties other than xml",
                  "read values with holder[xpath] or holder.getNodeValue(xpath)");
      return Placeholder();
    case ValueKind::kLog:
    case ValueKind::kStore:
    case ValueKind::kJsonSlurper:
      Unsupported(expr.offset, "properties of " + std::string(DescribeKind(receiver.kind)),
                  "call its methods instead");
      return Placeholder();
    case ValueKind::kConflict:
      return Placeholder();
    case ValueKind::kException:
      if (name == "message" || name == "localizedMessage") {
        return JsExpr{object + ".message", kPrecPrimary, ValueKind::kString};
      }
      break;
    default:
      break;
  }
  std::vector<std::string> arguments = {Wrap(receiver, kPrecAssignment), JsString(name)};
  if (expr.safe) arguments.push_back("true");
  return CallHelper(Helper::kProp, arguments, ValueKind::kUnknown);
}

JsExpr Translator::EmitIndex(const Expr& expr) {
  if (expr.second->kind == ExprKind::kRange) {
    Unsupported(expr.offset, "subscripts with ranges such as s[0..2]",
                "use substring(from, to) or subList(from, to)");
    return Placeholder();
  }
  JsExpr holder;
  if (IsXmlHolderNamespaces(*expr.first, &holder)) {
    Unsupported(expr.offset, "reads of XmlHolder namespaces",
                "only assignments such as holder.namespaces[\"ns\"] = \"uri\" are translated");
    return Placeholder();
  }
  JsExpr receiver = Emit(*expr.first);
  JsExpr key = EmitValue(*expr.second);
  switch (receiver.kind) {
    case ValueKind::kXmlHolder:
      return XPathRead(receiver, key);
    case ValueKind::kHeaders:
      return CallHelper(Helper::kHeader, {receiver.code, Wrap(key, kPrecAssignment)},
                        ValueKind::kList);
    case ValueKind::kRequestContext:
      return JsExpr{Wrap(receiver, kPrecPrimary) + ".get(" + Wrap(key, kPrecAssignment) + ")",
                    kPrecPrimary, ValueKind::kUnknown};
    case ValueKind::kBoolean:
      Unsupported(expr.offset, "subscripts on booleans and on the matcher of =~",
                  "extract groups with replaceAll, or use a JS dispatcher");
      return Placeholder();
    case ValueKind::kConflict:
      return Placeholder();
    default:
      if (IsReceiverOnly(receiver.kind)) {
        Unsupported(expr.offset, "subscripts on " + std::string(DescribeKind(receiver.kind)),
                    "call their methods instead");
        return Placeholder();
      }
      break;
  }
  if (receiver.kind == ValueKind::kList && IsNonNegativeIntegerLiteral(*expr.second)) {
    return JsExpr{Wrap(receiver, kPrecPrimary) + "[" + key.code + "]", kPrecPrimary,
                  ValueKind::kUnknown};
  }
  return CallHelper(Helper::kIndex, {Wrap(receiver, kPrecAssignment), Wrap(key, kPrecAssignment)},
                    ValueKind::kUnknown);
}

JsExpr Translator::EmitUnary(const Expr& expr) {
  const std::string& op = expr.text;
  if (op == "!") {
    JsExpr operand = EmitCondition(*expr.first);
    JsExpr negated{"!" + Wrap(operand, kPrecUnary), kPrecUnary, ValueKind::kBoolean};
    negated.nonnull = true;
    return negated;
  }
  if (op == "++" || op == "--") return EmitIncrement(*expr.first, op, /*prefix=*/true);
  JsExpr operand = EmitValue(*expr.first);
  if (op == "+") {
    if (operand.kind == ValueKind::kNumber) return operand;
    return CallHelper(Helper::kAsNumber, {Wrap(operand, kPrecAssignment)}, ValueKind::kNumber);
  }
  // Unary minus. Parentheses keep `- -1` from reading as a decrement.
  std::string inner = Wrap(operand, kPrecUnary);
  if (inner.starts_with("-") || inner.starts_with("+")) inner = "(" + inner + ")";
  JsExpr negated{"-" + inner, kPrecUnary, ValueKind::kNumber};
  negated.nonnull = operand.nonnull;
  negated.integral = operand.integral;
  return negated;
}

JsExpr Translator::EmitIncrement(const Expr& target, const std::string& op, bool prefix) {
  std::string code;
  if (target.kind == ExprKind::kIdentifier) {
    Variable* variable = Lookup(target.text);
    if (!variable) {
      Invalid(target.offset,
              "the variable '" + target.text +
                  "' is never declared or assigned. Declare it with def before using it");
      return Placeholder();
    }
    Widen(variable, ValueKind::kNumber);
    code = variable->js_name;
  } else if (target.kind == ExprKind::kProperty || target.kind == ExprKind::kIndex) {
    if (target.safe || !IsSimplePath(*target.first)) {
      Unsupported(target.offset, "increments of computed properties",
                  "read the value into a variable, change it and store it back");
      return Placeholder();
    }
    JsExpr receiver = EmitValue(*target.first);
    if (target.kind == ExprKind::kProperty) {
      if (!IsJsIdentifier(target.text)) {
        Unsupported(target.offset, "increments of properties with unusual names", "use x = x + 1");
        return Placeholder();
      }
      code = Wrap(receiver, kPrecPrimary) + "." + target.text;
    } else {
      code = Wrap(receiver, kPrecPrimary) + "[" + Wrap(EmitValue(*target.second), kPrecAssignment) +
             "]";
    }
  } else {
    Invalid(target.offset,
            "invalid Groovy syntax: '" + op + "' needs a variable, property or index");
    return Placeholder();
  }
  JsExpr result{prefix ? op + code : code + op, prefix ? kPrecUnary : kPrecPostfix,
                ValueKind::kNumber};
  result.nonnull = true;
  return result;
}

std::optional<std::string> Translator::RegexLiteral(const Expr& pattern, bool full_match,
                                                    bool global) {
  const Expr* source = &pattern;
  if (source->kind == ExprKind::kPattern) source = source->first.get();
  if (source->kind != ExprKind::kString) {
    Unsupported(pattern.offset, "regular expressions built at run time",
                "write the pattern as a string or /slashy/ literal, or use a JS dispatcher");
    return std::nullopt;
  }
  RegexConversion conversion = ConvertJavaRegex(source->text, full_match, global);
  if (conversion.ok()) return conversion.literal;
  if (conversion.unsupported) {
    Unsupported(source->offset, conversion.problem, conversion.hint);
  } else {
    Invalid(source->offset, "invalid regular expression: " + conversion.problem);
  }
  return std::nullopt;
}

JsExpr Translator::EmitBinary(const Expr& expr) {
  const std::string& op = expr.text;
  if (op == "&&" || op == "||") return EmitBoolean(expr);
  if (op == "==" || op == "!=") return EmitEquality(expr, op == "!=");
  if (op == "===" || op == "!==") {
    Unsupported(expr.offset, "identity comparisons with === and !==", "use == and !=");
    return Placeholder();
  }
  if (op == "<=>") {
    Unsupported(expr.offset, "<=> comparisons", "compare with <, > and ==");
    return Placeholder();
  }

  JsExpr boolean{"", kPrecPrimary, ValueKind::kBoolean};
  boolean.nonnull = true;
  if (op == "=~" || op == "==~") {
    JsExpr subject = EmitValue(*expr.first);
    bool full = op == "==~";
    std::optional<std::string> regex = RegexLiteral(*expr.second, full, false);
    if (!regex) return Placeholder();
    if (subject.kind == ValueKind::kString && subject.nonnull) {
      boolean.code = *regex + ".test(" + Wrap(subject, kPrecAssignment) + ")";
      return boolean;
    }
    return CallHelper(full ? Helper::kRegexMatch : Helper::kRegexFind,
                      {Wrap(subject, kPrecAssignment), *regex}, ValueKind::kBoolean, true);
  }

  JsExpr left = EmitValue(*expr.first);
  JsExpr right = EmitValue(*expr.second);
  if (op == "<" || op == ">" || op == "<=" || op == ">=") {
    boolean.code = Wrap(left, kPrecRelational) + " " + op + " " + Wrap(right, kPrecRelational + 1);
    boolean.precedence = kPrecRelational;
    return boolean;
  }
  if (op == "in" || op == "!in") {
    JsExpr test =
        CallHelper(Helper::kIsCase, {Wrap(right, kPrecAssignment), Wrap(left, kPrecAssignment)},
                   ValueKind::kBoolean, true);
    if (op == "!in") return JsExpr{"!" + test.code, kPrecUnary, ValueKind::kBoolean, true};
    return test;
  }
  if (op == "**") {
    JsExpr power{
        "Math.pow(" + Wrap(left, kPrecAssignment) + ", " + Wrap(right, kPrecAssignment) + ")",
        kPrecPrimary, ValueKind::kNumber};
    power.nonnull = true;
    return power;
  }
  return Combine(op, left, right);
}

// Applies an arithmetic operator with Groovy's meaning for the operand kinds.
JsExpr Translator::Combine(const std::string& op, const JsExpr& left, const JsExpr& right) {
  if (op == "+") return EmitPlus(left, right);
  bool numbers = left.kind == ValueKind::kNumber && right.kind == ValueKind::kNumber;
  int precedence = op == "-" ? kPrecAdditive : kPrecMultiplicative;
  if (numbers || op == "/" || op == "%") {
    // NOTE: Groovy rejects / and % on non-numbers where JavaScript converts them, and
    // divides integers by zero with an exception where JavaScript returns Infinity.
    JsExpr result{Wrap(left, precedence) + " " + op + " " + Wrap(right, precedence + 1), precedence,
                  ValueKind::kNumber};
    result.nonnull = left.nonnull && right.nonnull;
    result.integral = left.integral && right.integral && op != "/";
    return result;
  }
  Helper helper = op == "-" ? Helper::kMinus : Helper::kTimes;
  ValueKind kind = left.kind == ValueKind::kString || left.kind == ValueKind::kList
                       ? left.kind
                       : ValueKind::kUnknown;
  return CallHelper(helper, {Wrap(left, kPrecAssignment), Wrap(right, kPrecAssignment)}, kind,
                    true);
}

// Groovy's + concatenates when the left side is a string, adds numbers, and appends
// to lists and maps.
JsExpr Translator::EmitPlus(const JsExpr& left, const JsExpr& right) {
  JsExpr result{"", kPrecAdditive, ValueKind::kString};
  result.nonnull = true;
  if (left.kind == ValueKind::kString) {
    std::string operand = IsPrimitive(right.kind) ? Wrap(right, kPrecAdditive + 1) : Str(right);
    result.code = Wrap(left, kPrecAdditive) + " + " + operand;
    return result;
  }
  if (left.kind == ValueKind::kNumber &&
      (right.kind == ValueKind::kNumber || right.kind == ValueKind::kString)) {
    result.code = Wrap(left, kPrecAdditive) + " + " + Wrap(right, kPrecAdditive + 1);
    result.kind = right.kind;
    result.nonnull = left.nonnull && right.nonnull;
    result.integral = left.integral && right.integral;
    return result;
  }
  ValueKind kind = left.kind == ValueKind::kList || left.kind == ValueKind::kMap
                       ? left.kind
                       : ValueKind::kUnknown;
  return CallHelper(Helper::kPlus, {Wrap(left, kPrecAssignment), Wrap(right, kPrecAssignment)},
                    kind, true);
}

JsExpr Translator::EmitEquality(const Expr& expr, bool negate) {
  JsExpr left = EmitValue(*expr.first);
  JsExpr right = EmitValue(*expr.second);
  return Equality(left, right, expr.first->kind == ExprKind::kNull,
                  expr.second->kind == ExprKind::kNull, negate);
}

// Groovy's == (equals() with null handling); see TranslateGroovy for the mapping.
JsExpr Translator::Equality(const JsExpr& left, const JsExpr& right, bool left_is_null_literal,
                            bool right_is_null_literal, bool negate) {
  JsExpr result{"", kPrecEquality, ValueKind::kBoolean};
  result.nonnull = true;
  if (left_is_null_literal && right_is_null_literal) {
    result.code = negate ? "false" : "true";
    result.precedence = kPrecPrimary;
    return result;
  }
  if (left_is_null_literal || right_is_null_literal) {
    // undefined is null too: a missing JSON property reads as undefined.
    const JsExpr& other = left_is_null_literal ? right : left;
    result.code =
        "(" + Wrap(other, kPrecEquality) + " ?? null) " + (negate ? "!==" : "===") + " null";
    return result;
  }
  bool strict = (IsPrimitive(left.kind) && left.nonnull) ||
                (IsPrimitive(right.kind) && right.nonnull) ||
                (IsPrimitive(left.kind) && IsPrimitive(right.kind));
  if (strict) {
    result.code =
        Wrap(left, kPrecEquality) + (negate ? " !== " : " === ") + Wrap(right, kPrecEquality + 1);
    return result;
  }
  JsExpr equal =
      CallHelper(Helper::kEq, {Wrap(left, kPrecAssignment), Wrap(right, kPrecAssignment)},
                 ValueKind::kBoolean, true);
  if (!negate) return equal;
  return JsExpr{"!" + equal.code, kPrecUnary, ValueKind::kBoolean, true};
}

JsExpr Translator::EmitElvis(const Expr& expr) {
  JsExpr value = EmitValue(*expr.first);
  JsExpr fallback = EmitValue(*expr.second);
  if (IsPrimitive(value.kind)) {
    // For strings, numbers other than NaN, and booleans, JavaScript's || agrees with
    // Groovy truth.
    JsExpr result{Wrap(value, kPrecOr) + " || " + Wrap(fallback, kPrecOr + 1), kPrecOr,
                  JoinKinds(value.kind, fallback.kind)};
    result.nonnull = fallback.nonnull;
    return result;
  }
  JsExpr result =
      CallHelper(Helper::kElvis, {Wrap(value, kPrecAssignment), "() => " + ArrowBody(fallback)},
                 JoinKinds(value.kind, fallback.kind));
  result.nonnull = fallback.nonnull;
  return result;
}

JsExpr Translator::EmitCast(const Expr& expr) {
  JsExpr value = EmitValue(*expr.first);
  std::string type = expr.text;
  size_t dot = type.rfind('.');
  if (dot != std::string::npos) type = type.substr(dot + 1);
  auto null_safe = [&](Helper helper, const std::string& extra, ValueKind kind) {
    helpers_.Add(helper);
    std::string call = std::string(HelperName(helper)) + "(__g_value" + extra + ")";
    return CallHelper(Helper::kSafe, {Wrap(value, kPrecAssignment), "(__g_value) => " + call},
                      kind);
  };

  if (type == "String") {
    if (value.kind == ValueKind::kString) return value;
    return CallHelper(Helper::kAsString, {Wrap(value, kPrecAssignment)}, ValueKind::kString);
  }
  if (type == "Integer" || type == "int" || type == "Long" || type == "long" ||
      type == "BigInteger" || type == "Short" || type == "short") {
    if (value.kind == ValueKind::kNumber && value.integral) return value;
    return null_safe(Helper::kToInteger, ", true", ValueKind::kNumber);
  }
  if (type == "Double" || type == "double" || type == "BigDecimal" || type == "Float" ||
      type == "float" || type == "Number") {
    if (value.kind == ValueKind::kNumber) return value;
    return null_safe(Helper::kToNumber, "", ValueKind::kNumber);
  }
  if (type == "Boolean" || type == "boolean") {
    if (value.kind == ValueKind::kBoolean) return value;
    return CallHelper(Helper::kTruth, {Wrap(value, kPrecAssignment)}, ValueKind::kBoolean, true);
  }
  if ((type == "List" || type == "ArrayList") && value.kind == ValueKind::kList) return value;
  if ((type == "Map" || type == "HashMap") && value.kind == ValueKind::kMap) return value;
  Unsupported(expr.offset, "'as' conversions to " + expr.text,
              "convert with toInteger(), toString() and similar methods, or use a JS dispatcher");
  return Placeholder();
}

JsExpr Translator::Coerce(JsExpr value, Coercion coercion) {
  if (coercion == Coercion::kNone || value.kind == ValueKind::kNull) return value;
  auto convert = [&](Helper helper, ValueKind kind) {
    JsExpr converted = CallHelper(helper, {Wrap(value, kPrecAssignment)}, kind);
    converted.nonnull = value.nonnull;
    return converted;
  };
  switch (coercion) {
    case Coercion::kString:
      return value.kind == ValueKind::kString ? value
                                              : convert(Helper::kAsString, ValueKind::kString);
    case Coercion::kInteger:
      if (value.kind == ValueKind::kNumber && value.integral) return value;
      if (value.kind == ValueKind::kNumber) {
        JsExpr truncated{"Math.trunc(" + Wrap(value, kPrecAssignment) + ")", kPrecPrimary,
                         ValueKind::kNumber};
        truncated.integral = true;
        return truncated;
      }
      return convert(Helper::kAsInteger, ValueKind::kNumber);
    case Coercion::kNumber:
      return value.kind == ValueKind::kNumber ? value
                                              : convert(Helper::kAsNumber, ValueKind::kNumber);
    case Coercion::kBoolean:
      return value.kind == ValueKind::kBoolean ? value
                                               : convert(Helper::kTruth, ValueKind::kBoolean);
    case Coercion::kList:
      return value.kind == ValueKind::kList ? value : convert(Helper::kAsList, ValueKind::kList);
    case Coercion::kMap:
      return value.kind == ValueKind::kMap ? value : convert(Helper::kAsMap, ValueKind::kMap);
    case Coercion::kNone:
      break;
  }
  return value;
}

JsExpr Translator::EmitAssign(const Expr& expr) {
  const std::string& op = expr.text;
  if (op != "=" && op != "+=" && op != "-=" && op != "*=" && op != "/=" && op != "%=") {
    Unsupported(expr.offset, op + " assignments", "write x = x op y");
    return Placeholder();
  }
  const Expr& target = *expr.first;
  if (target.kind == ExprKind::kProperty) return AssignProperty(expr);
  if (target.kind == ExprKind::kIndex) return AssignIndex(expr);

  const std::string& name = target.text;
  Variable* variable = Lookup(name);
  if (!variable) {
    if (name == "mockRequest" || name == "requestContext" || name == "log" || name == "store") {
      Unsupported(target.offset, "assignments to mockRequest, requestContext, store and log",
                  "use another variable name");
      return Placeholder();
    }
    variable = Binding(name);
  }
  JsExpr value;
  if (op == "=") {
    value = Emit(*expr.second);
  } else {
    JsExpr current{variable->js_name, kPrecPrimary,
                   variable->kind == ValueKind::kNone ? ValueKind::kUnknown : variable->kind};
    if (IsReceiverOnly(current.kind)) {
      Unsupported(expr.offset, std::string(DescribeKind(current.kind)) + " used as plain values",
                  "use a separate variable");
      return Placeholder();
    }
    value = Combine(op.substr(0, 1), current, EmitValue(*expr.second));
  }
  value = Coerce(std::move(value), variable->type.coercion);
  Widen(variable, value.kind);
  JsExpr result{variable->js_name + " = " + Wrap(value, kPrecAssignment), kPrecAssignment,
                value.kind};
  result.nonnull = value.nonnull;
  return result;
}

JsExpr Translator::AssignProperty(const Expr& expr) {
  const Expr& target = *expr.first;
  const std::string& name = target.text;
  const std::string& op = expr.text;
  if (target.safe) {
    Unsupported(target.offset, "assignments through ?.", "check the object for null with if first");
    return Placeholder();
  }
  if (ClassName(*target.first)) {
    Unsupported(target.offset, "assignments to static fields", "use a variable");
    return Placeholder();
  }

  JsExpr holder;
  if (IsXmlHolderNamespaces(*target.first, &holder)) {
    uses_namespaces_ = true;
    JsExpr uri = EmitValue(*expr.second);
    return CallHelper(Helper::kPutAt,
                      {Wrap(holder, kPrecPrimary) + ".namespaces", JsString(name), Str(uri)},
                      ValueKind::kString);
  }
  JsExpr receiver = Emit(*target.first);
  if (receiver.kind == ValueKind::kXmlHolder && name == "namespaces" && op == "=") {
    uses_namespaces_ = true;
    JsExpr namespaces = EmitValue(*expr.second);
    return JsExpr{
        Wrap(receiver, kPrecPrimary) + ".namespaces = " + Wrap(namespaces, kPrecAssignment),
        kPrecAssignment, namespaces.kind};
  }

  if (IsReceiverOnly(receiver.kind) || receiver.kind == ValueKind::kHeaders) {
    if (receiver.kind != ValueKind::kConflict) {
      Unsupported(target.offset,
                  "assignments to properties of " + std::string(receiver.kind == ValueKind::kHeaders
                                                                    ? "the request headers"
                                                                    : DescribeKind(receiver.kind)),
                  "store the value in requestContext or a variable");
    }
    return Placeholder();
  }

  JsExpr value;
  if (op == "=") {
    value = EmitValue(*expr.second);
  } else {
    if (!IsSimplePath(*target.first)) {
      Unsupported(target.offset, "compound assignments to computed properties",
                  "read the value into a variable, change it and store it back");
      return Placeholder();
    }
    JsExpr current =
        receiver.kind == ValueKind::kRequestContext
            ? JsExpr{Wrap(receiver, kPrecPrimary) + ".get(" + JsString(name) + ")"}
            : CallHelper(Helper::kProp, {receiver.code, JsString(name)}, ValueKind::kUnknown);
    value = Combine(op.substr(0, 1), current, EmitValue(*expr.second));
  }

  if (receiver.kind == ValueKind::kRequestContext && (name == "get" || name == "set")) {
    // A plain property would hide the context's get and set methods.
    return JsExpr{Wrap(receiver, kPrecPrimary) + ".set(" + JsString(name) + ", " +
                      Wrap(value, kPrecAssignment) + ")",
                  kPrecPrimary, ValueKind::kNull};
  }
  if (!IsJsIdentifier(name)) {
    return CallHelper(
        Helper::kPutAt,
        {Wrap(receiver, kPrecAssignment), JsString(name), Wrap(value, kPrecAssignment)},
        value.kind);
  }
  return JsExpr{Wrap(receiver, kPrecPrimary) + "." + name + " = " + Wrap(value, kPrecAssignment),
                kPrecAssignment, value.kind};
}

JsExpr Translator::AssignIndex(const Expr& expr) {
  const Expr& target = *expr.first;
  const std::string& op = expr.text;
  JsExpr holder;
  if (IsXmlHolderNamespaces(*target.first, &holder)) {
    uses_namespaces_ = true;
    JsExpr prefix = EmitValue(*target.second);
    JsExpr uri = EmitValue(*expr.second);
    if (target.second->kind == ExprKind::kString && target.second->text != "__proto__") {
      return JsExpr{Wrap(holder, kPrecPrimary) + ".namespaces[" + prefix.code + "] = " + Str(uri),
                    kPrecAssignment, ValueKind::kString};
    }
    return CallHelper(Helper::kPutAt,
                      {Wrap(holder, kPrecPrimary) + ".namespaces", Str(prefix), Str(uri)},
                      ValueKind::kString);
  }

  JsExpr receiver = Emit(*target.first);
  if (IsReceiverOnly(receiver.kind) || receiver.kind == ValueKind::kHeaders) {
    if (receiver.kind != ValueKind::kConflict) {
      Unsupported(
          target.offset,
          receiver.kind == ValueKind::kXmlHolder
              ? std::string("assignments to XPath expressions of XmlHolder objects")
              : "subscript assignments on " + std::string(receiver.kind == ValueKind::kHeaders
                                                              ? "the request headers"
                                                              : DescribeKind(receiver.kind)),
          "store the value in requestContext or a variable");
    }
    return Placeholder();
  }

  JsExpr key = EmitValue(*target.second);
  JsExpr value;
  if (op == "=") {
    value = EmitValue(*expr.second);
  } else {
    if (!IsSimplePath(*target.first) || !IsSimplePath(*target.second)) {
      Unsupported(target.offset, "compound assignments to computed subscripts",
                  "read the value into a variable, change it and store it back");
      return Placeholder();
    }
    JsExpr current =
        CallHelper(Helper::kIndex, {Wrap(receiver, kPrecAssignment), Wrap(key, kPrecAssignment)},
                   ValueKind::kUnknown);
    value = Combine(op.substr(0, 1), current, EmitValue(*expr.second));
  }

  if (receiver.kind == ValueKind::kRequestContext) {
    return JsExpr{Wrap(receiver, kPrecPrimary) + ".set(" + Wrap(key, kPrecAssignment) + ", " +
                      Wrap(value, kPrecAssignment) + ")",
                  kPrecPrimary, ValueKind::kNull};
  }
  bool direct =
      (receiver.kind == ValueKind::kList && IsNonNegativeIntegerLiteral(*target.second)) ||
      (receiver.kind == ValueKind::kMap && target.second->kind == ExprKind::kString &&
       target.second->text != "__proto__");
  if (direct) {
    return JsExpr{
        Wrap(receiver, kPrecPrimary) + "[" + key.code + "] = " + Wrap(value, kPrecAssignment),
        kPrecAssignment, value.kind};
  }
  return CallHelper(
      Helper::kPutAt,
      {Wrap(receiver, kPrecAssignment), Wrap(key, kPrecAssignment), Wrap(value, kPrecAssignment)},
      value.kind);
}

}  // namespace mimic::groovy
