#include "importer/har_importer.h"

#include <fstream>
#include <optional>
#include <sstream>

#include <gtest/gtest.h>

#include "common/strings.h"
#include "importer/document.h"
#include "importer/graphql_operation.h"
#include "importer/openapi_importer.h"
#include "support/test_paths.h"

namespace mimic {
namespace {

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

Result<ImportedServices> Import(const std::string& text) {
  ImportSource source;
  source.artifact_name = "recording.har";
  return ImportHar(Parse(text), source);
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

std::vector<std::string> CriteriaOf(const Service& service, const std::string& operation) {
  std::vector<std::string> criteria;
  auto exchanges = service.exchanges.find(operation);
  if (exchanges == service.exchanges.end()) return criteria;
  for (const Exchange& exchange : exchanges->second) {
    criteria.push_back(exchange.response.dispatch_criteria);
  }
  return criteria;
}

bool HasHeader(const std::vector<Header>& headers, const std::string& name) {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const Header& header) { return EqualsIgnoreCase(header.name, name); });
}

bool HasDiagnostic(const std::vector<ImportDiagnostic>& diagnostics, const std::string& operation) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [&](const ImportDiagnostic& item) { return item.operation == operation; });
}

// A recording with one entry per URL given as "METHOD url".
std::string Recording(const std::string& comment, const std::vector<std::string>& requests) {
  Json entries = Json::array();
  int second = 0;
  for (const std::string& request : requests) {
    size_t space = request.find(' ');
    Json entry;
    entry["startedDateTime"] = "2024-01-01T00:00:0" + std::to_string(second++) + "Z";
    entry["request"] = {{"method", request.substr(0, space)},
                        {"url", request.substr(space + 1)},
                        {"headers", Json::array()}};
    entry["response"] = {
        {"status", 200},
        {"headers", Json::array({{{"name", "Content-Type"}, {"value", "application/json"}}})},
        {"content", {{"mimeType", "application/json"}, {"text", "{}"}}}};
    entries.push_back(entry);
  }
  Json document = {{"log", {{"version", "1.2"}, {"comment", comment}, {"entries", entries}}}};
  return DumpJson(document);
}

