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

#include "support/server_process.h"

namespace mimic::testing {
namespace {

// Python's http.server on a free loopback port, serving one folder.
class FileServer {
 public:
  explicit FileServer(const std::string& folder) {
    int fds[2];
    if (pipe(fds) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], STDOUT_FILENO);
      dup2(fds[1], STDERR_FILENO);
      close(fds[0]);
      close(fds[1]);
      execlp("python3", "python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1",
             "--directory", folder.c_str(), nullptr);
      _exit(127);
    }
    close(fds[1]);
    std::string output;
    char buffer[512];
    static const std::regex kPort("port ([0-9]+)");
    for (int i = 0; i < 100 && port_ == 0; ++i) {
      ssize_t count = read(fds[0], buffer, sizeof(buffer));
      if (count <= 0) break;
      output.append(buffer, static_cast<size_t>(count));
      std::smatch match;
      if (std::regex_search(output, match, kPort)) port_ = std::stoi(match[1]);
    }
    fd_ = fds[0];
  }
  ~FileServer() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
    if (fd_ >= 0) close(fd_);
  }
  int port() const { return port_; }

 private:
  int pid_ = 0;
  int port_ = 0;
  int fd_ = -1;
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
