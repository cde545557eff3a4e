// Imports through POST /api/artifact/download from a file server on loopback,
// so relative $ref values resolve against the artifact URL.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/python_server.h"
#include "support/server_process.h"

namespace mimic::testing {
namespace {

// Python's http.server on a free loopback port, serving one folder.
class FileServer {
 public:
  explicit FileServer(const std::string& folder) : server_(HttpServerArguments(folder)) {}
  int port() const { return server_.port(); }

 private:
  PythonServer server_;
};

HttpResult Download(const std::string& base_url, const std::string& url, bool main = true) {
  HttpCall call;
  call.method = "POST";
  call.url = base_url + "/api/artifact/download";
  call.headers = {"Content-Type: application/x-www-form-urlencoded"};
  call.body = "url=" + url + "&mainArtifact=" + (main ? "true" : "false");
  return Send(call);
}

TEST(ArtifactDownload, ResolvesRelativeRefsAgainstUrl) {
  std::string folder =
      (std::filesystem::temp_directory_path() / ("mimic-files-" + std::to_string(::getpid())))
          .string();
  std::filesystem::create_directories(folder + "/specs/common");
  std::ofstream(folder + "/specs/api.yaml") << R"yaml(
openapi: 3.0.0
info: {title: Remote API, version: '1.0'}
paths:
  /things/{id}:
    $ref: './common/paths.yaml#/things'
)yaml";
  std::ofstream(folder + "/specs/common/paths.yaml") << R"yaml(
things:
  get:
    parameters:
      - {name: id, in: path, examples: {one: {value: '1'}}}
    responses:
      '200':
        content:
          application/json:
            schema: {$ref: '../schemas/thing.json'}
            examples:
              one: {value: {id: 1, name: remote}}
)yaml";
  std::filesystem::create_directories(folder + "/specs/schemas");
  std::ofstream(folder + "/specs/schemas/thing.json")
      << R"({"type": "object", "properties": {"id": {"type": "integer"}}})";

  FileServer files(folder);
  ASSERT_NE(files.port(), 0);
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();
  std::string url = "http://127.0.0.1:" + std::to_string(files.port()) + "/specs/api.yaml";
  auto imported = Download(server.base_url(), url);
  ASSERT_EQ(imported.status, 201) << imported.body;
  EXPECT_EQ(nlohmann::json::parse(imported.body)["name"], "Remote API:1.0");

  auto call = Get(server.base_url() + "/rest/Remote+API/1.0/things/1");
  EXPECT_EQ(call.status, 200);
  EXPECT_EQ(call.body, R"({"id":1,"name":"remote"})");

  auto services = nlohmann::json::parse(Get(server.base_url() + "/api/services").body);
  std::string id = services[0]["id"];
  auto resources =
      nlohmann::json::parse(Get(server.base_url() + "/api/resources/service/" + id).body);
  EXPECT_EQ(resources.size(), 3u);

  auto missing = Download(server.base_url(),
                          "http://127.0.0.1:" + std::to_string(files.port()) + "/nope.yaml");
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("404"), std::string::npos) << missing.body;

  auto wrong_scheme = Download(server.base_url(), "file:///etc/passwd");
  EXPECT_EQ(wrong_scheme.status, 400);
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace mimic::testing
