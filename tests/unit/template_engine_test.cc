#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "template/template_engine.h"
#include "template/template_limits.h"

namespace mimic::tmpl {
namespace {

using namespace std::chrono_literals;

class TemplateEngineTest : public ::testing::Test {
 protected:
  TemplateEngineTest() {
    request_.path = {"", "hello", "microcks"};
    request_.params = {{"locale", "US"}, {"dog.name", "Rex"}, {"locale", "FR"}, {"empty", ""}};
    request_.headers = {{"Trace", "azertyuiop"}, {"X-Request-Id", "42"}};
    options_.now = std::chrono::sys_days{std::chrono::year{2020} / 2 / 10} + 13h + 5min + 9s + 7ms;
  }

  std::string RenderWith(std::string_view text) {
    return RenderText(text, request_, context_, options_);
  }

  EvaluableRequest request_;
  TemplateContext context_;
  RenderOptions options_;
};

const char kLibraryJson[] = R"({
  "library": "My Personal Library",
  "books": [
    {"title": "Title 1", "author": "Jane Doe", "pages": 120},
    {"title": "Title 2", "author": "John Doe", "tags": ["a", "b"], "price": null}
  ],
  "a/b": "slash", "m~n": "tilde"
})";

const char kGreetingXml[] =
    "<request><name firstname=\"Laurent\">Broudoux</name><items><item>one</item>"
    "<item>two</item></items></request>";

TEST_F(TemplateEngineTest, LiteralTextUnchanged) {
  EXPECT_EQ(RenderWith("{\"a\": 1}"), "{\"a\": 1}");
}

TEST_F(TemplateEngineTest, RawBody) {
  request_.body = "rocks";
  EXPECT_EQ(RenderWith("{{ request.body }}"), "rocks");
}

TEST_F(TemplateEngineTest, PathSegment) {
  EXPECT_EQ(RenderWith("{{ request.path[1] }}/{{request.path[2]}}"), "hello/microcks");
}

TEST_F(TemplateEngineTest, PathSegmentOutOfRangeIsEmpty) {
  EXPECT_EQ(RenderWith("[{{ request.path[9] }}]"), "[]");
}

TEST_F(TemplateEngineTest, WholePath) {
  EXPECT_EQ(RenderWith("{{ request.path }}"), "/hello/microcks");
}

TEST_F(TemplateEngineTest, QueryParam) {
  EXPECT_EQ(RenderWith("{{ request.params[locale] }}"), "US");
}

TEST_F(TemplateEngineTest, QueryParamWithDotInBrackets) {
  EXPECT_EQ(RenderWith("{{ request.params[dog.name] }}"), "Rex");
}

TEST_F(TemplateEngineTest, QueryParamDotNotation) {
  EXPECT_EQ(RenderWith("{{ request.params.locale }}"), "US");
}

TEST_F(TemplateEngineTest, MissingQueryParamIsEmpty) {
  EXPECT_EQ(RenderWith("[{{ request.params[nope] }}]"), "[]");
}

TEST_F(TemplateEngineTest, AllQueryParamsAsJson) {
  EXPECT_EQ(RenderWith("{{ request.params }}"), R"({"locale":"US","dog.name":"Rex","empty":""})");
}

TEST_F(TemplateEngineTest, HeaderIgnoresCase) {
  EXPECT_EQ(RenderWith("{{ request.headers[trace] }}"), "azertyuiop");
  EXPECT_EQ(RenderWith("{{ request.headers[x-request-id] }}"), "42");
}

TEST_F(TemplateEngineTest, MissingHeaderIsEmpty) {
  EXPECT_EQ(RenderWith("[{{ request.headers[accept] }}]"), "[]");
}

TEST_F(TemplateEngineTest, JsonPointerString) {
  request_.body = kLibraryJson;
  EXPECT_EQ(RenderWith("{{ request.body/library }}"), "My Personal Library");
  EXPECT_EQ(RenderWith("{{ request.body/books/1/author }}"), "John Doe");
}

TEST_F(TemplateEngineTest, JsonPointerNumberAndNull) {
  request_.body = kLibraryJson;
  EXPECT_EQ(RenderWith("{{ request.body/books/0/pages }}"), "120");
  EXPECT_EQ(RenderWith("{{ request.body/books/1/price }}"), "null");
}

TEST_F(TemplateEngineTest, JsonPointerObjectIsCompactJson) {
  request_.body = kLibraryJson;
  EXPECT_EQ(RenderWith("{{ request.body/books/1/tags }}"), R"(["a","b"])");
  EXPECT_EQ(RenderWith("{{ request.body/books/0 }}"),
            R"({"title":"Title 1","author":"Jane Doe","pages":120})");
}