TEST(HarImporter, ApiPastriesFromCorpus) {
  auto text = ReadCorpus("microcks-microcks/samples/api-pastries-0.0.1.har");
  if (!text) GTEST_SKIP() << "corpus file not found";
  auto imported = Import(*text);
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  ASSERT_EQ(imported->services.size(), 1u);
  const Service& service = imported->services.front();
  EXPECT_EQ(service.name, "API Pastries");
  EXPECT_EQ(service.version, "0.0.2");
  EXPECT_EQ(service.type, ServiceType::kRest);
  EXPECT_EQ(service.source_artifact, "recording.har");
  EXPECT_TRUE(service.resources.empty());
  EXPECT_TRUE(imported->diagnostics.empty());
  ASSERT_EQ(service.operations.size(), 3u);

  const Operation& list = Op(service, "GET /pastries");
  EXPECT_EQ(list.dispatcher, "URI_PARAMS");
  EXPECT_EQ(list.dispatcher_rules, "size");
  EXPECT_EQ(CriteriaOf(service, "GET /pastries"),
            (std::vector<std::string>{"?size=L", "?size=S", "?size=M"}));
  const Exchange* large = FindExchange(service, "GET /pastries", "2023-08-16T13:03:11.873Z");
  ASSERT_NE(large, nullptr);
  EXPECT_EQ(large->request.name, "2023-08-16T13:03:11.873Z");
  EXPECT_EQ(large->response.media_type, "application/json;charset=UTF-8");
  EXPECT_NE(large->response.content.find("Baba Rhum"), std::string::npos);
  ASSERT_EQ(large->request.query_parameters.size(), 1u);
  EXPECT_EQ(large->request.query_parameters[0].name, "size");
  EXPECT_EQ(large->request.query_parameters[0].value, "L");
  // Browser and connection headers are gone, API headers stay.
  EXPECT_TRUE(HasHeader(large->request.headers, "Accept"));
  for (const char* dropped : {"Host", "User-Agent", "Sec-Fetch-Mode", "sec-ch-ua",
                              "Upgrade-Insecure-Requests", "Connection"}) {
    EXPECT_FALSE(HasHeader(large->request.headers, dropped)) << dropped;
  }
  EXPECT_TRUE(HasHeader(large->response.headers, "Content-Type"));
  for (const char* dropped : {"Date", "Vary", "Keep-Alive", "Connection"}) {
    EXPECT_FALSE(HasHeader(large->response.headers, dropped)) << dropped;
  }

  const Operation& by_name = Op(service, "GET /pastries/{part1}");
  EXPECT_EQ(by_name.dispatcher, "URI_PARTS");
  EXPECT_EQ(by_name.dispatcher_rules, "part1");
  EXPECT_EQ(CriteriaOf(service, "GET /pastries/{part1}"),
            (std::vector<std::string>{"/part1=Millefeuille", "/part1=Eclair Cafe"}));

  const Operation& patch = Op(service, "PATCH /pastries/Eclair+Cafe");
  EXPECT_EQ(patch.dispatcher, "URI_PARTS");
  EXPECT_TRUE(patch.dispatcher_rules.empty());
  const Exchange* patched =
      FindExchange(service, "PATCH /pastries/Eclair+Cafe", "2023-08-17T11:05:53.434+02:00");
  ASSERT_NE(patched, nullptr);
  EXPECT_EQ(patched->request.content, "{\"price\":2.6}");
  EXPECT_NE(patched->response.content.find("\"price\":2.6"), std::string::npos);
  EXPECT_TRUE(patched->response.dispatch_criteria.empty());
  EXPECT_TRUE(HasHeader(patched->request.headers, "Postman-Token"));
}

