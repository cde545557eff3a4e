// Snapshots moved between two servers, and bundles uploaded over HTTP.
#include <strings.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/archive_builder.h"
#include "support/server_process.h"
#include "support/test_paths.h"

namespace mimic::testing {
namespace {

std::string Sample(const std::string& name) { return ReadFile(SourceDir() + "/samples/" + name); }

HttpResult SendJson(const std::string& method, const std::string& url, const std::string& body) {
  HttpCall call;
  call.method = method;
  call.url = url;
  call.headers = {"Content-Type: application/json"};
  call.body = body;
  return Send(call);
}

HttpResult PostSnapshot(const std::string& base_url, const std::string& content) {
  HttpCall call;
  call.method = "POST";
  call.url = base_url + "/api/import";
  call.form.emplace_back("file", "microcks-repository.json", content);
  return Send(call);
}

std::string ServiceId(const std::string& base_url, const std::string& key) {
  auto found = Get(base_url + "/api/services/" + key + "?messages=false");
  if (found.status != 200) return "";
  return nlohmann::json::parse(found.body)["id"];
}

TEST(Snapshot, RoundTripKeepsEverything) {
  ServerProcess source;
  ServerProcess target;
  ASSERT_TRUE(source.started());
  ASSERT_TRUE(target.started());
  std::string a = source.base_url();
  std::string b = target.base_url();

  ASSERT_EQ(Upload(a, "pet-shelter-openapi.yaml", Sample("pet-shelter-openapi.yaml")).status, 201);
  ASSERT_EQ(
      Upload(a, "pet-shelter-examples.yaml", Sample("pet-shelter-examples.yaml"), false).status,
      201);
  ASSERT_EQ(
      Upload(a, "pet-shelter-metadata.yaml", Sample("pet-shelter-metadata.yaml"), false).status,
      201);
  std::string pets = ServiceId(a, "Pet+Shelter:1.0.0");
  ASSERT_FALSE(pets.empty());
  auto overridden =
      SendJson("PUT", a + "/api/services/" + pets + "/operation?operationName=GET+/pets",
               R"({"defaultDelay": 5, "dispatcher": "URI_PARAMS",
                                 "dispatcherRules": "status"})");
  ASSERT_EQ(overridden.status, 200) << overridden.body;
  auto labelled = SendJson("PUT", a + "/api/services/" + pets + "/metadata",
                           R"({"labels": {"env": "snapshot"}})");
  ASSERT_EQ(labelled.status, 200);

  auto created = SendJson("POST", a + "/api/services/generic",
                          R"({"name": "Stock", "version": "2", "resource": "items"})");
  ASSERT_EQ(created.status, 201) << created.body;
  std::string stock = nlohmann::json::parse(created.body)["id"];
  std::string items = "/dynarest/Stock/2/items";
  ASSERT_EQ(SendJson("POST", a + items, R"({"sku": "A-1", "count": 3})").status, 201);
  ASSERT_EQ(SendJson("POST", a + items, R"({"sku": "B-2", "count": 0})").status, 201);

  // The target already contains an older copy of the service, which the import replaces.
  ASSERT_EQ(Upload(b, "pet-shelter-openapi.yaml", Sample("pet-shelter-openapi.yaml")).status, 201);

  auto exported = Get(a + "/api/export?serviceIds=" + pets + "&serviceIds=" + stock);
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_EQ(exported.Header("Content-Disposition"),
            "attachment; filename=microcks-repository.json");
  auto snapshot = nlohmann::json::parse(exported.body);
  EXPECT_EQ(snapshot["services"].size(), 2u);
  EXPECT_EQ(snapshot["artifacts"].size(), 3u);
  EXPECT_EQ(snapshot["genericResources"].size(), 2u);

  auto imported = PostSnapshot(b, exported.body);
  ASSERT_EQ(imported.status, 201) << imported.body;
  EXPECT_EQ(Get(b + "/api/services/count").body, R"({"counter":2})");