TEST_F(TemplateEngineTest, JsonPointerEscapes) {
  request_.body = kLibraryJson;
  EXPECT_EQ(RenderWith("{{ request.body/a~1b }}|{{ request.body/m~0n }}"), "slash|tilde");
}

TEST_F(TemplateEngineTest, JsonPointerMissingIsEmpty) {
  request_.body = kLibraryJson;
  EXPECT_EQ(RenderWith("[{{ request.body/books/7/title }}]"), "[]");
  EXPECT_EQ(RenderWith("[{{ request.body/nothing }}]"), "[]");
}

TEST_F(TemplateEngineTest, JsonPointerOnArrayBody) {
  request_.body = R"([{"id": 1}, {"id": 2}])";
  EXPECT_EQ(RenderWith("{{ request.body/1/id }}"), "2");
}

TEST_F(TemplateEngineTest, JsonPointerInvalidEscape) {
  request_.body = kLibraryJson;
  EXPECT_EQ(RenderWith("{{ request.body/a~2 }}"),
            "[template error: invalid JSON Pointer '/a~2': '~' must be followed by 0 or 1]");
}

TEST_F(TemplateEngineTest, InvalidJsonBodyRendersMarker) {
  request_.body = "{\"name\": ";
  std::string rendered = RenderWith("{{ request.body/name }}");
  EXPECT_EQ(rendered.rfind("[template error: request body is not valid JSON", 0), 0u) << rendered;
}

TEST_F(TemplateEngineTest, BodyPathOnPlainTextIsEmpty) {
  request_.body = "just text";
  EXPECT_EQ(RenderWith("[{{ request.body/name }}]"), "[]");
}

TEST_F(TemplateEngineTest, OversizedBodyIsNotParsed) {
  std::string body = "{\"a\":\"" + std::string(kMaxParsedBodyBytes, 'x') + "\"}";
  request_.body = body;
  std::string rendered = RenderWith("{{ request.body/a }}");
  EXPECT_NE(rendered.find("larger than"), std::string::npos) << rendered.substr(0, 200);
}

TEST_F(TemplateEngineTest, XPathElementText) {
  request_.body = kGreetingXml;
  EXPECT_EQ(RenderWith("{{ request.body//*[local-name()='name'] }}"), "Broudoux");
}

TEST_F(TemplateEngineTest, XPathAttribute) {
  request_.body = kGreetingXml;
  EXPECT_EQ(RenderWith("{{ request.body/request/name/@firstname }}"), "Laurent");
}

TEST_F(TemplateEngineTest, XPathPredicateWithComparison) {
  request_.body = kGreetingXml;
  EXPECT_EQ(RenderWith("{{ request.body/request/items/item[position() > 1] }}"), "two");
}

TEST_F(TemplateEngineTest, XPathNoMatchIsEmpty) {
  request_.body = kGreetingXml;
  EXPECT_EQ(RenderWith("[{{ request.body/request/missing }}]"), "[]");
}

TEST_F(TemplateEngineTest, XPathSyntaxErrorRendersMarker) {
  request_.body = kGreetingXml;
  EXPECT_EQ(RenderWith("{{ request.body/request/[ }}"),
            "[template error: invalid XPath expression '/request/[']");
}

TEST_F(TemplateEngineTest, RepeatedExpensiveXPathStops) {
  std::string body = "<r>";
  for (int i = 0; i < 2000; ++i) body += "<a><b/><b/></a>";
  body += "</r>";
  request_.body = body;
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "{{ request.body//*[count(//*[count(//*) > 0]) > 0] }}\n";
  auto start = std::chrono::steady_clock::now();
  std::string rendered = RenderWith(text);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_NE(rendered.find("used up their budget"), std::string::npos);
  // Without a render-wide budget, 1000 capped evaluations take minutes.
  EXPECT_LT(elapsed, std::chrono::seconds(20));
}

TEST_F(TemplateEngineTest, StringLiteral) { EXPECT_EQ(RenderWith("{{ 'hello' }}"), "hello"); }

TEST_F(TemplateEngineTest, ContextVariableFromPut) {
  EXPECT_EQ(RenderWith("{{ put(greeting, 'hi there') }}[{{ greeting }}]"), "[hi there]");
  ASSERT_NE(context_.Get("greeting"), nullptr);
  EXPECT_EQ(*context_.Get("greeting"), "hi there");
}

TEST_F(TemplateEngineTest, MissingContextVariableIsEmpty) {
  EXPECT_EQ(RenderWith("[{{ unknownVariable }}]"), "[]");
}

