#include "importer/openapi_importer.h"

#include <map>

#include <gtest/gtest.h>

#include "importer/document.h"
#include "importer/ref_resolver.h"

namespace mimic {
namespace {

class MapFetcher : public DocumentFetcher {
 public:
  std::map<std::string, std::string> files;
  std::vector<std::string> fetched;
  Result<std::string> Fetch(const std::string& uri) override {
    fetched.push_back(uri);
    auto it = files.find(uri);
    if (it == files.end()) return MakeError(ErrorCode::kNotFound, "HTTP 404");
    return it->second;
  }
};

Result<ImportedServices> ImportText(const std::string& text, const std::string& base = "",
                                    DocumentFetcher* fetcher = nullptr) {
  auto document = ParseDocument(text);
  if (!document) return tl::unexpected(document.error());
  ImportSource source;
  source.artifact_name = "api.yaml";
  source.base_uri = base;
  source.fetcher = fetcher;
  return ImportOpenApi(*document, text, source);
}

const Operation& Op(const Service& service, const std::string& name) {
  const Operation* operation = service.FindOperation(name);
  EXPECT_NE(operation, nullptr) << name;
  static Operation empty;
  return operation ? *operation : empty;
}

TEST(OpenApiImporter, InfersDispatchers) {
  auto imported = ImportText(R"yaml(
openapi: 3.0.0
info: {title: Cars, version: 1.0.0}
paths:
  /cars:
    get:
      parameters: [{name: page, in: query}, {name: limit, in: query}]
      responses: {}
  /owner/{owner}/car:
    get:
      parameters: [{name: page, in: query}]
      responses: {}
    post:
      responses: {}
  /static:
    get:
      responses: {}
)yaml");
  ASSERT_TRUE(imported) << imported.error().message;
  const Service& service = imported->services[0];
  EXPECT_EQ(service.name, "Cars");
  EXPECT_EQ(Op(service, "GET /cars").dispatcher, "URI_PARAMS");
  EXPECT_EQ(Op(service, "GET /cars").dispatcher_rules, "page && limit");
  EXPECT_EQ(Op(service, "GET /owner/{owner}/car").dispatcher, "URI_ELEMENTS");
  EXPECT_EQ(Op(service, "GET /owner/{owner}/car").dispatcher_rules, "owner ?? page");
  EXPECT_EQ(Op(service, "POST /owner/{owner}/car").dispatcher, "URI_PARTS");
  EXPECT_EQ(Op(service, "POST /owner/{owner}/car").dispatcher_rules, "owner");
  EXPECT_EQ(Op(service, "GET /static").dispatcher, "");
  EXPECT_EQ(Op(service, "GET /static").resource_paths, std::vector<std::string>{"/static"});
}

TEST(OpenApiImporter, PairsExamplesByName) {
  auto imported = ImportText(R"yaml(
openapi: 3.0.0
info: {title: Pets, version: '1'}
paths:
  /pets/{id}:
    put:
      parameters:
        - {name: id, in: path, examples: {rex: {value: 1}, tom: {value: 2}}}
        - {name: x-trace, in: header, examples: {rex: {value: abc}}}
      requestBody:
        content:
          application/json:
            examples:
              rex: {value: {name: Rex}}
      responses:
        '200':
          content:
            application/json:
              examples:
                rex: {value: {id: 1, name: Rex}}
                tom: {value: {id: 2, name: Tom}}
)yaml");
  ASSERT_TRUE(imported) << imported.error().message;
  const Service& service = imported->services[0];
  const auto& exchanges = service.exchanges.at("PUT /pets/{id}");
  ASSERT_EQ(exchanges.size(), 2u);
  EXPECT_EQ(exchanges[0].response.dispatch_criteria, "/id=1");
  EXPECT_EQ(exchanges[0].request.content, R"({"name":"Rex"})");
  EXPECT_EQ(exchanges[0].response.content, R"({"id":1,"name":"Rex"})");
  EXPECT_EQ(exchanges[1].response.dispatch_criteria, "/id=2");
  const Operation& operation = Op(service, "PUT /pets/{id}");
  EXPECT_NE(std::find(operation.resource_paths.begin(), operation.resource_paths.end(), "/pets/1"),
            operation.resource_paths.end());
}

TEST(OpenApiImporter, ExtensionsAndLabels) {
  auto imported = ImportText(R"yaml(
openapi: 3.0.0
info:
  title: Ext
  version: '1'
  x-microcks:
    labels: {domain: cars}
paths:
  /a:
    get:
      x-microcks-operation:
        delay: 100
        dispatcher: FALLBACK
        dispatcherRules: '{"dispatcher": "URI_PARAMS", "dispatcherRules": "t", "fallback": "x"}'
        parameterConstraints:
          - {name: Authorization, in: header, required: true, mustMatchRegexp: "^Bearer .*"}
      responses: {}
)yaml");
  ASSERT_TRUE(imported) << imported.error().message;
  const Service& service = imported->services[0];
  EXPECT_EQ(service.metadata.labels.at("domain"), "cars");
  const Operation& operation = Op(service, "GET /a");
  EXPECT_EQ(operation.dispatcher, "FALLBACK");
  EXPECT_EQ(*operation.default_delay, 100);
  ASSERT_EQ(operation.parameter_constraints.size(), 1u);
  EXPECT_EQ(operation.parameter_constraints[0].must_match_regexp, "^Bearer .*");
}

TEST(OpenApiImporter, SingularExampleIsDefault) {
  auto imported = ImportText(R"yaml(
openapi: 3.0.0
info: {title: Single, version: '1'}
paths:
  /items/{id}:
    get:
      parameters: [{name: id, in: path}]
      responses:
        '200':
          content:
            application/json:
              example: {id: 1}
        '404':
          content:
            application/json:
              example: {error: missing}
)yaml");
  ASSERT_TRUE(imported) << imported.error().message;
  const auto& exchanges = imported->services[0].exchanges.at("GET /items/{id}");
  ASSERT_EQ(exchanges.size(), 1u);
  EXPECT_TRUE(exchanges[0].response.is_default);
  EXPECT_EQ(exchanges[0].response.status, "200");
  EXPECT_TRUE(imported->diagnostics.empty());
}

TEST(OpenApiImporter, ReportsOperationsWithoutMocks) {
  auto imported = ImportText(R"yaml(
openapi: 3.0.0
info: {title: Empty, version: '1'}
paths:
  /a:
    get:
      responses: {'200': {description: ok}}
)yaml");
  ASSERT_TRUE(imported);
  ASSERT_EQ(imported->diagnostics.size(), 1u);
  EXPECT_EQ(imported->diagnostics[0].operation, "GET /a");
  EXPECT_NE(imported->diagnostics[0].message.find("no mock response"), std::string::npos);
}

TEST(OpenApiImporter, ReportsExamplesWithoutPathValue) {
  auto imported = ImportText(R"yaml(
openapi: 3.0.0
info: {title: Drop, version: '1'}
paths:
  /a/{id}:
    get:
      responses:
        '200':
          content:
            application/json:
              examples: {orphan: {value: 1}}
)yaml");
  ASSERT_TRUE(imported);
  ASSERT_FALSE(imported->diagnostics.empty());
  EXPECT_NE(imported->diagnostics[0].message.find("'orphan'"), std::string::npos);
}

TEST(OpenApiImporter, ResolvesInternalRefsWithEscapes) {
  auto imported = ImportText(R"yaml(
openapi: 3.0.0
info: {title: Refs, version: '1'}
paths:
  /a/b:
    get:
      responses:
        '200': {$ref: '#/components/responses/ok~1fine'}
  /c:
    $ref: '#/paths/~1a~1b'
components:
  responses:
    ok/fine:
      content:
        application/json:
          examples:
            e: {$ref: '#/components/examples/e1'}
  examples:
    e1: {value: {ok: true}}
)yaml");
  ASSERT_TRUE(imported) << imported.error().message;
  const Service& service = imported->services[0];
  EXPECT_EQ(service.exchanges.at("GET /a/b")[0].response.content, R"({"ok":true})");
  EXPECT_EQ(service.exchanges.at("GET /c")[0].response.content, R"({"ok":true})");
}

TEST(OpenApiImporter, DetectsRefCycles) {
  auto imported = ImportText(R"yaml(
openapi: 3.0.0
info: {title: Cycle, version: '1'}
paths:
  /a:
    get:
      responses:
        '200': {$ref: '#/components/responses/x'}
components:
  responses:
    x: {$ref: '#/components/responses/y'}
    y: {$ref: '#/components/responses/x'}
)yaml");
  ASSERT_FALSE(imported);
  EXPECT_NE(imported.error().message.find("cycle"), std::string::npos);
}

TEST(OpenApiImporter, ResolvesRelativeRefsTransitively) {
  MapFetcher fetcher;
  fetcher.files["http://host/specs/responses/ok.yaml"] =
      "content:\n  application/json:\n    examples:\n      e: {$ref: '../examples/e.yaml'}\n";
  fetcher.files["http://host/specs/examples/e.yaml"] = "value: {from: file}\n";
  auto imported = ImportText(R"yaml(
openapi: 3.0.0
info: {title: Multi, version: '1'}
paths:
  /a:
    get:
      responses:
        '200': {$ref: './responses/ok.yaml'}
)yaml",
                             "http://host/specs/api.yaml", &fetcher);
  ASSERT_TRUE(imported) << imported.error().message;
  EXPECT_EQ(imported->services[0].exchanges.at("GET /a")[0].response.content,
            R"({"from":"file"})");
  // The spec and two referenced documents.
  EXPECT_EQ(imported->services[0].resources.size(), 3u);
  EXPECT_EQ(imported->services[0].resources[1].name, "Multi-1-responses-ok.yaml");
}

TEST(OpenApiImporter, ExternalValueServesFetchedContent) {
  MapFetcher fetcher;
  fetcher.files["http://host/examples/pet.json"] = R"({"name": "from file"})";
  auto imported = ImportText(R"yaml(
openapi: 3.0.0
info: {title: External, version: '1'}
paths:
  /pet:
    get:
      responses:
        '200':
          content:
            application/json:
              examples:
                e: {externalValue: 'examples/pet.json'}
                inline: {externalValue: 'data:text/plain,hi'}
)yaml",
                             "http://host/api.yaml", &fetcher);
  ASSERT_TRUE(imported) << imported.error().message;
  const auto& exchanges = imported->services[0].exchanges.at("GET /pet");
  ASSERT_EQ(exchanges.size(), 2u);
  EXPECT_EQ(exchanges[0].response.content, R"({"name": "from file"})");
  EXPECT_EQ(exchanges[1].response.content, "data:text/plain,hi");
}

