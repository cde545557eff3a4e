#include "importer/postman_importer.h"

#include <fstream>
#include <optional>
#include <sstream>

#include <gtest/gtest.h>

#include "importer/document.h"
#include "importer/openapi_importer.h"
#include "importer/recorded_request.h"
#include "support/test_paths.h"

namespace mimic {
namespace {

const char* const kPostmanDir =
    "microcks-microcks/webapp/src/test/resources/io/github/microcks/util/postman/";
const char* const kOpenApiDir =
    "microcks-microcks/webapp/src/test/resources/io/github/microcks/util/openapi/";

std::optional<std::string> ReadCorpus(const std::string& relative) {
  std::ifstream file(mimic::testing::SourceDir() + "/../shared/corpus/public/" + relative,
                     std::ios::binary);
  if (!file) return std::nullopt;
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

Json Parse(const std::string& text) {
  auto document = ParseDocument(text);
  EXPECT_TRUE(document.has_value()) << (document ? "" : document.error().message);
  return document ? *document : Json();
}

Result<ImportedServices> ImportCollection(const std::string& text,
                                          const std::string& artifact = "collection.json") {
  ImportSource source;
  source.artifact_name = artifact;
  return ImportPostmanCollection(Parse(text), source, text);
}

Service ImportSwagger(const std::string& text) {
  ImportSource source;
  source.artifact_name = "swagger.json";
  auto imported = ImportOpenApi(Parse(text), text, source);
  EXPECT_TRUE(imported.has_value()) << (imported ? "" : imported.error().message);
  if (!imported || imported->services.empty()) return Service();
  return imported->services.front();
}

const Operation& Op(const Service& service, const std::string& name) {
  const Operation* operation = service.FindOperation(name);
  EXPECT_NE(operation, nullptr) << name;
  static const Operation kEmpty;
  return operation != nullptr ? *operation : kEmpty;
}

const Exchange* FindExchange(const Service& service, const std::string& operation,
                             const std::string& name) {
  auto exchanges = service.exchanges.find(operation);
  if (exchanges == service.exchanges.end()) return nullptr;
  for (const Exchange& exchange : exchanges->second) {
    if (exchange.response.name == name) return &exchange;
  }
  return nullptr;
}

std::string CriteriaOf(const Service& service, const std::string& operation,
                       const std::string& name) {
  const Exchange* exchange = FindExchange(service, operation, name);
  EXPECT_NE(exchange, nullptr) << operation << " / " << name;
  return exchange != nullptr ? exchange->response.dispatch_criteria : "<missing>";
}

bool HasDiagnostic(const std::vector<ImportDiagnostic>& diagnostics, const std::string& operation) {
  for (const ImportDiagnostic& diagnostic : diagnostics) {
    if (diagnostic.operation == operation) return true;
  }
  return false;
}

bool Contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// A Postman v2.1 export of two Petstore requests run against a live host.
constexpr const char* kPetstoreCollection = R"json({
  "info": {"name": "Swagger Petstore", "_postman_id": "6173c1b4",
           "version": "1.1",
           "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
  "item": [{"name": "pet", "item": [
    {"name": "Finds Pets by status",
     "request": {"method": "GET",
       "url": {"raw": "http://petstore.swagger.io/v2/pet/findByStatus?status={{status}}&user_key={{user_key}}"}},
     "response": [{"name": "findbystatus-available",
       "originalRequest": {"method": "GET",
         "header": [{"key": "Accept", "value": "application/json"}],
         "url": {"raw": "http://petstore.swagger.io/v2/pet/findByStatus?status=available&user_key=998bac0775b1d5f588e0a6ca7c11b852",
                 "query": [{"key": "status", "value": "available"},
                           {"key": "user_key", "value": "998bac0775b1d5f588e0a6ca7c11b852"}]}},
       "code": 200, "_postman_previewlanguage": "json",
       "header": [{"key": "Content-Type", "value": "application/json"}],
       "body": "[{\"id\": 1}]"}]},
    {"name": "Find pet by ID",
     "request": {"method": "GET",
       "url": {"raw": "http://petstore.swagger.io/v2/pet/:petId?user_key={{user_key}}",
               "variable": [{"key": "petId", "value": "{{petId}}"}]}},
     "response": [
       {"name": "findbyid-2",
        "originalRequest": {"method": "GET",
          "url": {"raw": "http://petstore.swagger.io/v2/pet/:petId?user_key=998bac0775b1d5f588e0a6ca7c11b852",
                  "variable": [{"key": "petId", "value": "2"}]}},
        "code": 200, "header": [{"key": "Content-Type", "value": "application/json"}],
        "body": "{\"id\": 2}"},
       {"name": "findbyid-1",
        "originalRequest": {"method": "GET",
          "url": {"raw": "http://petstore.swagger.io/v2/pet/:petId?user_key=998bac0775b1d5f588e0a6ca7c11b852",
                  "variable": [{"key": "petId", "value": "1"}]}},
        "code": 404, "_postman_previewlanguage": "Text", "header": [], "body": ""}]}
  ]}]
})json";

TEST(PostmanImporter, TestApiCollectionFromCorpus) {
  auto text = ReadCorpus(std::string(kPostmanDir) + "Test API.postman_collection.json");
  if (!text) GTEST_SKIP() << "corpus file not found";
  auto imported = ImportCollection(*text, "Test API.postman_collection.json");
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  ASSERT_EQ(imported->services.size(), 1u);
  const Service& service = imported->services.front();
  EXPECT_EQ(service.name, "Test API");
  EXPECT_EQ(service.version, "0.0.1");
  EXPECT_EQ(service.type, ServiceType::kRest);
  EXPECT_EQ(service.source_artifact, "Test API.postman_collection.json");
  ASSERT_EQ(service.operations.size(), 4u);

  const Operation& list = Op(service, "GET /order");
  EXPECT_EQ(list.method, "GET");
  EXPECT_EQ(list.dispatcher, "URI_PARAMS");
  EXPECT_EQ(list.dispatcher_rules, "status && page");
  EXPECT_EQ(CriteriaOf(service, "GET /order", "list-pending_approval"),
            "?page=0?status=pending_approval");
  EXPECT_EQ(CriteriaOf(service, "GET /order", "list-approved"), "?page=0?status=approved");
  EXPECT_TRUE(Contains(list.resource_paths, "/order"));

  const Operation& get = Op(service, "GET /order/:id");
  EXPECT_EQ(get.dispatcher, "URI_PARTS");
  EXPECT_EQ(get.dispatcher_rules, "id");
  EXPECT_EQ(CriteriaOf(service, "GET /order/:id", "get-123456"), "/id=123456");
  EXPECT_EQ(CriteriaOf(service, "GET /order/:id", "get-7891011"), "/id=7891011");
  EXPECT_TRUE(Contains(get.resource_paths, "/order/123456"));
  EXPECT_TRUE(Contains(get.resource_paths, "/order/7891011"));

  const Operation& create = Op(service, "POST /order");
  EXPECT_TRUE(create.dispatcher.empty());
  const Exchange* created = FindExchange(service, "POST /order", "create-123456");
  ASSERT_NE(created, nullptr);
  EXPECT_EQ(created->request.name, "create-123456");
  EXPECT_NE(created->request.content.find("\"devise\": \"EUR\""), std::string::npos);
  ASSERT_EQ(created->request.headers.size(), 1u);
  EXPECT_EQ(created->request.headers[0].name, "Content-Type");
  EXPECT_EQ(created->response.status, "201");
  EXPECT_EQ(created->response.media_type, "application/json");
  EXPECT_TRUE(created->response.headers.empty());
  EXPECT_EQ(created->response.source_artifact, "Test API.postman_collection.json");
  EXPECT_EQ(created->request.source_artifact, "Test API.postman_collection.json");

  // The pending list request carries its query as request parameters.
  const Exchange* pending = FindExchange(service, "GET /order", "list-pending_approval");
  ASSERT_NE(pending, nullptr);
  ASSERT_EQ(pending->request.query_parameters.size(), 2u);
  EXPECT_EQ(pending->request.query_parameters[0].name, "status");
  EXPECT_EQ(pending->request.query_parameters[0].value, "pending_approval");

  Op(service, "DELETE /order/:id");
  EXPECT_TRUE(service.exchanges.at("DELETE /order/:id").empty());
  EXPECT_TRUE(HasDiagnostic(imported->diagnostics, "DELETE /order/:id"));
  EXPECT_FALSE(HasDiagnostic(imported->diagnostics, "GET /order"));

  ASSERT_EQ(service.resources.size(), 1u);
  EXPECT_EQ(service.resources[0].name, "Test API-0.0.1.json");
  EXPECT_EQ(service.resources[0].type, "POSTMAN_COLLECTION");
  EXPECT_EQ(service.resources[0].content, *text);
  EXPECT_TRUE(service.resources[0].main_artifact);
}

TEST(PostmanImporter, StructuredVersionIdentifierFromCorpus) {
  auto text =
      ReadCorpus(std::string(kPostmanDir) + "structured-version-identifier-collection.json");
  if (!text) GTEST_SKIP() << "corpus file not found";
  auto imported = ImportCollection(*text);
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  const Service& service = imported->services.front();
  EXPECT_EQ(service.name, "Test API");
  EXPECT_EQ(service.version, "1.0.0");
  EXPECT_TRUE(service.operations.empty());
  EXPECT_TRUE(imported->diagnostics.empty());
}

TEST(PostmanImporter, VersionSources) {
  struct Case {
    const char* info;
    const char* version;
  };
  const Case cases[] = {
      {R"("version": "1.1")", "1.1"},
      {R"("version": {"major": 1, "minor": 0, "patch": 0})", "1.0.0"},
      {R"("version": {"major": 2, "minor": 1, "patch": 0, "identifier": "1.0.0"})", "1.0.0"},
      {R"("description": "version=0.0.1 - Description for Test API")", "0.0.1"},
      {R"("description": "version=0.0.1-Description for Test API")", "0.0.1-Description"},
      {R"("description": {"content": "version=2.0\nOrders", "type": "text/plain"})", "2.0"},
  };
  for (const Case& test : cases) {
    std::string text =
        std::string(R"({"info": {"name": "Orders", )") + test.info + "}, \"item\": []}";
    auto key = ReadPostmanServiceKey(Parse(text));
    ASSERT_TRUE(key.has_value()) << test.info << ": " << key.error().message;
    EXPECT_EQ(key->version, test.version) << test.info;
  }
}

TEST(PostmanImporter, MissingVersionExplainsFix) {
  auto imported = ImportCollection(
      R"({"info": {"name": "Orders", "description": "No version here"}, "item": []})");
  ASSERT_FALSE(imported.has_value());
  EXPECT_EQ(imported.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(imported.error().message.find("'Orders'"), std::string::npos);
  EXPECT_NE(imported.error().message.find("info.version"), std::string::npos);
  EXPECT_NE(imported.error().message.find("version=1.0.0"), std::string::npos);
}

TEST(PostmanImporter, MissingInfoIsUnsupported) {
  auto imported = ImportCollection(R"({"requests": [], "name": "v1 collection"})");
  ASSERT_FALSE(imported.has_value());
  EXPECT_EQ(imported.error().code, ErrorCode::kUnsupported);
  EXPECT_NE(imported.error().message.find("v2.1"), std::string::npos);
}

TEST(PostmanImporter, PetstoreDispatchersAndCriteria) {
  auto imported = ImportCollection(kPetstoreCollection);
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  const Service& service = imported->services.front();
  EXPECT_EQ(service.version, "1.1");
  ASSERT_EQ(service.operations.size(), 2u);

  const Operation& by_status = Op(service, "GET /v2/pet/findByStatus");
  EXPECT_EQ(by_status.dispatcher, "URI_PARAMS");
  EXPECT_EQ(by_status.dispatcher_rules, "status && user_key");
  EXPECT_EQ(by_status.resource_paths, std::vector<std::string>{"/v2/pet/findByStatus"});
  const Exchange* available =
      FindExchange(service, "GET /v2/pet/findByStatus", "findbystatus-available");
  ASSERT_NE(available, nullptr);
  EXPECT_EQ(available->response.dispatch_criteria,
            "?status=available?user_key=998bac0775b1d5f588e0a6ca7c11b852");
  EXPECT_EQ(available->response.status, "200");
  EXPECT_EQ(available->response.media_type, "application/json");
  EXPECT_EQ(available->response.headers.size(), 1u);
  EXPECT_EQ(available->request.headers.size(), 1u);

  const Operation& by_id = Op(service, "GET /v2/pet/:petId");
  EXPECT_EQ(by_id.dispatcher, "URI_ELEMENTS");
  EXPECT_EQ(by_id.dispatcher_rules, "petId ?? user_key");
  EXPECT_EQ(CriteriaOf(service, "GET /v2/pet/:petId", "findbyid-2"),
            "/petId=2?user_key=998bac0775b1d5f588e0a6ca7c11b852");
  EXPECT_EQ(CriteriaOf(service, "GET /v2/pet/:petId", "findbyid-1"),
            "/petId=1?user_key=998bac0775b1d5f588e0a6ca7c11b852");
  const Exchange* missing = FindExchange(service, "GET /v2/pet/:petId", "findbyid-1");
  ASSERT_NE(missing, nullptr);
  EXPECT_EQ(missing->response.status, "404");
  EXPECT_TRUE(missing->response.media_type.empty());
  EXPECT_TRUE(Contains(by_id.resource_paths, "/v2/pet/1"));
  EXPECT_TRUE(Contains(by_id.resource_paths, "/v2/pet/2"));
  EXPECT_TRUE(imported->diagnostics.empty());
}

TEST(PostmanImporter, FoldersDuplicatesAndHostVariables) {
  auto imported = ImportCollection(R"json({
    "info": {"name": "Shelter", "version": "2.0"},
    "item": [
      {"name": "outer", "item": [
        {"name": "inner", "item": [
          {"name": "list", "request": {"method": "GET", "url": "{{baseUrl}}/pets"},
           "response": [{"name": "all", "code": 200, "body": "[]"}]}
        ]}
      ]},
      {"name": "list again", "request": {"method": "GET", "url": {"raw": "{{baseUrl}}/pets?kind=cat"}},
       "response": [{"name": "cats", "originalRequest": {"url": "{{baseUrl}}/pets?kind=cat"},
                     "body": "<pets/>", "_postman_previewlanguage": "xml"}]},
      {"name": "bare", "request": "https://shelter.example.com:8443/pets/count"}
    ]})json");
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  const Service& service = imported->services.front();
  ASSERT_EQ(service.operations.size(), 2u);
  EXPECT_EQ(service.operations[0].name, "GET /pets");
  EXPECT_EQ(service.operations[1].name, "GET /pets/count");

  // The first request of an operation sets its dispatcher; later ones add exchanges.
  const Operation& pets = Op(service, "GET /pets");
  EXPECT_TRUE(pets.dispatcher.empty());
  ASSERT_EQ(service.exchanges.at("GET /pets").size(), 2u);
  const Exchange* cats = FindExchange(service, "GET /pets", "cats");
  ASSERT_NE(cats, nullptr);
  EXPECT_EQ(cats->response.status, "200");
  EXPECT_EQ(cats->response.media_type, "text/xml");
  EXPECT_EQ(cats->response.content, "<pets/>");
  EXPECT_TRUE(cats->response.dispatch_criteria.empty());
  EXPECT_TRUE(HasDiagnostic(imported->diagnostics, "GET /pets/count"));
}

TEST(PostmanImporter, VariableSegmentsAndLowerCaseMethods) {
  auto imported = ImportCollection(R"json({
    "info": {"name": "Curly", "version": "1.0"},
    "item": [
      {"name": "user", "request": {"method": "get", "url": "{{host}}/users/{{userId}}"},
       "response": [{"name": "42", "code": 200, "body": "{\"id\": 42}",
                     "originalRequest": {"method": "get", "url": "{{host}}/users/42"}}]},
      {"name": "calc", "request": {"method": "GET",
         "url": {"raw": "{{baseUrl}}v1/calc?enc=abc", "host": ["{{baseUrl}}v1"],
                 "path": ["v1", "calc"], "query": [{"key": "enc", "value": "abc"}]}},
       "response": [{"name": "abc", "code": 200, "body": "ok"}]}
    ]})json");
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  const Service& service = imported->services.front();
  ASSERT_EQ(service.operations.size(), 2u);
  EXPECT_EQ(service.operations[0].name, "GET /users/:userId");
  EXPECT_EQ(service.operations[0].method, "GET");
  EXPECT_EQ(service.operations[0].dispatcher, "URI_PARTS");
  EXPECT_EQ(CriteriaOf(service, "GET /users/:userId", "42"), "/userId=42");
  EXPECT_EQ(service.operations[1].name, "GET /v1/calc");
}

TEST(PostmanImporter, SavedResponseWithoutOriginalRequestUsesTheItem) {
  auto imported = ImportCollection(R"json({
    "info": {"name": "NoOrig", "version": "1"},
    "item": [{"name": "search", "request": {"method": "GET",
        "url": {"raw": "http://shop.test/search?q=shoes", "query": [{"key": "q", "value": "shoes"}]}},
      "response": [{"name": "shoes", "code": 200, "body": "[]"}]}]})json");
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  const Service& service = imported->services.front();
  EXPECT_EQ(Op(service, "GET /search").dispatcher, "URI_PARAMS");
  EXPECT_EQ(CriteriaOf(service, "GET /search", "shoes"), "?q=shoes");
}

