#include "catalog/service_catalog.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "store/sqlite_store.h"
#include "support/mock_fixture.h"

namespace mimic {
namespace {

constexpr const char* kApi = R"yaml(
openapi: 3.0.0
info: {title: Orders, version: '1.0'}
paths:
  /orders/{id}:
    get:
      parameters: [{name: id, in: path, examples: {first: {value: '1'}}}]
      responses:
        '200':
          content:
            application/json:
              examples: {first: {value: {id: 1}}}
)yaml";

constexpr const char* kExamples = R"yaml(
apiVersion: mocks.microcks.io/v1alpha1
kind: APIExamples
metadata: {name: Orders, version: '1.0'}
operations:
  'GET /orders/{id}':
    second:
      request: {parameters: {id: '2'}}
      response: {mediaType: application/json, body: {id: 2}}
)yaml";

constexpr const char* kMetadata = R"yaml(
apiVersion: mocks.microcks.io/v1alpha1
kind: APIMetadata
metadata: {name: Orders, version: '1.0', labels: {team: a}}
operations:
  'GET /orders/{id}':
    delay: 25
    parameterConstraints:
      - {name: x-tenant, in: header, required: true}
)yaml";

using CatalogTest = testing::MockFixture;

TEST_F(CatalogTest, SecondaryArtifactsMerge) {
  MustImport(kApi);
  MustImport(kExamples, "examples.yaml", false);
  EXPECT_EQ(Call("GET", "/rest/Orders/1.0/orders/2").body, R"({"id":2})");
  MustImport(kMetadata, "metadata.yaml", false);
  auto service = catalog_->FindService("Orders:1.0");
  ASSERT_TRUE(service);
  EXPECT_EQ(service->metadata.labels.at("team"), "a");
  EXPECT_EQ(*service->operations[0].default_delay, 25);
  EXPECT_EQ(Call("GET", "/rest/Orders/1.0/orders/1").status, 400);
  EXPECT_EQ(Call("GET", "/rest/Orders/1.0/orders/1", {{"x-tenant", "t"}}).status, 200);
}

TEST_F(CatalogTest, SecondaryWithoutServiceImportsNothing) {
  auto outcome = Import(kExamples, "examples.yaml", false);
  ASSERT_TRUE(outcome);
  EXPECT_TRUE(outcome->nothing_imported);
  EXPECT_FALSE(outcome->diagnostics.empty());
}

TEST_F(CatalogTest, ReimportKeepsIdAndSecondaryExamples) {
  MustImport(kApi);
  std::string id = catalog_->FindService("Orders:1.0")->id;
  MustImport(kExamples, "examples.yaml", false);
  MustImport(kApi);
  auto service = catalog_->FindService("Orders:1.0");
  EXPECT_EQ(service->id, id);
  EXPECT_EQ(service->exchanges.at("GET /orders/{id}").size(), 2u);
  // Re-importing the examples replaces what they brought, nothing else.
  MustImport(kExamples, "examples.yaml", false);
  EXPECT_EQ(catalog_->FindService(id)->exchanges.at("GET /orders/{id}").size(), 2u);
}

TEST_F(CatalogTest, FailedImportChangesNothing) {
  MustImport(kApi);
  auto before = catalog_->FindService("Orders:1.0");
  auto outcome = Import("openapi: 3.0.0\ninfo: {title: Orders, version: '1.0'}\npaths: [\n");
  ASSERT_FALSE(outcome);
  EXPECT_EQ(catalog_->FindService("Orders:1.0"), before);
  EXPECT_EQ(catalog_->ListServices().size(), 1u);
}

