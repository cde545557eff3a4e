// Replays the REST calls that the Microcks Testcontainers modules (Java, Node,
// Go, .NET, Python) make, byte for byte where their encodings differ, so
// those modules work unchanged against Mimic.
#include <cctype>

#include <gtest/gtest.h>

#include "common/json.h"
#include "support/server_process.h"
#include "support/test_paths.h"

namespace mimic::testing {
namespace {

constexpr const char* kBoundary = "----mimicReplayBoundary7MA4YWxk";

// Builds a multipart body with one `file` part, as the modules do. `fields`
// adds plain parts after it, which is how Go and the CLI send mainArtifact.
std::string MultipartBody(const std::string& file_name, const std::string& part_type,
                          const std::string& content,
                          const std::vector<std::pair<std::string, std::string>>& fields = {}) {
  std::string body = std::string("--") + kBoundary +
                     "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file_name +
                     "\"\r\nContent-Type: " + part_type + "\r\n\r\n" + content + "\r\n";
  for (const auto& [name, value] : fields) {
    body += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name +
            "\"\r\n\r\n" + value + "\r\n";
  }
  return body + "--" + kBoundary + "--\r\n";
}

HttpResult PostMultipart(const std::string& url, const std::string& body) {
  HttpCall call;
  call.method = "POST";
  call.url = url;
  call.headers = {std::string("Content-Type: multipart/form-data; boundary=") + kBoundary};
  call.body = body;
  return Send(call);
}

HttpResult PostForm(const std::string& url, const std::string& body) {
  HttpCall call;
  call.method = "POST";
  call.url = url;
  call.headers = {"Content-Type: application/x-www-form-urlencoded"};
  call.body = body;
  return Send(call);
}

// Percent-encodes everything but unreserved characters, as Java's URLEncoder does.
std::string FormEncode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '*') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return encoded;
}

std::string Sample(const std::string& name) { return ReadFile(SourceDir() + "/samples/" + name); }

class TestcontainersReplay : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(server_.started()); }
  std::string Api(const std::string& path) { return server_.base_url() + "/api" + path; }

  ServerProcess server_;
};

TEST_F(TestcontainersReplay, ReadinessLineAndOpenKeycloakConfig) {
  EXPECT_NE(server_.output().find("Started MicrocksApplication"), std::string::npos);
  auto config = Get(Api("/keycloak/config"));
  ASSERT_EQ(config.status, 200);
  EXPECT_EQ(Json::parse(config.body)["enabled"], false);
}

TEST_F(TestcontainersReplay, JavaAndNodeUploadWithQueryFlag) {
  auto main = PostMultipart(Api("/artifact/upload"),
                            MultipartBody("pet-shelter-openapi.yaml", "application/octet-stream",
                                          Sample("pet-shelter-openapi.yaml")));
  ASSERT_EQ(main.status, 201) << main.body;
  // The body is plain text name:version, which the modules and the CLI print.
  EXPECT_EQ(main.body, "Pet Shelter:1.0.0");
  auto secondary =
      PostMultipart(Api("/artifact/upload?mainArtifact=false"),
                    MultipartBody("pet-shelter-examples.yaml", "application/octet-stream",
                                  Sample("pet-shelter-examples.yaml")));
  EXPECT_EQ(secondary.status, 201) << secondary.body;
  // The APIExamples file added the `pixel` example to GET /pets/{id}.
  EXPECT_EQ(Get(server_.base_url() + "/rest/Pet%20Shelter/1.0.0/pets/3").status, 200);
}

TEST_F(TestcontainersReplay, DotNetUploadWithJsonPartType) {
  auto main = PostMultipart(Api("/artifact/upload"),
                            MultipartBody("greetings-openapi.json", "application/json",
                                          Sample("greetings-openapi.json")));
  EXPECT_EQ(main.status, 201) << main.body;
}

