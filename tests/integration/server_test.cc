// End-to-end tests: the real `mimic` binary on a loopback port, driven over HTTP.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/server_process.h"
#include "support/test_paths.h"

namespace mimic::testing {
namespace {

constexpr const char* kPastry = "public/microcks-microcks/samples/APIPastry-openapi.yaml";
constexpr const char* kPastryExamples =
    "public/microcks-microcks/webapp/src/test/resources/io/github/microcks/util/metadata/"
    "APIPastry-2.0-examples.yml";

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(CorpusPath(kPastry))) GTEST_SKIP() << "artifact corpus absent";
    server_ = std::make_unique<ServerProcess>();
    ASSERT_TRUE(server_->started()) << server_->output();
  }
  std::string Url(const std::string& path) { return server_->base_url() + path; }
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(ServerTest, ReadyLineForTestcontainers) {
  EXPECT_NE(server_->output().find("Started MicrocksApplication"), std::string::npos);
  auto config = Get(Url("/api/keycloak/config"));
  EXPECT_EQ(config.status, 200);
  EXPECT_EQ(nlohmann::json::parse(config.body)["enabled"], false);
  EXPECT_EQ(Get(Url("/api/health")).status, 200);
}

TEST_F(ServerTest, UploadThenMock) {
  auto upload =
      Upload(server_->base_url(), "APIPastry-openapi.yaml", ReadFile(CorpusPath(kPastry)));
  EXPECT_EQ(upload.status, 201) << upload.body;
  EXPECT_EQ(upload.body, "API Pastry - 2.0:2.0.0");
  auto call = Get(Url("/rest/API+Pastry+-+2.0/2.0.0/pastry/Millefeuille"));
  EXPECT_EQ(call.status, 200);
  EXPECT_EQ(call.Header("Content-Type"), "application/json;charset=UTF-8");
  EXPECT_EQ(nlohmann::json::parse(call.body)["name"], "Millefeuille");
  auto secondary = Upload(server_->base_url(), "APIPastry-2.0-examples.yml",
                          ReadFile(CorpusPath(kPastryExamples)), false);
  EXPECT_EQ(secondary.status, 201) << secondary.body;
  auto added = Get(Url("/rest/API+Pastry+-+2.0/2.0.0/pastry/Eclair%20Chocolat"),
                   {"Accept: application/json"});
  EXPECT_EQ(added.status, 200) << added.body;
}

TEST_F(ServerTest, ServicesApiShapes) {
  Upload(server_->base_url(), "pastry.yaml", ReadFile(CorpusPath(kPastry)));
  auto list = Get(Url("/api/services?page=0&size=10"));
  ASSERT_EQ(list.status, 200);
  auto services = nlohmann::json::parse(list.body);
  ASSERT_EQ(services.size(), 1u);
  std::string id = services[0]["id"];
  EXPECT_EQ(services[0]["type"], "REST");
  EXPECT_TRUE(services[0]["metadata"]["createdOn"].is_number());
  EXPECT_EQ(services[0]["operations"].size(), 3u);
  EXPECT_FALSE(services[0].contains("xmlNS"));  // nulls are omitted

  auto view = nlohmann::json::parse(Get(Url("/api/services/" + id)).body);
  EXPECT_EQ(view["service"]["id"], id);
  EXPECT_TRUE(view["messagesMap"]["GET /pastry/{name}"].is_array());
  EXPECT_EQ(view["messagesMap"]["GET /pastry/{name}"][0]["type"], "reqRespPair");
  auto by_name = Get(Url("/api/services/API+Pastry+-+2.0:2.0.0?messages=false"));
  EXPECT_EQ(nlohmann::json::parse(by_name.body)["id"], id);

  HttpCall remove;
  remove.method = "DELETE";
  remove.url = Url("/api/services/" + id);
  EXPECT_EQ(Send(remove).status, 200);
  EXPECT_EQ(Get(Url("/api/services/" + id)).status, 404);
  EXPECT_EQ(Get(Url("/rest/API+Pastry+-+2.0/2.0.0/pastry")).status, 404);
}