TEST_F(CatalogTest, UnusableServiceNamesRejected) {
  auto blank = Import("openapi: 3.0.0\ninfo: {title: '   ', version: '1.0'}\npaths: {}\n");
  ASSERT_FALSE(blank);
  EXPECT_EQ(blank.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(blank.error().message.find("empty name"), std::string::npos) << blank.error().message;

  auto control =
      Import("openapi: 3.0.0\ninfo: {title: \"Two\\nLines\", version: '1.0'}\npaths: {}\n");
  ASSERT_FALSE(control);
  EXPECT_NE(control.error().message.find("'Two?Lines'"), std::string::npos)
      << control.error().message;

  std::string long_title(600, 'x');
  auto too_long =
      Import("openapi: 3.0.0\ninfo: {title: " + long_title + ", version: '1.0'}\npaths: {}\n");
  ASSERT_FALSE(too_long);
  EXPECT_NE(too_long.error().message.find("600 bytes"), std::string::npos)
      << too_long.error().message;
  EXPECT_TRUE(catalog_->ListServices().empty());
}

std::string AllDiagnostics(const ImportOutcome& outcome) {
  std::string all;
  for (const ImportDiagnostic& diagnostic : outcome.diagnostics) all += diagnostic.message + "\n";
  return all;
}

TEST_F(CatalogTest, MetadataMistakesAreReported) {
  MustImport(kApi);
  auto outcome = Import(R"yaml(
apiVersion: mocks.microcks.io/v1alpha1
kind: APIMetadata
metadata: {name: Orders, version: '1.0'}
operations:
  'GET /orders/{id}':
    delay: 99999999999
    dispatcher: QUERY_HEADERS
    dispatcherRules: region
    parameterConstraints:
      - {name: id, in: path, mustMatchRegexp: '(a'}
)yaml",
                        "meta.yaml", false);
  ASSERT_TRUE(outcome) << outcome.error().message;
  std::string all = AllDiagnostics(*outcome);
  EXPECT_NE(all.find("delay '99999999999' was ignored"), std::string::npos) << all;
  EXPECT_NE(all.find("unknown dispatcher 'QUERY_HEADERS'"), std::string::npos) << all;
  EXPECT_NE(all.find("not a valid regular expression"), std::string::npos) << all;
  EXPECT_FALSE(catalog_->FindService("Orders:1.0")->operations[0].default_delay.has_value());

  auto quoted = Import(R"yaml(
apiVersion: mocks.microcks.io/v1alpha1
kind: APIMetadata
metadata: {name: Orders, version: '1.0'}
operations:
  'GET /orders/{id}': {delay: '250'}
)yaml",
                       "meta.yaml", false);
  ASSERT_TRUE(quoted) << quoted.error().message;
  EXPECT_EQ(catalog_->FindService("Orders:1.0")->operations[0].default_delay, 250);

  auto not_mapping = Import(R"yaml(
apiVersion: mocks.microcks.io/v1alpha1
kind: APIMetadata
metadata: {name: Orders, version: '1.0'}
operations: [1, 2]
)yaml",
                            "meta.yaml", false);
  ASSERT_FALSE(not_mapping);
  EXPECT_NE(not_mapping.error().message.find("must be a mapping"), std::string::npos);
}

TEST_F(CatalogTest, NonHttpStatusReported) {
  MustImport(kApi);
  auto outcome = Import(R"yaml(
apiVersion: mocks.microcks.io/v1alpha1
kind: APIExamples
metadata: {name: Orders, version: '1.0'}
operations:
  'GET /orders/{id}':
    odd:
      request: {parameters: {id: '3'}}
      response: {status: abc, body: {id: 3}}
)yaml",
                        "examples.yaml", false);
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_NE(AllDiagnostics(*outcome).find("status 'abc'"), std::string::npos)
      << AllDiagnostics(*outcome);
}

TEST_F(CatalogTest, EditedMetadataReplacesEarlierSettings) {
  MustImport(kApi);
  MustImport(R"yaml(
apiVersion: mocks.microcks.io/v1alpha1
kind: APIMetadata
metadata: {name: Orders, version: '1.0', labels: {team: a, status: beta}}
operations:
  'GET /orders/{id}':
    delay: 300
    dispatcher: QUERY_HEADER
    dispatcherRules: region
    parameterConstraints:
      - {name: x-tenant, in: header, required: true}
)yaml",
             "orders-metadata.yaml", false);
  auto first = catalog_->FindService("Orders:1.0");
  EXPECT_EQ(first->metadata.labels.at("status"), "beta");
  EXPECT_EQ(first->operations[0].dispatcher, "QUERY_HEADER");

  // The same file, edited: the status label, the dispatcher and the constraint are gone.
  MustImport(R"yaml(
apiVersion: mocks.microcks.io/v1alpha1
kind: APIMetadata
metadata: {name: Orders, version: '1.0', labels: {team: b}}
operations:
  'GET /orders/{id}': {delay: 50}
)yaml",
             "orders-metadata.yaml", false);
  auto second = catalog_->FindService("Orders:1.0");
  EXPECT_EQ(second->metadata.labels.count("status"), 0u);
  EXPECT_EQ(second->metadata.labels.at("team"), "b");
  const Operation& operation = second->operations[0];
  EXPECT_EQ(operation.default_delay, 50);
  EXPECT_EQ(operation.dispatcher, "URI_PARTS");
  EXPECT_TRUE(operation.parameter_constraints.empty());
  EXPECT_EQ(second->applied_metadata.size(), 1u);
}

TEST_F(CatalogTest, MainReimportKeepsMetadataSettings) {
  MustImport(kApi);
  MustImport(kMetadata, "orders-metadata.yaml", false);
  MustImport(kApi);
  auto service = catalog_->FindService("Orders:1.0");
  const Operation& operation = service->operations[0];
  EXPECT_EQ(operation.default_delay, 25);
  ASSERT_EQ(operation.parameter_constraints.size(), 1u);
  EXPECT_EQ(operation.parameter_constraints[0].name, "x-tenant");
  EXPECT_EQ(service->metadata.labels.at("team"), "a");

  // Restarting reads the applied metadata back from the store.
  ServiceCatalog reloaded(store_.get());
  ASSERT_TRUE(reloaded.Load());
  EXPECT_EQ(reloaded.FindService("Orders:1.0")->applied_metadata.size(), 1u);
}