TEST(PostmanImporter, VersionTwoVariableIdNamesThePart) {
  auto imported = ImportCollection(R"json({
    "info": {"name": "VarId", "version": "1.0"},
    "item": [{"name": "toys", "request": {"method": "GET", "url": "http://x.test/pets/:petId/toys"},
      "response": [{"name": "one", "code": 200, "body": "[]",
        "originalRequest": {"method": "GET", "url": {"raw": "http://x.test/pets/:petId/toys",
          "variable": [{"id": "petId", "value": "1"}]}}}]}]})json");
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  EXPECT_EQ(CriteriaOf(imported->services.front(), "GET /pets/:petId/toys", "one"), "/petId=1");
}

TEST(PostmanImporter, WorkspaceWrapperIsUnwrapped) {
  auto imported = ImportCollection(R"json({"collection": {
    "info": {"name": "Wrapped", "version": "2.1"},
    "item": [{"name": "ping", "request": {"method": "GET", "url": "http://x.test/ping"},
              "response": [{"name": "pong", "code": 200, "body": "pong"}]}]}})json");
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  EXPECT_EQ(imported->services.front().name, "Wrapped");
  EXPECT_EQ(imported->services.front().operations.size(), 1u);
  auto key = ReadPostmanServiceKey(
      Parse(R"json({"collection": {"info": {"name": "W", "version": "3"}}})json"));
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->version, "3");
}

