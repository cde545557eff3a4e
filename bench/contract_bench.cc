// Times the OPEN_API_SCHEMA check of a 1 MiB JSON response: parsing plus
// validation against an allOf/nullable schema, as a contract test step does it.
// Built only on request: ninja -C build mimic_contract_bench
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "importer/document.h"
#include "schema/json_schema.h"
#include "testing/response_checks.h"

namespace {

constexpr const char* kSpec = R"yaml(
openapi: 3.0.3
info: {title: Bench, version: '1.0'}
paths:
  /items:
    get:
      responses:
        '200':
          description: many items
          content:
            application/json:
              schema:
                type: array
                items: {$ref: '#/components/schemas/Item'}
components:
  schemas:
    Base:
      type: object
      required: [id, name]
      properties:
        id: {type: integer, minimum: 0}
        name: {type: string, maxLength: 64}
    Item:
      allOf:
        - $ref: '#/components/schemas/Base'
        - type: object
          required: [price, tags]
          properties:
            price: {type: number}
            note: {type: string, nullable: true}
            tags: {type: array, items: {type: string}}
            created: {type: string, format: date-time}
)yaml";

std::string MakeBody(size_t target_bytes) {
  std::string body = "[";
  for (int i = 0; body.size() < target_bytes; ++i) {
    if (i > 0) body += ",";
    body += "{\"id\":" + std::to_string(i) + ",\"name\":\"item number " + std::to_string(i) +
            "\",\"price\":" + std::to_string(i % 100) +
            ".25,\"note\":" + (i % 2 == 0 ? std::string("null") : std::string("\"fragile\"")) +
            ",\"tags\":[\"red\",\"blue\",\"green\"],\"created\":\"2024-05-01T10:00:00Z\"}";
  }
  return body + "]";
}

}  // namespace

int main() {
  using namespace mimic;
  auto service = std::make_shared<Service>();
  Resource resource;
  resource.type = "OPEN_API_SPEC";
  resource.content = kSpec;
  service->resources.push_back(resource);
  contract::ResponseSchemaChecker checker(std::make_shared<ServiceSpec>(service));
  Operation operation;
  operation.name = "GET /items";
  operation.method = "GET";
  Response expected;
  expected.media_type = "application/json";
  contract::CallOutcome outcome;
  outcome.completed = true;
  outcome.status = 200;
  outcome.headers = {{"Content-Type", "application/json"}};
  outcome.body = MakeBody(1 << 20);

  auto first = checker.Check(operation, expected, outcome);  // compiles and caches the schema
  if (!first.success) {
    std::fprintf(stderr, "the benchmark body does not validate: %s\n", first.Message().c_str());
    return 1;
  }
  // The same schema compiled on its own, to time validation without parsing.
  Json document = *ParseDocument(kSpec);
  auto validator = schema::Validator::Compile(
      document, "/paths/~1items/get/responses/200/content/application~1json/schema",
      schema::Dialect::kOpenApi30);
  if (!validator) return 1;
  std::vector<double> parse_ms;
  std::vector<double> validate_ms;
  std::vector<double> check_ms;
  for (int i = 0; i < 20; ++i) {
    auto started = std::chrono::steady_clock::now();
    Json parsed = Json::parse(outcome.body);
    auto parsed_at = std::chrono::steady_clock::now();
    bool valid = validator->Validate(parsed).empty();
    auto validated_at = std::chrono::steady_clock::now();
    auto verdict = checker.Check(operation, expected, outcome);
    auto checked_at = std::chrono::steady_clock::now();
    if (!verdict.success || !valid) return 1;
    validate_ms.push_back(
        std::chrono::duration<double, std::milli>(validated_at - parsed_at).count());
    parse_ms.push_back(std::chrono::duration<double, std::milli>(parsed_at - started).count());
    check_ms.push_back(
        std::chrono::duration<double, std::milli>(checked_at - validated_at).count());
  }
  std::sort(parse_ms.begin(), parse_ms.end());
  std::sort(check_ms.begin(), check_ms.end());
  std::sort(validate_ms.begin(), validate_ms.end());
  std::printf(
      "body_bytes=%zu parse_median_ms=%.2f validate_median_ms=%.2f check_median_ms=%.2f "
      "(check = parse + validate + status and header checks)\n",
      outcome.body.size(), parse_ms[parse_ms.size() / 2], validate_ms[validate_ms.size() / 2],
      check_ms[check_ms.size() / 2]);
  return 0;
}