TEST_F(ServerTest, SearchMapLabelsAndResources) {
  Upload(server_->base_url(), "pastry.yaml", ReadFile(CorpusPath(kPastry)));
  auto found = nlohmann::json::parse(Get(Url("/api/services/search?name=pastry")).body);
  EXPECT_EQ(found.size(), 1u);
  auto none = nlohmann::json::parse(Get(Url("/api/services/search?name=nothing")).body);
  EXPECT_EQ(none.size(), 0u);
  EXPECT_EQ(Get(Url("/api/services/search?name=(")).status, 400);
  auto map = nlohmann::json::parse(Get(Url("/api/services/map")).body);
  EXPECT_EQ(map["REST"], 1);
  EXPECT_EQ(Get(Url("/api/services/labels")).status, 200);
  auto features = nlohmann::json::parse(Get(Url("/api/features/config")).body);
  EXPECT_EQ(features["async-api"]["enabled"], false);
  auto spec = Get(Url("/api/resources/API%20Pastry%20-%202.0-2.0.0.yaml"));
  EXPECT_EQ(spec.status, 200);
  EXPECT_EQ(spec.Header("Content-Type"), "text/yaml");
  EXPECT_NE(spec.body.find("openapi: 3.0.2"), std::string::npos);
  EXPECT_EQ(Get(Url("/api/resources/nope.yaml")).status, 404);
}

TEST_F(ServerTest, BadArtifactsGetClearErrors) {
  auto yaml = Upload(server_->base_url(), "broken.yaml", "openapi: 3.0.0\ninfo: [\n");
  EXPECT_EQ(yaml.status, 400);
  EXPECT_NE(yaml.body.find("line"), std::string::npos) << yaml.body;
  auto unknown = Upload(server_->base_url(), "x.yaml", "hello: world\n");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("Accepted types"), std::string::npos) << unknown.body;
  HttpCall no_file;
  no_file.method = "POST";
  no_file.url = Url("/api/artifact/upload");
  no_file.form.emplace_back("other", "", "x");
  auto missing = Send(no_file);
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("'file'"), std::string::npos);
  // The server still serves after all of that.
  EXPECT_EQ(Get(Url("/api/health")).status, 200);
}

TEST_F(ServerTest, DiagnosticsHeaderListsOperationsWithoutMocks) {
  auto upload = Upload(server_->base_url(), "petstore.json",
                       ReadFile(CorpusPath("public/oai-openapi-specification/examples/v3.0/"
                                           "petstore.json")));
  ASSERT_EQ(upload.status, 201);
  auto diagnostics = nlohmann::json::parse(upload.Header("X-Mimic-Import-Diagnostics"));
  ASSERT_EQ(diagnostics.size(), 3u);
  EXPECT_EQ(diagnostics[0]["operation"], "GET /pets");
  EXPECT_NE(server_->output().find("event=import.diagnostic"), std::string::npos);
}

TEST_F(ServerTest, DelayIsApplied) {
  Upload(server_->base_url(), "pastry.yaml", ReadFile(CorpusPath(kPastry)));
  auto call = Get(Url("/rest/API+Pastry+-+2.0/2.0.0/pastry?delay=150"));
  EXPECT_EQ(call.status, 200);
  EXPECT_GE(call.seconds, 0.145);
}

TEST_F(ServerTest, KeepAliveAndPipelining) {
  Upload(server_->base_url(), "pastry.yaml", ReadFile(CorpusPath(kPastry)));
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(server_->port()));
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  std::string request =
      "GET /rest/API+Pastry+-+2.0/2.0.0/pastry/Millefeuille HTTP/1.1\r\nHost: x\r\n\r\n";
  std::string pipelined = request + request + request;
  ASSERT_EQ(write(fd, pipelined.data(), pipelined.size()), static_cast<ssize_t>(pipelined.size()));
  std::string received;
  char buffer[8192];
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  size_t responses = 0;
  while (responses < 3) {
    ssize_t count = read(fd, buffer, sizeof(buffer));
    if (count <= 0) break;
    received.append(buffer, static_cast<size_t>(count));
    responses = 0;
    for (size_t pos = 0; (pos = received.find("HTTP/1.1 200 OK", pos)) != std::string::npos;
         ++pos) {
      ++responses;
    }
  }
  close(fd);
  EXPECT_EQ(responses, 3u) << received;
}

TEST_F(ServerTest, RawSpacesInServiceName) {
  Upload(server_->base_url(), "pastry.yaml", ReadFile(CorpusPath(kPastry)));
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(server_->port()));
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  std::string request =
      "GET /rest/API Pastry - 2.0/2.0.0/pastry/Millefeuille HTTP/1.1\r\nHost: x\r\n"
      "Connection: close\r\n\r\n";
  ASSERT_GT(write(fd, request.data(), request.size()), 0);
  std::string received;
  char buffer[4096];
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  ssize_t count;
  while ((count = read(fd, buffer, sizeof(buffer))) > 0) {
    received.append(buffer, static_cast<size_t>(count));
  }
  close(fd);
  EXPECT_EQ(received.rfind("HTTP/1.1 200 OK", 0), 0u) << received;
  EXPECT_NE(received.find("Millefeuille"), std::string::npos);
}

