// Feeds untrusted contract-test inputs to the engine's pure parts: a JSON document
// read as a TestRequest, a TestResult and a test case report, then a response
// body checked against a fixed OpenAPI response schema.
// Input layout: the JSON document, a NUL byte, then the response body.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "testing/response_checks.h"
#include "testing/test_call.h"
#include "testing/test_result.h"

namespace {

constexpr const char* kSpec = R"yaml(
openapi: 3.0.3
info: {title: Fuzz, version: '1'}
paths:
  /items/{id}:
    get:
      responses:
        '200':
          description: ok
          headers:
            X-Count: {required: true, schema: {type: integer}}
          content:
            application/json:
              schema:
                allOf:
                  - {type: object, required: [id], properties: {id: {type: integer}}}
                  - {type: object, properties: {note: {type: string, nullable: true}}}
)yaml";

mimic::contract::ResponseSchemaChecker& Checker() {
  static auto* checker = [] {
    auto service = std::make_shared<mimic::Service>();
    mimic::Resource resource;
    resource.type = "OPEN_API_SPEC";
    resource.content = kSpec;
    service->resources.push_back(resource);
    return new mimic::contract::ResponseSchemaChecker(
        std::make_shared<mimic::ServiceSpec>(service));
  }();
  return *checker;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mimic;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t separator = input.find('\0');
  std::string_view document = input.substr(0, separator);
  std::string_view body =
      separator == std::string_view::npos ? std::string_view() : input.substr(separator + 1);

  Json json = Json::parse(document, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) json = Json();
  contract::TestResult result = contract::TestResultFromJson(json);
  (void)DumpJson(contract::ToJson(result));
  contract::OperationHeaders headers =
      contract::OperationHeadersFromJson(FieldOr(json, "operationsHeaders", Json()));
  contract::TestCaseResult reported = contract::TestCaseResultFromJson(json);
  contract::ConcludeCase(reported);
  (void)contract::DecodeTestCaseIdSegment(document);

  Operation operation;
  operation.name = "GET /items/{id}";
  operation.method = "GET";
  Request example;
  example.content = std::string(body);
  example.query_parameters = {{"id", std::string(document.substr(0, 64))}};
  contract::CallContext context;
  context.operation_headers = &headers;
  (void)contract::BuildTestCall(operation, example, "http://127.0.0.1:1", context);

  Response expected;
  expected.media_type = "application/json";
  contract::CallOutcome outcome;
  outcome.completed = true;
  outcome.status = 200;
  outcome.headers = {{"Content-Type", "application/json"},
                     {"X-Count", std::string(document.substr(0, 16))}};
  outcome.body = std::string(body);
  (void)Checker().Check(operation, expected, outcome);
  return 0;
}
