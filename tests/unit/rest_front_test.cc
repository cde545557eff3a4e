#include "front/rest_front.h"

#include <gtest/gtest.h>

#include "common/strings.h"
#include "support/mock_fixture.h"

namespace mimic {
namespace {

constexpr const char* kPastry = R"yaml(
openapi: 3.0.2
info: {title: API Pastry, version: 2.0.0}
paths:
  /pastry:
    get:
      responses:
        '200':
          content:
            application/json:
              examples:
                all: {value: [{name: Baba}, {name: Tarte}]}
  /pastry/{name}:
    parameters:
      - name: name
        in: path
        required: true
        examples:
          Eclair Cafe: {value: Eclair Cafe}
          Eclair Cafe Xml: {value: Eclair Cafe}
          Mille: {value: Millefeuille}
    get:
      responses:
        '200':
          headers:
            x-flavor:
              examples:
                Mille: {value: vanilla}
          content:
            application/json:
              examples:
                Eclair Cafe: {value: {name: Eclair Cafe, price: 2.5}}
                Mille: {value: {name: Millefeuille}}
            text/xml:
              examples:
                Eclair Cafe Xml: {value: "<pastry><name>Eclair Cafe</name></pastry>"}
    delete:
      responses:
        '204':
          x-microcks-refs: [Mille]
  /search:
    get:
      parameters:
        - {name: q, in: query, required: true, examples: {one: {value: tarte}}}
        - {name: x-token, in: header, required: false}
      responses:
        '200':
          content:
            application/json:
              examples:
                one: {value: {found: 1}}
)yaml";

class RestFrontTest : public testing::MockFixture {
 protected:
  void SetUp() override {
    MockFixture::SetUp();
    MustImport(kPastry);
  }
};

TEST_F(RestFrontTest, ServiceNameEncodings) {
  EXPECT_EQ(Call("GET", "/rest/API+Pastry/2.0.0/pastry").status, 200);
  EXPECT_EQ(Call("GET", "/rest/API%20Pastry/2.0.0/pastry").status, 200);
  EXPECT_EQ(Call("GET", "/rest/API Pastry/2.0.0/pastry").status, 200);
}

TEST_F(RestFrontTest, UnknownServiceMessage) {
  auto response = Call("GET", "/rest/Nope+Api/1.0/pastry");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.body, "The service Nope+Api with version 1.0 does not exist!");
}

TEST_F(RestFrontTest, UnknownOperationIs404) {
  auto unmatched = Call("GET", "/rest/API+Pastry/2.0.0/cake");
  EXPECT_EQ(unmatched.status, 404);
  EXPECT_EQ(unmatched.body, "");
  bool named = false;
  for (const auto& [name, value] : unmatched.headers) {
    if (name == "X-Mimic-Reason") {
      named = true;
      EXPECT_EQ(value, "no operation of API Pastry:2.0.0 matches GET /cake");
    }
  }
  EXPECT_TRUE(named);
  EXPECT_EQ(Call("POST", "/rest/API+Pastry/2.0.0/pastry").status, 404);
  EXPECT_EQ(Call("GET", "/rest/API+Pastry/2.0.0/pastry/a/b").status, 404);
}

TEST_F(RestFrontTest, TrailingSlashTolerated) {
  EXPECT_EQ(Call("GET", "/rest/API+Pastry/2.0.0/pastry/").status, 200);
}

TEST_F(RestFrontTest, UriPartsDispatch) {
  auto response = Call("GET", "/rest/API+Pastry/2.0.0/pastry/Millefeuille");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"name":"Millefeuille"})");
  EXPECT_EQ(HeaderOf(response, "Content-Type"), "application/json;charset=UTF-8");
  EXPECT_EQ(HeaderOf(response, "x-flavor"), "vanilla");
}

TEST_F(RestFrontTest, MissingCriteriaMessage) {
  auto response = Call("GET", "/rest/API+Pastry/2.0.0/pastry/Dummy");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.body, "The response /name=Dummy does not exist!");
}