TEST_F(ServerTest, MalformedRequestGets400) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(server_->port()));
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  std::string garbage = "NOT AN HTTP REQUEST\r\n\r\n";
  ASSERT_GT(write(fd, garbage.data(), garbage.size()), 0);
  char buffer[1024];
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  ssize_t count = read(fd, buffer, sizeof(buffer));
  close(fd);
  ASSERT_GT(count, 0);
  EXPECT_EQ(std::string(buffer, static_cast<size_t>(count)).rfind("HTTP/1.1 400", 0), 0u);
  EXPECT_EQ(Get(Url("/api/health")).status, 200);
}

TEST_F(ServerTest, CleanStopOnSigterm) {
  EXPECT_EQ(server_->Stop(), 0);
  EXPECT_NE(server_->output().find("event=server.stopped"), std::string::npos);
}

TEST(ServerRestart, ServicesSurviveRestart) {
  if (!std::filesystem::exists(CorpusPath(kPastry))) GTEST_SKIP() << "artifact corpus absent";
  std::string dir =
      (std::filesystem::temp_directory_path() / ("mimic-restart-" + std::to_string(::getpid())))
          .string();
  std::filesystem::create_directories(dir);
  std::string id;
  {
    ServerProcess first({}, dir);
    ASSERT_TRUE(first.started()) << first.output();
    ASSERT_EQ(Upload(first.base_url(), "pastry.yaml", ReadFile(CorpusPath(kPastry))).status, 201);
    id = nlohmann::json::parse(Get(first.base_url() + "/api/services").body)[0]["id"];
  }
  {
    ServerProcess second({}, dir);
    ASSERT_TRUE(second.started()) << second.output();
    auto call = Get(second.base_url() + "/rest/API+Pastry+-+2.0/2.0.0/pastry/Millefeuille");
    EXPECT_EQ(call.status, 200);
    auto services = nlohmann::json::parse(Get(second.base_url() + "/api/services").body);
    ASSERT_EQ(services.size(), 1u);
    EXPECT_EQ(services[0]["id"], id);
  }
  std::filesystem::remove_all(dir);
}

TEST(ServerLimits, UploadLargerThanLimitIsRejected) {
  ServerProcess server({"--max-upload-bytes", "1024"});
  ASSERT_TRUE(server.started()) << server.output();
  auto upload = Upload(server.base_url(), "big.yaml", std::string(4096, 'a'));
  EXPECT_EQ(upload.status, 413);
  EXPECT_EQ(Get(server.base_url() + "/api/health").status, 200);
}

// A spec whose only response example is a media type's singular `example`.
constexpr const char* kSingularExampleSpec = R"(openapi: 3.0.3
info: {title: Singular, version: '1.0'}
paths:
  /status:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              example: {state: up}
)";

TEST(SingularExamples, ServedAsDefaultByDefault) {
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();
  ASSERT_EQ(Upload(server.base_url(), "singular.yaml", kSingularExampleSpec).status, 201);
  auto mock = Get(server.base_url() + "/rest/Singular/1.0/status");
  EXPECT_EQ(mock.status, 200);
  EXPECT_NE(mock.body.find("\"up\""), std::string::npos) << mock.body;
}

TEST(SingularExamples, IgnoredLikeMicrocksWhenAsked) {
  std::string data_dir = ::testing::TempDir() + "/singular-" + std::to_string(::getpid());
  {
    ServerProcess server({"--ignore-singular-examples"}, data_dir);
    ASSERT_TRUE(server.started()) << server.output();
    ASSERT_EQ(Upload(server.base_url(), "singular.yaml", kSingularExampleSpec).status, 201);
    EXPECT_EQ(Get(server.base_url() + "/rest/Singular/1.0/status").status, 400);
  }
  // The choice is made when serving, so the same stored service serves the example
  // once the server runs without the flag.
  ServerProcess server({}, data_dir);
  ASSERT_TRUE(server.started()) << server.output();
  EXPECT_EQ(Get(server.base_url() + "/rest/Singular/1.0/status").status, 200);
  std::filesystem::remove_all(data_dir);
}

TEST(ServerStart, ImportFilesAtStart) {
  if (!std::filesystem::exists(CorpusPath(kPastry))) GTEST_SKIP() << "artifact corpus absent";
  ServerProcess server({"--import", CorpusPath(kPastry), CorpusPath(kPastryExamples) + ":false"});
  ASSERT_TRUE(server.started()) << server.output();
  EXPECT_EQ(Get(server.base_url() + "/rest/API+Pastry+-+2.0/2.0.0/pastry/Eclair%20Chocolat",
                {"Accept: application/json"})
                .status,
            200);
}

