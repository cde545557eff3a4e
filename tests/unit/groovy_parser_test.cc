#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "groovy/groovy_lexer.h"
#include "groovy/groovy_parser.h"

namespace mimic::groovy {
namespace {

Result<std::unique_ptr<Block>> Parse(std::string_view source) {
  Result<std::vector<Token>> tokens = Lex(source);
  if (!tokens) return tl::unexpected(tokens.error());
  return ParseScript(source, *tokens);
}

std::unique_ptr<Block> ParseOrDie(std::string_view source) {
  Result<std::unique_ptr<Block>> block = Parse(source);
  EXPECT_TRUE(block) << block.error().message;
  return block ? std::move(*block) : std::make_unique<Block>();
}

// Renders an expression with explicit parentheses, to check structure and precedence.
std::string Show(const Expr& expr) {
  switch (expr.kind) {
    case ExprKind::kIdentifier:
    case ExprKind::kNumber:
    case ExprKind::kBoolean:
      return expr.text;
    case ExprKind::kNull:
      return "null";
    case ExprKind::kString:
      return "'" + expr.text + "'";
    case ExprKind::kProperty:
      return Show(*expr.first) + (expr.safe ? "?." : ".") + expr.text;
    case ExprKind::kIndex:
      return Show(*expr.first) + "[" + Show(*expr.second) + "]";
    case ExprKind::kMethodCall: {
      std::string out;
      if (expr.first) out = Show(*expr.first) + (expr.safe ? "?." : ".");
      out += expr.text + "(";
      for (size_t i = 0; i < expr.items.size(); ++i) {
        out += (i ? ", " : "") + Show(*expr.items[i]);
      }
      return out + ")";
    }
    case ExprKind::kClosure:
      return "{closure}";
    case ExprKind::kUnary:
      return "(" + expr.text + Show(*expr.first) + ")";
    case ExprKind::kPostfix:
      return "(" + Show(*expr.first) + expr.text + ")";
    case ExprKind::kBinary:
    case ExprKind::kAssign:
    case ExprKind::kElvis:
    case ExprKind::kRange:
      return "(" + Show(*expr.first) + " " + expr.text + " " + Show(*expr.second) + ")";
    case ExprKind::kTernary:
      return "(" + Show(*expr.first) + " ? " + Show(*expr.second) + " : " + Show(*expr.third) + ")";
    case ExprKind::kCast:
      return "(" + Show(*expr.first) + " as " + expr.text + ")";
    default:
      return "?";
  }
}

std::string ShowOnlyExpression(std::string_view source) {
  std::unique_ptr<Block> block = ParseOrDie(source);
  if (block->statements.size() != 1 || block->statements[0]->kind != StmtKind::kExpression) {
    return "not one expression statement";
  }
  return Show(*block->statements[0]->expr);
}

void ExpectError(std::string_view source, ErrorCode code, std::string_view message_start) {
  Result<std::unique_ptr<Block>> block = Parse(source);
  ASSERT_FALSE(block) << source;
  EXPECT_EQ(block.error().code, code) << block.error().message;
  EXPECT_EQ(block.error().message.rfind(message_start, 0), 0u) << block.error().message;
}

TEST(GroovyParser, FollowsOperatorPrecedence) {
  EXPECT_EQ(ShowOnlyExpression("a + b * c - d"), "((a + (b * c)) - d)");
  EXPECT_EQ(ShowOnlyExpression("a || b && !c"), "(a || (b && (!c)))");
  EXPECT_EQ(ShowOnlyExpression("a == b && c < d"), "((a == b) && (c < d))");
  EXPECT_EQ(ShowOnlyExpression("x = y = 1"), "(x = (y = 1))");
  EXPECT_EQ(ShowOnlyExpression("a ?: b ? c : d"), "(a ?: (b ? c : d))");
  EXPECT_EQ(ShowOnlyExpression("-a ** 2"), "(-(a ** 2))");
  EXPECT_EQ(ShowOnlyExpression("x in [1, 2]"), "(x in ?)");
  EXPECT_EQ(ShowOnlyExpression("x !in y"), "(x !in y)");
  EXPECT_EQ(ShowOnlyExpression("0..<n"), "(0 ..< n)");
  EXPECT_EQ(ShowOnlyExpression("v as Integer"), "(v as Integer)");
}

TEST(GroovyParser, ReadsPostfixChains) {
  EXPECT_EQ(ShowOnlyExpression("a.b?.c[0].d(1, 'x')"), "a.b?.c[0].d(1, 'x')");
  EXPECT_EQ(ShowOnlyExpression("list.findAll { it > 1 }.size()"), "list.findAll({closure}).size()");
  EXPECT_EQ(ShowOnlyExpression("i++"), "(i++)");
  EXPECT_EQ(ShowOnlyExpression("obj.'quoted name'"), "obj.quoted name");
}

TEST(GroovyParser, ContinuesChainsOnNextLine) {
  EXPECT_EQ(ShowOnlyExpression("text\n  .trim()\n  ?.size()"), "text.trim()?.size()");
  EXPECT_EQ(ShowOnlyExpression("a &&\nb"), "(a && b)");
  EXPECT_EQ(ShowOnlyExpression("a\n  && b"), "(a && b)");
  EXPECT_EQ(ShowOnlyExpression("f(a,\n  b)"), "f(a, b)");
}

TEST(GroovyParser, NewlineEndsStatementBeforeOperator) {
  std::unique_ptr<Block> block = ParseOrDie("def x = 1\n-2");
  ASSERT_EQ(block->statements.size(), 2u);
  EXPECT_EQ(block->statements[1]->kind, StmtKind::kExpression);
}

TEST(GroovyParser, ReadsCommandCalls) {
  EXPECT_EQ(ShowOnlyExpression("log.info \"QueryString: \" + q"),
            "log.info(('QueryString: ' + q))");
  EXPECT_EQ(ShowOnlyExpression("println x, y"), "println(x, y)");
}

TEST(GroovyParser, ReadsDeclarations) {
  std::unique_ptr<Block> block = ParseOrDie(
      "def a = 1\nString s\nfinal int n = 2, m\nMap<String, List<String>> h = [:]\n"
      "groovy.json.JsonSlurper j = null\nString[] parts = []\nvar v = 3");
  ASSERT_EQ(block->statements.size(), 7u);
  EXPECT_EQ(block->statements[0]->type, "def");
  EXPECT_EQ(block->statements[1]->type, "String");
  EXPECT_EQ(block->statements[1]->declarators[0].initializer, nullptr);
  EXPECT_EQ(block->statements[2]->type, "int");
  EXPECT_EQ(block->statements[2]->declarators.size(), 2u);
  EXPECT_EQ(block->statements[3]->type, "Map");
  EXPECT_EQ(block->statements[4]->type, "groovy.json.JsonSlurper");
  EXPECT_EQ(block->statements[5]->type, "String[]");
  EXPECT_EQ(block->statements[6]->type, "def");
}

TEST(GroovyParser, FlattensElseIfChains) {
  std::unique_ptr<Block> block =
      ParseOrDie("if (a) { x }\nelse if (b) y\nelse if (c) { z } else { w }");
  ASSERT_EQ(block->statements.size(), 1u);
  const Stmt& stmt = *block->statements[0];
  ASSERT_EQ(stmt.branches.size(), 4u);
  EXPECT_NE(stmt.branches[2].condition, nullptr);
  EXPECT_EQ(stmt.branches[3].condition, nullptr);
}

TEST(GroovyParser, ReadsElseAfterSingleStatementOnOneLine) {
  std::unique_ptr<Block> block = ParseOrDie("if (a) return 'x' else return 'y'");
  ASSERT_EQ(block->statements.size(), 1u);
  EXPECT_EQ(block->statements[0]->branches.size(), 2u);
}

TEST(GroovyParser, ReadsSwitchCases) {
  std::unique_ptr<Block> block = ParseOrDie(
      "switch (x) {\n case 'a':\n case 'b': return 1\n case 'c': y = 2; break\n default: z\n}");
  const Stmt& stmt = *block->statements[0];
  ASSERT_EQ(stmt.kind, StmtKind::kSwitch);
  ASSERT_EQ(stmt.cases.size(), 4u);
  EXPECT_TRUE(stmt.cases[0].statements.empty());
  EXPECT_EQ(stmt.cases[2].statements.size(), 2u);
  EXPECT_EQ(stmt.cases[3].value, nullptr);
}

TEST(GroovyParser, ReadsLoops) {
  std::unique_ptr<Block> block = ParseOrDie(
      "for (x in xs) {}\nfor (String s : names) {}\nfor (int i = 0; i < 3; i++) {}\n"
      "for (;;) { break }\nwhile (a) b()\ndo { c() } while (d)");
  ASSERT_EQ(block->statements.size(), 6u);
  EXPECT_EQ(block->statements[0]->kind, StmtKind::kForIn);
  EXPECT_EQ(block->statements[1]->kind, StmtKind::kForIn);
  EXPECT_EQ(block->statements[1]->type, "String");
  EXPECT_EQ(block->statements[2]->kind, StmtKind::kFor);
  EXPECT_EQ(block->statements[2]->init->kind, StmtKind::kDeclaration);
  EXPECT_EQ(block->statements[3]->kind, StmtKind::kFor);
  EXPECT_EQ(block->statements[3]->expr, nullptr);
  EXPECT_EQ(block->statements[4]->kind, StmtKind::kWhile);
  EXPECT_EQ(block->statements[5]->kind, StmtKind::kDoWhile);
}

TEST(GroovyParser, ReadsListsAndMaps) {
  std::unique_ptr<Block> block =
      ParseOrDie("[1, 'two', [3]]\n[a: 1, 'b': 2, (k): 3, 4: 'four']\n[:]\n[]");
  ASSERT_EQ(block->statements.size(), 4u);
  EXPECT_EQ(block->statements[0]->expr->kind, ExprKind::kList);
  EXPECT_EQ(block->statements[0]->expr->items.size(), 3u);
  const Expr& map = *block->statements[1]->expr;
  ASSERT_EQ(map.kind, ExprKind::kMap);
  ASSERT_EQ(map.keys.size(), 4u);
  EXPECT_EQ(map.keys[0]->text, "a");
  EXPECT_EQ(map.keys[2]->kind, ExprKind::kIdentifier);
  EXPECT_EQ(block->statements[2]->expr->kind, ExprKind::kMap);
  EXPECT_EQ(block->statements[3]->expr->kind, ExprKind::kList);
}

TEST(GroovyParser, ReadsClosureParameters) {
  std::unique_ptr<Block> block = ParseOrDie(
      "xs.each { println it }\nxs.each { x -> x }\nxs.each { String x -> x }\nf { -> 1 }");
  EXPECT_TRUE(block->statements[0]->expr->items[0]->implicit_it);
  const Expr& named = *block->statements[1]->expr->items[0];
  ASSERT_EQ(named.parameters.size(), 1u);
  EXPECT_EQ(named.parameters[0].name, "x");
  EXPECT_EQ(block->statements[2]->expr->items[0]->parameters[0].type, "String");
  const Expr& none = *block->statements[3]->expr->items[0];
  EXPECT_FALSE(none.implicit_it);
  EXPECT_TRUE(none.parameters.empty());
}

TEST(GroovyParser, ReadsGStringExpressions) {
  std::unique_ptr<Block> block = ParseOrDie(R"("a ${x + 1} b $y.z")");
  const Expr& gstring = *block->statements[0]->expr;
  ASSERT_EQ(gstring.kind, ExprKind::kGString);
  ASSERT_EQ(gstring.items.size(), 2u);
  EXPECT_EQ(Show(*gstring.items[0]), "(x + 1)");
  EXPECT_EQ(Show(*gstring.items[1]), "y.z");
}

TEST(GroovyParser, DropsImports) {
  std::unique_ptr<Block> block =
      ParseOrDie("import groovy.json.*\nimport static java.lang.Math.max\nx");
  ASSERT_EQ(block->statements.size(), 3u);
  EXPECT_EQ(block->statements[0]->kind, StmtKind::kEmpty);
  EXPECT_EQ(block->statements[1]->kind, StmtKind::kEmpty);
}

TEST(GroovyParser, RejectsUnsupportedStatements) {
  ExpectError("class Foo {}", ErrorCode::kUnsupported,
              "line 1, column 1: class definitions are not supported");
  ExpectError("x = 1\ndef helper(a) { a }", ErrorCode::kUnsupported,
              "line 2, column 5: method definitions are not supported");
  ExpectError("String helper() { 'x' }", ErrorCode::kUnsupported,
              "line 1, column 8: method definitions are not supported");
  ExpectError("@groovy.transform.Field def x", ErrorCode::kUnsupported,
              "line 1, column 1: annotations are not supported");
  ExpectError("trait T {}", ErrorCode::kUnsupported, "line 1, column 1: traits are not supported");
  ExpectError("outer: for (x in xs) {}", ErrorCode::kUnsupported,
              "line 1, column 1: statement labels are not supported");
  ExpectError("def (a, b) = [1, 2]", ErrorCode::kUnsupported,
              "line 1, column 5: multiple assignments");
  ExpectError("import groovy.json.JsonSlurper as JS", ErrorCode::kUnsupported,
              "line 1, column 32: import aliases are not supported");
  ExpectError("try { a() } catch (IOException e) { }", ErrorCode::kUnsupported,
              "line 1, column 20: catch clauses for a specific exception type");
  ExpectError("try { a() } catch (Exception e) { } catch (Throwable t) { }",
              ErrorCode::kUnsupported, "line 1, column 37: several catch clauses");
}

TEST(GroovyParser, RejectsUnsupportedExpressions) {
  ExpectError("xs.each { k, v -> k }", ErrorCode::kUnsupported,
              "line 1, column 9: closures with two parameters are not supported in Groovy "
              "dispatch scripts; rewrite the closure with a single parameter");
  ExpectError("xs.inject(0) { a, b, c -> a }", ErrorCode::kUnsupported,
              "line 1, column 14: closures with several parameters");
  ExpectError("def n = (Integer) x", ErrorCode::kUnsupported, "line 1, column 9: Java-style casts");
  ExpectError("x instanceof String", ErrorCode::kUnsupported,
              "line 1, column 3: instanceof checks");
  ExpectError("list << 1", ErrorCode::kUnsupported, "line 1, column 6: shift operators");
  ExpectError("a & b", ErrorCode::kUnsupported, "line 1, column 3: bitwise operators");
  ExpectError("names*.size()", ErrorCode::kUnsupported, "line 1, column 6: spread operators");
  ExpectError("def f = this.&foo", ErrorCode::kUnsupported, "line 1, column 9: 'this' and 'super'");
  ExpectError("foo(name: 'x')", ErrorCode::kUnsupported, "line 1, column 5: named arguments");
  ExpectError("new Runnable() { void run() {} }", ErrorCode::kUnsupported,
              "line 1, column 16: anonymous classes");
  ExpectError("{ -> 1 }", ErrorCode::kUnsupported, "line 1, column 1: standalone blocks");
}

TEST(GroovyParser, ReportsSyntaxErrorsWithPosition) {
  ExpectError("if (x y) {\n}", ErrorCode::kInvalidArgument,
              "line 1, column 7: invalid Groovy syntax: expected ')' after the if condition");
  ExpectError("def x = \n", ErrorCode::kInvalidArgument,
              "line 2, column 1: invalid Groovy syntax: expected an expression");
  ExpectError("a b c", ErrorCode::kInvalidArgument, "line 1, column 5: invalid Groovy syntax");
  ExpectError("[1, a: 2]", ErrorCode::kInvalidArgument, "line 1, column 9: invalid Groovy syntax");
  ExpectError("} x", ErrorCode::kInvalidArgument, "line 1, column 1: invalid Groovy syntax");
  ExpectError("1 = 2", ErrorCode::kInvalidArgument, "line 1, column 3: invalid Groovy syntax");
}

TEST(GroovyParser, RejectsDeepNesting) {
  std::string source(kMaxNestingDepth + 1, '(');
  source += "1";
  source += std::string(kMaxNestingDepth + 1, ')');
  ExpectError(source, ErrorCode::kLimitExceeded, "line 1, column");

  std::string blocks;
  for (int i = 0; i <= kMaxNestingDepth; ++i) blocks += "if (a) {\n";
  for (int i = 0; i <= kMaxNestingDepth; ++i) blocks += "}\n";
  ExpectError(blocks, ErrorCode::kLimitExceeded, "line");

  std::string negations(10 * kMaxNestingDepth, '!');
  ExpectError(negations + "x", ErrorCode::kLimitExceeded, "line 1, column");
}

TEST(GroovyParser, RejectsTallExpressionTrees) {
  std::string chain = "x";
  for (int i = 0; i <= kMaxExpressionDepth; ++i) chain += " + x";
  ExpectError(chain, ErrorCode::kLimitExceeded, "line 1, column");

  std::string fine = "x";
  for (int i = 0; i < kMaxExpressionDepth / 2; ++i) fine += " + x";
  EXPECT_TRUE(Parse(fine));
}

TEST(GroovyParser, CountsClosureBodiesInExpressionHeight) {
  // Each closure sits at the bottom of a long chain, so translating the innermost one
  // recurses through every chain: the limit must see the sum, not one chain at a time.
  std::string nested = "x";
  for (int level = 0; level < 4; ++level) {
    std::string chain = "x.any { " + nested + " }";
    for (int i = 0; i < kMaxExpressionDepth / 3; ++i) chain += " + x";
    nested = chain;
  }
  ExpectError("def x = [1]\n" + nested, ErrorCode::kLimitExceeded, "line 2, column");

  std::unique_ptr<Block> block = ParseOrDie("xs.any { it.any { v -> v + 1 } }");
  EXPECT_EQ(block->statements[0]->expr->depth, 6);
}

TEST(GroovyParser, AcceptsLongElseIfChains) {
  std::string source = "if (x == 0) { r = 0 }";
  for (int i = 1; i < 3 * kMaxNestingDepth; ++i) {
    source += " else if (x == " + std::to_string(i) + ") { r = " + std::to_string(i) + " }";
  }
  std::unique_ptr<Block> block = ParseOrDie(source);
  ASSERT_EQ(block->statements.size(), 1u);
  EXPECT_EQ(block->statements[0]->branches.size(), static_cast<size_t>(3 * kMaxNestingDepth));
}

}  // namespace
}  // namespace mimic::groovy