TEST(PostmanImporter, InfoProblemsNameTheField) {
  auto array_name =
      ImportCollection(R"json({"info": {"name": ["x"], "version": "1"}, "item": []})json");
  ASSERT_FALSE(array_name.has_value());
  EXPECT_NE(array_name.error().message.find("info.name must be a string"), std::string::npos);
  auto partial =
      ImportCollection(R"json({"info": {"name": "P", "version": {"major": 1}}, "item": []})json");
  ASSERT_FALSE(partial.has_value());
  EXPECT_NE(partial.error().message.find("major"), std::string::npos) << partial.error().message;
  auto from_description = ImportCollection(R"json({"info": {"name": "D", "version": "",
      "description": "version=4.2 - Orders"}, "item": []})json");
  ASSERT_TRUE(from_description.has_value()) << from_description.error().message;
  EXPECT_EQ(from_description->services.front().version, "4.2");
}

TEST(PostmanImporter, GraphqlBodyBecomesRequestContent) {
  auto imported = ImportCollection(R"json({
    "info": {"name": "Films", "version": "1.0"},
    "item": [{"name": "film", "request": {"method": "POST", "url": "http://film"},
      "response": [{"name": "one", "code": 200,
        "originalRequest": {"method": "POST", "url": {"raw": "{{url}}"},
          "body": {"mode": "graphql", "graphql": {
            "query": "query film ($id: String) {\n  film (id: $id) { title }\n}",
            "variables": "{\"id\": \"ZmlsbXM6MQ==\"}"}}},
        "body": "{\"data\": {}}"}]}]})json");
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  const Service& service = imported->services.front();
  const Exchange* first_film = FindExchange(service, "POST film", "one");
  ASSERT_NE(first_film, nullptr);
  Json body = Json::parse(first_film->request.content, nullptr, false);
  ASSERT_TRUE(body.is_object()) << first_film->request.content;
  EXPECT_EQ(body["query"], "query film ($id: String) {\n  film (id: $id) { title }\n}");
  EXPECT_EQ(body["variables"]["id"], "ZmlsbXM6MQ==");
}

