#include <string>

#include <gtest/gtest.h>

#include "script/dispatch_script.h"

namespace mimic::script {
namespace {

ScriptRequest PetRequest() {
  ScriptRequest request;
  request.method = "POST";
  request.request_uri = "/pets/42/toys";
  request.query_string = "color=red&color=blue&size=s";
  request.body = R"({"name": "Rex", "age": 3, "tags": ["good"]})";
  request.headers = {{"Content-Type", "application/json"},
                     {"X-Trace", "first"},
                     {"x-trace", "second"},
                     {"Accept", "*/*"}};
  request.query_params = {{"color", "red"}, {"color", "blue"}, {"size", "s"}};
  request.uri_params = {{"petId", "42"}, {"kind", "toys"}};
  return request;
}

std::string Evaluate(const std::string& source, const ScriptRequest& request = PetRequest()) {
  auto script = DispatchScript::Compile(source, "POST /pets/{petId}/{kind}");
  if (!script) return "compile error: " + script.error().message;
  ScriptStore store;
  auto outcome = (*script)->Run(request, store);
  if (!outcome) return "run error: " + outcome.error().message;
  return outcome->result;
}

TEST(MockRequest, RequestContent) {
  EXPECT_EQ(Evaluate("return mockRequest.requestContent()"), PetRequest().body);
  EXPECT_EQ(Evaluate("return mockRequest.getRequestContent()"), PetRequest().body);
}

TEST(MockRequest, JsonBodyParsedInScript) {
  EXPECT_EQ(Evaluate(R"js(
    const pet = JSON.parse(mockRequest.requestContent());
    return pet.age > 2 ? `old ${pet.name}` : 'young';
  )js"),
            "old Rex");
}

TEST(MockRequest, InvalidJsonBodyThrows) {
  ScriptRequest request = PetRequest();
  request.body = "{not json";
  std::string result = Evaluate("return JSON.parse(mockRequest.requestContent()).name", request);
  EXPECT_EQ(result.rfind("run error: ", 0), 0u) << result;
  EXPECT_NE(result.find("SyntaxError"), std::string::npos) << result;
}

TEST(MockRequest, BinaryBodyBecomesReplacementCharacters) {
  ScriptRequest request = PetRequest();
  request.body = std::string("ok\xFF\xFE", 4);
  EXPECT_EQ(Evaluate("return mockRequest.requestContent().length", request), "4");
  EXPECT_EQ(Evaluate("return mockRequest.requestContent().charCodeAt(2)", request), "65533");
}

TEST(MockRequest, HeaderLookupIgnoresCase) {
  EXPECT_EQ(Evaluate("return JSON.stringify(mockRequest.getRequestHeader('x-TRACE'))"),
            R"(["first","second"])");
  EXPECT_EQ(Evaluate("return mockRequest.getRequestHeader('content-type')[0]"), "application/json");
  EXPECT_EQ(Evaluate("return JSON.stringify(mockRequest.getRequestHeader('Missing'))"), "[]");
}

TEST(MockRequest, AllHeaders) {
  EXPECT_EQ(Evaluate("return JSON.stringify(mockRequest.getRequestHeaders())"),
            R"({"Content-Type":["application/json"],"X-Trace":["first","second"],)"
            R"("Accept":["*/*"]})");
}

TEST(MockRequest, GetRequest) {
  EXPECT_EQ(Evaluate(R"js(
    const r = mockRequest.getRequest();
    return [r.method, r.requestURI, r.queryString].join(' ');
  )js"),
            "POST /pets/42/toys color=red&color=blue&size=s");
  EXPECT_EQ(Evaluate("return JSON.stringify(mockRequest.getRequest().parameters)"),
            R"({"color":["red","blue"],"size":["s"]})");
  EXPECT_EQ(Evaluate("return mockRequest.getRequest().headers['X-Trace'].join('+')"),
            "first+second");
}

TEST(MockRequest, UriParameters) {
  EXPECT_EQ(Evaluate("return mockRequest.getURIParameter('petId')"), "42");
  EXPECT_EQ(Evaluate("return String(mockRequest.getURIParameter('nope'))"), "null");
  EXPECT_EQ(Evaluate("return JSON.stringify(mockRequest.getURIParameters())"),
            R"({"petId":"42","kind":"toys"})");
}

TEST(MockRequest, MissingArgumentThrows) {
  std::string result = Evaluate("return mockRequest.getRequestHeader()");
  EXPECT_EQ(result.rfind("run error: ", 0), 0u) << result;
  EXPECT_NE(result.find("getRequestHeader"), std::string::npos) << result;
}

TEST(MockRequest, SpecialNamesStayOwnProperties) {
  ScriptRequest request = PetRequest();
  request.uri_params = {{"__proto__", "p"}, {"constructor", "c"}};
  EXPECT_EQ(Evaluate("const p = mockRequest.getURIParameters();\n"
                     "return Object.keys(p).join(',') + ' ' + p.__proto__ + p.constructor;",
                     request),
            "__proto__,constructor pc");
}

TEST(MockRequest, EmptyRequest) {
  ScriptRequest empty;
  EXPECT_EQ(Evaluate("return '[' + mockRequest.requestContent() + ']' + "
                     "JSON.stringify(mockRequest.getRequest())",
                     empty),
            R"([]{"method":"","requestURI":"","queryString":"","headers":{},"parameters":{}})");
}

}  // namespace
}  // namespace mimic::script