TEST(HarImporter, MissingMicrocksIdExplainsFix) {
  auto imported = Import(Recording("apiPrefix: /api", {"GET http://localhost/api/a"}));
  ASSERT_FALSE(imported.has_value());
  EXPECT_EQ(imported.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(imported.error().message.find("microcksId: <service name>:<version>"),
            std::string::npos);
}

TEST(HarImporter, MissingCommentIsError) {
  auto imported = Import(R"({"log": {"version": "1.2", "entries": []}})");
  ASSERT_FALSE(imported.has_value());
  EXPECT_NE(imported.error().message.find("no log.comment"), std::string::npos);
  EXPECT_NE(imported.error().message.find("microcksId"), std::string::npos);
}

TEST(HarImporter, MalformedMicrocksIdIsError) {
  auto imported = Import(Recording("microcksId: Orders without version", {}));
  ASSERT_FALSE(imported.has_value());
  EXPECT_NE(imported.error().message.find("malformed"), std::string::npos);
  EXPECT_NE(imported.error().message.find("Orders without version"), std::string::npos);
}

TEST(HarImporter, UnsupportedVersionIsError) {
  auto imported = Import(R"({"log": {"version": "2.0", "comment": "microcksId: A:1"}})");
  ASSERT_FALSE(imported.has_value());
  EXPECT_EQ(imported.error().code, ErrorCode::kUnsupported);
  EXPECT_NE(imported.error().message.find("'2.0'"), std::string::npos);

  auto not_har = Import(R"({"openapi": "3.0.0"})");
  ASSERT_FALSE(not_har.has_value());
  EXPECT_NE(not_har.error().message.find("`log`"), std::string::npos);
}

TEST(HarImporter, SimilarPathsMergeIntoTemplates) {
  auto imported = Import(Recording(
      "microcksId: Shop : 1.0\napiPrefix: /api",
      {"GET http://shop.example.com/api/orders/1", "GET http://shop.example.com/api/orders/2",
       "GET http://shop.example.com/api/orders/3",
       "GET http://shop.example.com/api/users/alice/profile",
       "GET http://shop.example.com/api/users/bob/profile", "GET http://shop.example.com/api/a/b",
       "GET http://shop.example.com/api/c/d", "GET http://shop.example.com/api/search/books?q=x",
       "GET http://shop.example.com/api/search/films?q=y", "GET http://shop.example.com/app.js",
       "GET http://shop.example.com/api/favicon.ico",
       "GET http://shop.example.com/other/orders/9"}));
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  const Service& service = imported->services.front();
  EXPECT_EQ(service.name, "Shop");
  EXPECT_EQ(service.version, "1.0");
  std::vector<std::string> names;
  for (const Operation& operation : service.operations) names.push_back(operation.name);
  EXPECT_EQ(names, (std::vector<std::string>{"GET /orders/{part1}", "GET /users/{part1}/profile",
                                             "GET /a/b", "GET /c/d", "GET /search/{part1}"}));

  EXPECT_EQ(Op(service, "GET /orders/{part1}").dispatcher_rules, "part1");
  EXPECT_EQ(CriteriaOf(service, "GET /orders/{part1}"),
            (std::vector<std::string>{"/part1=1", "/part1=2", "/part1=3"}));
  EXPECT_EQ(CriteriaOf(service, "GET /users/{part1}/profile"),
            (std::vector<std::string>{"/part1=alice", "/part1=bob"}));
  EXPECT_EQ(Op(service, "GET /a/b").dispatcher, "URI_PARTS");
  EXPECT_TRUE(Op(service, "GET /a/b").dispatcher_rules.empty());

  const Operation& search = Op(service, "GET /search/{part1}");
  EXPECT_EQ(search.dispatcher, "URI_ELEMENTS");
  EXPECT_EQ(search.dispatcher_rules, "part1 ?? q");
  EXPECT_EQ(CriteriaOf(service, "GET /search/{part1}"),
            (std::vector<std::string>{"/part1=books?q=x", "/part1=films?q=y"}));
}

TEST(HarImporter, AbsoluteApiPrefix) {
  auto imported = Import(
      Recording("microcksId: Shop:1.0\napiPrefix: http://localhost:8080/api",
                {"GET http://localhost:8080/api/orders", "GET http://localhost:9090/api/ignored"}));
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  const Service& service = imported->services.front();
  ASSERT_EQ(service.operations.size(), 1u);
  EXPECT_EQ(service.operations[0].name, "GET /orders");
}

TEST(HarImporter, ContentAndHeadersCleanUp) {
  auto imported = Import(R"json({"log": {"version": "1.1", "comment": "microcksId: Shop:1.0",
    "entries": [{"startedDateTime": "t1",
      "request": {"method": "POST", "url": "https://shop.example.com/orders",
        "headers": [{"name": ":authority", "value": "shop.example.com"},
                    {"name": "Content-Type", "value": "application/json"}],
        "postData": {"mimeType": "application/json", "text": "{\"id\": 1}"}},
      "response": {"status": 201,
        "headers": [{"name": "Set-Cookie", "value": "a=1"}, {"name": "Set-Cookie", "value": "b=2"},
                    {"name": ":status", "value": "201"}],
        "content": {"mimeType": "application/json", "encoding": "base64",
                    "text": "eyJpZCI6IDF9"}}}]}})json");
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  const Service& service = imported->services.front();
  const Exchange* created = FindExchange(service, "POST /orders", "t1");
  ASSERT_NE(created, nullptr);
  EXPECT_EQ(created->request.content, "{\"id\": 1}");
  ASSERT_EQ(created->request.headers.size(), 1u);
  EXPECT_EQ(created->request.headers[0].name, "Content-Type");
  EXPECT_EQ(created->response.status, "201");
  EXPECT_EQ(created->response.content, "{\"id\": 1}");
  EXPECT_EQ(created->response.media_type, "application/json");
  ASSERT_EQ(created->response.headers.size(), 1u);
  EXPECT_EQ(created->response.headers[0].values, (std::vector<std::string>{"a=1", "b=2"}));
}