TEST(PostmanImporter, MockEndpointPrefixOnlyForSameService) {
  auto imported = ImportCollection(R"json({
    "info": {"name": "Test API", "version": "0.0.1"},
    "item": [
      {"name": "a", "request": {"method": "GET", "url": "http://localhost:8080/rest/Test+API/0.0.1/order"}},
      {"name": "b", "request": {"method": "GET", "url": "http://localhost:8080/rest/Other/0.0.1/order"}},
      {"name": "c", "request": {"method": "GET", "url": "http://localhost:8080/rest/Test%20API/0.0.2/order"}}
    ]})json");
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  const Service& service = imported->services.front();
  ASSERT_EQ(service.operations.size(), 3u);
  EXPECT_EQ(service.operations[0].name, "GET /order");
  EXPECT_EQ(service.operations[1].name, "GET /rest/Other/0.0.1/order");
  EXPECT_EQ(service.operations[2].name, "GET /rest/Test%20API/0.0.2/order");
}

TEST(PostmanImporter, FolderDepthIsBounded) {
  std::string text = R"({"info": {"name": "Deep", "version": "1"}, "item": [)";
  const int levels = 70;
  for (int i = 0; i < levels; ++i) text += R"({"name": "f", "item": [)";
  text += R"({"name": "leaf", "request": {"method": "GET", "url": "/leaf"}})";
  for (int i = 0; i < levels; ++i) text += "]}";
  text += "]}";
  auto imported = ImportCollection(text);
  ASSERT_FALSE(imported.has_value());
  EXPECT_EQ(imported.error().code, ErrorCode::kLimitExceeded);
}

