#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.h"
#include "groovy/groovy_ast.h"
#include "groovy/groovy_runtime.h"
#include "groovy/groovy_types.h"

namespace mimic::groovy {

// Type-inference passes before every variable kind is widened at once. A pass only
// widens kinds, so most scripts settle within a few passes. Variables assigned from one
// another in a long chain, each before the one it reads, take one pass per link. Past
// the limit, variables that hold receiver-only objects such as an XmlHolder become
// conflicts, so such a script is rejected rather than translated wrongly.
inline constexpr int kMaxTypePasses = 8;

// JavaScript operator precedence; a higher value binds tighter.
enum Precedence : int {
  kPrecAssignment = 2,  // =, +=, arrow functions
  kPrecConditional = 3,
  kPrecOr = 4,
  kPrecAnd = 5,
  kPrecEquality = 9,
  kPrecRelational = 10,
  kPrecAdditive = 12,
  kPrecMultiplicative = 13,
  kPrecUnary = 15,
  kPrecPostfix = 16,  // also number literals, so that a member access wraps them
  kPrecPrimary = 20,
};

// A translated expression and the static facts about its value.
struct JsExpr {
  std::string code;
  int precedence = kPrecPrimary;
  ValueKind kind = ValueKind::kUnknown;
  bool nonnull = false;   // never null or undefined, like literals and concatenations
  bool integral = false;  // a whole number, like size() or an integer literal
};

// The conversion that a declared type applies to assigned values, as Groovy casts them
// on assignment.
enum class Coercion { kNone, kString, kInteger, kNumber, kBoolean, kList, kMap };

struct DeclaredType {
  Coercion coercion = Coercion::kNone;
  ValueKind kind = ValueKind::kNone;  // the fixed kind of typed variables; kNone for def
  std::string initial_value = "null";
};

struct Variable {
  std::string name;
  std::string js_name;
  DeclaredType type;
  ValueKind kind = ValueKind::kNone;
};

// Translates a parsed Groovy script into the body of a JavaScript function, following
// the rules documented at TranslateGroovy. The member functions live in three files:
// groovy_translator.cc (driver, variables, statements), groovy_expressions.cc
// (operators, literals, properties, assignments) and groovy_calls.cc (method calls,
// static calls, constructors, closures).
class Translator {
 public:
  explicit Translator(std::string_view source) : source_(source) {}

  Result<std::string> Translate(const Block& script);

 private:
  using VariableKey = std::pair<const void*, int>;

  // --- driver, output and errors ---
  void RunPass(const Block& script);
  void Line(std::string_view text);
  std::string Indentation() const;
  void Unsupported(size_t offset, std::string construct, std::string hint);
  void Invalid(size_t offset, std::string_view message);
  JsExpr Placeholder() const;

  // --- variables ---
  std::optional<DeclaredType> ClassifyType(const std::string& type, size_t offset);
  Variable* Declare(VariableKey key, size_t offset, const std::string& name,
                    const DeclaredType& type);
  Variable* Lookup(const std::string& name);
  Variable* Binding(const std::string& name);
  void Widen(Variable* variable, ValueKind kind);
  void PushScope();
  void PopScope();

  // --- statements ---
  void EmitStatements(const std::vector<StmtPtr>& statements, bool implicit_return);
  void EmitScopedBlock(const std::vector<StmtPtr>& statements, bool implicit_return);
  void EmitStatement(const Stmt& stmt, bool implicit_return);
  std::string DeclarationCode(const Stmt& stmt, std::string* last_name);
  void EmitIf(const Stmt& stmt, bool implicit_return);
  void EmitForIn(const Stmt& stmt);
  void EmitFor(const Stmt& stmt);
  void EmitSwitch(const Stmt& stmt, bool implicit_return);
  void EmitTry(const Stmt& stmt, bool implicit_return);