TEST_F(RestFrontTest, AcceptChoosesMediaType) {
  auto xml = Call("GET", "/rest/API+Pastry/2.0.0/pastry/Eclair%20Cafe", {{"Accept", "text/xml"}});
  EXPECT_EQ(xml.status, 200);
  EXPECT_EQ(HeaderOf(xml, "Content-Type"), "text/xml;charset=UTF-8");
  auto json = Call("GET", "/rest/API+Pastry/2.0.0/pastry/Eclair+Cafe",
                   {{"Accept", "text/html, application/json;q=0.9"}});
  EXPECT_EQ(HeaderOf(json, "Content-Type"), "application/json;charset=UTF-8");
}

TEST_F(RestFrontTest, NoContentThroughRefs) {
  auto response = Call("DELETE", "/rest/API+Pastry/2.0.0/pastry/Millefeuille");
  EXPECT_EQ(response.status, 204);
  EXPECT_EQ(response.body, "");
}

TEST_F(RestFrontTest, RequiredQueryConstraint) {
  auto response = Call("GET", "/rest/API+Pastry/2.0.0/search");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.body, "Parameter q is required. Check parameter constraints.");
  EXPECT_EQ(Call("GET", "/rest/API+Pastry/2.0.0/search?q=tarte").status, 200);
}

TEST_F(RestFrontTest, DelayFromQueryAndHeader) {
  EXPECT_EQ(Call("GET", "/rest/API+Pastry/2.0.0/pastry?delay=120").delay_ms, 120);
  EXPECT_EQ(Call("GET", "/rest/API+Pastry/2.0.0/pastry?delay=120", {{"x-microcks-delay", "300"}})
                .delay_ms,
            300);
  auto random = Call("GET", "/rest/API+Pastry/2.0.0/pastry?delay=100&delayStrategy=random-20");
  EXPECT_GE(random.delay_ms, 80);
  EXPECT_LE(random.delay_ms, 120);
  EXPECT_EQ(Call("GET", "/rest/API+Pastry/2.0.0/pastry?delay=abc").delay_ms, 0);
}

TEST_F(RestFrontTest, CorsPreflightForMockedPath) {
  auto response =
      Call("OPTIONS", "/rest/API+Pastry/2.0.0/pastry/Mille",
           {{"Origin", "http://app.example"}, {"Access-Control-Request-Headers", "content-type"}});
  EXPECT_EQ(response.status, 204);
  EXPECT_EQ(HeaderOf(response, "Access-Control-Allow-Origin"), "http://app.example");
  EXPECT_EQ(HeaderOf(response, "Access-Control-Allow-Headers"), "content-type");
}

TEST_F(RestFrontTest, CorsHeadersOnMockResponse) {
  auto response = Call("GET", "/rest/API+Pastry/2.0.0/pastry", {{"Origin", "http://a.example"}});
  EXPECT_EQ(HeaderOf(response, "Access-Control-Allow-Origin"), "http://a.example");
  config_.cors.enabled = false;
  auto without = Call("GET", "/rest/API+Pastry/2.0.0/pastry", {{"Origin", "http://a.example"}});
  EXPECT_EQ(HeaderOf(without, "Access-Control-Allow-Origin"), "");
}

TEST_F(RestFrontTest, UnicodeServiceName) {
  MustImport(
      "openapi: 3.0.0\ninfo: {title: \"Caf\xC3\xA9 API\", version: '1'}\npaths:\n  /menu:\n"
      "    get:\n      responses:\n        '200':\n          content:\n            "
      "application/json:\n              examples:\n                m: {value: {a: 1}}\n",
      "cafe.yaml");
  EXPECT_EQ(Call("GET", "/rest/Caf%C3%A9+API/1/menu").status, 200);
}

TEST(ParseQuery, DecodesPairs) {
  auto pairs = ParseQuery("a=1&b=x+y&c&d=%3D");
  ASSERT_EQ(pairs.size(), 4u);
  EXPECT_EQ(pairs[1].second, "x y");
  EXPECT_EQ(pairs[2].first, "c");
  EXPECT_EQ(pairs[3].second, "=");
}

}  // namespace
}  // namespace mimic