TEST(PostmanImporter, OperationNameEquivalence) {
  EXPECT_TRUE(AreOperationNamesEquivalent("GET /beer/{name}", "GET /beer/:name"));
  EXPECT_TRUE(AreOperationNamesEquivalent("GET /order", "get /ORDER"));
  EXPECT_TRUE(AreOperationNamesEquivalent("allFilms", "POST allFilms"));
  EXPECT_TRUE(AreOperationNamesEquivalent("order", "GET /order"));
  EXPECT_TRUE(AreOperationNamesEquivalent("/order", "GET /order"));
  EXPECT_FALSE(AreOperationNamesEquivalent("film", "POST allFilms"));
  EXPECT_FALSE(AreOperationNamesEquivalent("GET /beer", "GET /beers"));
  EXPECT_FALSE(AreOperationNamesEquivalent("GET /beer/{name}", "GET /beer/:id"));
  EXPECT_FALSE(AreOperationNamesEquivalent("/x", "OPTIONS /x"));
}

TEST(PostmanImporter, BeerCatalogOntoSwaggerFromCorpus) {
  auto swagger = ReadCorpus(std::string(kOpenApiDir) + "beer-catalog-api-swagger.json");
  auto collection = ReadCorpus(std::string(kOpenApiDir) + "beer-catalog-api-collection.json");
  if (!swagger || !collection) GTEST_SKIP() << "corpus file not found";
  Service service = ImportSwagger(*swagger);
  ASSERT_EQ(service.name, "Beer Catalog API");
  Json document = Parse(*collection);
  auto key = ReadPostmanServiceKey(document);
  ASSERT_TRUE(key.has_value()) << key.error().message;
  EXPECT_EQ(key->name, "Beer Catalog API");
  EXPECT_EQ(key->version, "0.9");

  auto applied = ApplyPostmanCollection(document, "beer-collection.json", &service, *collection);
  ASSERT_TRUE(applied.has_value()) << applied.error().message;
  EXPECT_TRUE(applied->empty()) << applied->front().operation << ": " << applied->front().message;

  EXPECT_EQ(CriteriaOf(service, "GET /beer/{name}", "Weissbier"), "/name=Weissbier");
  EXPECT_EQ(CriteriaOf(service, "GET /beer/{name}", "Rodenbach"), "/name=Rodenbach");
  EXPECT_EQ(CriteriaOf(service, "GET /beer/findByStatus/{status}", "Get available beers"),
            "/status=available");
  EXPECT_EQ(CriteriaOf(service, "GET /beer", "List page 0"), "?page=0");
  const Exchange* weissbier = FindExchange(service, "GET /beer/{name}", "Weissbier");
  ASSERT_NE(weissbier, nullptr);
  EXPECT_EQ(weissbier->response.source_artifact, "beer-collection.json");
  EXPECT_EQ(weissbier->request.source_artifact, "beer-collection.json");
  EXPECT_EQ(weissbier->response.media_type, "application/json");
  EXPECT_NE(weissbier->response.content.find("\"out_of_stock\""), std::string::npos);
  EXPECT_TRUE(Contains(Op(service, "GET /beer/{name}").resource_paths, "/beer/Weissbier"));

  // The Swagger dispatchers are kept: the collection does not set them.
  EXPECT_EQ(Op(service, "GET /beer/{name}").dispatcher, "URI_PARTS");
  EXPECT_EQ(Op(service, "GET /beer/{name}").dispatcher_rules, "name");

  ASSERT_EQ(service.resources.size(), 2u);
  EXPECT_EQ(service.resources[1].name, "Beer Catalog API-0.9.json");
  EXPECT_EQ(service.resources[1].type, "POSTMAN_COLLECTION");
  EXPECT_FALSE(service.resources[1].main_artifact);
  EXPECT_EQ(service.resources[1].source_artifact, "beer-collection.json");

  // Applying the same artifact again replaces its resource instead of adding one.
  auto again = ApplyPostmanCollection(document, "beer-collection.json", &service, *collection);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(service.resources.size(), 2u);
}