  for (const std::string& id : {pets, stock}) {
    auto left = Get(a + "/api/services/" + id + "?messages=true");
    auto right = Get(b + "/api/services/" + id + "?messages=true");
    ASSERT_EQ(right.status, 200) << right.body;
    EXPECT_EQ(nlohmann::json::parse(left.body), nlohmann::json::parse(right.body));
    EXPECT_EQ(Get(a + "/api/resources/service/" + id).body,
              Get(b + "/api/resources/service/" + id).body);
  }
  for (const std::string& path : {std::string("/rest/Pet+Shelter/1.0.0/pets?status=available"),
                                  std::string("/rest/Pet+Shelter/1.0.0/pets?status=adopted"),
                                  std::string("/rest/Pet+Shelter/1.0.0/pets/3"), items,
                                  "/api/genericresources/service/" + stock}) {
    auto left = Get(a + path);
    auto right = Get(b + path);
    EXPECT_EQ(left.status, right.status) << path;
    EXPECT_EQ(left.body, right.body) << path;
  }
  EXPECT_EQ(Get(b + items).status, 200);
  EXPECT_EQ(nlohmann::json::parse(Get(b + items).body).size(), 2u);
}

TEST(Snapshot, RejectsOtherFiles) {
  ServerProcess server;
  ASSERT_TRUE(server.started());
  auto not_json = PostSnapshot(server.base_url(), "openapi: 3.0.0");
  EXPECT_EQ(not_json.status, 415);
  auto other = PostSnapshot(server.base_url(), R"({"services": []})");
  EXPECT_EQ(other.status, 400);
  EXPECT_NE(other.body.find("not a Mimic snapshot"), std::string::npos) << other.body;
  auto broken = PostSnapshot(server.base_url(),
                             R"({"format": "mimic-snapshot", "version": 1,
                                 "services": [{"id": "x", "name": "n", "version": "1",
                                               "exchanges": []}]})");
  EXPECT_EQ(broken.status, 400);
  EXPECT_NE(broken.body.find("services[0].exchanges"), std::string::npos) << broken.body;
  EXPECT_EQ(PostSnapshot(server.base_url(), "").status, 400);
  EXPECT_EQ(Get(server.base_url() + "/api/export").status, 400);
  EXPECT_EQ(Get(server.base_url() + "/api/export?serviceIds=nope").status, 404);
}

std::string HeaderValue(const HttpResult& result, const std::string& name) {
  for (const auto& [key, value] : result.headers) {
    if (strcasecmp(key.c_str(), name.c_str()) == 0) return value;
  }
  return "";
}

TEST(Snapshot, MicrocksFormatMovesMocks) {
  ServerProcess source;
  ServerProcess target;
  ASSERT_TRUE(source.started());
  ASSERT_TRUE(target.started());
  std::string a = source.base_url();
  std::string b = target.base_url();
  ASSERT_EQ(Upload(a, "pet-shelter-openapi.yaml", Sample("pet-shelter-openapi.yaml")).status, 201);
  std::string pets = ServiceId(a, "Pet+Shelter:1.0.0");
  ASSERT_FALSE(pets.empty());

  auto exported = Get(a + "/api/export?serviceIds=" + pets + "&format=microcks");
  ASSERT_EQ(exported.status, 200) << exported.body;
  auto document = nlohmann::json::parse(exported.body);
  for (const char* key : {"services", "resources", "requests", "responses", "eventMessages"}) {
    EXPECT_TRUE(document[key].is_array()) << key;
  }
  EXPECT_FALSE(document.contains("format"));
  EXPECT_EQ(document["requests"].size(), document["responses"].size());
  EXPECT_EQ(document["responses"][0]["operationId"].get<std::string>().rfind(pets + "-", 0), 0u);
  for (const auto& response : document["responses"]) {
    for (const auto& header : response.value("headers", nlohmann::json::array())) {
      EXPECT_NE(header["name"], "Content-Length");
    }
  }

  auto imported = PostSnapshot(b, exported.body);
  ASSERT_EQ(imported.status, 201) << imported.body;
  std::string path = "/rest/Pet+Shelter/1.0.0/pets/1";
  auto left = Get(a + path);
  auto right = Get(b + path);
  EXPECT_EQ(right.status, 200);
  EXPECT_EQ(left.body, right.body);
  EXPECT_EQ(Get(a + "/api/export?serviceIds=" + pets + "&format=xml").status, 400);
}

