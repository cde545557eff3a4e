#include "catalog/bundle_import.h"

#include <gtest/gtest.h>

#include "store/sqlite_store.h"
#include "support/archive_builder.h"

namespace mimic {
namespace {

using testing::ArchiveKind;
using testing::BuildArchive;

constexpr const char* kApi = R"yaml(
openapi: 3.0.0
info: {title: Pets, version: '1.0'}
paths:
  /pets/{id}:
    $ref: 'paths/pet.yaml'
)yaml";

constexpr const char* kPathItem = R"yaml(
get:
  parameters: [{name: id, in: path, schema: {type: string}, examples: {one: {value: '1'}}}]
  responses:
    '200':
      content:
        application/json:
          schema: {$ref: '../../schemas/pet.json'}
          examples: {one: {value: {id: 1, name: Rex}}}
)yaml";

constexpr const char* kSchema =
    R"json({"type": "object", "properties": {"id": {"type": "integer"}}})json";

constexpr const char* kMetadata = R"yaml(
apiVersion: mocks.microcks.io/v1alpha1
kind: APIMetadata
metadata: {name: Pets, version: '1.0', labels: {team: bundle}}
)yaml";

constexpr const char* kExamples = R"yaml(
apiVersion: mocks.microcks.io/v1alpha1
kind: APIExamples
metadata: {name: Pets, version: '1.0'}
operations:
  'GET /pets/{id}':
    two:
      request: {parameters: {id: '2'}}
      response: {mediaType: application/json, body: {id: 2, name: Tom}}
)yaml";

class BundleImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = SqliteStore::Open(":memory:");
    ASSERT_TRUE(opened);
    store_ = std::move(*opened);
    catalog_ = std::make_unique<ServiceCatalog>(store_.get());
    ASSERT_TRUE(catalog_->Load());
  }

  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<ServiceCatalog> catalog_;
};

TEST_F(BundleImportTest, ImportsRootWithRelativeRefs) {
  for (ArchiveKind kind : {ArchiveKind::kZip, ArchiveKind::kTarGzip}) {
    std::string archive = BuildArchive(kind, {{"api/pets.yaml", kApi},
                                              {"api/paths/pet.yaml", kPathItem},
                                              {"schemas/pet.json", kSchema},
                                              {"zz-examples.yaml", kExamples},
                                              {"metadata.yaml", kMetadata},
                                              {"README.md", "# notes"}});
    auto outcome = ImportBundle(*catalog_, archive);
    ASSERT_TRUE(outcome) << outcome.error().message;
    ASSERT_EQ(outcome->service_refs, std::vector<std::string>{"Pets:1.0"});
    EXPECT_FALSE(outcome->nothing_imported);

    auto service = catalog_->FindService("Pets:1.0");
    ASSERT_TRUE(service);
    EXPECT_EQ(service->metadata.labels.at("team"), "bundle");
    const auto& exchanges = service->exchanges.at("GET /pets/{id}");
    ASSERT_EQ(exchanges.size(), 2u);
    EXPECT_EQ(exchanges[0].response.name, "one");
    EXPECT_EQ(exchanges[1].response.name, "two");
    EXPECT_EQ(service->source_artifact, "api/pets.yaml");
  }
}

TEST_F(BundleImportTest, MissingRefRejectsWholeBundle) {
  std::string archive = BuildArchive(
      ArchiveKind::kZip,
      {{"api/pets.yaml", kApi}, {"api/paths/pet.yaml", kPathItem}, {"metadata.yaml", kMetadata}});
  auto outcome = ImportBundle(*catalog_, archive);
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, ErrorCode::kInvalidArgument);
  const std::string& message = outcome.error().message;
  EXPECT_NE(message.find("'../../schemas/pet.json'"), std::string::npos) << message;
  EXPECT_NE(message.find("in api/paths/pet.yaml"), std::string::npos) << message;
  EXPECT_NE(message.find("Add schemas/pet.json to the archive or fix the path"), std::string::npos)
      << message;
  EXPECT_TRUE(catalog_->ListServices().empty());
}

TEST_F(BundleImportTest, RefOutsideArchiveRejected) {
  std::string api = std::string(kApi);
  api.replace(api.find("paths/pet.yaml"), 14, "../../pet.yaml");
  auto outcome = ImportBundle(*catalog_, BuildArchive(ArchiveKind::kZip, {{"a/api.yaml", api}}));
  ASSERT_FALSE(outcome);
  EXPECT_NE(outcome.error().message.find("outside the archive"), std::string::npos);
}

TEST_F(BundleImportTest, AbsoluteRefRejected) {
  std::string api = std::string(kApi);
  api.replace(api.find("paths/pet.yaml"), 14, "http://127.0.0.1:1/pet.yaml");
  auto outcome = ImportBundle(*catalog_, BuildArchive(ArchiveKind::kZip, {{"api.yaml", api}}));
  ASSERT_FALSE(outcome);
  EXPECT_NE(outcome.error().message.find("is absolute"), std::string::npos);
  EXPECT_TRUE(catalog_->ListServices().empty());
}

TEST_F(BundleImportTest, ArchiveWithoutArtifactRejected) {
  auto outcome =
      ImportBundle(*catalog_, BuildArchive(ArchiveKind::kTarGzip, {{"README.md", "hello"}}));
  ASSERT_FALSE(outcome);
  EXPECT_NE(outcome.error().message.find("no artifact to import"), std::string::npos);
}

TEST_F(BundleImportTest, SeveralRootsImported) {
  std::string other = R"yaml(
openapi: 3.0.0
info: {title: Other, version: '2'}
paths: {}
)yaml";
  auto outcome =
      ImportBundle(*catalog_, BuildArchive(ArchiveKind::kZip, {{"api/pets.yaml", kApi},
                                                               {"api/paths/pet.yaml", kPathItem},
                                                               {"schemas/pet.json", kSchema},
                                                               {"other.yaml", other}}));
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->service_refs.size(), 2u);
  EXPECT_EQ(catalog_->ListServices().size(), 2u);
}

}  // namespace
}  // namespace mimic