TEST_F(TestcontainersReplay, GoUploadWithMultipartFlag) {
  ASSERT_EQ(
      PostMultipart(Api("/artifact/upload"),
                    MultipartBody("pet-shelter-openapi.yaml", "application/octet-stream",
                                  Sample("pet-shelter-openapi.yaml"), {{"mainArtifact", "true"}}))
          .status,
      201);
  auto secondary = PostMultipart(
      Api("/artifact/upload"),
      MultipartBody("pet-shelter-metadata.yaml", "application/octet-stream",
                    Sample("pet-shelter-metadata.yaml"), {{"mainArtifact", "false"}}));
  EXPECT_EQ(secondary.status, 201) << secondary.body;
}

TEST_F(TestcontainersReplay, RemoteImportEncodings) {
  // A second server plays the remote repository because it serves the stored
  // spec under /api/resources/{name}.
  ServerProcess repository;
  ASSERT_TRUE(repository.started());
  ASSERT_EQ(
      Upload(repository.base_url(), "pet-shelter-openapi.yaml", Sample("pet-shelter-openapi.yaml"))
          .status,
      201);
  std::string raw_url = repository.base_url() + "/api/resources/Pet%20Shelter-1.0.0.yaml";
  std::string encoded_url = FormEncode(raw_url);

  // Java, Node, Go and Python: URL-encoded form.
  auto java = PostForm(Api("/artifact/download"), "mainArtifact=true&url=" + encoded_url);
  ASSERT_EQ(java.status, 201) << java.body;
  EXPECT_EQ(Json::parse(java.body)["name"], "Pet Shelter:1.0.0");

  // .NET: capitalised boolean and the URL left unencoded.
  auto dotnet = PostForm(Api("/artifact/download"), "mainArtifact=True&url=" + raw_url);
  EXPECT_EQ(dotnet.status, 201) << dotnet.body << " for " << raw_url;
}

TEST_F(TestcontainersReplay, MockUrlShapesAndReadYourWritesMetrics) {
  ASSERT_EQ(
      Upload(server_.base_url(), "pet-shelter-openapi.yaml", Sample("pet-shelter-openapi.yaml"))
          .status,
      201);
  // .NET encodes the space as %20, and '+' is accepted as a space too. Raw
  // spaces in the request line are covered by the server tests, because
  // libcurl does not send them.
  for (const char* base : {"/rest/Pet%20Shelter/1.0.0", "/rest/Pet+Shelter/1.0.0"}) {
    auto mock = Get(server_.base_url() + base + "/pets?status=available");
    EXPECT_EQ(mock.status, 200) << base;
  }
  // Read straight after the calls, with no sleep: every call is counted.
  auto stats = Get(Api("/metrics/invocations/Pet%20Shelter/1.0.0"));
  ASSERT_EQ(stats.status, 200);
  Json body = Json::parse(stats.body);
  EXPECT_EQ(body["dailyCount"], 2);
  EXPECT_EQ(body["serviceName"], "Pet Shelter");
  // Before any call the modules get an empty body, which they read as "not invoked".
  EXPECT_EQ(Get(Api("/metrics/invocations/Nobody/1.0")).body, "");
}

TEST(TestcontainersReplayGo, WebhookLookupListsServices) {
  // The target is a closed loopback port, which --proxy-allow lets through.
  ServerProcess server({"--proxy-allow", "127.0.0.1/32"});
  ASSERT_TRUE(server.started());
  ASSERT_EQ(
      Upload(server.base_url(), "pet-shelter-openapi.yaml", Sample("pet-shelter-openapi.yaml"))
          .status,
      201);
  auto services = Get(server.base_url() + "/api/services?size=100");
  ASSERT_EQ(services.status, 200);
  Json list = Json::parse(services.body);
  ASSERT_EQ(list.size(), 1u);
  std::string operation_id = list[0]["id"].get<std::string>() + "-GET /pets";
  HttpCall call;
  call.method = "POST";
  call.url = server.base_url() + "/api/webhooks";
  call.headers = {"Content-Type: application/json"};
  call.body = DumpJson(Json{{"operationId", operation_id}, {"targetUrl", "http://127.0.0.1:9/"}});
  auto created = Send(call);
  EXPECT_EQ(created.status, 201) << created.body;
}

}  // namespace
}  // namespace mimic::testing