TEST_F(TemplateEngineTest, DottedContextVariableWholeName) {
  context_.Set("customer.name", "Alice");
  EXPECT_EQ(RenderWith("{{ customer.name }}"), "Alice");
}

TEST_F(TemplateEngineTest, DottedContextVariableInJson) {
  context_.Set("customer", R"({"name": "Bob", "orders": [{"id": 7}]})");
  EXPECT_EQ(RenderWith("{{ customer.name }}/{{ customer.orders[0].id }}"), "Bob/7");
  EXPECT_EQ(RenderWith("[{{ customer.age }}]"), "[]");
}

TEST_F(TemplateEngineTest, DottedContextVariableSeesPut) {
  context_.Set("customer", R"({"name": "Bob"})");
  EXPECT_EQ(
      RenderWith(
          "{{ customer.name }},{{ put(customer, '{\"name\": \"Eve\"}') }}{{ customer.name }}"),
      "Bob,Eve");
}

TEST_F(TemplateEngineTest, FallbackSkipsMissingValues) {
  EXPECT_EQ(RenderWith("{{ request.params[nope] || request.params[locale] }}"), "US");
}

TEST_F(TemplateEngineTest, FallbackSkipsEmptyAndNull) {
  request_.body = kLibraryJson;
  EXPECT_EQ(RenderWith("{{ request.params[empty] || request.body/books/1/price || 'none' }}"),
            "none");
}

TEST_F(TemplateEngineTest, FallbackKeepsFirstPresent) {
  EXPECT_EQ(RenderWith("{{ 'first' || 'second' }}"), "first");
}

TEST_F(TemplateEngineTest, FallbackSkipsErrors) {
  EXPECT_EQ(RenderWith("{{ randomInt(x) || 'default' }}"), "default");
}

TEST_F(TemplateEngineTest, RedirectStoresValue) {
  std::string rendered = RenderWith("{{ guid() > put(myId) }}|{{ myId }}");
  size_t bar = rendered.find('|');
  ASSERT_NE(bar, std::string::npos);
  EXPECT_EQ(bar, 36u);
  EXPECT_EQ(rendered.substr(0, bar), rendered.substr(bar + 1));
}

TEST_F(TemplateEngineTest, RedirectToSeveralFunctions) {
  EXPECT_EQ(RenderWith("{{ request.params[locale] > put(a) > put(b) }}{{a}}{{b}}"), "USUSUS");
}

TEST_F(TemplateEngineTest, RedirectFromFallback) {
  EXPECT_EQ(RenderWith("{{ request.params[nope] || 'dflt' > put(v) }}-{{ v }}"), "dflt-dflt");
}

TEST_F(TemplateEngineTest, RedirectIgnoresNonFunctionStage) {
  EXPECT_EQ(RenderWith("{{ 'a' > someVariable }}"), "a");
}

TEST_F(TemplateEngineTest, RedirectReportsFunctionError) {
  EXPECT_EQ(RenderWith("{{ 'a' > put() }}").rfind("[template error: put needs", 0), 0u);
}

TEST_F(TemplateEngineTest, PostmanDollarVariable) {
  std::string rendered = RenderWith("{{$randomInt}}");
  EXPECT_TRUE(std::regex_match(rendered, std::regex("-?[0-9]+"))) << rendered;
}

TEST_F(TemplateEngineTest, UnknownFunctionIsEmpty) {
  EXPECT_EQ(RenderWith("[{{ notAFunction(1, 2) }}]"), "[]");
  EXPECT_EQ(RenderWith("[{{ $notAVariable }}]"), "[]");
}

TEST_F(TemplateEngineTest, TripleBraces) {
  std::string rendered = RenderWith("{{{uuid()}}}");
  EXPECT_TRUE(std::regex_match(rendered, std::regex("\\{[0-9a-f-]{36}\\}"))) << rendered;
}

TEST_F(TemplateEngineTest, JsonObjectAroundExpression) {
  request_.body = R"({"name":"World"})";
  EXPECT_EQ(RenderWith(R"({"echo":{{request.body}}})"), R"({"echo":{"name":"World"}})");
}

TEST_F(TemplateEngineTest, NowUsesRenderTime) {
  EXPECT_EQ(RenderWith("{{ now(dd/MM/yyyy HH:mm:ss) }}"), "10/02/2020 13:05:09");
  EXPECT_EQ(RenderWith("{{ now() }}"), "1581339909007");
}

TEST_F(TemplateEngineTest, NowWithDelta) {
  EXPECT_EQ(RenderWith("{{ now(yyyy-MM-dd, -1d) }}"), "2020-02-09");
  EXPECT_EQ(RenderWith("{{ now(yyyy-MM-dd, 1M) }}"), "2020-03-10");
}

