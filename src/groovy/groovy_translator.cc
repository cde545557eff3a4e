#include "groovy/groovy_translator.h"

#include <algorithm>
#include <utility>

#include "common/strings.h"
#include "groovy/groovy_diagnostics.h"
#include "groovy/groovy_lexer.h"

namespace mimic::groovy {
namespace {

// Names a Groovy script may use that JavaScript reserves, or that the translation
// needs for the globals it calls. Variables with these names get a prefix.
constexpr std::string_view kRenamedNames[] = {
    "arguments",  "await",        "break",          "case",
    "catch",      "class",        "const",          "continue",
    "debugger",   "default",      "delete",         "do",
    "else",       "enum",         "eval",           "export",
    "extends",    "false",        "finally",        "for",
    "function",   "if",           "implements",     "import",
    "in",         "instanceof",   "interface",      "let",
    "new",        "null",         "package",        "private",
    "protected",  "public",       "return",         "static",
    "super",      "switch",       "this",           "throw",
    "true",       "try",          "typeof",         "var",
    "void",       "while",        "with",           "yield",
    "undefined",  "NaN",          "Infinity",       "Object",
    "Array",      "String",       "Number",         "Math",
    "RegExp",     "Error",        "TypeError",      "RangeError",
    "JSON",       "Date",         "Boolean",        "Symbol",
    "globalThis", "mockRequest",  "requestContext", "store",
    "log",        "__mimicXPath",
};

std::string JsName(const std::string& name) {
  bool renamed = name.starts_with("__g") ||
                 std::find(std::begin(kRenamedNames), std::end(kRenamedNames), name) !=
                     std::end(kRenamedNames);
  return renamed ? "__g_v_" + name : name;
}

// The class name without a package: "java.util.List" becomes "List".
std::string SimpleTypeName(const std::string& type) {
  size_t dot = type.rfind('.');
  return dot == std::string::npos ? type : type.substr(dot + 1);
}

bool EndsWithReturnOrThrow(const Block* block) {
  if (!block || block->statements.empty()) return false;
  StmtKind kind = block->statements.back()->kind;
  return kind == StmtKind::kReturn || kind == StmtKind::kThrow;
}

}  // namespace

std::string Wrap(const JsExpr& expr, int precedence) {
  if (expr.precedence >= precedence) return expr.code;
  return "(" + expr.code + ")";
}

std::string JsString(std::string_view text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else if (c == 0xE2 && i + 2 < text.size() && text[i + 1] == '\x80' &&
                   (text[i + 2] == '\xA8' || text[i + 2] == '\xA9')) {
          // U+2028 and U+2029 were invalid in string literals before ES2019.
          out += text[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
          i += 2;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out += "\"";
  return out;
}

std::string ArrowBody(const JsExpr& value) {
  if (value.code.starts_with("{")) return "(" + value.code + ")";
  return Wrap(value, kPrecAssignment);
}

// --- driver, output and errors ---

Result<std::string> Translator::Translate(const Block& script) {
  // Every pass translates the whole script and widens variable kinds at assignments.
  // When a pass widens nothing, its output used the final kinds and is the result. The
  // second pass always runs, so that variables assigned late in the script are known
  // everywhere.
  for (int pass = 0;; ++pass) {
    RunPass(script);
    if (!changed_ && pass >= 1) break;
    if (pass + 1 == kMaxTypePasses) {
      for (auto& [key, variable] : locals_)
        variable.kind = JoinKinds(variable.kind, ValueKind::kUnknown);
      for (auto& [name, variable] : bindings_) {
        variable.kind = JoinKinds(variable.kind, ValueKind::kUnknown);
      }
      frozen_ = true;
      RunPass(script);
      break;
    }
  }
  if (first_error_) return tl::unexpected(*first_error_);

  std::string javascript = helpers_.Render();
  for (const auto& [name, variable] : bindings_) {
    javascript += "let " + variable.js_name + " = null;\n";
  }
  javascript += body_;
  return javascript;
}

void Translator::RunPass(const Block& script) {
  first_error_.reset();
  body_.clear();
  out_ = &body_;
  indent_ = 0;
  helpers_ = HelperSet();
  scopes_.clear();
  scopes_.emplace_back();
  changed_ = false;
  loop_depth_ = 0;
  switch_depth_ = 0;
  temporary_count_ = 0;
  EmitStatements(script.statements, /*implicit_return=*/true);
}

std::string Translator::Indentation() const { return std::string(2 * indent_, ' '); }

void Translator::Line(std::string_view text) {
  out_->append(Indentation());
  out_->append(text);
  out_->push_back('\n');
}

void Translator::Unsupported(size_t offset, std::string construct, std::string hint) {
  if (first_error_) return;
  first_error_ = MakeUnsupportedError(source_, offset, std::move(construct), std::move(hint));
}

void Translator::Invalid(size_t offset, std::string_view message) {
  if (first_error_) return;
  first_error_ =
      Error{ErrorCode::kInvalidArgument, PositionPrefix(source_, offset) + std::string(message)};
}

JsExpr Translator::Placeholder() const { return JsExpr{"undefined"}; }

// --- variables ---

std::optional<DeclaredType> Translator::ClassifyType(const std::string& type, size_t offset) {
  DeclaredType declared;
  if (type.empty() || type == "def" || type == "var") return declared;
  if (type.ends_with("[]")) {
    return DeclaredType{Coercion::kList, ValueKind::kList, "null"};
  }

  std::string name = SimpleTypeName(type);
  if (name == "Object" || name == "XmlHolder" || name == "JsonSlurper" ||
      name == "HttpServletRequest" || name == "StringToStringsMap" || name == "Exception" ||
      name == "Throwable" || name == "RuntimeException") {
    return declared;
  }

  if (name == "String" || name == "CharSequence" || name == "GString") {
    return DeclaredType{Coercion::kString, ValueKind::kString, "null"};
  }
  if (name == "int" || name == "long" || name == "short" || name == "byte") {
    return DeclaredType{Coercion::kInteger, ValueKind::kNumber, "0"};
  }
  if (name == "Integer" || name == "Long" || name == "Short" || name == "Byte" ||
      name == "BigInteger") {
    return DeclaredType{Coercion::kInteger, ValueKind::kNumber, "null"};
  }
  if (name == "double" || name == "float") {
    return DeclaredType{Coercion::kNumber, ValueKind::kNumber, "0"};
  }
  if (name == "Double" || name == "Float" || name == "BigDecimal" || name == "Number") {
    return DeclaredType{Coercion::kNumber, ValueKind::kNumber, "null"};
  }
  if (name == "boolean") return DeclaredType{Coercion::kBoolean, ValueKind::kBoolean, "false"};
  if (name == "Boolean") return DeclaredType{Coercion::kBoolean, ValueKind::kBoolean, "null"};
  if (name == "List" || name == "ArrayList" || name == "LinkedList" || name == "Collection" ||
      name == "Iterable") {
    return DeclaredType{Coercion::kList, ValueKind::kList, "null"};
  }
  if (name == "Map" || name == "HashMap" || name == "LinkedHashMap") {
    return DeclaredType{Coercion::kMap, ValueKind::kMap, "null"};
  }

  if (name == "char" || name == "Character") {
    Unsupported(offset, "char variables", "declare the variable as String");
  } else {
    Unsupported(offset, "variables of type " + type,
                "declare the variable with def, or use a JS dispatcher");
  }
  return std::nullopt;
}

Variable* Translator::Declare(VariableKey key, size_t offset, const std::string& name,
                              const DeclaredType& type) {
  auto [it, inserted] = locals_.try_emplace(key);
  Variable* variable = &it->second;
  if (inserted) {
    variable->name = name;
    variable->js_name = JsName(name);
    variable->type = type;
    if (type.kind != ValueKind::kNone) variable->kind = type.kind;
  }
  if (scopes_.back().count(name) > 0) {
    Invalid(offset, "the variable '" + name + "' is already declared in this scope");
  } else if (scopes_.size() == 1 && bindings_.count(name) > 0) {
    Invalid(offset, "the variable '" + name +
                        "' is assigned before its declaration. Move the declaration above the "
                        "first assignment");
  }
  scopes_.back()[name] = variable;
  return variable;
}

Variable* Translator::Lookup(const std::string& name) {
  for (auto scope = scopes_.rbegin(); scope != scopes_.rend(); ++scope) {
    auto found = scope->find(name);
    if (found != scope->end()) return found->second;
  }
  auto binding = bindings_.find(name);
  return binding == bindings_.end() ? nullptr : &binding->second;
}

// An undeclared variable assigned in the script. Groovy stores it in the script
// binding; the translation declares it once at the top of the function.
Variable* Translator::Binding(const std::string& name) {
  auto [it, inserted] = bindings_.try_emplace(name);
  if (inserted) {
    it->second.name = name;
    it->second.js_name = JsName(name);
    changed_ = true;
  }
  return &it->second;
}

void Translator::Widen(Variable* variable, ValueKind kind) {
  if (frozen_ || variable->type.kind != ValueKind::kNone) return;
  ValueKind widened = JoinKinds(variable->kind, kind);
  if (widened != variable->kind) {
    variable->kind = widened;
    changed_ = true;
  }
}

void Translator::PushScope() { scopes_.emplace_back(); }

void Translator::PopScope() { scopes_.pop_back(); }

// --- statements ---

void Translator::EmitStatements(const std::vector<StmtPtr>& statements, bool implicit_return) {
  for (size_t i = 0; i < statements.size(); ++i) {
    EmitStatement(*statements[i], implicit_return && i + 1 == statements.size());
  }
}

void Translator::EmitScopedBlock(const std::vector<StmtPtr>& statements, bool implicit_return) {
  ++indent_;
  PushScope();
  EmitStatements(statements, implicit_return);
  PopScope();
  --indent_;
}

// With implicit_return, a statement that ends the script or a closure returns its
// value, as Groovy's return adder makes it: an expression returns itself, an if or a
// switch returns from each branch, a declaration returns the declared value.
void Translator::EmitStatement(const Stmt& stmt, bool implicit_return) {
  switch (stmt.kind) {
    case StmtKind::kExpression:
      if (implicit_return) {
        JsExpr value = EmitValue(*stmt.expr);
        Line("return " + ArrowBody(value) + ";");
      } else {
        Line(StatementCode(*stmt.expr) + ";");
      }
      return;
    case StmtKind::kDeclaration: {
      std::string last_name;
      Line(DeclarationCode(stmt, &last_name) + ";");
      if (implicit_return) Line("return " + last_name + ";");
      return;
    }
    case StmtKind::kIf:
      EmitIf(stmt, implicit_return);
      return;
    case StmtKind::kWhile: {
      JsExpr condition = EmitCondition(*stmt.expr);
      Line("while (" + condition.code + ") {");
      ++loop_depth_;
      EmitScopedBlock(stmt.body->statements, false);
      --loop_depth_;
      Line("}");
      return;
    }
    case StmtKind::kDoWhile: {
      Line("do {");
      ++loop_depth_;
      EmitScopedBlock(stmt.body->statements, false);
      --loop_depth_;
      JsExpr condition = EmitCondition(*stmt.expr);
      Line("} while (" + condition.code + ");");
      return;
    }
    case StmtKind::kForIn:
      EmitForIn(stmt);
      return;
    case StmtKind::kFor:
      EmitFor(stmt);
      return;
    case StmtKind::kSwitch:
      EmitSwitch(stmt, implicit_return);
      return;
    case StmtKind::kReturn:
      if (stmt.expr) {
        Line("return " + ArrowBody(EmitValue(*stmt.expr)) + ";");
      } else {
        Line("return null;");
      }
      return;
    case StmtKind::kBreak:
      if (loop_depth_ == 0 && switch_depth_ == 0) {
        Invalid(stmt.offset, "'break' is only allowed inside a loop or switch");
      }
      Line("break;");
      return;
    case StmtKind::kContinue:
      if (loop_depth_ == 0) Invalid(stmt.offset, "'continue' is only allowed inside a loop");
      Line("continue;");
      return;
    case StmtKind::kBlock:
      Line("{");
      EmitScopedBlock(stmt.body->statements, implicit_return);
      Line("}");
      return;
    case StmtKind::kTry:
      EmitTry(stmt, implicit_return);
      return;
    case StmtKind::kThrow:
      Line("throw " + Wrap(EmitValue(*stmt.expr), kPrecAssignment) + ";");
      return;
    case StmtKind::kAssert: {
      JsExpr condition = EmitCondition(*stmt.expr);
      std::string message = "\"Assertion failed\"";
      if (stmt.message) {
        message = "\"Assertion failed: \" + " +
                  Wrap(StrExpr(EmitValue(*stmt.message)), kPrecAdditive + 1);
      }
      Line("if (!" + Wrap(condition, kPrecUnary) + ") throw new Error(" + message + ");");
      return;
    }
    case StmtKind::kEmpty:
      return;
  }
}

// Returns `let a = 1, b = 2` and the JavaScript name of the last variable.
std::string Translator::DeclarationCode(const Stmt& stmt, std::string* last_name) {
  std::optional<DeclaredType> type = ClassifyType(stmt.type, stmt.offset);
  if (!type) return "let __g_invalid = null";
  std::string code = "let ";
  for (size_t i = 0; i < stmt.declarators.size(); ++i) {
    const Declarator& declarator = stmt.declarators[i];
    JsExpr value{type->initial_value, kPrecPrimary, ValueKind::kNull};
    if (declarator.initializer) value = Coerce(Emit(*declarator.initializer), type->coercion);
    Variable* variable =
        Declare({&stmt, static_cast<int>(i)}, declarator.offset, declarator.name, *type);
    Widen(variable, value.kind);
    if (i > 0) code += ", ";
    code += variable->js_name + " = " + Wrap(value, kPrecAssignment);
    *last_name = variable->js_name;
  }
  return code;
}

void Translator::EmitIf(const Stmt& stmt, bool implicit_return) {
  for (size_t i = 0; i < stmt.branches.size(); ++i) {
    const IfBranch& branch = stmt.branches[i];
    if (!branch.condition) {
      Line("} else {");
    } else {
      std::string condition = EmitCondition(*branch.condition).code;
      Line((i == 0 ? "if (" : "} else if (") + condition + ") {");
    }
    EmitScopedBlock(branch.body->statements, implicit_return);
  }
  Line("}");
}

void Translator::EmitForIn(const Stmt& stmt) {
  JsExpr iterable = EmitValue(*stmt.expr);
  std::string source = iterable.kind == ValueKind::kList && iterable.nonnull
                           ? iterable.code
                           : CallHelper(Helper::kIter, {iterable.code}, ValueKind::kList).code;
  ValueKind element = ValueKind::kUnknown;
  if (stmt.expr->kind == ExprKind::kRange) element = ValueKind::kNumber;
  if (iterable.kind == ValueKind::kString) element = ValueKind::kString;

  std::optional<DeclaredType> type = ClassifyType(stmt.type, stmt.offset);
  if (!type) return;
  PushScope();
  Variable* variable = Declare({&stmt, -1}, stmt.variable_offset, stmt.variable, *type);
  Widen(variable, element);
  Line("for (let " + variable->js_name + " of " + source + ") {");
  JsExpr coerced = Coerce(JsExpr{variable->js_name, kPrecPrimary, element}, type->coercion);
  if (coerced.code != variable->js_name) {
    Line("  " + variable->js_name + " = " + coerced.code + ";");
  }
  ++loop_depth_;
  EmitScopedBlock(stmt.body->statements, false);
  --loop_depth_;
  Line("}");
  PopScope();
}

void Translator::EmitFor(const Stmt& stmt) {
  PushScope();
  std::string init;
  if (stmt.init && stmt.init->kind == StmtKind::kDeclaration) {
    std::string last_name;
    init = DeclarationCode(*stmt.init, &last_name);
  } else if (stmt.init) {
    init = StatementCode(*stmt.init->expr);
  }
  std::string condition = stmt.expr ? EmitCondition(*stmt.expr).code : "";
  std::string updates;
  for (const ExprPtr& update : stmt.updates) {
    if (!updates.empty()) updates += ", ";
    updates += StatementCode(*update);
  }
  if (init.empty() && condition.empty() && updates.empty()) {
    Line("for (;;) {");
  } else {
    Line("for (" + init + "; " + condition + "; " + updates + ") {");
  }
  ++loop_depth_;
  EmitScopedBlock(stmt.body->statements, false);
  --loop_depth_;
  Line("}");
  PopScope();
}

// Groovy compares string cases with the switch value's toString() and number cases
// by value. JavaScript's switch compares with ===, so string cases switch on the
// value's Groovy string form.
void Translator::EmitSwitch(const Stmt& stmt, bool implicit_return) {
  JsExpr subject = EmitValue(*stmt.expr);
  bool string_cases = false;
  bool number_cases = false;
  std::vector<std::string> labels;
  for (const SwitchCase& switch_case : stmt.cases) {
    if (!switch_case.value) {
      labels.push_back("default:");
      continue;
    }
    const Expr& value = *switch_case.value;
    bool is_number =
        value.kind == ExprKind::kNumber || (value.kind == ExprKind::kUnary && value.text == "-" &&
                                            value.first->kind == ExprKind::kNumber);
    if (value.kind == ExprKind::kString) {
      string_cases = true;
    } else if (is_number) {
      number_cases = true;
    } else {
      Unsupported(switch_case.offset, "switch cases other than string and number literals",
                  "compare with if and else if, or use a JS dispatcher");
      return;
    }
    labels.push_back("case " + EmitValue(value).code + ":");
  }
  if (string_cases && number_cases) {
    Unsupported(stmt.offset, "switch statements that mix string and number cases",
                "use one kind of case value");
    return;
  }

  std::string switched = subject.code;
  if (string_cases && subject.kind != ValueKind::kString) {
    switched = CallHelper(Helper::kCaseString, {subject.code}, ValueKind::kString).code;
  }

  Line("switch (" + switched + ") {");
  ++indent_;
  ++switch_depth_;
  for (size_t i = 0; i < stmt.cases.size(); ++i) {
    const SwitchCase& switch_case = stmt.cases[i];
    const std::vector<StmtPtr>& statements = switch_case.statements;
    if (statements.empty()) {
      Line(labels[i]);
      continue;
    }
    Line(labels[i] + " {");
    // As in Groovy, a final switch returns the value of each case that ends with
    // break, and of the default case.
    bool ends_with_break = statements.back()->kind == StmtKind::kBreak;
    bool returns = implicit_return && (ends_with_break || !switch_case.value);
    if (returns) {
      size_t count = statements.size() - (ends_with_break ? 1 : 0);
      ++indent_;
      PushScope();
      for (size_t k = 0; k < count; ++k) EmitStatement(*statements[k], k + 1 == count);
      if (count == 0) Line("return null;");
      PopScope();
      --indent_;
    } else {
      EmitScopedBlock(statements, false);
    }
    Line("}");
  }
  --switch_depth_;
  --indent_;
  Line("}");
}

void Translator::EmitTry(const Stmt& stmt, bool implicit_return) {
  // Groovy adds returns to the try and catch blocks unless the finally block returns.
  bool returns = implicit_return && !EndsWithReturnOrThrow(stmt.finalizer.get());
  Line("try {");
  EmitScopedBlock(stmt.body->statements, returns);
  if (stmt.handler) {
    PushScope();
    Variable* error = Declare({&stmt, -2}, stmt.variable_offset, stmt.variable, DeclaredType{});
    Widen(error, ValueKind::kException);
    Line("} catch (" + error->js_name + ") {");
    EmitScopedBlock(stmt.handler->statements, returns);
    PopScope();
  }
  if (stmt.finalizer) {
    Line("} finally {");
    EmitScopedBlock(stmt.finalizer->statements, false);
  }
  Line("}");
}

}  // namespace mimic::groovy