TEST(PostmanImporter, ApiPastriesOntoOpenApiFromCorpus) {
  auto openapi =
      ReadCorpus("microcks-testcontainers-java/src/test/resources/apipastries-openapi.yaml");
  auto collection = ReadCorpus(
      "microcks-testcontainers-java/src/test/resources/apipastries-postman-collection.json");
  if (!openapi || !collection) GTEST_SKIP() << "corpus file not found";
  Service service = ImportSwagger(*openapi);
  ASSERT_EQ(service.name, "API Pastries");
  auto applied = ApplyPostmanCollection(Parse(*collection), "pastries.json", &service);
  ASSERT_TRUE(applied.has_value()) << applied.error().message;
  EXPECT_EQ(CriteriaOf(service, "GET /pastries/{name}", "Eclair Chocolat"),
            "/name=Eclair Chocolat");
}

TEST(PostmanImporter, SecondaryReportsUnmatchedRequests) {
  Service service;
  service.name = "Shelter";
  service.version = "1.0";
  Operation operation;
  operation.name = "GET /pets/{id}";
  operation.method = "GET";
  operation.dispatcher = "FALLBACK";
  operation.dispatcher_rules =
      R"({"dispatcher": "URI_PARTS", "dispatcherRules": "id", "fallback": "unknown"})";
  service.operations.push_back(operation);
  Operation other;
  other.name = "DELETE /pets/{id}";
  other.method = "DELETE";
  service.operations.push_back(other);

  auto applied = ApplyPostmanCollection(Parse(R"json({
    "info": {"name": "Shelter", "version": "1.0"},
    "item": [
      {"name": "by id", "request": {"method": "GET", "url": "http:///pets/:id"},
       "response": [
         {"name": "one", "originalRequest": {"url": {"raw": "http:///pets/:id",
                                                    "variable": [{"key": "id", "value": "1"}]}}},
         {"name": "literal", "originalRequest": {"url": "http:///pets/7"}}]},
      {"name": "unknown", "request": {"method": "GET", "url": "http:///owners"},
       "response": [{"name": "owners"}]}
    ]})json"),
                                        "shelter.json", &service);
  ASSERT_TRUE(applied.has_value()) << applied.error().message;
  EXPECT_EQ(CriteriaOf(service, "GET /pets/{id}", "one"), "/id=1");
  // Beyond Microcks: a literal URL gives its values through the operation's template.
  EXPECT_EQ(CriteriaOf(service, "GET /pets/{id}", "literal"), "/id=7");
  EXPECT_TRUE(HasDiagnostic(*applied, "GET /owners"));
  EXPECT_TRUE(HasDiagnostic(*applied, "DELETE /pets/{id}"));
  EXPECT_FALSE(HasDiagnostic(*applied, "GET /pets/{id}"));
}