namespace mimic {
namespace {

constexpr const char* kValidated = R"yaml(
openapi: 3.0.2
info: {title: Valid, version: '1'}
paths:
  /pastry/{name}:
    patch:
      parameters:
        - {name: name, in: path, examples: {a: {value: Eclair}}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Patch'}
      responses:
        '200':
          content:
            application/json:
              examples: {a: {value: {ok: true}}}
components:
  schemas:
    Patch:
      type: object
      properties:
        price: {type: number}
        note: {type: string, nullable: true}
)yaml";

class RestValidTest : public testing::MockFixture {
 protected:
  void SetUp() override {
    MockFixture::SetUp();
    MustImport(kValidated);
  }
};

TEST_F(RestValidTest, ValidBodyServed) {
  auto response = Call("PATCH", "/rest-valid/Valid/1/pastry/Eclair",
                       {{"Content-Type", "application/json"}}, R"({"price": 2.6, "note": null})");
  EXPECT_EQ(response.status, 200) << response.body;
}

TEST_F(RestValidTest, TypeErrorInMicrocksForm) {
  auto response = Call("PATCH", "/rest-valid/Valid/1/pastry/Eclair",
                       {{"Content-Type", "application/json"}}, R"({"price": "2.6"})");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.body, "[string found, number expected]");
  EXPECT_NE(HeaderOf(response, "X-Mimic-Validation-Errors").find("/price"), std::string::npos);
}

TEST_F(RestValidTest, PlainRestDoesNotValidate) {
  auto response = Call("PATCH", "/rest/Valid/1/pastry/Eclair",
                       {{"Content-Type", "application/json"}}, R"({"price": "2.6"})");
  EXPECT_EQ(response.status, 200);
}

TEST_F(RestValidTest, UndeclaredContentTypeRejected) {
  auto response = Call("PATCH", "/rest-valid/Valid/1/pastry/Eclair",
                       {{"Content-Type", "text/plain"}}, "price=abc");
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(response.body.find("application/json"), std::string::npos) << response.body;
}

TEST_F(RestValidTest, MissingRequiredBodyRejected) {
  auto response = Call("PATCH", "/rest-valid/Valid/1/pastry/Eclair",
                       {{"Content-Type", "application/json"}}, "");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.body, "[the request body is required]");
}

TEST_F(RestValidTest, InvalidJsonRejected) {
  auto response = Call("PATCH", "/rest-valid/Valid/1/pastry/Eclair",
                       {{"Content-Type", "application/json"}}, "{oops");
  EXPECT_EQ(response.status, 400);
}

}  // namespace
}  // namespace mimic

namespace mimic {
namespace {

constexpr const char* kScripted = R"yaml(
openapi: 3.0.2
info: {title: Scripted, version: '1'}
paths:
  /greet:
    post:
      x-microcks-operation:
        dispatcher: JS
        dispatcherRules: |-
          const { name } = JSON.parse(mockRequest.getRequestContent());
          requestContext.greeting = `Hello ${name}`;
          return name === 'loop' ? (() => { while (true) {} })() : (name.length > 3 ? 'long' : 'short');
      requestBody:
        content:
          application/json:
            examples:
              long: {value: {name: Laurent}}
              short: {value: {name: Bob}}
      responses:
        '200':
          content:
            application/json:
              examples:
                long: {value: '{"kind": "long", "text": "{{ greeting }}"}'}
                short: {value: {kind: short}}
  /broken:
    get:
      x-microcks-operation:
        dispatcher: JS
        dispatcherRules: 'return ((('
      responses:
        '200':
          content:
            text/plain:
              examples: {only: {value: fallback}}
)yaml";

class ScriptDispatchTest : public testing::MockFixture {
 protected:
  void SetUp() override {
    MockFixture::SetUp();
    MustImport(kScripted);
  }
};

TEST_F(ScriptDispatchTest, ScriptChoosesResponse) {
  auto response = Call("POST", "/rest/Scripted/1/greet", {{"Content-Type", "application/json"}},
                       R"({"name": "Laurent"})");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"kind": "long", "text": "Hello Laurent"})");
  auto short_name = Call("POST", "/rest/Scripted/1/greet", {}, R"({"name": "Bob"})");
  EXPECT_EQ(short_name.body, R"({"kind":"short"})");
}

TEST_F(ScriptDispatchTest, RunawayScriptIs500) {
  auto response = Call("POST", "/rest/Scripted/1/greet", {}, R"({"name": "loop"})");
  EXPECT_EQ(response.status, 500);
  EXPECT_NE(response.body.find("POST /greet"), std::string::npos) << response.body;
  auto after = Call("POST", "/rest/Scripted/1/greet", {}, R"({"name": "Bob"})");
  EXPECT_EQ(after.status, 200);
}