TEST(OpenApiImporter, UnresolvableRefNamesTheRef) {
  auto imported = ImportText(R"yaml(
openapi: 3.0.0
info: {title: Missing, version: '1'}
paths:
  /a:
    get:
      responses:
        '200': {$ref: './missing.yaml'}
)yaml");
  ASSERT_FALSE(imported);
  EXPECT_NE(imported.error().message.find("./missing.yaml"), std::string::npos);
  EXPECT_NE(imported.error().message.find("/api/artifact/download"), std::string::npos);
}

TEST(OpenApiImporter, SwaggerResponseExamplesNotServed) {
  auto imported = ImportText(R"({
  "swagger": "2.0", "info": {"title": "Sw", "version": "0.9"},
  "paths": {"/beer/{name}": {"get": {
    "parameters": [{"name": "name", "in": "path", "required": true, "type": "string"}],
    "responses": {"200": {"description": "ok",
      "examples": {"application/json": {"name": "Weissbier"}}}}}}}})");
  ASSERT_TRUE(imported) << imported.error().message;
  const Service& service = imported->services[0];
  EXPECT_EQ(Op(service, "GET /beer/{name}").dispatcher, "URI_PARTS");
  EXPECT_EQ(service.resources[0].type, "SWAGGER");
  EXPECT_TRUE(service.exchanges.at("GET /beer/{name}").empty());
  ASSERT_EQ(imported->diagnostics.size(), 1u);
}

TEST(OpenApiImporter, MissingTitleIsClear) {
  auto imported = ImportText("openapi: 3.0.0\ninfo: {version: '1'}\npaths: {}\n");
  ASSERT_FALSE(imported);
  EXPECT_NE(imported.error().message.find("info.title"), std::string::npos);
}

TEST(OpenApiImporter, NumericVersionKeptAsText) {
  auto imported = ImportText("openapi: 3.1.0\ninfo: {title: T, version: 1.0}\npaths: {}\n");
  ASSERT_TRUE(imported);
  EXPECT_EQ(imported->services[0].version, "1.0");
}

}  // namespace
}  // namespace mimic