TEST(HarImporter, RecordingWithoutApiCallsIsReported) {
  auto imported = Import(
      Recording("microcksId: Shop:1.0\napiPrefix: /api", {"GET http://localhost/static/app.css"}));
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  EXPECT_TRUE(imported->services.front().operations.empty());
  ASSERT_EQ(imported->diagnostics.size(), 1u);
  EXPECT_NE(imported->diagnostics[0].message.find("/api"), std::string::npos);
}

TEST(HarImporter, MovieGraphOntoGraphqlServiceFromCorpus) {
  auto text = ReadCorpus(
      "microcks-microcks/webapp/src/test/resources/io/github/microcks/util/har/"
      "movie-graph-api-1.0.har");
  if (!text) GTEST_SKIP() << "corpus file not found";
  Json document = Parse(*text);
  auto key = ReadHarServiceKey(document);
  ASSERT_TRUE(key.has_value()) << key.error().message;
  EXPECT_EQ(key->name, "Movie Graph API");
  EXPECT_EQ(key->version, "1.0");

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
  auto applied = ApplyHar(document, "movie-graph-api-1.0.har", &service);
  ASSERT_TRUE(applied.has_value()) << applied.error().message;
  EXPECT_TRUE(applied->empty());
  const Exchange* exchange = FindExchange(service, "film", "2023-08-23T11:15:01.184+02:00");
  ASSERT_NE(exchange, nullptr);
  EXPECT_EQ(exchange->response.dispatch_criteria, "?id=3");
  EXPECT_EQ(exchange->response.source_artifact, "movie-graph-api-1.0.har");
  EXPECT_NE(exchange->response.content.find("Return of the Jedi"), std::string::npos);

  // Imported on its own, the recording gives a GraphQL service.
  ImportSource source;
  source.artifact_name = "movie-graph-api-1.0.har";
  auto imported = ImportHar(document, source);
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  const Service& own = imported->services.front();
  EXPECT_EQ(own.type, ServiceType::kGraphql);
  EXPECT_EQ(Op(own, "film").method, "QUERY");
  EXPECT_EQ(Op(own, "film").dispatcher, "QUERY_ARGS");
}

TEST(HarImporter, StoreGraphRecordingFromCorpus) {
  auto text =
      ReadCorpus("microcks-api-lifecycle/graphql-federation-demo/datasets/stores-recording.json");
  if (!text) GTEST_SKIP() << "corpus file not found";
  Service service;
  service.name = "Store Graph";
  service.version = "1.0";
  service.type = ServiceType::kGraphql;
  Operation stores;
  stores.name = "stores";
  stores.method = "QUERY";
  service.operations.push_back(stores);
  Operation sells;
  sells.name = "pastrySells";
  sells.method = "QUERY";
  sells.dispatcher = "QUERY_ARGS";
  sells.dispatcher_rules = "storeId";
  service.operations.push_back(sells);
  auto applied = ApplyHar(Parse(*text), "stores-recording.json", &service);
  ASSERT_TRUE(applied.has_value()) << applied.error().message;
  EXPECT_EQ(CriteriaOf(service, "pastrySells"), std::vector<std::string>{"?storeId=2"});
  const Exchange* exchange = FindExchange(service, "pastrySells", "2024-08-29T13:53:28.588Z");
  ASSERT_NE(exchange, nullptr);
  EXPECT_NE(exchange->response.content.find("\"sellsCount\":199"), std::string::npos);
  EXPECT_TRUE(HasDiagnostic(*applied, "stores"));
}

