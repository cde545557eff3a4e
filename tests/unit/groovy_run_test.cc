// Runs translated Groovy scripts under Node.js through tests/unit/groovy_js_harness.js,
// which defines stand-ins for Mimic's script globals, and checks what the scripts return,
// log and store in requestContext. The tests skip when `node` is not installed.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "groovy/groovy_to_js.h"
#include "support/test_paths.h"

namespace mimic::groovy {
namespace {

using nlohmann::json;

const std::string kHarness = mimic::testing::SourceDir() + "/tests/unit/groovy_js_harness.js";
const std::string kCorpus =
    mimic::testing::SourceDir() + "/../shared/corpus/public/microcks-microcks";

bool NodeAvailable() {
  static const bool available = std::system("node --version > /dev/null 2>&1") == 0;
  return available;
}

#define SKIP_WITHOUT_NODE()                                              \
  if (!NodeAvailable())                                                  \
  GTEST_SKIP() << "node is not installed, so the translated JavaScript " \
                  "is not run"

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// Runs JavaScript in the harness and returns its JSON line, or {"harness_failure": ...}.
json RunJavaScript(const std::string& javascript, const json& request) {
  static int run_count = 0;
  std::filesystem::path directory =
      std::filesystem::temp_directory_path() /
      ("groovy_run_" + std::to_string(getpid()) + "_" + std::to_string(++run_count));
  std::filesystem::create_directories(directory);
  WriteFile(directory / "script.js", javascript);
  WriteFile(directory / "request.json", request.dump());

  std::string command = "node '" + kHarness + "' '" +
                        (directory / "script.js").string() + "' '" +
                        (directory / "request.json").string() + "' 2>&1";
  std::string output;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    size_t read = 0;
    while ((read = fread(buffer, 1, sizeof(buffer), pipe)) > 0) output.append(buffer, read);
    pclose(pipe);
  }
  std::filesystem::remove_all(directory);