TEST_F(ScriptDispatchTest, BrokenScriptServesAsWithoutDispatcher) {
  auto response = Call("GET", "/rest/Scripted/1/broken");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "fallback");
}

}  // namespace
}  // namespace mimic

namespace mimic {
namespace {

constexpr const char* kParameters = R"yaml(
openapi: 3.0.2
info: {title: Params, version: '1'}
paths:
  /items/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: integer}}
    get:
      parameters:
        - {name: limit, in: query, schema: {type: integer, minimum: 1}}
        - {name: X-Tenant, in: header, required: true, schema: {type: string, pattern: '^[a-z]+$'}}
        - {name: tags, in: query, schema: {type: array, items: {type: string, enum: [a, b]}}}
      responses:
        '200':
          content:
            application/json:
              example: {ok: true}
)yaml";

class RestValidParametersTest : public testing::MockFixture {
 protected:
  void SetUp() override {
    MockFixture::SetUp();
    MustImport(kParameters);
  }
};

TEST_F(RestValidParametersTest, ValidParametersServed) {
  auto response =
      Call("GET", "/rest-valid/Params/1/items/3?limit=2&tags=a,b", {{"X-Tenant", "acme"}});
  EXPECT_EQ(response.status, 200) << response.body;
}

TEST_F(RestValidParametersTest, EachFaultReported) {
  auto response = Call("GET", "/rest-valid/Params/1/items/x?limit=0&tags=c");
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(response.body.find("path parameter 'id'"), std::string::npos) << response.body;
  EXPECT_NE(response.body.find("query parameter 'limit'"), std::string::npos);
  EXPECT_NE(response.body.find("header parameter 'X-Tenant' is missing"), std::string::npos);
  EXPECT_NE(response.body.find("query parameter 'tags'"), std::string::npos);
  EXPECT_NE(HeaderOf(response, "X-Mimic-Validation-Errors").find("query/limit"), std::string::npos);
}

TEST_F(RestValidParametersTest, PatternOnHeader) {
  auto response = Call("GET", "/rest-valid/Params/1/items/3", {{"X-Tenant", "ACME1"}});
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(response.body.find("X-Tenant"), std::string::npos);
}

}  // namespace
}  // namespace mimic

namespace mimic {
namespace {

constexpr const char* kGroovy = R"yaml(
openapi: 3.0.2
info: {title: Groovy, version: '1'}
paths:
  /hello:
    post:
      x-microcks-operation:
        dispatcher: SCRIPT
        dispatcherRules: |-
          import com.eviware.soapui.support.XmlHolder
          def holder = new XmlHolder( mockRequest.requestContent )
          def name = holder["//name"]
          requestContext.who = name
          if (name == "Andrew") {
              return "andrew"
          } else {
              return "other"
          }
      responses:
        '200':
          content:
            text/xml:
              examples:
                andrew: {value: '<hello>Hi Andrew</hello>'}
                other: {value: '<hello>Who is {{ who }}?</hello>'}
  /bad:
    get:
      x-microcks-operation:
        dispatcher: GROOVY
        dispatcherRules: 'class Foo {}'
      responses:
        '200':
          content:
            text/plain:
              examples: {only: {value: fine}}
)yaml";

class GroovyDispatchTest : public testing::MockFixture {
 protected:
  void SetUp() override {
    MockFixture::SetUp();
    auto outcome = Import(kGroovy);
    ASSERT_TRUE(outcome) << outcome.error().message;
    diagnostics_ = outcome->diagnostics;
  }
  std::vector<ImportDiagnostic> diagnostics_;
};

TEST_F(GroovyDispatchTest, XmlHolderScriptDispatches) {
  EXPECT_EQ(Call("POST", "/rest/Groovy/1/hello", {}, "<req><name>Andrew</name></req>").body,
            "<hello>Hi Andrew</hello>");
  EXPECT_EQ(Call("POST", "/rest/Groovy/1/hello", {}, "<req><name>Zoe</name></req>").body,
            "<hello>Who is Zoe?</hello>");
}

TEST_F(GroovyDispatchTest, UnsupportedConstructReportedAtImport) {
  ASSERT_EQ(diagnostics_.size(), 1u);
  EXPECT_EQ(diagnostics_[0].operation, "GET /bad");
  EXPECT_NE(diagnostics_[0].message.find("line 1"), std::string::npos) << diagnostics_[0].message;
  EXPECT_EQ(Call("GET", "/rest/Groovy/1/bad").body, "fine");
}

}  // namespace
}  // namespace mimic