TEST(ServerStart, PortInUseIsReported) {
  ServerProcess first;
  ASSERT_TRUE(first.started());
  ServerProcess second({"--port", std::to_string(first.port())});
  // The second process fails to bind only when SO_REUSEPORT sharing is rejected, as it is
  // between processes of different users. For the same user both may bind. Either way the
  // first keeps serving.
  EXPECT_EQ(Get(first.base_url() + "/api/health").status, 200);
}

}  // namespace
}  // namespace mimic::testing

namespace mimic::testing {
namespace {

std::string SampleText(const std::string& name) {
  return ReadFile(SourceDir() + "/samples/" + name);
}

// Secondary artifacts stay merged across restarts, and re-importing either
// artifact afterwards replaces only what that artifact brought.
TEST(ServerRestart, SecondaryMergeSurvivesRestartAndReimport) {
  std::string dir =
      (std::filesystem::temp_directory_path() / ("mimic-merge-" + std::to_string(::getpid())))
          .string();
  std::filesystem::create_directories(dir);
  std::string pixel = "/rest/Pet+Shelter/1.0.0/pets/3";
  {
    ServerProcess first({}, dir);
    ASSERT_TRUE(first.started());
    ASSERT_EQ(
        Upload(first.base_url(), "pet-shelter-openapi.yaml", SampleText("pet-shelter-openapi.yaml"))
            .status,
        201);
    ASSERT_EQ(Upload(first.base_url(), "pet-shelter-examples.yaml",
                     SampleText("pet-shelter-examples.yaml"), false)
                  .status,
              201);
    EXPECT_NE(Get(first.base_url() + pixel).body.find("Pixel"), std::string::npos);
  }
  {
    ServerProcess second({}, dir);
    ASSERT_TRUE(second.started());
    EXPECT_NE(Get(second.base_url() + pixel).body.find("Pixel"), std::string::npos);
    // The main artifact again: the examples file's `pixel` stays.
    ASSERT_EQ(Upload(second.base_url(), "pet-shelter-openapi.yaml",
                     SampleText("pet-shelter-openapi.yaml"))
                  .status,
              201);
    EXPECT_NE(Get(second.base_url() + pixel).body.find("Pixel"), std::string::npos);
    // The examples file again, renamed pet: only its own example changes.
    std::string renamed = SampleText("pet-shelter-examples.yaml");
    size_t at = renamed.find("name: Pixel");
    ASSERT_NE(at, std::string::npos);
    renamed.replace(at, 11, "name: Pixie");
    ASSERT_EQ(Upload(second.base_url(), "pet-shelter-examples.yaml", renamed, false).status, 201);
    EXPECT_NE(Get(second.base_url() + pixel).body.find("Pixie"), std::string::npos);
    EXPECT_EQ(Get(second.base_url() + "/rest/Pet+Shelter/1.0.0/pets?status=available").status, 200);
  }
  {
    ServerProcess third({}, dir);
    ASSERT_TRUE(third.started());
    EXPECT_NE(Get(third.base_url() + pixel).body.find("Pixie"), std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mimic::testing

namespace mimic::testing {
namespace {

// The service list is cached per catalog change, so every change must show.
TEST(ServiceList, ReflectsEveryChange) {
  ServerProcess server;
  ASSERT_TRUE(server.started());
  std::string list_url = server.base_url() + "/api/services";
  EXPECT_EQ(Get(list_url).body, "[]");
  ASSERT_EQ(
      Upload(server.base_url(), "pet-shelter-openapi.yaml", SampleText("pet-shelter-openapi.yaml"))
          .status,
      201);
  auto first = nlohmann::json::parse(Get(list_url).body);
  ASSERT_EQ(first.size(), 1u);
  std::string id = first[0]["id"];

  HttpCall metadata;
  metadata.method = "PUT";
  metadata.url = list_url + "/" + id + "/metadata";
  metadata.headers = {"Content-Type: application/json"};
  metadata.body = R"({"labels": {"stage": "beta"}})";
  ASSERT_EQ(Send(metadata).status, 200);
  auto labelled = nlohmann::json::parse(Get(list_url).body);
  EXPECT_EQ(labelled[0]["metadata"]["labels"]["stage"], "beta");

  HttpCall remove;
  remove.method = "DELETE";
  remove.url = list_url + "/" + id;
  ASSERT_EQ(Send(remove).status, 200);
  EXPECT_EQ(Get(list_url).body, "[]");
}

}  // namespace
}  // namespace mimic::testing
