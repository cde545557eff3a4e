#include "groovy/groovy_parser.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "groovy/groovy_diagnostics.h"

namespace mimic::groovy {
namespace {

constexpr std::string_view kPrimitiveTypes[] = {"int",     "long",   "short", "byte", "char",
                                                "boolean", "double", "float", "void"};

// Words that cannot start an expression or serve as a command argument.
constexpr std::string_view kReservedWords[] = {
    "if",      "else",    "for",       "while",    "do",         "switch",       "case",
    "default", "return",  "break",     "continue", "try",        "catch",        "finally",
    "throw",   "assert",  "def",       "var",      "class",      "interface",    "enum",
    "trait",   "import",  "package",   "in",       "instanceof", "as",           "static",
    "public",  "private", "protected", "final",    "abstract",   "synchronized", "goto",
};

constexpr std::string_view kAssignmentOperators[] = {
    "=", "+=", "-=", "*=", "/=", "%=", "**=", "?=", "<<=", ">>=", ">>>=", "&=", "|=", "^="};

template <size_t N>
bool Contains(const std::string_view (&list)[N], std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

std::string Describe(const Token& token) {
  switch (token.type) {
    case TokenType::kEnd:
      return "the end of the input";
    case TokenType::kString:
    case TokenType::kGString:
      return "a string";
    default:
      return "'" + token.text + "'";
  }
}

class Parser {
 public:
  Parser(std::string_view source, const std::vector<Token>& tokens)
      : source_(source), tokens_(&tokens) {}

  Result<std::unique_ptr<Block>> Run() {
    auto block = std::make_unique<Block>();
    if (ParseStatementList(&block->statements, /*in_switch=*/false) && !AtEnd()) {
      Syntax("unexpected " + Describe(Current()));
    }
    if (error_) return tl::unexpected(*error_);
    return block;
  }

 private:
  // Counts one level of recursion for as long as it lives.
  class Nesting {
   public:
    explicit Nesting(Parser* parser) : parser_(parser) {
      ok_ = ++parser_->depth_ <= kMaxNestingDepth;
      if (!ok_) {
        parser_->Fail(Error{ErrorCode::kLimitExceeded,
                            PositionPrefix(parser_->source_, parser_->Current().offset) +
                                "the script nests blocks, closures or brackets more than " +
                                std::to_string(kMaxNestingDepth) + " levels deep"});
      }
    }
    ~Nesting() { --parser_->depth_; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;
    bool ok() const { return ok_; }

   private:
    Parser* parser_;
    bool ok_;
  };

  // --- tokens ---

  const Token& Current() const { return (*tokens_)[pos_]; }
  const Token& Ahead(size_t count) const {
    return (*tokens_)[std::min(pos_ + count, tokens_->size() - 1)];
  }
  void Advance() {
    if (pos_ + 1 < tokens_->size()) ++pos_;
  }
  bool AtEnd() const { return Current().type == TokenType::kEnd; }
  static bool IsPunct(const Token& token, std::string_view text) {
    return token.type == TokenType::kPunctuation && token.text == text;
  }
  static bool IsWord(const Token& token, std::string_view word) {
    return token.type == TokenType::kIdentifier && token.text == word;
  }
  bool At(std::string_view text) const { return IsPunct(Current(), text); }
  bool AtWord(std::string_view word) const { return IsWord(Current(), word); }
  // Newlines end expressions, except inside parentheses and brackets.
  bool NewlineBefore() const { return Current().newline_before && paren_depth_ == 0; }
  bool Accept(std::string_view text) {
    if (!At(text)) return false;
    Advance();
    return true;
  }
  bool Expect(std::string_view text, std::string_view context) {
    if (Accept(text)) return true;
    return Syntax("expected '" + std::string(text) + "' " + std::string(context) + ", found " +
                  Describe(Current()));
  }

  // --- errors ---

  bool Fail(Error error) {
    if (!error_) error_ = std::move(error);
    return false;
  }
  bool Syntax(std::string_view message) {
    return Fail(MakeSyntaxError(source_, Current().offset, message));
  }
  bool Unsupported(size_t offset, std::string construct, std::string hint) {
    return Fail(MakeUnsupportedError(source_, offset, std::move(construct), std::move(hint)));
  }

  // --- nodes ---

  ExprPtr NewExpr(ExprKind kind, size_t offset) {
    auto expr = std::make_unique<Expr>();
    expr->kind = kind;
    expr->offset = offset;
    return expr;
  }

  // Records the height of a finished node, rejecting trees taller than the limit. A
  // closure arrives with the height of its body already set.
  ExprPtr Finish(ExprPtr expr) {
    int depth = 0;
    auto visit = [&](const ExprPtr& child) {
      if (child) depth = std::max(depth, child->depth);
    };
    visit(expr->first);
    visit(expr->second);
    visit(expr->third);
    for (const ExprPtr& item : expr->items) visit(item);
    for (const ExprPtr& key : expr->keys) visit(key);
    expr->depth = std::max(expr->depth, depth + 1);
    deepest_ = std::max(deepest_, expr->depth);
    if (expr->depth > kMaxExpressionDepth) {
      Fail(Error{ErrorCode::kLimitExceeded,
                 PositionPrefix(source_, expr->offset) + "the expression is more than " +
                     std::to_string(kMaxExpressionDepth) +
                     " operations deep. Split it with intermediate variables"});
      return nullptr;
    }
    return expr;
  }

  ExprPtr Binary(ExprKind kind, std::string op, size_t offset, ExprPtr left, ExprPtr right) {
    ExprPtr expr = NewExpr(kind, offset);
    expr->text = std::move(op);
    expr->first = std::move(left);
    expr->second = std::move(right);
    return Finish(std::move(expr));
  }

  StmtPtr NewStmt(StmtKind kind) {
    auto stmt = std::make_unique<Stmt>();
    stmt->kind = kind;
    stmt->offset = Current().offset;
    return stmt;
  }

  // --- types ---

  // Reports whether a type starts at the current token, such as `String`, `int`,
  // `java.util.List<String>` or `String[]`, and how many tokens it spans. A qualified
  // name must end in a capitalized segment, which distinguishes the declaration
  // `groovy.json.JsonSlurper x` from the command call `log.info x`.
  bool TypeAhead(size_t* length) const {
    size_t i = 0;
    const Token& first = Ahead(0);
    if (first.type != TokenType::kIdentifier) return false;
    if (Contains(kPrimitiveTypes, first.text)) {
      i = 1;
    } else {
      while (true) {
        const Token& segment = Ahead(i);
        if (segment.type != TokenType::kIdentifier || Contains(kReservedWords, segment.text)) {
          return false;
        }
        ++i;
        if (IsUpper(segment.text[0])) break;
        if (!IsPunct(Ahead(i), ".")) return false;
        ++i;
      }
    }
    if (IsPunct(Ahead(i), "<")) {
      int depth = 0;
      do {
        const Token& token = Ahead(i);
        if (IsPunct(token, "<")) {
          depth += 1;
        } else if (IsPunct(token, ">")) {
          depth -= 1;
        } else if (IsPunct(token, ">>")) {
          depth -= 2;
        } else if (IsPunct(token, ">>>")) {
          depth -= 3;
        } else if (token.type != TokenType::kIdentifier && !IsPunct(token, ",") &&
                   !IsPunct(token, ".") && !IsPunct(token, "?") && !IsPunct(token, "[") &&
                   !IsPunct(token, "]")) {
          return false;
        }
        ++i;
        if (i > 64) return false;  // bounds the scan; real generic types are far shorter
      } while (depth > 0);
      if (depth < 0) return false;
    }
    while (IsPunct(Ahead(i), "[") && IsPunct(Ahead(i + 1), "]")) i += 2;
    *length = i;
    return true;
  }

  // Consumes a type found by TypeAhead and returns it without generics.
  std::string ParseType() {
    size_t length = 0;
    if (!TypeAhead(&length)) return "";
    std::string type;
    int generic_depth = 0;
    for (size_t i = 0; i < length; ++i) {
      const Token& token = Current();
      if (IsPunct(token, "<")) {
        ++generic_depth;
      } else if (IsPunct(token, ">") || IsPunct(token, ">>") || IsPunct(token, ">>>")) {
        generic_depth -= static_cast<int>(token.text.size());
      } else if (generic_depth == 0) {
        type += token.text;
      }
      Advance();
    }
    return type;
  }

  // `Type name` followed by `=`, `,`, `;`, `(` or the end of the statement.
  bool LooksLikeTypedDeclaration() const {
    size_t length = 0;
    if (!TypeAhead(&length)) return false;
    const Token& name = Ahead(length);
    if (name.type != TokenType::kIdentifier || Contains(kReservedWords, name.text) ||
        name.newline_before) {
      return false;
    }
    const Token& next = Ahead(length + 1);
    return next.newline_before || next.type == TokenType::kEnd || IsPunct(next, "=") ||
           IsPunct(next, ",") || IsPunct(next, ";") || IsPunct(next, "(") || IsPunct(next, "}");
  }

  // --- statements ---

  // Parses statements up to a `}`, the end of input or, in a switch, the next label.
  bool ParseStatementList(std::vector<StmtPtr>* out, bool in_switch) {
    while (true) {
      while (Accept(";")) {
      }
      if (AtEnd() || At("}")) return true;
      if (in_switch && (AtWord("case") || AtWord("default"))) return true;
      StmtPtr stmt = ParseStatement();
      if (!stmt) return false;
      out->push_back(std::move(stmt));
      if (Accept(";") || AtEnd() || At("}") || Current().newline_before) continue;
      return Syntax("expected a new line or ';' after the statement, found " + Describe(Current()));
    }
  }

  StmtPtr ParseStatement() {
    Nesting nesting(this);
    if (!nesting.ok()) return nullptr;
    const Token& token = Current();
    if (token.type == TokenType::kIdentifier) {
      const std::string& word = token.text;
      if (word == "import") return ParseImport();
      if (word == "if") return ParseIf();
      if (word == "while") return ParseWhile();
      if (word == "do") return ParseDoWhile();
      if (word == "for") return ParseFor();
      if (word == "switch") return ParseSwitch();
      if (word == "return") return ParseReturn();
      if (word == "break" || word == "continue") return ParseJump();
      if (word == "try") return ParseTry();
      if (word == "throw" || word == "assert") return ParseThrowOrAssert();
      if (word == "def" || word == "var" || word == "final") return ParseDeclaration();
      RejectStatementKeyword(word);
      if (error_) return nullptr;
      if (IsPunct(Ahead(1), ":")) {
        Unsupported(token.offset, "statement labels",
                    "remove the label, because labeled break and continue cannot be translated");
        return nullptr;
      }
      if (LooksLikeTypedDeclaration()) return ParseDeclaration();
    }
    if (At("@")) {
      Unsupported(token.offset, "annotations", "remove the annotation");
      return nullptr;
    }
    if (At("{")) {
      Unsupported(token.offset, "standalone blocks",
                  "remove the braces, because Groovy reads a block at the start of a statement as "
                  "a closure");
      return nullptr;
    }
    return ParseExpressionStatement();
  }

  // Records an error for a word that starts a construct outside the subset, or one out
  // of place. The caller checks error_.
  void RejectStatementKeyword(const std::string& word) {
    size_t offset = Current().offset;
    if (word == "class" || word == "interface" || word == "enum" || word == "record") {
      Unsupported(offset, word + " definitions",
                  "move the logic into the script body or use a JS dispatcher");
    } else if (word == "trait") {
      Unsupported(offset, "traits", "move the logic into the script body or use a JS dispatcher");
    } else if (word == "package") {
      Unsupported(offset, "package declarations", "remove the package line");
    } else if (word == "static" || word == "public" || word == "private" || word == "protected" ||
               word == "abstract") {
      Unsupported(offset, "'" + word + "' modifiers",
                  "remove the modifier, because a dispatch script has no class members");
    } else if (word == "synchronized") {
      Unsupported(offset, "synchronized blocks", "remove the synchronized block");
    } else if (word == "else" || word == "case" || word == "default" || word == "catch" ||
               word == "finally") {
      Syntax("'" + word + "' without a matching " +
             (word == "else"                        ? "'if'"
              : word == "case" || word == "default" ? "'switch'"
                                                    : "'try'"));
    }
  }

  StmtPtr ParseImport() {
    StmtPtr stmt = NewStmt(StmtKind::kEmpty);
    Advance();
    while (!AtEnd() && !Current().newline_before && !At(";")) {
      if (AtWord("as")) {
        Unsupported(Current().offset, "import aliases", "import the class under its own name");
        return nullptr;
      }
      Advance();
    }
    return stmt;
  }

  // `def x = 1`, `final String s`, `String a = "x", b`, `var x = 1`.
  StmtPtr ParseDeclaration() {
    StmtPtr stmt = NewStmt(StmtKind::kDeclaration);
    while (AtWord("final") || AtWord("def") || AtWord("var")) Advance();
    if (At("<")) {
      Unsupported(Current().offset, "generic method definitions",
                  "inline the method body into the script or use a JS dispatcher");
      return nullptr;
    }
    size_t length = 0;
    if (TypeAhead(&length) && Ahead(length).type == TokenType::kIdentifier) {
      stmt->type = ParseType();
    } else {
      stmt->type = "def";
    }
    if (At("(")) {
      Unsupported(Current().offset, "multiple assignments such as def (a, b) = list",
                  "assign each variable separately");
      return nullptr;
    }
    while (true) {
      const Token& name = Current();
      if (name.type != TokenType::kIdentifier || Contains(kReservedWords, name.text)) {
        Syntax("expected a variable name, found " + Describe(name));
        return nullptr;
      }
      Declarator declarator;
      declarator.name = name.text;
      declarator.offset = name.offset;
      Advance();
      if (At("(")) {
        Unsupported(declarator.offset, "method definitions",
                    "inline the method body into the script or use a JS dispatcher");
        return nullptr;
      }
      if (Accept("=")) {
        declarator.initializer = ParseExpression();
        if (!declarator.initializer) return nullptr;
      }
      stmt->declarators.push_back(std::move(declarator));
      if (!Accept(",")) break;
    }
    return stmt;
  }

  // Parses `( expression )` after a keyword.
  ExprPtr ParseCondition(std::string_view keyword) {
    if (!Expect("(", "after '" + std::string(keyword) + "'")) return nullptr;
    ++paren_depth_;
    ExprPtr condition = ParseExpression();
    --paren_depth_;
    if (!condition || !Expect(")", "after the " + std::string(keyword) + " condition")) {
      return nullptr;
    }
    return condition;
  }

  std::unique_ptr<Block> ParseBlock() {
    if (!Expect("{", "to open a block")) return nullptr;
    auto block = std::make_unique<Block>();
    int saved_paren_depth = paren_depth_;
    paren_depth_ = 0;
    bool ok = ParseStatementList(&block->statements, /*in_switch=*/false);
    paren_depth_ = saved_paren_depth;
    if (!ok || !Expect("}", "to close the block")) return nullptr;
    return block;
  }

  // The body of if, else, while and for: a block or a single statement.
  std::unique_ptr<Block> ParseBody() {
    if (At("{")) return ParseBlock();
    auto block = std::make_unique<Block>();
    if (Accept(";")) return block;
    int saved_paren_depth = paren_depth_;
    paren_depth_ = 0;
    StmtPtr stmt = ParseStatement();
    paren_depth_ = saved_paren_depth;
    if (!stmt) return nullptr;
    block->statements.push_back(std::move(stmt));
    return block;
  }

  // Flattens `if ... else if ... else` into one statement, so that long chains do not
  // nest.
  StmtPtr ParseIf() {
    StmtPtr stmt = NewStmt(StmtKind::kIf);
    while (true) {
      Advance();  // if
      IfBranch branch;
      branch.condition = ParseCondition("if");
      if (!branch.condition) return nullptr;
      branch.body = ParseBody();
      if (!branch.body) return nullptr;
      stmt->branches.push_back(std::move(branch));

      size_t saved = pos_;
      if (At(";") && IsWord(Ahead(1), "else")) Advance();
      if (!AtWord("else")) {
        pos_ = saved;
        return stmt;
      }
      Advance();  // else
      if (AtWord("if")) continue;
      IfBranch otherwise;
      otherwise.body = ParseBody();
      if (!otherwise.body) return nullptr;
      stmt->branches.push_back(std::move(otherwise));
      return stmt;
    }
  }

  StmtPtr ParseWhile() {
    StmtPtr stmt = NewStmt(StmtKind::kWhile);
    Advance();
    stmt->expr = ParseCondition("while");
    if (!stmt->expr) return nullptr;
    stmt->body = ParseBody();
    return stmt->body ? std::move(stmt) : nullptr;
  }

  StmtPtr ParseDoWhile() {
    StmtPtr stmt = NewStmt(StmtKind::kDoWhile);
    Advance();
    stmt->body = ParseBody();
    if (!stmt->body) return nullptr;
    if (At(";") && IsWord(Ahead(1), "while")) Advance();
    if (!AtWord("while")) {
      Syntax("expected 'while' after the body of 'do', found " + Describe(Current()));
      return nullptr;
    }
    Advance();
    stmt->expr = ParseCondition("while");
    return stmt->expr ? std::move(stmt) : nullptr;
  }

  StmtPtr ParseFor() {
    StmtPtr stmt = NewStmt(StmtKind::kForIn);
    Advance();
    if (!Expect("(", "after 'for'")) return nullptr;
    ++paren_depth_;

    size_t saved = pos_;
    while (AtWord("final") || AtWord("def") || AtWord("var")) Advance();
    std::string type;
    size_t length = 0;
    if (TypeAhead(&length) && Ahead(length).type == TokenType::kIdentifier &&
        (IsWord(Ahead(length + 1), "in") || IsPunct(Ahead(length + 1), ":"))) {
      type = ParseType();
    }
    if (Current().type == TokenType::kIdentifier &&
        (IsWord(Ahead(1), "in") || IsPunct(Ahead(1), ":"))) {
      stmt->type = type;
      stmt->variable = Current().text;
      stmt->variable_offset = Current().offset;
      Advance();
      Advance();
      stmt->expr = ParseExpression();
      --paren_depth_;
      if (!stmt->expr || !Expect(")", "after the for-in header")) return nullptr;
      stmt->body = ParseBody();
      return stmt->body ? std::move(stmt) : nullptr;
    }

    pos_ = saved;
    stmt->kind = StmtKind::kFor;
    if (!At(";")) {
      if (AtWord("def") || AtWord("var") || AtWord("final") || LooksLikeTypedDeclaration()) {
        stmt->init = ParseDeclaration();
      } else {
        stmt->init = NewStmt(StmtKind::kExpression);
        stmt->init->expr = ParseExpression();
        if (!stmt->init->expr) return nullptr;
      }
      if (!stmt->init) return nullptr;
    }
    if (!Expect(";", "after the for initializer")) return nullptr;
    if (!At(";")) {
      stmt->expr = ParseExpression();
      if (!stmt->expr) return nullptr;
    }
    if (!Expect(";", "after the for condition")) return nullptr;
    while (!At(")")) {
      ExprPtr update = ParseExpression();
      if (!update) return nullptr;
      stmt->updates.push_back(std::move(update));
      if (!Accept(",")) break;
    }
    --paren_depth_;
    if (!Expect(")", "after the for header")) return nullptr;
    stmt->body = ParseBody();
    return stmt->body ? std::move(stmt) : nullptr;
  }

  StmtPtr ParseSwitch() {
    StmtPtr stmt = NewStmt(StmtKind::kSwitch);
    Advance();
    stmt->expr = ParseCondition("switch");
    if (!stmt->expr || !Expect("{", "to open the switch body")) return nullptr;
    int saved_paren_depth = paren_depth_;
    paren_depth_ = 0;
    while (true) {
      while (Accept(";")) {
      }
      if (Accept("}")) break;
      SwitchCase switch_case;
      switch_case.offset = Current().offset;
      if (AtWord("case")) {
        Advance();
        switch_case.value = ParseOr();
        if (!switch_case.value) return nullptr;
        if (At(",")) {
          Unsupported(Current().offset, "case lists", "write one 'case value:' label per value");
          return nullptr;
        }
      } else if (AtWord("default")) {
        Advance();
      } else {
        Syntax("expected 'case' or 'default' in the switch, found " + Describe(Current()));
        return nullptr;
      }
      if (At("->")) {
        Unsupported(Current().offset, "switch cases with '->'",
                    "write 'case value:' and end the case with break or return");
        return nullptr;
      }
      if (!Expect(":", "after the case label") ||
          !ParseStatementList(&switch_case.statements, /*in_switch=*/true)) {
        return nullptr;
      }
      stmt->cases.push_back(std::move(switch_case));
    }
    paren_depth_ = saved_paren_depth;
    return stmt;
  }

  // Reports whether the current token can begin an expression on the same line.
  bool CanStartExpression(const Token& token) const {
    if (token.newline_before) return false;
    switch (token.type) {
      case TokenType::kIdentifier:
        return !Contains(kReservedWords, token.text) || token.text == "new";
      case TokenType::kNumber:
      case TokenType::kString:
      case TokenType::kGString:
        return true;
      case TokenType::kPunctuation:
        return token.text == "(" || token.text == "[" || token.text == "{" || token.text == "!" ||
               token.text == "-" || token.text == "+" || token.text == "~" || token.text == "++" ||
               token.text == "--";
      case TokenType::kEnd:
        return false;
    }
    return false;
  }

  StmtPtr ParseReturn() {
    StmtPtr stmt = NewStmt(StmtKind::kReturn);
    Advance();
    if (CanStartExpression(Current())) {
      stmt->expr = ParseExpression();
      if (!stmt->expr) return nullptr;
    }
    return stmt;
  }

  StmtPtr ParseJump() {
    StmtPtr stmt = NewStmt(AtWord("break") ? StmtKind::kBreak : StmtKind::kContinue);
    Advance();
    if (Current().type == TokenType::kIdentifier && !Current().newline_before) {
      Unsupported(Current().offset, "labeled break and continue statements",
                  "restructure the loops without labels");
      return nullptr;
    }
    return stmt;
  }

  StmtPtr ParseTry() {
    StmtPtr stmt = NewStmt(StmtKind::kTry);
    Advance();
    if (At("(")) {
      Unsupported(Current().offset, "try-with-resources statements",
                  "use a plain try, because dispatch scripts have no resources to close");
      return nullptr;
    }
    stmt->body = ParseBlock();
    if (!stmt->body) return nullptr;
    while (AtWord("catch")) {
      if (stmt->handler) {
        Unsupported(Current().offset, "several catch clauses",
                    "catch Exception once and inspect the error, or use a JS dispatcher");
        return nullptr;
      }
      Advance();
      if (!Expect("(", "after 'catch'")) return nullptr;
      ++paren_depth_;
      size_t type_offset = Current().offset;
      size_t length = 0;
      std::string type;
      if (TypeAhead(&length)) {
        if (IsPunct(Ahead(length), "|")) {
          Unsupported(type_offset, "multi-catch clauses",
                      "catch Exception once and inspect the error, or use a JS dispatcher");
          return nullptr;
        }
        if (Ahead(length).type == TokenType::kIdentifier) type = ParseType();
      }
      if (!type.empty() && type != "Exception" && type != "Throwable" &&
          type != "java.lang.Exception" && type != "java.lang.Throwable") {
        Unsupported(type_offset, "catch clauses for a specific exception type such as " + type,
                    "catch Exception, because JavaScript cannot tell Java exception types "
                    "apart, or use a JS dispatcher");
        return nullptr;
      }
      if (Current().type != TokenType::kIdentifier) {
        Syntax("expected the name of the caught exception, found " + Describe(Current()));
        return nullptr;
      }
      stmt->variable = Current().text;
      stmt->variable_offset = Current().offset;
      Advance();
      --paren_depth_;
      if (!Expect(")", "after the caught exception")) return nullptr;
      stmt->handler = ParseBlock();
      if (!stmt->handler) return nullptr;
    }
    if (AtWord("finally")) {
      Advance();
      stmt->finalizer = ParseBlock();
      if (!stmt->finalizer) return nullptr;
    }
    if (!stmt->handler && !stmt->finalizer) {
      Syntax("'try' needs a catch or finally block");
      return nullptr;
    }
    return stmt;
  }

  StmtPtr ParseThrowOrAssert() {
    StmtPtr stmt = NewStmt(AtWord("throw") ? StmtKind::kThrow : StmtKind::kAssert);
    Advance();
    stmt->expr = ParseExpression();
    if (!stmt->expr) return nullptr;
    if (stmt->kind == StmtKind::kAssert && (Accept(":") || Accept(","))) {
      stmt->message = ParseExpression();
      if (!stmt->message) return nullptr;
    }
    return stmt;
  }

  // An expression, or a command call such as `log.info "text"` or `println value`.
  StmtPtr ParseExpressionStatement() {
    StmtPtr stmt = NewStmt(StmtKind::kExpression);
    ExprPtr expr = ParseExpression();
    if (!expr) return nullptr;
    bool callee = !expr->parenthesized &&
                  (expr->kind == ExprKind::kIdentifier || expr->kind == ExprKind::kProperty);
    if (callee && CanStartCommandArgument(Current())) {
      ExprPtr call = NewExpr(ExprKind::kMethodCall, expr->offset);
      call->text = expr->text;
      call->safe = expr->safe;
      call->first = std::move(expr->first);
      while (true) {
        ExprPtr argument = ParseExpression();
        if (!argument) return nullptr;
        call->items.push_back(std::move(argument));
        if (!Accept(",")) break;
      }
      expr = Finish(std::move(call));
      if (!expr) return nullptr;
    }
    stmt->expr = std::move(expr);
    return stmt;
  }

  bool CanStartCommandArgument(const Token& token) const {
    if (token.newline_before) return false;
    switch (token.type) {
      case TokenType::kIdentifier:
        return !Contains(kReservedWords, token.text) || token.text == "new";
      case TokenType::kNumber:
      case TokenType::kString:
      case TokenType::kGString:
        return true;
      case TokenType::kPunctuation:
        return token.text == "!";
      case TokenType::kEnd:
        return false;
    }
    return false;
  }

  // --- expressions, from the loosest binding to the tightest ---

  ExprPtr ParseExpression() {
    Nesting nesting(this);
    if (!nesting.ok()) return nullptr;
    ExprPtr left = ParseTernary();
    if (!left) return nullptr;
    const Token& token = Current();
    if (token.type != TokenType::kPunctuation || NewlineBefore() ||
        !Contains(kAssignmentOperators, token.text)) {
      return left;
    }
    if (left->parenthesized ||
        (left->kind != ExprKind::kIdentifier && left->kind != ExprKind::kProperty &&
         left->kind != ExprKind::kIndex)) {
      Syntax("the left side of '" + token.text + "' must be a variable, property or index");
      return nullptr;
    }
    std::string op = token.text;
    size_t offset = token.offset;
    Advance();
    ExprPtr value = ParseExpression();
    if (!value) return nullptr;
    return Binary(ExprKind::kAssign, std::move(op), offset, std::move(left), std::move(value));
  }

  ExprPtr ParseTernary() {
    ExprPtr condition = ParseOr();
    if (!condition) return nullptr;
    if (At("?:")) {
      Nesting nesting(this);
      if (!nesting.ok()) return nullptr;
      size_t offset = Current().offset;
      Advance();
      ExprPtr fallback = ParseTernary();
      if (!fallback) return nullptr;
      return Binary(ExprKind::kElvis, "?:", offset, std::move(condition), std::move(fallback));
    }
    if (!At("?")) return condition;
    Nesting nesting(this);
    if (!nesting.ok()) return nullptr;
    size_t offset = Current().offset;
    Advance();
    ExprPtr then = ParseTernary();
    if (!then || !Expect(":", "in the conditional expression")) return nullptr;
    ExprPtr otherwise = ParseTernary();
    if (!otherwise) return nullptr;
    ExprPtr expr = NewExpr(ExprKind::kTernary, offset);
    expr->first = std::move(condition);
    expr->second = std::move(then);
    expr->third = std::move(otherwise);
    return Finish(std::move(expr));
  }

  ExprPtr ParseOr() {
    ExprPtr left = ParseAnd();
    while (left && At("||")) {
      size_t offset = Current().offset;
      Advance();
      ExprPtr right = ParseAnd();
      if (!right) return nullptr;
      left = Binary(ExprKind::kBinary, "||", offset, std::move(left), std::move(right));
    }
    return left;
  }

  ExprPtr ParseAnd() {
    ExprPtr left = ParseBitwise();
    while (left && At("&&")) {
      size_t offset = Current().offset;
      Advance();
      ExprPtr right = ParseBitwise();
      if (!right) return nullptr;
      left = Binary(ExprKind::kBinary, "&&", offset, std::move(left), std::move(right));
    }
    return left;
  }

  ExprPtr ParseBitwise() {
    ExprPtr left = ParseEquality();
    if (left && !NewlineBefore() && (At("&") || At("|") || At("^"))) {
      Unsupported(Current().offset, "bitwise operators such as '" + Current().text + "'",
                  "use && and || for conditions, or use a JS dispatcher");
      return nullptr;
    }
    return left;
  }

  ExprPtr ParseEquality() {
    ExprPtr left = ParseRelational();
    while (left && !NewlineBefore() &&
           (At("==") || At("!=") || At("===") || At("!==") || At("<=>") || At("=~") || At("==~"))) {
      std::string op = Current().text;
      size_t offset = Current().offset;
      Advance();
      ExprPtr right = ParseRelational();
      if (!right) return nullptr;
      left = Binary(ExprKind::kBinary, std::move(op), offset, std::move(left), std::move(right));
    }
    return left;
  }

  bool AtNotIn() const {
    return At("!") && IsWord(Ahead(1), "in") && Ahead(1).offset == Current().offset + 1;
  }

  ExprPtr ParseRelational() {
    ExprPtr left = ParseRange();
    while (left && !NewlineBefore()) {
      size_t offset = Current().offset;
      if (AtWord("instanceof") ||
          (At("!") && IsWord(Ahead(1), "instanceof") && Ahead(1).offset == offset + 1)) {
        Unsupported(offset, "instanceof checks", "compare values directly or use a JS dispatcher");
        return nullptr;
      }
      if (AtWord("as")) {
        Advance();
        ExprPtr cast = NewExpr(ExprKind::kCast, offset);
        cast->text = ParseType();
        if (cast->text.empty()) {
          Syntax("expected a type after 'as', found " + Describe(Current()));
          return nullptr;
        }
        cast->first = std::move(left);
        left = Finish(std::move(cast));
        continue;
      }
      std::string op;
      if (At("<") || At(">") || At("<=") || At(">=")) {
        op = Current().text;
        Advance();
      } else if (AtWord("in")) {
        op = "in";
        Advance();
      } else if (AtNotIn()) {
        op = "!in";
        Advance();
        Advance();
      } else {
        break;
      }
      ExprPtr right = ParseRange();
      if (!right) return nullptr;
      left = Binary(ExprKind::kBinary, std::move(op), offset, std::move(left), std::move(right));
    }
    return left;
  }

  ExprPtr ParseRange() {
    ExprPtr left = ParseAdditive();
    if (!left || NewlineBefore()) return left;
    if (At("<<") || At(">>") || At(">>>")) {
      Unsupported(Current().offset, "shift operators such as '" + Current().text + "'",
                  Current().text == "<<" ? "use list.add(value) to append to a list"
                                         : "use arithmetic or a JS dispatcher");
      return nullptr;
    }
    if (At("..") || At("..<")) {
      bool exclusive = At("..<");
      size_t offset = Current().offset;
      Advance();
      ExprPtr right = ParseAdditive();
      if (!right) return nullptr;
      ExprPtr range = Binary(ExprKind::kRange, exclusive ? "..<" : "..", offset, std::move(left),
                             std::move(right));
      if (range) range->exclusive = exclusive;
      return range;
    }
    return left;
  }

  ExprPtr ParseAdditive() {
    ExprPtr left = ParseMultiplicative();
    while (left && !NewlineBefore() && (At("+") || At("-"))) {
      std::string op = Current().text;
      size_t offset = Current().offset;
      Advance();
      ExprPtr right = ParseMultiplicative();
      if (!right) return nullptr;
      left = Binary(ExprKind::kBinary, std::move(op), offset, std::move(left), std::move(right));
    }
    return left;
  }

  ExprPtr ParseMultiplicative() {
    ExprPtr left = ParseUnary();
    while (left && !NewlineBefore() && (At("*") || At("/") || At("%"))) {
      std::string op = Current().text;
      size_t offset = Current().offset;
      Advance();
      ExprPtr right = ParseUnary();
      if (!right) return nullptr;
      left = Binary(ExprKind::kBinary, std::move(op), offset, std::move(left), std::move(right));
    }
    return left;
  }

  ExprPtr ParseUnary() {
    size_t offset = Current().offset;
    if (At("!") || At("-") || At("+") || At("++") || At("--")) {
      Nesting nesting(this);
      if (!nesting.ok()) return nullptr;
      std::string op = Current().text;
      Advance();
      ExprPtr operand = ParseUnary();
      if (!operand) return nullptr;
      ExprPtr expr = NewExpr(ExprKind::kUnary, offset);
      expr->text = std::move(op);
      expr->first = std::move(operand);
      return Finish(std::move(expr));
    }
    if (At("~")) {
      Advance();
      if (Current().type != TokenType::kString && Current().type != TokenType::kGString) {
        Unsupported(offset, "bitwise negations with '~'",
                    "'~' is only supported before a string, as in ~/regex/");
        return nullptr;
      }
      ExprPtr pattern = NewExpr(ExprKind::kPattern, offset);
      pattern->first = ParsePrimary();
      if (!pattern->first) return nullptr;
      return Finish(std::move(pattern));
    }
    return ParsePower();
  }

  ExprPtr ParsePower() {
    ExprPtr base = ParsePostfix();
    if (!base || NewlineBefore() || !At("**")) return base;
    size_t offset = Current().offset;
    Advance();
    ExprPtr exponent = ParseUnary();
    if (!exponent) return nullptr;
    return Binary(ExprKind::kBinary, "**", offset, std::move(base), std::move(exponent));
  }

  bool ParseArguments(std::vector<ExprPtr>* arguments) {
    Advance();  // (
    ++paren_depth_;
    while (!At(")")) {
      const Token& token = Current();
      if ((token.type == TokenType::kIdentifier || token.type == TokenType::kString) &&
          IsPunct(Ahead(1), ":")) {
        Unsupported(token.offset, "named arguments", "pass a map literal [name: value] instead");
        return false;
      }
      ExprPtr argument = ParseExpression();
      if (!argument) return false;
      arguments->push_back(std::move(argument));
      if (!Accept(",")) break;
    }
    --paren_depth_;
    return Expect(")", "to close the argument list");
  }

  // Parses `(arguments)` and a trailing closure, either or both, into `call`.
  bool ParseCallRest(Expr* call) {
    if (At("(") && !Current().newline_before && !ParseArguments(&call->items)) return false;
    if (At("{") && !Current().newline_before) {
      ExprPtr closure = ParseClosure();
      if (!closure) return false;
      call->items.push_back(std::move(closure));
    }
    return true;
  }

  ExprPtr ParsePostfix() {
    ExprPtr expr = ParsePrimary();
    while (expr) {
      size_t offset = Current().offset;
      if (At(".") || At("?.")) {
        bool safe = At("?.");
        Advance();
        const Token& name = Current();
        if (IsPunct(name, "<")) {
          Unsupported(name.offset, "explicit generic type arguments such as .<String>method()",
                      "drop the type arguments");
          return nullptr;
        }
        if (name.type == TokenType::kGString) {
          Unsupported(name.offset, "member names computed at run time",
                      "use subscripts such as map[key]");
          return nullptr;
        }
        if (name.type != TokenType::kIdentifier && name.type != TokenType::kString) {
          Syntax("expected a name after '.', found " + Describe(name));
          return nullptr;
        }
        std::string member = name.text;
        size_t member_offset = name.offset;
        Advance();
        bool call = (At("(") || At("{")) && !Current().newline_before;
        ExprPtr node = NewExpr(call ? ExprKind::kMethodCall : ExprKind::kProperty, member_offset);
        node->text = std::move(member);
        node->safe = safe;
        node->first = std::move(expr);
        if (call && !ParseCallRest(node.get())) return nullptr;
        expr = Finish(std::move(node));
        continue;
      }
      if (At("*.") || At(".&") || At(".@") || At("::")) {
        std::string op = Current().text;
        std::string construct = op == "*."   ? "spread operators ('*.')"
                                : op == ".&" ? "method pointers ('.&')"
                                : op == ".@" ? "direct field accesses ('.@')"
                                             : "method references ('::')";
        Unsupported(offset, construct,
                    op == "*." ? "use collect { it.name } instead" : "call the method directly");
        return nullptr;
      }
      if (Current().newline_before) break;
      if (At("[")) {
        Advance();
        ++paren_depth_;
        ExprPtr index = ParseExpression();
        if (!index) return nullptr;
        if (At(",")) {
          Unsupported(Current().offset, "subscripts with several indices",
                      "read one index at a time");
          return nullptr;
        }
        --paren_depth_;
        if (!Expect("]", "to close the subscript")) return nullptr;
        expr = Binary(ExprKind::kIndex, "[]", offset, std::move(expr), std::move(index));
        continue;
      }
      if (At("(") || At("{")) {
        if (expr->kind != ExprKind::kIdentifier || expr->parenthesized) {
          if (At("{")) break;
          Unsupported(offset, "calls of closures and other computed values",
                      "call methods by name, as in list.each { ... }");
          return nullptr;
        }
        ExprPtr call = NewExpr(ExprKind::kMethodCall, expr->offset);
        call->text = expr->text;
        if (!ParseCallRest(call.get())) return nullptr;
        expr = Finish(std::move(call));
        continue;
      }
      if (At("++") || At("--")) {
        ExprPtr postfix = NewExpr(ExprKind::kPostfix, offset);
        postfix->text = Current().text;
        Advance();
        postfix->first = std::move(expr);
        expr = Finish(std::move(postfix));
        continue;
      }
      break;
    }
    return expr;
  }

  ExprPtr ParsePrimary() {
    const Token& token = Current();
    size_t offset = token.offset;
    switch (token.type) {
      case TokenType::kNumber:
      case TokenType::kString: {
        ExprPtr literal = NewExpr(
            token.type == TokenType::kNumber ? ExprKind::kNumber : ExprKind::kString, offset);
        literal->text = token.text;
        literal->slashy = token.slashy;
        Advance();
        return literal;
      }
      case TokenType::kGString:
        return ParseGString();
      case TokenType::kIdentifier:
        return ParseWord();
      case TokenType::kPunctuation:
        if (token.text == "(") return ParseParenthesized();
        if (token.text == "[") return ParseListOrMap();
        if (token.text == "{") return ParseClosure();
        break;
      case TokenType::kEnd:
        break;
    }
    Syntax("expected an expression, found " + Describe(token));
    return nullptr;
  }

  ExprPtr ParseWord() {
    const Token& token = Current();
    size_t offset = token.offset;
    if (token.text == "true" || token.text == "false") {
      ExprPtr literal = NewExpr(ExprKind::kBoolean, offset);
      literal->text = token.text;
      Advance();
      return literal;
    }
    if (token.text == "null") {
      Advance();
      return NewExpr(ExprKind::kNull, offset);
    }
    if (token.text == "new") return ParseNew();
    if (token.text == "this" || token.text == "super") {
      Unsupported(offset, "'this' and 'super'",
                  "use mockRequest, requestContext and log directly, because a dispatch script "
                  "has no enclosing object");
      return nullptr;
    }
    if (Contains(kReservedWords, token.text)) {
      Syntax("expected an expression, found '" + token.text + "'");
      return nullptr;
    }
    ExprPtr identifier = NewExpr(ExprKind::kIdentifier, offset);
    identifier->text = token.text;
    Advance();
    return identifier;
  }

  ExprPtr ParseParenthesized() {
    size_t offset = Current().offset;
    size_t length = 0;
    Advance();
    if (TypeAhead(&length) && IsPunct(Ahead(length), ")") &&
        (IsUpper(Current().text[0]) || Contains(kPrimitiveTypes, Current().text))) {
      const Token& next = Ahead(length + 1);
      bool operand_follows =
          !next.newline_before &&
          ((next.type == TokenType::kIdentifier && !Contains(kReservedWords, next.text)) ||
           next.type == TokenType::kNumber || next.type == TokenType::kString ||
           next.type == TokenType::kGString || IsPunct(next, "("));
      if (operand_follows) {
        Unsupported(offset, "Java-style casts such as (Type) value",
                    "write 'value as Type' or drop the cast");
        return nullptr;
      }
    }
    ++paren_depth_;
    ExprPtr inner = ParseExpression();
    --paren_depth_;
    if (!inner || !Expect(")", "to close the parenthesis")) return nullptr;
    inner->parenthesized = true;
    return inner;
  }

  ExprPtr ParseListOrMap() {
    ExprPtr literal = NewExpr(ExprKind::kList, Current().offset);
    Advance();
    ++paren_depth_;
    if (At(":") && IsPunct(Ahead(1), "]")) {
      Advance();
      Advance();
      --paren_depth_;
      literal->kind = ExprKind::kMap;
      return literal;
    }
    bool first = true;
    while (!At("]")) {
      if (At("*") || At("*:")) {
        Unsupported(Current().offset, "spread entries in list and map literals",
                    "build the list or map with add() or put()");
        return nullptr;
      }
      const Token& token = Current();
      ExprPtr key;
      if ((token.type == TokenType::kIdentifier || token.type == TokenType::kString ||
           token.type == TokenType::kNumber) &&
          IsPunct(Ahead(1), ":")) {
        key = NewExpr(token.type == TokenType::kNumber ? ExprKind::kNumber : ExprKind::kString,
                      token.offset);
        key->text = token.text;
        Advance();
        Advance();
      }
      ExprPtr value = ParseExpression();
      if (!value) return nullptr;
      if (!key && At(":")) {
        // A parenthesized or GString key, as in [(name): 1].
        Advance();
        key = std::move(value);
        value = ParseExpression();
        if (!value) return nullptr;
      }
      bool entry = key != nullptr;
      if (first) {
        literal->kind = entry ? ExprKind::kMap : ExprKind::kList;
      } else if (entry != (literal->kind == ExprKind::kMap)) {
        Syntax("a literal cannot mix list elements and map entries");
        return nullptr;
      }
      first = false;
      if (key) literal->keys.push_back(std::move(key));
      literal->items.push_back(std::move(value));
      if (!Accept(",")) break;
    }
    --paren_depth_;
    if (!Expect("]", "to close the literal")) return nullptr;
    return Finish(std::move(literal));
  }

  // Scans `a, b ->` or `String a ->` at the start of a closure without reporting errors.
  // Returns the parameters, or nothing (and restores the position) when there is no
  // arrow.
  std::optional<std::vector<Parameter>> ScanClosureParameters() {
    size_t saved = pos_;
    std::vector<Parameter> parameters;
    if (Accept("->")) return parameters;
    while (true) {
      Parameter parameter;
      size_t length = 0;
      if (TypeAhead(&length) && Ahead(length).type == TokenType::kIdentifier) {
        parameter.type = ParseType();
      } else if (AtWord("def") && Ahead(1).type == TokenType::kIdentifier) {
        Advance();
      }
      if (Current().type != TokenType::kIdentifier || Contains(kReservedWords, Current().text)) {
        break;
      }
      parameter.name = Current().text;
      parameter.offset = Current().offset;
      Advance();
      parameters.push_back(std::move(parameter));
      if (Accept(",")) continue;
      if (Accept("->")) return parameters;
      break;
    }
    pos_ = saved;
    return std::nullopt;
  }

  ExprPtr ParseClosure() {
    ExprPtr closure = NewExpr(ExprKind::kClosure, Current().offset);
    Advance();
    std::optional<std::vector<Parameter>> parameters = ScanClosureParameters();
    if (parameters) {
      if (parameters->size() > 1) {
        Unsupported(closure->offset,
                    std::string("closures with ") + (parameters->size() == 2 ? "two" : "several") +
                        " parameters",
                    "rewrite the closure with a single parameter (map entries have .key and "
                    ".value) or use a JS dispatcher");
        return nullptr;
      }
      closure->parameters = std::move(*parameters);
    } else {
      closure->implicit_it = true;
    }
    closure->body = std::make_unique<Block>();
    int saved_paren_depth = paren_depth_;
    int saved_deepest = deepest_;
    paren_depth_ = 0;
    deepest_ = 0;
    bool ok = ParseStatementList(&closure->body->statements, /*in_switch=*/false);
    // Translation recurses through the closure body too, so its expressions count
    // toward the height of the expression that contains the closure.
    closure->depth = deepest_ + 1;
    paren_depth_ = saved_paren_depth;
    deepest_ = saved_deepest;
    if (!ok || !Expect("}", "to close the closure")) return nullptr;
    return Finish(std::move(closure));
  }

  ExprPtr ParseNew() {
    ExprPtr expr = NewExpr(ExprKind::kNew, Current().offset);
    Advance();
    expr->text = ParseType();
    if (expr->text.empty()) {
      Syntax("expected a class name after 'new', found " + Describe(Current()));
      return nullptr;
    }
    if (At("[")) {
      Unsupported(Current().offset, "arrays created with new", "use a list literal [...]");
      return nullptr;
    }
    if (!At("(")) {
      Syntax("expected '(' after the class name, found " + Describe(Current()));
      return nullptr;
    }
    if (!ParseArguments(&expr->items)) return nullptr;
    if (At("{") && !Current().newline_before) {
      Unsupported(Current().offset, "anonymous classes",
                  "move the logic into the script body or use a JS dispatcher");
      return nullptr;
    }
    return Finish(std::move(expr));
  }

  ExprPtr ParseGString() {
    const Token& token = Current();
    ExprPtr gstring = NewExpr(ExprKind::kGString, token.offset);
    gstring->text = token.text;
    gstring->slashy = token.slashy;
    for (const GStringPart& part : token.parts) {
      gstring->strings.push_back(part.text);
      const std::vector<Token>* saved_tokens = tokens_;
      size_t saved_pos = pos_;
      int saved_paren_depth = paren_depth_;
      tokens_ = &part.tokens;
      pos_ = 0;
      paren_depth_ = 1;
      ExprPtr value;
      if (At("->")) {
        Unsupported(Current().offset, "lazy GString expressions ${-> ...}", "write ${value}");
      } else {
        value = ParseExpression();
        if (value && !AtEnd()) {
          Syntax("unexpected " + Describe(Current()) + " in ${...}");
          value.reset();
        }
      }
      tokens_ = saved_tokens;
      pos_ = saved_pos;
      paren_depth_ = saved_paren_depth;
      if (!value) return nullptr;
      gstring->items.push_back(std::move(value));
    }
    Advance();
    return Finish(std::move(gstring));
  }

  std::string_view source_;
  const std::vector<Token>* tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
  int paren_depth_ = 0;
  int deepest_ = 0;  // height of the tallest expression finished in the current closure
  std::optional<Error> error_;
};

}  // namespace

Result<std::unique_ptr<Block>> ParseScript(std::string_view source,
                                           const std::vector<Token>& tokens) {
  if (tokens.empty()) return std::make_unique<Block>();
  return Parser(source, tokens).Run();
}

}  // namespace mimic::groovy