TEST_F(CatalogTest, DispatcherChangeOverExamplesReported) {
  MustImport(kApi);
  auto outcome = Import(R"yaml(
apiVersion: mocks.microcks.io/v1alpha1
kind: APIMetadata
metadata: {name: Orders, version: '1.0'}
operations:
  'GET /orders/{id}': {dispatcher: QUERY_HEADER, dispatcherRules: region}
)yaml",
                        "meta.yaml", false);
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_NE(AllDiagnostics(*outcome).find("keep the dispatch criteria"), std::string::npos)
      << AllDiagnostics(*outcome);
}

TEST_F(CatalogTest, PostmanEnvironmentIsNamed) {
  auto outcome = Import(R"({"name": "dev", "values": [{"key": "host", "value": "x"}],
                            "_postman_variable_scope": "environment"})",
                        "dev.postman_environment.json");
  ASSERT_FALSE(outcome);
  EXPECT_NE(outcome.error().message.find("Postman environment file"), std::string::npos)
      << outcome.error().message;
}

TEST_F(CatalogTest, SnapshotUploadPointsToImport) {
  auto outcome = Import(R"({"services": [], "requests": [], "responses": []})", "repo.json");
  ASSERT_FALSE(outcome);
  EXPECT_NE(outcome.error().message.find("POST /api/import"), std::string::npos)
      << outcome.error().message;
}

TEST_F(CatalogTest, SlashInVersionIsExplained) {
  auto outcome = Import("openapi: 3.0.0\ninfo: {title: Slashed, version: '1/0'}\npaths: {}\n");
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_NE(AllDiagnostics(*outcome).find("/rest/Slashed/1%2F0/"), std::string::npos)
      << AllDiagnostics(*outcome);
}

TEST_F(CatalogTest, IgnoredSingularExampleIsReported) {
  catalog_->set_index_options({/*serve_singular_examples=*/false});
  auto outcome = Import(R"yaml(
openapi: 3.0.0
info: {title: Single, version: '1.0'}
paths:
  /thing:
    get:
      responses:
        '200':
          content:
            application/json:
              example: {id: 1}
)yaml");
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_NE(AllDiagnostics(*outcome).find("--ignore-singular-examples"), std::string::npos)
      << AllDiagnostics(*outcome);
}

TEST_F(CatalogTest, DeleteService) {
  MustImport(kApi);
  ASSERT_TRUE(catalog_->DeleteService("Orders:1.0"));
  EXPECT_FALSE(catalog_->FindService("Orders:1.0"));
  EXPECT_EQ(Call("GET", "/rest/Orders/1.0/orders/1").status, 404);
  auto missing = catalog_->DeleteService("nope");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST(CatalogPersistence, SurvivesReopen) {
  auto dir = std::filesystem::temp_directory_path() /
             ("mimic-store-" + std::to_string(::getpid()) + "-" + NewObjectId());
  std::filesystem::create_directories(dir);
  std::string path = (dir / "mimic.db").string();
  std::string id;
  {
    auto store = SqliteStore::Open(path);
    ASSERT_TRUE(store);
    ServiceCatalog catalog(store->get());
    ASSERT_TRUE(catalog.Load());
    ImportRequest request;
    request.artifact_name = "api.yaml";
    ASSERT_TRUE(catalog.Import(kApi, request));
    request.artifact_name = "examples.yaml";
    request.main_artifact = false;
    ASSERT_TRUE(catalog.Import(kExamples, request));
    id = catalog.FindService("Orders:1.0")->id;
  }
  {
    auto store = SqliteStore::Open(path);
    ASSERT_TRUE(store);
    ServiceCatalog catalog(store->get());
    ASSERT_TRUE(catalog.Load());
    auto service = catalog.FindService(id);
    ASSERT_TRUE(service);
    EXPECT_EQ(service->exchanges.at("GET /orders/{id}").size(), 2u);
    ASSERT_TRUE(catalog.index()->FindService("Orders", "1.0"));
    auto artifacts = (*store)->LoadArtifacts();
    ASSERT_TRUE(artifacts);
    ASSERT_EQ(artifacts->size(), 2u);
    EXPECT_EQ((*artifacts)[0].name, "api.yaml");
    EXPECT_FALSE((*artifacts)[1].main_artifact);
  }
  std::filesystem::remove_all(dir);
}

TEST(ObjectId, ShapeAndUniqueness) {
  std::string a = NewObjectId();
  std::string b = NewObjectId();
  EXPECT_EQ(a.size(), 24u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
}

}  // namespace
}  // namespace mimic
