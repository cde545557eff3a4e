#include <gtest/gtest.h>

#include <string>

#include "groovy/groovy_lexer.h"
#include "groovy/groovy_parser.h"
#include "groovy/groovy_to_js.h"

namespace mimic::groovy {
namespace {

std::string Translate(std::string_view source) {
  Result<Translation> translation = TranslateGroovy(source);
  EXPECT_TRUE(translation) << source << "\n" << translation.error().message;
  return translation ? translation->javascript : "";
}

// The translated statements without the helper functions in front of them.
std::string Body(std::string_view source) {
  std::string javascript = Translate(source);
  size_t start = 0;
  while (javascript.compare(start, 9, "function ") == 0) {
    size_t end = javascript.find("\n}\n", start);
    if (end == std::string::npos) break;
    start = end + 3;
  }
  return javascript.substr(start);
}

void ExpectContains(const std::string& javascript, std::string_view fragment) {
  EXPECT_NE(javascript.find(fragment), std::string::npos) << "missing: " << fragment << "\nin:\n"
                                                          << javascript;
}

void ExpectNoLooseEquality(const std::string& javascript) {
  for (size_t at = javascript.find("=="); at != std::string::npos;
       at = javascript.find("==", at + 1)) {
    bool strict = (at + 2 < javascript.size() && javascript[at + 2] == '=') ||
                  (at > 0 && (javascript[at - 1] == '=' || javascript[at - 1] == '!'));
    EXPECT_TRUE(strict) << "loose == at " << at << " in:\n" << javascript;
  }
}

Error TranslationError(std::string_view source) {
  Result<Translation> translation = TranslateGroovy(source);
  EXPECT_FALSE(translation) << source << "\ntranslated to:\n"
                            << (translation ? translation->javascript : "");
  return translation ? Error{} : translation.error();
}

void ExpectUnsupported(std::string_view source, std::string_view message_start) {
  Error error = TranslationError(source);
  EXPECT_EQ(error.code, ErrorCode::kUnsupported) << error.message;
  EXPECT_EQ(error.message.rfind(message_start, 0), 0u) << error.message;
  EXPECT_NE(error.message.find(" are not supported in Groovy dispatch scripts; "),
            std::string::npos)
      << error.message;
}

void ExpectInvalid(std::string_view source, std::string_view message_start) {
  Error error = TranslationError(source);
  EXPECT_EQ(error.code, ErrorCode::kInvalidArgument) << error.message;
  EXPECT_EQ(error.message.rfind(message_start, 0), 0u) << error.message;
}

// --- statements ---

TEST(GroovyToJs, EmptyScriptTranslatesToNothing) {
  EXPECT_EQ(Translate(""), "");
  EXPECT_EQ(Translate("// only a comment\nimport groovy.json.JsonSlurper\n"), "");
}

TEST(GroovyToJs, DeclaresVariables) {
  EXPECT_EQ(Body("def a = 1\nvar b\nfinal c = 'x'\nreturn a"),
            "let a = 1;\nlet b = null;\nlet c = \"x\";\nreturn a;\n");
}

TEST(GroovyToJs, DeclaresSeveralVariablesInOneStatement) {
  EXPECT_EQ(Body("int a = 1, b\nb"), "let a = 1, b = 0;\nreturn b;\n");
}

TEST(GroovyToJs, CoercesTypedDeclarations) {
  std::string body = Body("String s = 42\nint n = 7 / 2\nboolean empty = ''\nDouble d\nn");
  ExpectContains(body, "let s = __g_asString(42);");
  ExpectContains(body, "let n = Math.trunc(7 / 2);");
  ExpectContains(body, "let empty = __g_truth(\"\");");
  ExpectContains(body, "let d = null;");
}

TEST(GroovyToJs, ReturnsLastExpressionImplicitly) {
  EXPECT_EQ(Body("def x = 'a'\nx + 'b'"), "let x = \"a\";\nreturn x + \"b\";\n");
  EXPECT_EQ(Body("def answer = 42"), "let answer = 42;\nreturn answer;\n");
}

TEST(GroovyToJs, ReturnsFromEachBranchOfFinalIf) {
  EXPECT_EQ(Body("def n = 1\nif (n > 0) { 'positive' } else if (n < 0) { 'negative' } else 'zero'"),
            "let n = 1;\n"
            "if (n > 0) {\n  return \"positive\";\n} else if (n < 0) {\n  return \"negative\";\n"
            "} else {\n  return \"zero\";\n}\n");
}

TEST(GroovyToJs, ReturnsFromFinalSwitchCasesEndingInBreak) {
  std::string body = Body(
      "def v = 'b'\nswitch (v) {\n case 'a': 'A'; break\n case 'b':\n case 'c': 'BC'; break\n"
      " default: 'other'\n}");
  EXPECT_EQ(body,
            "let v = \"b\";\nswitch (v) {\n  case \"a\": {\n    return \"A\";\n  }\n"
            "  case \"b\":\n  case \"c\": {\n    return \"BC\";\n  }\n"
            "  default: {\n    return \"other\";\n  }\n}\n");
}

TEST(GroovyToJs, SwitchesOnGroovyStringOfUnknownValues) {
  std::string body = Body(
      "def data = new groovy.json.JsonSlurper().parseText('{}')\n"
      "switch (data.kind) { case 'x': return 1; default: return 2 }");
  ExpectContains(body, "switch (__g_caseString(__g_prop(data, \"kind\"))) {");
  ExpectContains(Body("switch (mockRequest.getURIParameter('n')) { case 1: return 'one' }"),
                 "case 1: {");
}

TEST(GroovyToJs, TranslatesLoops) {
  std::string body = Body(
      "def total = 0\nfor (x in [1, 2]) { total += x }\nfor (int i = 0; i < 3; i++) { continue }\n"
      "for (i in 0..<2) {}\nwhile (total < 10) { total++ }\ndo { total-- } while (total > 5)\n"
      "for (;;) { break }\ntotal");
  ExpectContains(body, "for (let x of [1, 2]) {");
  ExpectContains(body, "for (let i = 0; i < 3; i++) {");
  ExpectContains(body, "for (let i of __g_range(0, 2, true)) {");
  ExpectContains(body, "while (total < 10) {");
  ExpectContains(body, "} while (total > 5);");
  ExpectContains(body, "for (;;) {\n  break;\n}");
}

TEST(GroovyToJs, IteratesUnknownValuesThroughHelper) {
  ExpectContains(Body("def xs = mockRequest.getURIParameters()\nfor (e in xs) { log.info(e.key) }"),
                 "for (let e of __g_iter(xs)) {");
}

TEST(GroovyToJs, TranslatesTryThrowAndAssert) {
  std::string body = Body(
      "try {\n  assert mockRequest.requestContent : 'empty body'\n  throw new "
      "IllegalStateException('bad')\n} catch (Exception e) {\n  return e.message\n} finally {\n"
      "  log.info('done')\n}");
  ExpectContains(body, "try {");
  ExpectContains(body,
                 "if (!mockRequest.getRequestContent()) throw new Error(\"Assertion failed: \" + "
                 "\"empty body\");");
  ExpectContains(body, "throw new Error(\"bad\");");
  ExpectContains(body, "} catch (e) {\n  return e.message;");
  ExpectContains(body, "} finally {\n  log.info(\"done\");");
}

TEST(GroovyToJs, RenamesJavaScriptReservedNames) {
  std::string body = Body("def function = 1\ndef delete = function + 1\ndelete");
  ExpectContains(body, "let __g_v_function = 1;");
  ExpectContains(body, "let __g_v_delete = __g_v_function + 1;");
}

TEST(GroovyToJs, DeclaresBindingVariablesAtTop) {
  EXPECT_EQ(Body("if (mockRequest.requestContent) { result = 'a' } else { result = 'b' }\nresult"),
            "let result = null;\nif (mockRequest.getRequestContent()) {\n  result = \"a\";\n} "
            "else {\n  result = \"b\";\n}\nreturn result;\n");
}

// --- operators ---

TEST(GroovyToJs, MapsEqualityWithoutLooseComparison) {
  std::string body = Body(
      "def name = mockRequest.getURIParameter('name')\ndef data = new "
      "groovy.json.JsonSlurper().parseText(mockRequest.requestContent)\n"
      "def a = name == 'Andrew'\ndef b = data.id != 3\ndef c = data.owner == null\n"
      "def d = data.left == data.right\ndef e = data.x != data.y\ndef f = name == name\n"
      "def g = null != data\n[a, b, c, d, e, f, g]");
  ExpectContains(body, "let a = name === \"Andrew\";");
  ExpectContains(body, "let b = __g_prop(data, \"id\") !== 3;");
  ExpectContains(body, "let c = (__g_prop(data, \"owner\") ?? null) === null;");
  ExpectContains(body, "let d = __g_eq(__g_prop(data, \"left\"), __g_prop(data, \"right\"));");
  ExpectContains(body, "let e = !__g_eq(__g_prop(data, \"x\"), __g_prop(data, \"y\"));");
  ExpectContains(body, "let f = name === name;");
  ExpectContains(body, "let g = (data ?? null) !== null;");
  ExpectNoLooseEquality(Translate(
      "def x = mockRequest.requestContent\nif (x == 'a' || x != null || [1] == [x]) { 1 }"));
}

TEST(GroovyToJs, UsesGroovyTruthInConditions) {
  std::string body = Body(
      "def list = []\ndef s = 'x'\nif (list && s) { 1 }\nwhile (!list) { break }\n"
      "def both = s && list\nboth");
  ExpectContains(body, "if (__g_truth(list) && s) {");
  ExpectContains(body, "while (!__g_truth(list)) {");
  ExpectContains(body, "let both = __g_truth(s) && __g_truth(list);");
}

TEST(GroovyToJs, TranslatesTernaryAndElvis) {
  std::string body = Body(
      "def q = mockRequest.getRequest().getQueryString()\ndef p = mockRequest.getURIParameters()\n"
      "def a = q ? 'yes' : 'no'\ndef b = q ?: 'none'\ndef c = p ?: [:]\n[a, b, c]");
  ExpectContains(body, "let a = q ? \"yes\" : \"no\";");
  ExpectContains(body, "let b = q || \"none\";");
  ExpectContains(body, "let c = __g_elvis(p, () => ({}));");
}

TEST(GroovyToJs, TranslatesSafeNavigation) {
  std::string body = Body(
      "def data = new groovy.json.JsonSlurper().parseText(mockRequest.requestContent)\n"
      "def a = data?.owner?.name\ndef b = data.name?.toUpperCase()\n[a, b]");
  ExpectContains(body, "let a = __g_prop(__g_prop(data, \"owner\", true), \"name\", true);");
  ExpectContains(body,
                 "let b = __g_safe(__g_prop(data, \"name\"), (__g_s1) => __g_s1.toUpperCase());");
}

TEST(GroovyToJs, ConcatenatesWithGroovyToString) {
  std::string body = Body(
      "def n = 3\ndef xs = [1, 2]\ndef a = 'n=' + n\ndef b = 'xs=' + xs\ndef c = n + 1\n"
      "def d = xs + 3\ndef e = xs - 1\ndef f = 'ab' * 2\n[a, b, c, d, e, f]");
  ExpectContains(body, "let a = \"n=\" + n;");
  ExpectContains(body, "let b = \"xs=\" + __g_str(xs);");
  ExpectContains(body, "let c = n + 1;");
  ExpectContains(body, "let d = __g_plus(xs, 3);");
  ExpectContains(body, "let e = __g_minus(xs, 1);");
  ExpectContains(body, "let f = __g_times(\"ab\", 2);");
}

TEST(GroovyToJs, TranslatesGStringsToTemplateLiterals) {
  std::string body = Body(
      "def name = 'Ann'\ndef tags = ['a']\n\"Hi ${name}! $name has ${tags.size()} tag(s): ${tags} "
      "`x` \\${y}\"");
  ExpectContains(body,
                 "return `Hi ${name}! ${name} has ${tags.length} tag(s): ${__g_str(tags)} \\`x\\` "
                 "\\${y}`;");
}

TEST(GroovyToJs, TranslatesRegexOperators) {
  std::string body = Body(
      "def path = mockRequest.getRequest().requestURI\ndef id = '42'\n"
      "def a = path =~ /\\/cars\\/\\d+/\ndef b = id ==~ /\\d+/\ndef c = id =~ ~'4'\n[a, b, c]");
  ExpectContains(body, "let a = __g_regexFind(path, /\\/cars\\/\\d+/);");
  ExpectContains(body, "let b = __g_regexMatch(id, /^(?:\\d+)$/);");
  ExpectContains(body, "let c = __g_regexFind(id, /4/);");
}

TEST(GroovyToJs, TranslatesMembershipAndRanges) {
  std::string body = Body("def x = 2\ndef a = x in [1, 2]\ndef b = x !in 1..3\n[a, b]");
  ExpectContains(body, "let a = __g_isCase([1, 2], x);");
  ExpectContains(body, "let b = !__g_isCase(__g_range(1, 3, false), x);");
}

TEST(GroovyToJs, TranslatesCasts) {
  std::string body = Body(
      "def q = mockRequest.getURIParameter('n')\ndef a = q as Integer\ndef b = q as String\n"
      "def c = q as BigDecimal\n[a, b, c]");
  ExpectContains(body, "let a = __g_safe(q, (__g_value) => __g_toInteger(__g_value, true));");
  ExpectContains(body, "let b = q;");
  ExpectContains(body, "let c = __g_safe(q, (__g_value) => __g_toNumber(__g_value));");
}

// --- strings, lists and maps ---

TEST(GroovyToJs, MapsStringMethods) {
  std::string body = Body(
      "def s = mockRequest.getRequest().getRequestURI()\n"
      "[s.contains('a'), s.startsWith('/'), s.endsWith('x'), s.toUpperCase(), s.toLowerCase(),\n"
      " s.trim(), s.size(), s.length(), s.substring(1, 2), s.indexOf('/'), s.replace('a', 'b'),\n"
      " s.replaceAll(/(\\w+)-(\\w+)/, '$2-$1'), s.split('/'), s.equals('x'),\n"
      " s.equalsIgnoreCase('X'), s.isEmpty(), s.matches('[a-z]+'), s.toInteger(), s.toString()]");
  for (std::string_view fragment :
       {"s.includes(\"a\")", "s.startsWith(\"/\")", "s.endsWith(\"x\")", "s.toUpperCase()",
        "s.toLowerCase()", "s.trim()", "s.length, s.length", "s.substring(1, 2)",
        "s.indexOf(\"/\")", "__g_replace(s, \"a\", \"b\")",
        "s.replace(/(\\w+)-(\\w+)/g, \"$2-$1\")", "__g_split(s, /\\//g)", "s === \"x\"",
        "__g_equalsIgnoreCase(s, \"X\")", "s.length === 0", "/^(?:[a-z]+)$/.test(s)",
        "__g_toInteger(s, true)", "__g_str(s)"}) {
    ExpectContains(body, fragment);
  }
}

TEST(GroovyToJs, MapsCollectionMethods) {
  std::string body = Body(
      "def xs = [3, 1]\ndef m = [a: 1, 'b c': 2]\n"
      "[xs.size(), xs.isEmpty(), xs.contains(1), xs.join(','), xs.first(), xs.last(), xs[0],\n"
      " xs[-1], xs.get(0), m.size(), m.get('a'), m.put('c', 3), m.containsKey('a'), m.keySet(),\n"
      " m.values(), m['a'], m.a, xs.each { println it }, xs.find { it > 1 },\n"
      " xs.findAll { v -> v > 1 }, xs.collect { it * 2 }, xs.any { it }, xs.every { it > 0 }]");
  for (std::string_view fragment : {"let m = { \"a\": 1, \"b c\": 2 };",
                                    "xs.length, xs.length === 0",
                                    "__g_contains(xs, 1)",
                                    "__g_join(xs, \",\")",
                                    "__g_first(xs)",
                                    "__g_last(xs)",
                                    "xs[0]",
                                    "__g_index(xs, -1)",
                                    "__g_get(xs, 0)",
                                    "__g_size(m)",
                                    "__g_get(m, \"a\")",
                                    "__g_put(m, \"c\", 3)",
                                    "__g_hasKey(m, \"a\")",
                                    "Object.keys(m)",
                                    "Object.values(m)",
                                    "__g_index(m, \"a\")",
                                    "__g_prop(m, \"a\")",
                                    "__g_each(xs, (it) => log.info(__g_str(it)))",
                                    "__g_find(xs, (it) => it > 1)",
                                    "__g_findAll(xs, (v) => v > 1)",
                                    "__g_collect(xs, (it) => __g_times(it, 2))",
                                    "__g_any(xs, (it) => it)",
                                    "__g_every(xs, (it) => it > 0)"}) {
    ExpectContains(body, fragment);
  }
}

TEST(GroovyToJs, TranslatesClosureBlocksWithImplicitReturn) {
  std::string body = Body(
      "def xs = [1, 2]\nxs.findAll { x ->\n  def doubled = x * 2\n  if (doubled > 2) { true } else "
      "{ false }\n}");
  ExpectContains(body,
                 "return __g_findAll(xs, (x) => {\n  let doubled = __g_times(x, 2);\n"
                 "  if (doubled > 2) {\n    return true;\n  } else {\n    return false;\n  }\n});");
}

TEST(GroovyToJs, AssignsPropertiesAndIndices) {
  std::string body = Body("def m = [:]\nm.a = 1\nm['b'] = 2\ndef k = 'c'\nm[k] = 3\nm");
  ExpectContains(body, "m.a = 1;");
  ExpectContains(body, "m[\"b\"] = 2;");
  ExpectContains(body, "__g_putAt(m, k, 3);");
}

// --- Microcks and SoapUI idioms ---

TEST(GroovyToJs, TranslatesMockRequestIdioms) {
  std::string body = Body(
      "def a = mockRequest.requestContent\ndef b = mockRequest.getRequestContent()\n"
      "def c = mockRequest.getRequest().getRequestURI()\ndef d = mockRequest.request.requestURI\n"
      "def e = mockRequest.getRequestHeaders().get('Accept')\n"
      "def f = mockRequest.getRequest().getParameter('page')\n"
      "def g = mockRequest.getRequest().getMethod()\ndef h = mockRequest.getRequestHeaders()\n"
      "def i = h.get('x-test', 'none')\ndef j = h.hasValues('x-test')\n[a, b, c, d, e, f, g, i, "
      "j]");
  for (std::string_view fragment :
       {"let a = mockRequest.getRequestContent();", "let b = mockRequest.getRequestContent();",
        "let c = mockRequest.getRequest().requestURI;",
        "let d = mockRequest.getRequest().requestURI;",
        "let e = __g_header(mockRequest.getRequestHeaders(), \"Accept\");",
        "let f = __g_parameter(mockRequest.getRequest(), \"page\");",
        "let g = mockRequest.getRequest().method;",
        "let i = __g_headerGet(h, \"x-test\", \"none\");",
        "let j = __g_hasValues(h, \"x-test\");"}) {
    ExpectContains(body, fragment);
  }
}

TEST(GroovyToJs, TranslatesRequestContextAndLog) {
  std::string body = Body(
      "requestContext.foo = 'x'\nrequestContext.put('bar', 2)\ndef f = requestContext.get('foo')\n"
      "def g = requestContext.foo\nlog.info('a {}', f)\nlog.debug \"b $g\"\nlog.warn([1])\n"
      "log.error('e')\nprintln 'p'\nreturn g");
  for (std::string_view fragment :
       {"requestContext.foo = \"x\";", "requestContext.set(\"bar\", 2);",
        "let f = requestContext.get(\"foo\");", "let g = requestContext.get(\"foo\");",
        "log.info(\"a {}\", __g_str(f));", "log.debug(`b ${__g_str(g)}`);",
        "log.warn(__g_str([1]));", "log.error(\"e\");", "log.info(\"p\");"}) {
    ExpectContains(body, fragment);
  }
}

TEST(GroovyToJs, TranslatesJsonSlurperAndJsonOutput) {
  std::string body = Body(
      "import groovy.json.JsonSlurper\nimport groovy.json.JsonOutput\n"
      "def slurper = new JsonSlurper()\ndef a = slurper.parseText(mockRequest.requestContent)\n"
      "def b = new groovy.json.JsonSlurper().parseText('{}')\n"
      "JsonOutput.toJson([a: a.id, b: b]) + groovy.json.JsonOutput.toJson(1)");
  ExpectContains(body, "let slurper = { parseText: JSON.parse };");
  ExpectContains(body, "let a = JSON.parse(mockRequest.getRequestContent());");
  ExpectContains(body, "let b = JSON.parse(\"{}\");");
  ExpectContains(body,
                 "return JSON.stringify({ \"a\": __g_prop(a, \"id\"), \"b\": b }) + "
                 "JSON.stringify(1);");
}

TEST(GroovyToJs, TranslatesXmlHolderReads) {
  EXPECT_EQ(Body("import com.eviware.soapui.support.XmlHolder\n"
                 "def holder = new XmlHolder(mockRequest.requestContent)\n"
                 "def a = holder[\"//name\"]\ndef b = holder.getNodeValue(\"//*:name\")\n"
                 "def c = holder[\"declare namespace ns='urn:x'; //ns:name\"]\na + b + c"),
            "let holder = { xml: mockRequest.getRequestContent(), namespaces: {} };\n"
            "let a = __mimicXPath(holder.xml, \"//name\");\n"
            "let b = __mimicXPath(holder.xml, \"//*:name\");\n"
            "let c = __mimicXPath(holder.xml, \"declare namespace ns='urn:x'; //ns:name\");\n"
            "return a + b + c;\n");
}

TEST(GroovyToJs, PrefixesDeclaredNamespaces) {
  std::string javascript = Translate(
      "def holder = new com.eviware.soapui.support.XmlHolder(mockRequest.getRequestContent())\n"
      "holder.namespaces[\"ser\"] = \"http://www.example.com/hello\"\n"
      "holder.getNodeValue(\"//ser:sayHello/name\")");
  ExpectContains(javascript, "declare namespace ");
  ExpectContains(javascript, "holder.namespaces[\"ser\"] = \"http://www.example.com/hello\";");
  ExpectContains(javascript, "return __g_xpath(holder, \"//ser:sayHello/name\");");
}

TEST(GroovyToJs, EmitsOnlyUsedHelpers) {
  EXPECT_EQ(Translate("return 'x'"), "return \"x\";\n");
  std::string javascript = Translate("def xs = [1]\nxs.any { it }");
  ExpectContains(javascript, "function __g_any(");
  ExpectContains(javascript, "function __g_iter(");
  ExpectContains(javascript, "function __g_truth(");
  EXPECT_EQ(javascript.find("function __g_xpath("), std::string::npos);
}

// --- rejected constructs ---

TEST(GroovyToJs, RejectsTwoParameterClosuresWithPosition) {
  Error error = TranslationError("def m = [a: 1]\nm.each { k, v ->\n  log.info(k)\n}\n");
  EXPECT_EQ(error.code, ErrorCode::kUnsupported);
  EXPECT_EQ(error.message,
            "line 2, column 8: closures with two parameters are not supported in Groovy dispatch "
            "scripts; rewrite the closure with a single parameter (map entries have .key and "
            ".value) or use a JS dispatcher");
}

TEST(GroovyToJs, RejectsConstructsOutsideTheSubset) {
  ExpectUnsupported("class Helper {}", "line 1, column 1: class definitions");
  ExpectUnsupported("def x = [a: 1]\nx.with { a = 2 }",
                    "line 2, column 3: 'with' and 'tap' blocks");
  ExpectUnsupported("def v = Eval.me('1 + 1')", "line 1, column 14: Eval calls");
  ExpectUnsupported("Class.forName('java.util.Date')", "line 1, column 7: Class.forName");
  ExpectUnsupported("def text = new File('orders.json').text",
                    "line 1, column 12: new File(...) expressions");
  ExpectUnsupported("'date'.execute()", "line 1, column 8: execute() calls");
  ExpectUnsupported("@Grab('x') import y", "line 1, column 1: annotations");
  ExpectUnsupported("trait Named {}", "line 1, column 1: traits");
  ExpectUnsupported("def <T> T pick(T a) { a }", "line 1, column 5: generic method definitions");
  ExpectUnsupported("def e = Collections.<String>emptyList()",
                    "line 1, column 21: explicit generic type arguments");

  ExpectUnsupported("String.metaClass.shout = { -> 1 }",
                    "line 1, column 8: the class and metaClass");
  ExpectUnsupported("def x = 1\nx.getClass()", "line 2, column 3: metaprogramming calls");
  ExpectUnsupported("context.expand('${#Project#x}')", "line 1, column 1: SoapUI's 'context'");

  ExpectUnsupported("def c = { it }\nc(1)", "line 1, column 9: closures outside the last argument");
  ExpectUnsupported("def xs = [1]\nxs.sort { it }", "line 2, column 9: closures passed to sort()");
  ExpectUnsupported("def xs = [1]\nxs.max()", "line 2, column 4: calls to max()");
  ExpectUnsupported("UUID.randomUUID()",
                    "line 1, column 6: static calls such as UUID.randomUUID()");
  ExpectUnsupported("def d = new Date()", "line 1, column 9: new Date() expressions");
  ExpectUnsupported("sleep(100)", "line 1, column 1: sleep() calls");
  ExpectUnsupported("evaluate('1')", "line 1, column 1: evaluate() calls");
  ExpectUnsupported("helper(1)", "line 1, column 1: calls to functions such as helper()");

  ExpectUnsupported("def a = 'x'\na === 'x'", "line 2, column 3: identity comparisons");
  ExpectUnsupported("def a = 1 <=> 2", "line 1, column 11: <=> comparisons");
  ExpectUnsupported("def n = 9007199254740993",
                    "line 1, column 9: integer literals above 2^53 - 1");
  ExpectUnsupported("def s = 'x'\ns.matches('a*+')", "line 2, column 11: possessive quantifiers");
  ExpectUnsupported("def p = 'a+'\n'aa' ==~ p",
                    "line 2, column 10: regular expressions built at run time");
  ExpectUnsupported("def s = 'x'\ndef m = s =~ /x/\nm[0]",
                    "line 3, column 2: subscripts on booleans and on the matcher of =~");
  ExpectUnsupported("def s = 'abc'\ns[0..1]", "line 2, column 2: subscripts with ranges");

  ExpectUnsupported("def x = 1\nswitch (x) { case [1, 2]: return 1 }",
                    "line 2, column 14: switch cases other than string and number literals");
  ExpectUnsupported("def x = 1\nswitch (x) { case 1: return 1\n case 'a': return 2 }",
                    "line 2, column 1: switch statements that mix string and number cases");
  ExpectUnsupported("char c = 'a'", "line 1, column 1: char variables");
  ExpectUnsupported("Set s = []", "line 1, column 1: variables of type Set");
  ExpectUnsupported("def x = 'a' as List", "line 1, column 13: 'as' conversions to List");

  ExpectUnsupported("mockRequest.getMockOperation()",
                    "line 1, column 13: calls to mockRequest.getMockOperation()");
  ExpectUnsupported("mockRequest.getRequest().getSession()",
                    "line 1, column 26: calls to getSession() on the request");
  ExpectUnsupported("log.fatal('x')", "line 1, column 5: calls to log.fatal()");
  ExpectUnsupported("def s = 'a'\ns.join()", "line 2, column 3: join() without a separator");
  ExpectUnsupported("def s = 'a'\ns.substring()",
                    "line 2, column 3: calls to substring() with 0 arguments");
  ExpectUnsupported("mockRequest = null", "line 1, column 1: assignments to mockRequest");
}

TEST(GroovyToJs, RejectsReceiverOnlyObjectsAsValues) {
  ExpectUnsupported(
      "def h = new com.eviware.soapui.support.XmlHolder(mockRequest.requestContent)\n"
      "return h",
      "line 2, column 8: XmlHolder objects used as plain values");
  ExpectUnsupported("log.info(mockRequest)",
                    "line 1, column 10: mockRequest objects used as plain values");
  ExpectUnsupported(
      "def r = mockRequest.getRequest()\n[r]",
      "line 2, column 2: request objects of mockRequest.getRequest() used as plain values");
  ExpectUnsupported("def x = new groovy.json.JsonSlurper()\nx = 'text'\nx.parseText('{}')",
                    "line 3, column 1: variables that hold a request, log, store, JsonSlurper or "
                    "XmlHolder object in one place and another value elsewhere");
  ExpectUnsupported(
      "def h = new com.eviware.soapui.support.XmlHolder('<a/>')\nh.getNodeValues('//a')",
      "line 2, column 3: getNodeValues() calls");
}

TEST(GroovyToJs, ReportsInvalidScripts) {
  ExpectInvalid("return undefinedVariable",
                "line 1, column 8: the variable 'undefinedVariable' is never");
  ExpectInvalid("def a = 1\ndef a = 2", "line 2, column 5: the variable 'a' is already declared");
  ExpectInvalid("x = 1\ndef x = 2", "line 2, column 5: the variable 'x' is assigned before");
  ExpectInvalid("break", "line 1, column 1: 'break' is only allowed");
  ExpectInvalid("def xs = [1]\nxs.each { continue }",
                "line 2, column 11: 'continue' is only allowed");
  ExpectInvalid("'a'.matches('(')",
                "line 1, column 13: invalid regular expression: an unclosed group");
  ExpectInvalid("'a'.replaceAll('a', '$')",
                "line 1, column 21: invalid regular expression replacement");
  ExpectInvalid("def s = 'x\n'", "line 1, column 9: invalid Groovy syntax: unterminated string");
}

TEST(GroovyToJs, ReportsLimits) {
  std::string nested(kMaxNestingDepth + 1, '[');
  nested += std::string(kMaxNestingDepth + 1, ']');
  EXPECT_EQ(TranslationError(nested).code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(TranslationError(std::string(kMaxSourceBytes + 1, '\n')).code,
            ErrorCode::kLimitExceeded);
}

}  // namespace
}  // namespace mimic::groovy