TEST_F(TemplateEngineTest, NowPatternWithComma) {
  EXPECT_EQ(RenderWith("{{ now(EEE, d MMM yyyy HH:mm:ss z) }}"), "Mon, 10 Feb 2020 13:05:09 UTC");
  EXPECT_EQ(RenderWith("{{ now(EEE, d MMM yyyy, 2y) }}"), "Thu, 10 Feb 2022");
}

TEST_F(TemplateEngineTest, BadPatternRendersMarkerInPlace) {
  EXPECT_EQ(RenderWith("a {{ now(yyyy qq) }} b"),
            "a [template error: invalid date pattern 'yyyy qq': unsupported letter 'qq'] b");
}

TEST_F(TemplateEngineTest, EmptyExpressionMarker) {
  EXPECT_EQ(RenderWith("x{{}}y"), "x[template error: empty expression]y");
}

TEST_F(TemplateEngineTest, UnterminatedExpressionMarker) {
  EXPECT_EQ(RenderWith("id={{ uuid()"),
            "id=[template error: '{{' at line 1, column 4 is never closed; add '}}']{{ uuid()");
}

TEST_F(TemplateEngineTest, InvalidExpressionMarkerKeepsRest) {
  std::string rendered = RenderWith("{{ my var }} and {{ request.params[locale] }}");
  EXPECT_EQ(rendered.rfind("[template error: invalid expression 'my var'", 0), 0u) << rendered;
  EXPECT_TRUE(rendered.ends_with("] and US")) << rendered;
}

TEST_F(TemplateEngineTest, OversizedTemplateGetsMarker) {
  std::string text(kMaxTemplateBytes + 1, 'a');
  std::string rendered = RenderWith(text);
  EXPECT_EQ(rendered.rfind("[template error: template of", 0), 0u);
  EXPECT_TRUE(rendered.ends_with(text));
}

TEST_F(TemplateEngineTest, OutputIsCappedAtLimit) {
  std::string text;
  for (int i = 0; i < 400; ++i) text += "{{ randomString(65536) }}";
  std::string rendered = RenderWith(text);
  EXPECT_LE(rendered.size(), kMaxRenderedBytes + 100);
  EXPECT_TRUE(rendered.ends_with("bytes and was cut]"));
}

TEST_F(TemplateEngineTest, CompiledTemplateRendersRepeatedly) {
  auto compiled = Compile("{{ request.params[locale] }}-{{ counter || 'none' }}");
  ASSERT_TRUE(compiled);
  EXPECT_EQ(Render(*compiled, request_, context_, options_), "US-none");
  context_.Set("counter", "1");
  EXPECT_EQ(Render(*compiled, request_, context_, options_), "US-1");
}

TEST_F(TemplateEngineTest, ManyJsonReadsInOneRender) {
  request_.body = kLibraryJson;
  std::string text;
  for (int i = 0; i < 100; ++i) text += "{{ request.body/books/0/pages }},";
  std::string expected;
  for (int i = 0; i < 100; ++i) expected += "120,";
  EXPECT_EQ(RenderWith(text), expected);
}

TEST_F(TemplateEngineTest, ConcurrentRendersOfOneTemplate) {
  auto compiled = Compile(
      "{{ request.body/name }}|{{ request.params[locale] }}|{{ uuid() > put(id) }}|{{ id }}");
  ASSERT_TRUE(compiled);
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::string body = "{\"name\": \"thread" + std::to_string(t) + "\"}";
      EvaluableRequest request = request_;
      request.body = body;
      for (int i = 0; i < 200; ++i) {
        TemplateContext context;
        std::string rendered = Render(*compiled, request, context);
        std::string prefix = "thread" + std::to_string(t) + "|US|";
        if (rendered.rfind(prefix, 0) != 0) ++failures[t];
        std::string ids = rendered.substr(prefix.size());
        if (ids.size() != 73 || ids.substr(0, 36) != ids.substr(37)) ++failures[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;
}

TEST_F(TemplateEngineTest, ConcurrentXPathRenders) {
  auto compiled = Compile("{{ request.body/order/@id }}:{{ request.body//*[local-name()='n'] }}");
  ASSERT_TRUE(compiled);
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::string id = std::to_string(t);
      std::string body = "<order id=\"" + id + "\"><n>name" + id + "</n></order>";
      EvaluableRequest request;
      request.body = body;
      for (int i = 0; i < 200; ++i) {
        TemplateContext context;
        if (Render(*compiled, request, context) != id + ":name" + id) ++failures[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace mimic::tmpl
