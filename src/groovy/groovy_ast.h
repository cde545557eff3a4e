#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace mimic::groovy {

struct Block;
struct Expr;
struct Stmt;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;

enum class ExprKind {
  kNull,
  kBoolean,     // text: "true" or "false"
  kNumber,      // text: the literal without underscores, suffix included
  kString,      // text: the decoded value
  kGString,     // strings[i] precede items[i]; text is the literal tail
  kList,        // items
  kMap,         // keys[i] maps to items[i]; an empty map has neither
  kRange,       // first..second, exclusive for ..<
  kIdentifier,  // text
  kProperty,    // first.text, first?.text when safe
  kIndex,       // first[second]
  kMethodCall,  // first.text(items); first is null for a call of a bare name
  kNew,         // new text(items)
  kClosure,     // { parameters -> body }
  kUnary,       // text first: "!", "-", "+", "++", "--"
  kPostfix,     // first text: "++", "--"
  kBinary,      // first text second
  kTernary,     // first ? second : third
  kElvis,       // first ?: second
  kAssign,      // first text second, text being "=", "+=", ...
  kCast,        // first as text
  kPattern,     // ~first, first being a string literal
};

// A closure parameter. `type` is empty when the parameter has none.
struct Parameter {
  std::string name;
  std::string type;
  size_t offset = 0;
};

struct Expr {
  ExprKind kind = ExprKind::kNull;
  size_t offset = 0;  // byte offset in the script, for error messages
  int depth = 1;      // height of the subtree rooted here
  std::string text;
  bool safe = false;       // reached through ?.
  bool slashy = false;     // a string literal written as /.../
  bool exclusive = false;  // a range written with ..<
  bool parenthesized = false;
  ExprPtr first;
  ExprPtr second;
  ExprPtr third;
  std::vector<ExprPtr> items;
  std::vector<ExprPtr> keys;
  std::vector<std::string> strings;
  // kClosure: explicit parameters; implicit_it when the closure declares none and
  // so receives `it`.
  std::vector<Parameter> parameters;
  bool implicit_it = false;
  std::unique_ptr<Block> body;
};

enum class StmtKind {
  kExpression,   // expr
  kDeclaration,  // type declarators
  kIf,           // branches; the last has no condition when there is an else
  kWhile,        // while (expr) body
  kDoWhile,      // do body while (expr)
  kForIn,        // for (type variable in expr) body
  kFor,          // for (init; expr; updates) body; expr may be null
  kSwitch,       // switch (expr) cases
  kReturn,       // expr may be null
  kBreak,
  kContinue,
  kBlock,   // body
  kTry,     // try body catch (variable) handler finally finalizer
  kThrow,   // expr
  kAssert,  // assert expr : message
  kEmpty,   // an import or a lone semicolon
};

struct Declarator {
  std::string name;
  size_t offset = 0;
  ExprPtr initializer;  // null without `=`
};

struct IfBranch {
  ExprPtr condition;  // null for the final else
  std::unique_ptr<Block> body;
};

struct SwitchCase {
  ExprPtr value;  // null for default
  size_t offset = 0;
  std::vector<StmtPtr> statements;
};

struct Stmt {
  StmtKind kind = StmtKind::kEmpty;
  size_t offset = 0;
  ExprPtr expr;
  ExprPtr message;
  // The declared type as written, without generics: "def" or "" when untyped,
  // "String", "int", "java.util.List", "String[]".
  std::string type;
  std::vector<Declarator> declarators;
  std::vector<IfBranch> branches;
  std::unique_ptr<Block> body;
  std::string variable;  // loop or catch variable
  size_t variable_offset = 0;
  StmtPtr init;
  std::vector<ExprPtr> updates;
  std::vector<SwitchCase> cases;
  std::unique_ptr<Block> handler;    // catch block; null without one
  std::unique_ptr<Block> finalizer;  // finally block; null without one
};

struct Block {
  std::vector<StmtPtr> statements;
};

}  // namespace mimic::groovy