namespace mimic {
namespace {

constexpr const char* kQueryDispatchers = R"yaml(
openapi: 3.0.2
info: {title: Queries, version: '1'}
paths:
  /films:
    get:
      x-microcks-operation:
        dispatcher: QUERY_ARGS
        dispatcherRules: 'id'
      parameters:
        - {name: id, in: query, examples: {one: {value: '1'}, two: {value: '2'}}}
      responses:
        '200':
          content:
            application/json:
              examples:
                one: {value: {title: A New Hope}}
                two: {value: {title: Empire}}
  /hello:
    post:
      x-microcks-operation:
        dispatcher: QUERY_MATCH
        dispatcherRules: "declare namespace h='urn:hello'; //h:sayHello/name"
      requestBody:
        content:
          text/xml:
            examples:
              karla: {value: "<h:sayHello xmlns:h='urn:hello'><name>Karla</name></h:sayHello>"}
      responses:
        '200':
          content:
            text/xml:
              examples:
                karla: {value: '<greeting>Hello Karla</greeting>'}
)yaml";

class QueryDispatchTest : public testing::MockFixture {
 protected:
  void SetUp() override {
    MockFixture::SetUp();
    MustImport(kQueryDispatchers);
  }
};

TEST_F(QueryDispatchTest, QueryArgsFromQueryParameters) {
  EXPECT_EQ(Call("GET", "/rest/Queries/1/films?id=2").body, R"({"title":"Empire"})");
  auto missing = Call("GET", "/rest/Queries/1/films?id=9");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.body, "The response ?id=9 does not exist!");
}

TEST_F(QueryDispatchTest, QueryMatchEvaluatesXPathOnBody) {
  auto response = Call("POST", "/rest/Queries/1/hello", {{"Content-Type", "text/xml"}},
                       "<h:sayHello xmlns:h='urn:hello'><name>Karla</name></h:sayHello>");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "<greeting>Hello Karla</greeting>");
  auto other = Call("POST", "/rest/Queries/1/hello", {{"Content-Type", "text/xml"}},
                    "<h:sayHello xmlns:h='urn:hello'><name>Bob</name></h:sayHello>");
  EXPECT_EQ(other.status, 400);
  EXPECT_EQ(other.body, "The response Bob does not exist!");
}

// A recording as a browser exports it: the body is decoded text, but the headers
// still describe the compressed transfer.
constexpr const char* kRecordedHar = R"json({"log": {"version": "1.2",
  "comment": "microcksId: Recorded:1.0",
  "entries": [{"request": {"method": "GET", "url": "http://shop.test/items", "headers": []},
               "response": {"status": 200, "headers": [
                   {"name": "content-type", "value": "application/json; charset=utf-8"},
                   {"name": "Content-Encoding", "value": "gzip"},
                   {"name": "X-Request-Id", "value": "abc"}],
                 "content": {"mimeType": "application/json; charset=utf-8",
                             "text": "[1, 2]"}}}]}})json";

TEST_F(RestFrontTest, RecordedHeadersGiveOneContentType) {
  MustImport(kRecordedHar, "recorded.har");
  auto response = Call("GET", "/rest/Recorded/1.0/items");
  ASSERT_EQ(response.status, 200);
  int content_types = 0;
  for (const auto& [name, value] : response.headers) {
    if (EqualsIgnoreCase(name, "Content-Type")) {
      ++content_types;
      EXPECT_EQ(value, "application/json; charset=utf-8");
    }
    EXPECT_FALSE(EqualsIgnoreCase(name, "Content-Encoding")) << value;
  }
  EXPECT_EQ(content_types, 1);
  EXPECT_EQ(HeaderOf(response, "X-Request-Id"), "abc");
  EXPECT_EQ(response.body, "[1, 2]");
}

}  // namespace
}  // namespace mimic