TEST(HarImporter, RecordingOntoOpenApiServiceFromCorpus) {
  auto openapi =
      ReadCorpus("microcks-testcontainers-java/src/test/resources/apipastries-openapi.yaml");
  auto recording = ReadCorpus("microcks-microcks/samples/api-pastries-0.0.1.har");
  if (!openapi || !recording) GTEST_SKIP() << "corpus file not found";
  ImportSource source;
  source.artifact_name = "apipastries-openapi.yaml";
  auto imported = ImportOpenApi(Parse(*openapi), *openapi, source);
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  Service service = imported->services.front();

  auto applied = ApplyHar(Parse(*recording), "pastries.har", &service);
  ASSERT_TRUE(applied.has_value()) << applied.error().message;
  EXPECT_TRUE(applied->empty()) << applied->front().operation << ": " << applied->front().message;
  const Exchange* medium = FindExchange(service, "GET /pastries", "2023-08-17T08:43:27.244Z");
  ASSERT_NE(medium, nullptr);
  EXPECT_EQ(medium->response.dispatch_criteria, "?size=M");
  // Beyond Microcks: entries reach templated operations through their path.
  const Exchange* eclair =
      FindExchange(service, "GET /pastries/{name}", "2023-08-17T08:43:48.168Z");
  ASSERT_NE(eclair, nullptr);
  EXPECT_EQ(eclair->response.dispatch_criteria, "/name=Eclair Cafe");
  const Exchange* patched =
      FindExchange(service, "PATCH /pastries/{name}", "2023-08-17T11:05:53.434+02:00");
  ASSERT_NE(patched, nullptr);
  EXPECT_EQ(patched->response.dispatch_criteria, "/name=Eclair Cafe");
  EXPECT_EQ(patched->request.source_artifact, "pastries.har");
}

TEST(HarImporter, UnmatchedEntriesAreDiagnostics) {
  Service service;
  service.name = "Shop";
  service.version = "1.0";
  Operation orders;
  orders.name = "GET /orders";
  orders.method = "GET";
  service.operations.push_back(orders);
  auto applied =
      ApplyHar(Parse(Recording("microcksId: Shop:1.0",
                               {"GET http://localhost/orders", "GET http://localhost/users",
                                "DELETE http://localhost/orders"})),
               "shop.har", &service);
  ASSERT_TRUE(applied.has_value()) << applied.error().message;
  EXPECT_EQ(service.exchanges.at("GET /orders").size(), 1u);
  EXPECT_TRUE(HasDiagnostic(*applied, "GET /users"));
  EXPECT_TRUE(HasDiagnostic(*applied, "DELETE /orders"));
  EXPECT_FALSE(HasDiagnostic(*applied, "GET /orders"));
}

TEST(GraphqlOperationHead, ReadsTypeAndFirstField) {
  struct Case {
    const char* document;
    const char* type;
    const char* field;
  };
  const Case cases[] = {
      {"query film ($id: String) {\n film (id: $id) { title } }", "QUERY", "film"},
      {"{ allFilms { films { id } } }", "QUERY", "allFilms"},
      {"mutation AddStar($filmId: String = \"a)b\") @live { addStar(filmId: $filmId) { id } }",
       "MUTATION", "addStar"},
      {"# comment\nquery { first: film(id: \"1\") { id } }", "QUERY", "film"},
      {"subscription { reviews { id } }", "SUBSCRIPTION", "reviews"},
  };
  for (const Case& test : cases) {
    auto head = ReadGraphqlOperationHead(test.document);
    ASSERT_TRUE(head.has_value()) << test.document;
    EXPECT_EQ(head->type, test.type) << test.document;
    EXPECT_EQ(head->field, test.field) << test.document;
  }
  EXPECT_FALSE(ReadGraphqlOperationHead("fragment F on Film { id } query { film { ...F } }"));
  EXPECT_FALSE(ReadGraphqlOperationHead("query { ...F }"));
  EXPECT_FALSE(ReadGraphqlOperationHead("query ($id: String"));
  EXPECT_FALSE(ReadGraphqlOperationHead(""));
}