  json parsed = json::parse(output, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return json{{"harness_failure", output}};
  return parsed;
}

// Translates and runs a Groovy script; a failed translation shows up as
// {"translation_error": message}.
json TranslateAndRun(std::string_view groovy, const json& request = json::object()) {
  Result<Translation> translation = TranslateGroovy(groovy);
  if (!translation) return json{{"translation_error", translation.error().message}};
  return RunJavaScript(translation->javascript, request);
}

// The value the script returned.
json ReturnedValue(std::string_view groovy, const json& request = json::object()) {
  json output = TranslateAndRun(groovy, request);
  EXPECT_TRUE(output.contains("result")) << groovy << "\n" << output.dump(2);
  return output.contains("result") ? output["result"] : json();
}

std::string RunError(std::string_view groovy, const json& request = json::object()) {
  json output = TranslateAndRun(groovy, request);
  EXPECT_TRUE(output.contains("error")) << groovy << "\n" << output.dump(2);
  return output.value("error", "");
}

// --- scripts from Microcks' own test artifacts ---

std::string XmlUnescape(std::string text) {
  const std::pair<std::string, std::string> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [entity, character] : entities) {
    for (size_t at = text.find(entity); at != std::string::npos;
         at = text.find(entity, at + character.size())) {
      text.replace(at, entity.size(), character);
    }
  }
  return text;
}

// The dispatch script of the first SCRIPT operation in a SoapUI project.
std::string SoapUiDispatchScript(const std::string& project) {
  size_t style = project.find("<con:dispatchStyle>SCRIPT</con:dispatchStyle>");
  if (style == std::string::npos) return "";
  size_t start = project.find("<con:dispatchPath>", style);
  size_t end = project.find("</con:dispatchPath>", start);
  if (start == std::string::npos || end == std::string::npos) return "";
  start += std::string_view("<con:dispatchPath>").size();
  return XmlUnescape(project.substr(start, end - start));
}

// The `dispatcherRules: |-` block scalar that follows `dispatcher: SCRIPT` in YAML.
std::string YamlScriptRules(const std::string& yaml) {
  size_t dispatcher = yaml.find("dispatcher: SCRIPT");
  size_t key = yaml.find("dispatcherRules: |-", dispatcher);
  if (dispatcher == std::string::npos || key == std::string::npos) return "";
  size_t line_start = yaml.rfind('\n', key) + 1;
  size_t key_indent = key - line_start;
  std::istringstream lines(yaml.substr(yaml.find('\n', key) + 1));
  std::string line;
  std::string script;
  size_t indent = std::string::npos;
  while (std::getline(lines, line)) {
    size_t first = line.find_first_not_of(' ');
    if (first == std::string::npos) {
      script += "\n";
      continue;
    }
    if (first <= key_indent) break;
    if (indent == std::string::npos) indent = first;
    script += line.substr(std::min(indent, first)) + "\n";
  }
  return script;
}

std::string ReadCorpusFile(const std::string& relative_path) {
  std::filesystem::path path = std::string(kCorpus) + "/" + relative_path;
  return std::filesystem::exists(path) ? ReadFile(path) : "";
}

json SoapRequest(const std::string& name) {
  return json{{"body",
               "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
               "xmlns:hel=\"http://www.example.com/hello\"><soapenv:Header/><soapenv:Body>"
               "<hel:sayHello><name>" +
                   name + "</name></hel:sayHello></soapenv:Body></soapenv:Envelope>"}};
}

TEST(GroovyCorpus, HelloServiceXmlHolderScript) {
  std::string project = ReadCorpusFile(
      "webapp/src/test/resources/io/github/microcks/util/soapui/HelloService-soapui-project.xml");
  if (project.empty()) GTEST_SKIP() << "the Microcks HelloService SoapUI project is not available";
  std::string script = SoapUiDispatchScript(project);
  ASSERT_NE(script.find("XmlHolder"), std::string::npos) << script;

  Result<Translation> translation = TranslateGroovy(script);
  ASSERT_TRUE(translation) << translation.error().message;
  EXPECT_NE(translation->javascript.find(
                "let holder = { xml: mockRequest.getRequestContent(), namespaces: {} };"),
            std::string::npos)
      << translation->javascript;
  EXPECT_NE(translation->javascript.find("let name = __mimicXPath(holder.xml, \"//name\");"),
            std::string::npos);
  EXPECT_NE(translation->javascript.find("if (name === \"Andrew\") {"), std::string::npos);

  SKIP_WITHOUT_NODE();
  EXPECT_EQ(RunJavaScript(translation->javascript, SoapRequest("Andrew"))["result"],
            "Andrew Response");
  EXPECT_EQ(RunJavaScript(translation->javascript, SoapRequest("Karla"))["result"],
            "Karla Response");
  EXPECT_EQ(RunJavaScript(translation->javascript, SoapRequest("Laurent"))["result"],
            "World Response");
}

TEST(GroovyCorpus, HelloApiQueryStringScript) {
  std::string project = ReadCorpusFile("samples/HelloAPI-soapui-project.xml");
  if (project.empty()) GTEST_SKIP() << "the Microcks HelloAPI SoapUI project is not available";
  std::string script = SoapUiDispatchScript(project);
  ASSERT_NE(script.find("getQueryString"), std::string::npos) << script;

  Result<Translation> translation = TranslateGroovy(script);
  ASSERT_TRUE(translation) << translation.error().message;
  EXPECT_NE(translation->javascript.find(
                "let queryString = (mockRequest.getRequest().queryString || null);"),
            std::string::npos)
      << translation->javascript;
  EXPECT_NE(translation->javascript.find("log.info(\"QueryString: \" + queryString);"),
            std::string::npos);
  EXPECT_NE(translation->javascript.find("if (queryString.includes(\"David\")) {"),
            std::string::npos);

  SKIP_WITHOUT_NODE();
  json david = RunJavaScript(translation->javascript, {{"queryString", "name=David"}});
  EXPECT_EQ(david["result"], "David Response");
  EXPECT_EQ(david["logs"], json::array({"INFO: QueryString: name=David"}));
  EXPECT_EQ(RunJavaScript(translation->javascript, {{"queryString", "name=Gavin"}})["result"],
            "Gavin Response");
  EXPECT_EQ(RunJavaScript(translation->javascript, {{"queryString", "name=Ann"}})["result"],
            "Unknown Response");
  // As in Java, a request without a query string has a null one, and calling contains()
  // on it fails the script.
  EXPECT_NE(
      RunJavaScript(translation->javascript, json::object()).value("error", "").find("TypeError"),
      std::string::npos);
}

TEST(GroovyCorpus, CarsOpenApiScript) {
  std::string yaml = ReadCorpusFile(
      "webapp/src/test/resources/io/github/microcks/util/openapi/cars-openapi-extensions.yaml");
  if (yaml.empty()) GTEST_SKIP() << "the Microcks cars OpenAPI extensions file is not available";
  std::string script = YamlScriptRules(yaml);
  ASSERT_NE(script.find("JsonSlurper"), std::string::npos) << script;

  Result<Translation> translation = TranslateGroovy(script);
  ASSERT_TRUE(translation) << translation.error().message;
  for (std::string_view fragment :
       {"let path = mockRequest.getRequest().requestURI;",
        "if (!path.includes(\"/laurent/car\")) {",
        "let car = JSON.parse(mockRequest.getRequestContent());",
        "if ((__g_prop(car, \"name\") ?? null) === null) {", "return \"laurent_307\";"}) {
    EXPECT_NE(translation->javascript.find(fragment), std::string::npos) << fragment << "\n"
                                                                         << translation->javascript;
  }

  SKIP_WITHOUT_NODE();
  json laurent = {{"requestURI", "/rest/OpenAPI Car API/1.0.0/owner/laurent/car"},
                  {"body", R"({"name": "307", "model": "Peugeot 307", "year": 2003})"}};
  EXPECT_EQ(RunJavaScript(translation->javascript, laurent)["result"], "laurent_307");
  json nameless = laurent;
  nameless["body"] = R"({"model": "Peugeot 307"})";
  EXPECT_EQ(RunJavaScript(translation->javascript, nameless)["result"], "Not Accepted");
  json other_owner = laurent;
  other_owner["requestURI"] = "/rest/OpenAPI Car API/1.0.0/owner/jean/car";
  EXPECT_EQ(RunJavaScript(translation->javascript, other_owner)["result"], "Not Accepted");
}

// --- semantics of the supported subset ---

TEST(GroovyRun, GroovyTruth) {
  SKIP_WITHOUT_NODE();
  EXPECT_EQ(ReturnedValue(
                "def r = []\nfor (v in [null, 0, 1, '', 'a', [], [0], [:], [a: 1], false, true])"
                " { r.add(v ? 'T' : 'F') }\nr.join('')"),
            "FFTFTFTFTFT");
  EXPECT_EQ(ReturnedValue("def empty = [:]\nif (!empty) 'empty map is false' else 'wrong'"),
            "empty map is false");
  EXPECT_EQ(ReturnedValue("def a = 'x' && []\ndef b = '' || [1]\n[a, b]"),
            json::array({false, true}));
}

TEST(GroovyRun, EqualityFollowsEquals) {
  SKIP_WITHOUT_NODE();
  EXPECT_EQ(
      ReturnedValue("def data = new groovy.json.JsonSlurper().parseText('{\"n\": 1, \"s\": \"1\", "
                    "\"l\": [1, 2], \"m\": {\"a\": 1}}')\n"
                    "[data.n == 1, data.s == 1, data.n == data.s, data.l == [1, 2], "
                    "data.m == [a: 1], data.missing == null, data.n == 1.0, null == null, "
                    "data.l != [2, 1]]"),
      json::array({true, false, false, true, true, true, true, true, true}));
}

TEST(GroovyRun, StringMethods) {
  SKIP_WITHOUT_NODE();
  EXPECT_EQ(
      ReturnedValue("def s = '  Hello World  '.trim()\n"
                    "[s.contains('World'), s.startsWith('He'), s.endsWith('x'), s.toUpperCase(), "
                    "s.toLowerCase(), s.size(), s.length(), s.substring(6), s.substring(0, 5), "
                    "s.indexOf('o'), s.replace('l', 'L'), s.equals('Hello World'), "
                    "s.equalsIgnoreCase('hello world'), s.isEmpty(), ''.isEmpty(), "
                    "'12'.toInteger() + 1, 5.toString() + '!', 'a-b'.matches('[a-z]-[a-z]'), "
                    "'ab'.matches('a')]"),
      json::array({true, true, false, "HELLO WORLD", "hello world", 11, 11, "World", "Hello", 4,
                   "HeLLo WorLd", true, true, false, true, 13, "5!", true, false}));
}

TEST(GroovyRun, RegularExpressions) {
  SKIP_WITHOUT_NODE();
  EXPECT_EQ(
      ReturnedValue("def s = 'order-42 and order-7'\n"
                    "[s.replaceAll(/order-(\\d+)/, 'o$1'), s.replaceFirst('\\\\d+', 'N'), "
                    "s =~ /\\d+/, s ==~ /\\d+/, '42' ==~ /\\d+/, 'a b\\tc'.split('\\\\s'), "
                    "'a,b,,c,,'.split(','), ''.split(','), 'x y  z'.split(), 'abc\\n' =~ /abc$/, "
                    "'ABC' ==~ /(?i)abc/, s.replaceAll('-', '\\\\$')]"),
      json::array({"o42 and o7", "order-N and order-7", true, false, true,
                   json::array({"a", "b", "c"}), json::array({"a", "b", "", "c"}),
                   json::array({""}), json::array({"x", "y", "z"}), true, true,
                   "order$42 and order$7"}));
  EXPECT_EQ(ReturnedValue("def id = null\nid ==~ /\\d+/"), false);
  EXPECT_NE(RunError("def id = null\nid =~ /\\d+/").find("TypeError"), std::string::npos);
}

TEST(GroovyRun, ListsAndMaps) {
  SKIP_WITHOUT_NODE();
  EXPECT_EQ(
      ReturnedValue("def xs = [3, 1, 2]\n"
                    "[xs.size(), xs.isEmpty(), xs.contains(2), xs.contains('2'), xs[0], xs[-1], "
                    "xs[5], xs.first(), xs.last(), xs.get(1), xs.join('|'), xs.indexOf(2), "
                    "xs + [4], xs - 1, xs.collect { it * 10 }, xs.findAll { it > 1 }, "
                    "xs.find { it > 5 }, xs.any { it == 2 }, xs.every { it > 0 }, 2 in xs]"),
      json::array({3,
                   false,
                   true,
                   false,
                   3,
                   2,
                   nullptr,
                   3,
                   2,
                   1,
                   "3|1|2",
                   2,
                   json::array({3, 1, 2, 4}),
                   json::array({3, 2}),
                   json::array({30, 10, 20}),
                   json::array({3, 2}),
                   nullptr,
                   true,
                   true,
                   true}));
  EXPECT_EQ(ReturnedValue("def m = [a: 1, 'b': 2]\nm.c = 3\nm['d'] = 4\ndef old = m.put('a', 10)\n"
                          "def total = 0\nm.each { total += it.value }\n"
                          "[m.size(), m.a, m['b'], m.get('c'), m.missing, m.containsKey('d'), "
                          "m.containsKey('z'), m.keySet(), m.values(), old, total, "
                          "m.find { it.value == 3 }.key, m.findAll { it.value > 3 }, "
                          "m.collect { e -> e.key }, [:].isEmpty()]"),
            json::array({4, 10, 2, 3, nullptr, true, false, json::array({"a", "b", "c", "d"}),
                         json::array({10, 2, 3, 4}), 1, 19, "c", json{{"a", 10}, {"d", 4}},
                         json::array({"a", "b", "c", "d"}), true}));
}

TEST(GroovyRun, GStringsUseGroovyToString) {
  SKIP_WITHOUT_NODE();
  EXPECT_EQ(ReturnedValue("def xs = ['a', 'b']\ndef m = [k: [1, 2]]\ndef n = null\n"
                          "\"list=$xs map=${m} empty=${[:]} null=$n sum=${1 + 2}\""),
            "list=[a, b] map=[k:[1, 2]] empty=[:] null=null sum=3");
  EXPECT_EQ(ReturnedValue("'size: ' + [1, 2] + ' ' + null"), "size: [1, 2] null");
}

TEST(GroovyRun, SwitchStatements) {
  SKIP_WITHOUT_NODE();
  std::string script =
      "def v = mockRequest.getURIParameter('v')\ndef out = []\nswitch (v) {\n"
      "  case 'a': out.add('A')\n  case 'b': out.add('B'); break\n  case 'c': return 'C'\n"
      "  default: out.add('D')\n}\nout.join()";
  // join() needs a separator; Groovy scripts write join('').
  script.replace(script.find("join()"), 6, "join('')");
  EXPECT_EQ(ReturnedValue(script, {{"uriParameters", {{"v", "a"}}}}), "AB");
  EXPECT_EQ(ReturnedValue(script, {{"uriParameters", {{"v", "b"}}}}), "B");
  EXPECT_EQ(ReturnedValue(script, {{"uriParameters", {{"v", "c"}}}}), "C");
  EXPECT_EQ(ReturnedValue(script, {{"uriParameters", {{"v", "z"}}}}), "D");
  // String cases match the switch value's toString(), so a number matches "1".
  EXPECT_EQ(ReturnedValue("switch (1) { case '1': 'one'; break; default: 'other' }"), "one");
  EXPECT_EQ(ReturnedValue("def n = 2\nswitch (n) { case 1: 'one'; break\n case 2: 'two'; break }"),
            "two");
}

TEST(GroovyRun, Loops) {
  SKIP_WITHOUT_NODE();
  EXPECT_EQ(
      ReturnedValue("def r = []\nfor (i in 0..<3) r.add(i)\nfor (i in 3..1) r.add(i)\n"
                    "for (int i = 0; i < 10; i++) { if (i == 1) continue; if (i > 2) break; "
                    "r.add(i * 100) }\ndef w = 0\nwhile (true) { if (++w > 2) break }\n"
                    "do { w += 10 } while (w < 30)\nfor (c in 'ab') r.add(c)\n"
                    "for (e in [x: 1]) r.add(e.key)\nfor (n in null) r.add('never')\nr.add(w)\nr"),
      json::array({0, 1, 2, 3, 2, 1, 0, 200, "a", "b", "x", 33}));
}

TEST(GroovyRun, ImplicitReturns) {
  SKIP_WITHOUT_NODE();
  EXPECT_EQ(ReturnedValue("def x = 5\nif (x > 3) { 'big' } else { 'small' }"), "big");
  EXPECT_EQ(ReturnedValue("def x = 1\nif (x > 3) { 'big' }"), nullptr);
  EXPECT_EQ(ReturnedValue("def answer = 'forty-two'"), "forty-two");
  EXPECT_EQ(ReturnedValue("try { 'tried' } catch (e) { 'caught' }"), "tried");
  EXPECT_EQ(ReturnedValue("[1, 2].collect { x ->\n  def y = x + 1\n  y * 2\n}"),
            json::array({4, 6}));
}

TEST(GroovyRun, TernaryElvisAndSafeNavigation) {
  SKIP_WITHOUT_NODE();
  EXPECT_EQ(
      ReturnedValue("def data = new groovy.json.JsonSlurper().parseText('{\"a\": {\"b\": \"x\"}, "
                    "\"e\": \"\"}')\n"
                    "[data.a?.b, data.z?.b, data.z?.b?.size(), data.a.b?.toUpperCase(), "
                    "data.e ?: 'empty', data.a.b ?: 'none', data.z ? 1 : 2, [] ?: 'no list']"),
      json::array({"x", nullptr, nullptr, "X", "empty", "x", 2, "no list"}));
  EXPECT_NE(RunError("def data = [:]\ndata.z.b").find("TypeError"), std::string::npos);
}

TEST(GroovyRun, TypedDeclarationsCoerce) {
  SKIP_WITHOUT_NODE();
  EXPECT_EQ(
      ReturnedValue("String s = 5\nint n = 7 / 2\ndouble d = 1\nboolean b = 'x'\nInteger none\n"
                    "long t = '12'.toLong()\n[s == '5', n, d, b, none, t]"),
      json::array({true, 3, 1, true, nullptr, 12}));
  EXPECT_NE(RunError("int n = 'seven'").find("Cannot cast"), std::string::npos);
}

TEST(GroovyRun, NumberParsing) {
  SKIP_WITHOUT_NODE();
  EXPECT_EQ(ReturnedValue("[' 12 '.toInteger(), Integer.parseInt('-3'), '1.5'.toDouble(), "
                          "'12'.isInteger(), '1e3'.isNumber(), 'x'.isNumber(), '7' as Integer, "
                          "Math.max(2, 5), 2 ** 10, 7 % 3, 0x10 + 010]"),
            json::array({12, -3, 1.5, true, true, false, 7, 5, 1024, 1, 24}));
  EXPECT_NE(RunError("'12a'.toInteger()").find("NumberFormatException"), std::string::npos);
  EXPECT_NE(RunError("Integer.parseInt(' 1')").find("NumberFormatException"), std::string::npos);
}

TEST(GroovyRun, MockRequestIdioms) {
  SKIP_WITHOUT_NODE();
  json request = {{"method", "POST"},
                  {"requestURI", "/api/orders/42"},
                  {"queryString", "page=2&page=3"},
                  {"headers", {{"X-Test-Case", {"7"}}, {"Accept", {"a/b", "c/d"}}}},
                  {"parameters", {{"page", {"2", "3"}}}},
                  {"uriParameters", {{"id", "42"}}},
                  {"body", "{\"id\": 42}"}};
  EXPECT_EQ(ReturnedValue(
                "def headers = mockRequest.getRequestHeaders()\ndef r = mockRequest.getRequest()\n"
                "[mockRequest.requestContent, r.requestURI, r.getMethod(), r.getQueryString(), "
                "r.getParameter('page'), r.getParameter('none'), r.getParameterValues('page'), "
                "headers.get('x-test-case'), headers.get('x-test-case', 'none'), "
                "headers.get('missing', 'none'), headers.hasValues('accept'), "
                "headers.containsKey('ACCEPT'), r.getHeader('accept'), "
                "mockRequest.getURIParameter('id'), mockRequest.getURIParameters().id, "
                "headers.get('nothing')]",
                request),
            json::array({"{\"id\": 42}", "/api/orders/42", "POST", "page=2&page=3", "2", nullptr,
                         json::array({"2", "3"}), json::array({"7"}), "7", "none", true, true,
                         "a/b", "42", "42", nullptr}));
}

TEST(GroovyRun, RequestContextStoreAndLog) {
  SKIP_WITHOUT_NODE();
  json output = TranslateAndRun(
      "requestContext.customer = 'Ann'\nrequestContext.put('count', 2)\n"
      "requestContext['list'] = [1, 2]\nrequestContext.count += 1\n"
      "def missing = requestContext.get('missing')\nstore.put('k', 'v')\n"
      "log.info('customer {} has {}', requestContext.customer, requestContext.list)\n"
      "log.debug \"count=${requestContext.count}\"\nlog.warn([a: 1])\nprintln 'printed'\n"
      "log.error(store.get('k') + missing)\n'done'");
  ASSERT_TRUE(output.contains("result")) << output.dump(2);
  EXPECT_EQ(output["result"], "done");
  EXPECT_EQ(output["context"], (json{{"customer", "Ann"}, {"count", 3}, {"list", {1, 2}}}));
  EXPECT_EQ(output["logs"], json::array({"INFO: customer Ann has [1, 2]", "DEBUG: count=3",
                                         "WARN: [a:1]", "INFO: printed", "ERROR: vnull"}));
}

TEST(GroovyRun, JsonSlurperAndJsonOutput) {
  SKIP_WITHOUT_NODE();
  json request = {{"body", R"({"customer": {"name": "Ann", "tags": ["vip"]}, "total": 12.5})"}};
  EXPECT_EQ(
      ReturnedValue("import groovy.json.*\ndef slurper = new JsonSlurper()\n"
                    "def order = slurper.parseText(mockRequest.getRequestContent())\n"
                    "def copy = new groovy.json.JsonSlurper().parseText(JsonOutput.toJson(order))\n"
                    "[order.customer.name, order.customer.tags[0], order.total > 10, "
                    "copy == order, JsonOutput.toJson([a: [1, 'x']])]",
                    request),
      json::array({"Ann", "vip", true, true, "{\"a\":[1,\"x\"]}"}));
}

TEST(GroovyRun, XmlHolderWithNamespaces) {
  SKIP_WITHOUT_NODE();
  json request = {{"body",
                   "<s:Envelope xmlns:s=\"urn:s\" xmlns:h=\"urn:h\"><s:Body><h:greet>"
                   "<h:name>Zoe</h:name><title>Dr</title></h:greet></s:Body></s:Envelope>"}};
  EXPECT_EQ(
      ReturnedValue(
          "def holder = new com.eviware.soapui.support.XmlHolder(mockRequest.requestContent)\n"
          "holder.namespaces['h'] = 'urn:h'\n"
          "[holder['//h:name'], holder.getNodeValue('//*:name'), holder['//title'], "
          "holder['//missing']]",
          request),
      json::array({"Zoe", "Zoe", "Dr", ""}));
  // The harness rejects undeclared prefixes, as an XPath engine does.
  EXPECT_NE(
      RunError("def holder = new com.eviware.soapui.support.XmlHolder(mockRequest.requestContent)\n"
               "holder['//h:name']",
               request)
          .find("not declared"),
      std::string::npos);
}

TEST(GroovyRun, ExceptionsAndAssertions) {
  SKIP_WITHOUT_NODE();
  EXPECT_EQ(
      ReturnedValue("try {\n  def m = null\n  m.size()\n} catch (Exception e) {\n  'caught'\n}"),
      "caught");
  EXPECT_EQ(ReturnedValue("try { throw new RuntimeException('boom') } catch (e) { e.message }"),
            "boom");
  EXPECT_EQ(ReturnedValue("def r = []\ntry { r.add(1) } finally { r.add(2) }\nr"),
            json::array({1, 2}));
  EXPECT_NE(RunError("assert 1 > 2 : 'math'").find("Assertion failed: math"), std::string::npos);
  EXPECT_NE(RunError("throw new IllegalArgumentException('bad input')").find("bad input"),
            std::string::npos);
}

TEST(GroovyRun, ReservedNamesAndBindings) {
  SKIP_WITHOUT_NODE();
  EXPECT_EQ(
      ReturnedValue("def function = 1\ndef typeof = function + 1\nresult = typeof * 2\nresult"), 4);
  EXPECT_EQ(ReturnedValue("def JSON = 'shadowed'\n[JSON, groovy.json.JsonOutput.toJson(1)]"),
            json::array({"shadowed", "1"}));
}

TEST(GroovyRun, ClosuresReturnFromThemselves) {
  SKIP_WITHOUT_NODE();
  EXPECT_EQ(
      ReturnedValue("def seen = []\n[1, 2, 3].each { if (it == 2) return; seen.add(it) }\nseen"),
      json::array({1, 3}));
  EXPECT_EQ(ReturnedValue("[[1, 2], [3]].collect { inner -> inner.collect { it * 2 } }"),
            json::array({json::array({2, 4}), json::array({6})}));
}

}  // namespace
}  // namespace mimic::groovy