TEST(Snapshot, ReadsAHandWrittenMicrocksSnapshot) {
  ServerProcess server;
  ASSERT_TRUE(server.started());
  auto imported = PostSnapshot(server.base_url(), R"({
    "services": [{"id": "s1", "name": "Hello", "version": "1.0", "type": "REST",
                  "operations": [{"name": "GET /hello/{name}", "method": "GET",
                                  "dispatcher": "URI_PARTS", "dispatcherRules": "name"}]}],
    "resources": [{"id": "r1", "name": "hello.yaml", "content": "openapi: 3.0.0",
                   "type": "OPEN_API_SPEC", "serviceId": "s1"}],
    "requests": [{"name": "alice", "operationId": "s1-GET /hello/{name}",
                  "headers": [{"name": "Accept", "values": ["application/json"]}]}],
    "responses": [{"name": "alice", "operationId": "s1-GET /hello/{name}", "status": "200",
                   "mediaType": "application/json", "content": "{\"hi\": \"alice\"}",
                   "dispatchCriteria": "/name=alice"},
                  {"name": "ghost", "operationId": "s9-GET /x", "status": "200"}],
    "eventMessages": [{"name": "later", "operationId": "s1-SUBSCRIBE x"}]})");
  ASSERT_EQ(imported.status, 201) << imported.body;
  std::string diagnostics = HeaderValue(imported, "X-Mimic-Import-Diagnostics");
  EXPECT_NE(diagnostics.find("1 requests or responses"), std::string::npos) << diagnostics;
  EXPECT_NE(diagnostics.find("1 asynchronous"), std::string::npos) << diagnostics;

  auto mock = Get(server.base_url() + "/rest/Hello/1.0/hello/alice");
  EXPECT_EQ(mock.status, 200);
  EXPECT_EQ(mock.body, R"({"hi": "alice"})");
  EXPECT_EQ(Get(server.base_url() + "/api/resources/id/r1").body, "openapi: 3.0.0");

  auto broken = PostSnapshot(server.base_url(), R"({"services": [{"name": "x"}],
                                                   "requests": []})");
  EXPECT_EQ(broken.status, 400);
  EXPECT_NE(broken.body.find("services[0]"), std::string::npos) << broken.body;
}

TEST(Bundle, UploadZipOverHttp) {
  ServerProcess server;
  ASSERT_TRUE(server.started());
  std::string archive = BuildArchive(
      ArchiveKind::kZip, {{"pet-shelter/openapi.yaml", Sample("pet-shelter-openapi.yaml")},
                          {"pet-shelter/examples.yaml", Sample("pet-shelter-examples.yaml")},
                          {"pet-shelter/metadata.yaml", Sample("pet-shelter-metadata.yaml")}});
  // The name says YAML: the content decides.
  auto uploaded = Upload(server.base_url(), "bundle.yaml", archive);
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  EXPECT_EQ(uploaded.body, "Pet Shelter:1.0.0");
  auto pixel = Get(server.base_url() + "/rest/Pet+Shelter/1.0.0/pets/3");
  EXPECT_EQ(pixel.status, 200);
  EXPECT_NE(pixel.body.find("Pixel"), std::string::npos);

  std::string evil = BuildArchive(ArchiveKind::kTarGzip, {{"../evil.yaml", "x"}});
  auto rejected = Upload(server.base_url(), "evil.tar.gz", evil);
  EXPECT_EQ(rejected.status, 400);
  EXPECT_NE(rejected.body.find("'../evil.yaml'"), std::string::npos) << rejected.body;
}

}  // namespace
}  // namespace mimic::testing