TEST(PostmanImporter, BasePathInRequestUrlsIsNamed) {
  Service service;
  service.name = "Orders";
  service.version = "1.0";
  Operation operation;
  operation.name = "GET /orders/{orderId}";
  operation.method = "GET";
  service.operations.push_back(operation);

  auto applied = ApplyPostmanCollection(Parse(R"json({
    "info": {"name": "Orders", "version": "1.0"},
    "item": [{"name": "order", "request": {"method": "GET", "url": "http://shop.test/v2/orders/:orderId"},
              "response": [{"name": "one", "code": 200, "body": "{}"}]}]})json"),
                                        "orders.json", &service);
  ASSERT_TRUE(applied.has_value()) << applied.error().message;
  std::string all;
  for (const ImportDiagnostic& diagnostic : *applied) all += diagnostic.message + "\n";
  EXPECT_NE(all.find("Without its leading '/v2' it would match operation 'GET /orders/{orderId}'"),
            std::string::npos)
      << all;
}

TEST(PostmanImporter, GraphqlCollectionOntoGraphqlService) {
  auto text = ReadCorpus(
      "microcks-microcks/webapp/src/test/resources/io/github/microcks/util/graphql/"
      "films-postman.json");
  if (!text) GTEST_SKIP() << "corpus file not found";
  // No GraphQL schema importer exists yet, so the test builds the service that
  // films.graphql describes.
  Service service;
  service.name = "Movie Graph API";
  service.version = "1.0";
  service.type = ServiceType::kGraphql;
  Operation film;
  film.name = "film";
  film.method = "QUERY";
  film.dispatcher = "QUERY_ARGS";
  film.dispatcher_rules = "id";
  service.operations.push_back(film);
  Operation all_films;
  all_films.name = "allFilms";
  all_films.method = "QUERY";
  service.operations.push_back(all_films);

  auto applied = ApplyPostmanCollection(Parse(*text), "films-postman.json", &service);
  ASSERT_TRUE(applied.has_value()) << applied.error().message;
  EXPECT_EQ(service.exchanges.at("film").size(), 5u);
  EXPECT_EQ(CriteriaOf(service, "film", "film ZmlsbXM6MQ=="), "?id=ZmlsbXM6MQ==");
  EXPECT_EQ(service.exchanges.at("allFilms").size(), 1u);
  const Exchange* first_film = FindExchange(service, "film", "film ZmlsbXM6MQ==");
  ASSERT_NE(first_film, nullptr);
  EXPECT_NE(first_film->request.content.find("\"id\": \"ZmlsbXM6MQ==\""), std::string::npos);
  EXPECT_TRUE(HasDiagnostic(*applied, "POST addStar"));
}