  // --- expressions (groovy_expressions.cc) ---
  JsExpr Emit(const Expr& expr);
  JsExpr EmitValue(const Expr& expr);
  JsExpr EmitCondition(const Expr& expr);
  JsExpr EmitBoolean(const Expr& expr);
  std::string StatementCode(const Expr& expr);
  JsExpr EmitNumber(const Expr& expr);
  JsExpr EmitGString(const Expr& expr);
  JsExpr EmitMap(const Expr& expr);
  JsExpr EmitIdentifier(const Expr& expr);
  JsExpr EmitProperty(const Expr& expr);
  JsExpr EmitIndex(const Expr& expr);
  JsExpr EmitUnary(const Expr& expr);
  JsExpr EmitIncrement(const Expr& expr, const std::string& op, bool prefix);
  JsExpr EmitBinary(const Expr& expr);
  JsExpr EmitEquality(const Expr& expr, bool negate);
  JsExpr Equality(const JsExpr& left, const JsExpr& right, bool left_is_null_literal,
                  bool right_is_null_literal, bool negate);
  JsExpr Combine(const std::string& op, const JsExpr& left, const JsExpr& right);
  JsExpr EmitPlus(const JsExpr& left, const JsExpr& right);
  JsExpr EmitElvis(const Expr& expr);
  JsExpr EmitCast(const Expr& expr);
  JsExpr EmitAssign(const Expr& expr);
  JsExpr AssignProperty(const Expr& expr);
  JsExpr AssignIndex(const Expr& expr);
  JsExpr Coerce(JsExpr value, Coercion coercion);
  std::optional<std::string> RegexLiteral(const Expr& pattern, bool full_match, bool global);
  JsExpr XPathRead(const JsExpr& holder, const JsExpr& path);
  bool IsXmlHolderNamespaces(const Expr& expr, JsExpr* holder);
  std::optional<std::string> ClassName(const Expr& expr);

  // --- calls (groovy_calls.cc) ---
  JsExpr EmitCall(const Expr& call);
  JsExpr EmitFunctionCall(const Expr& call);
  JsExpr EmitStaticCall(const std::string& class_name, const Expr& call);
  JsExpr EmitStaticField(const std::string& class_name, const Expr& property);
  JsExpr EmitNew(const Expr& expr);
  JsExpr MockRequestCall(const JsExpr& receiver, const Expr& call);
  JsExpr ServletRequestCall(const JsExpr& receiver, const Expr& call);
  JsExpr HeadersCall(const JsExpr& receiver, const Expr& call);
  JsExpr RequestContextCall(const JsExpr& receiver, const Expr& call);
  JsExpr LogCall(const JsExpr& receiver, const Expr& call);
  JsExpr StoreCall(const JsExpr& receiver, const Expr& call);
  JsExpr SlurperCall(const Expr& call);
  JsExpr HolderCall(const JsExpr& receiver, const Expr& call);
  JsExpr ValueCall(const JsExpr& receiver, const Expr& call);
  JsExpr ValueMethod(const JsExpr& receiver, const Expr& call);
  std::optional<JsExpr> ClosureMethod(const JsExpr& receiver, const Expr& call);
  std::optional<JsExpr> StringMethod(const JsExpr& receiver, const Expr& call);
  std::optional<JsExpr> ConversionMethod(const JsExpr& receiver, const Expr& call);
  std::optional<JsExpr> CollectionMethod(const JsExpr& receiver, const Expr& call);
  JsExpr EmitClosure(const Expr& closure);
  bool RejectReservedMethod(const Expr& call);
  bool CheckArity(const Expr& call, size_t minimum, size_t maximum);
  std::vector<JsExpr> Arguments(const Expr& call);
  const Expr* ClosureArgument(const Expr& call);

  // --- JavaScript building blocks ---
  JsExpr CallHelper(Helper helper, const std::vector<std::string>& arguments, ValueKind kind,
                    bool nonnull = false);
  JsExpr StrExpr(const JsExpr& value);
  std::string Str(const JsExpr& value);

  std::string_view source_;
  std::optional<Error> first_error_;
  std::string body_;
  std::string* out_ = &body_;
  int indent_ = 0;
  HelperSet helpers_;
  std::vector<std::map<std::string, Variable*>> scopes_;
  std::map<VariableKey, Variable> locals_;
  std::map<std::string, Variable> bindings_;
  bool changed_ = false;          // a variable kind widened during the current pass
  bool frozen_ = false;           // kinds are final; Widen changes nothing
  bool uses_namespaces_ = false;  // some XmlHolder declares namespaces
  int loop_depth_ = 0;
  int switch_depth_ = 0;
  int temporary_count_ = 0;
};

// Wraps `expr` in parentheses unless it binds at least as tightly as `precedence`.
std::string Wrap(const JsExpr& expr, int precedence);

// A double-quoted JavaScript string literal of UTF-8 text.
std::string JsString(std::string_view text);

// The body of an arrow function that returns `value`.
std::string ArrowBody(const JsExpr& value);

}  // namespace mimic::groovy