// One entry of a recording; `extra` adds members to the entry object.
std::string Entry(const std::string& method, const std::string& url, int status = 200,
                  const std::string& extra = "", const std::string& headers = "[]") {
  return R"({"startedDateTime": ")" + url + R"(", "request": {"method": ")" + method +
         R"(", "url": ")" + url + R"(", "headers": []}, "response": {"status": )" +
         std::to_string(status) + R"(, "headers": )" + headers +
         R"(, "content": {"mimeType": "application/json", "text": "{}"}})" + extra + "}";
}

std::string RawRecording(const std::string& comment, const std::vector<std::string>& entries) {
  std::string text = R"({"log": {"version": "1.2", "comment": ")" + comment + R"(", "entries": [)";
  for (size_t i = 0; i < entries.size(); ++i) text += (i ? "," : "") + entries[i];
  return text + "]}}";
}

TEST(HarImporter, PageAssetsAndBrowserOnlyUrlsAreSkipped) {
  auto imported = Import(RawRecording(
      "microcksId: Shop:1.0", {Entry("GET", "http://shop.test/api/items"),
                               Entry("GET", "http://shop.test/static/app.js?v=1a2b"),
                               Entry("GET", "http://shop.test/img/LOGO.PNG"),
                               Entry("GET", "http://shop.test/fonts/a.woff"),
                               Entry("GET", "http://shop.test/api/chart", 200,
                                     R"(, "_resourceType": "image")"),
                               Entry("GET", "data:image/png;base64,iVBORw0KGgo=")}));
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  const Service& service = imported->services.front();
  ASSERT_EQ(service.operations.size(), 1u);
  EXPECT_EQ(service.operations[0].name, "GET /api/items");
}

TEST(HarImporter, IncompleteAndMalformedEntriesAreReported) {
  auto imported = Import(RawRecording(
      "microcksId: Shop:1.0",
      {Entry("GET", "http://shop.test/api/items"), Entry("GET", "http://shop.test/api/blocked", 0),
       R"({"request": "GET /"})", R"({"request": {"method": "GET"}})"}));
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  ASSERT_EQ(imported->services.front().operations.size(), 1u);
  std::string all;
  for (const ImportDiagnostic& diagnostic : imported->diagnostics) all += diagnostic.message + "\n";
  EXPECT_NE(all.find("1 recorded call(s) never completed"), std::string::npos) << all;
  EXPECT_NE(all.find("2 entr(ies) of log.entries"), std::string::npos) << all;
}

TEST(HarImporter, WrongShapesAreErrors) {
  auto entries = Import(R"({"log": {"version": "1.2", "comment": "microcksId: A:1",
                                     "entries": {}}})");
  ASSERT_FALSE(entries.has_value());
  EXPECT_NE(entries.error().message.find("log.entries must be an array"), std::string::npos);
  auto comment = Import(R"({"log": {"version": "1.2", "comment": ["microcksId: A:1"],
                                     "entries": []}})");
  ASSERT_FALSE(comment.has_value());
  EXPECT_NE(comment.error().message.find("log.comment must be a string"), std::string::npos);
}

TEST(HarImporter, ApiPrefixMatchesWholeSegments) {
  auto imported = Import(RawRecording(
      "microcksId: Shop:1.0\\napiPrefix: /api",
      {Entry("GET", "http://shop.test/api/items"), Entry("GET", "http://shop.test/apiv2/items"),
       Entry("GET", "http://shop.test/api/old-cart", 302, "",
             R"([{"name": "Location", "value": "/api/cart"}])")}));
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  const Service& service = imported->services.front();
  ASSERT_EQ(service.operations.size(), 2u);
  EXPECT_EQ(service.operations[0].name, "GET /items");
  const auto& redirect = service.exchanges.at("GET /old-cart").front().response;
  ASSERT_EQ(redirect.headers.size(), 1u);
  EXPECT_EQ(redirect.headers[0].values.front(), "/cart");
}

}  // namespace
}  // namespace mimic