TEST(PostmanImporter, UrlRuleHelpers) {
  EXPECT_EQ(RemoveSchemeAndHost("http://localhost:8080/pets/1?x=1"), "/pets/1?x=1");
  EXPECT_EQ(RemoveSchemeAndHost("http:///order"), "/order");
  EXPECT_EQ(RemoveSchemeAndHost("http://allFilms"), "allFilms");
  EXPECT_EQ(ParamsRulesFromUrl("http:///beer?page={{page}}&page=2&size=1"), "page && size");
  EXPECT_EQ(ParamsRulesFromUrl("http:///beer?page"), "");
  EXPECT_EQ(PartsRulesFromUrl("http://host:8080/v2/pet/:petId/tags/:tag?user_key=1"),
            "petId && tag");
  EXPECT_EQ(PartsRulesFromUrl("{{baseUrl}}/pet/:petId/$access"), "petId");
  EXPECT_EQ(PartsRulesFromUrl("/pet/{petId}/{tag}"), "petId && tag");
  NameValueList pairs = QueryPairs("/p?a=1&b=x+y%21&c");
  ASSERT_EQ(pairs.size(), 3u);
  EXPECT_EQ(pairs[1], (std::pair<std::string, std::string>("b", "x y!")));
  EXPECT_EQ(pairs[2], (std::pair<std::string, std::string>("c", "")));
}

}  // namespace
}  // namespace mimic
