// Runs `mimic test` against a fake /api/tests server on loopback and checks what a
// CI job gets from it: the exit code, the summary lines and the JUnit report.
// NOTE: the fake replaces the server side of contract testing, so these tests check
// the client against the Microcks TestResult contract and not against Mimic's server.
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/loopback_http.h"
#include "support/server_process.h"
#include "support/test_paths.h"

namespace mimic::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct TestRun {
  int exit_code = -1;  // -1 when the process did not exit within 30 seconds
  std::string out;
  std::string err;
};

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A fresh folder for the captured output and the JUnit report, removed with the object.
class Scratch {
 public:
  Scratch() {
    std::string pattern = (fs::temp_directory_path() / "mimic-test-cmd-XXXXXX").string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (mkdtemp(buffer.data()) != nullptr) path_ = buffer.data();
  }
  ~Scratch() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  fs::path path(const std::string& name) const { return fs::path(path_) / name; }

 private:
  std::string path_;
};

// Runs the mimic binary with stdout and stderr sent to files, killing it after 30 s.
TestRun RunMimic(const std::vector<std::string>& args) {
  Scratch scratch;
  std::string out_file = scratch.path("stdout").string();
  std::string err_file = scratch.path("stderr").string();
  pid_t pid = fork();
  if (pid == 0) {
    int out = open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int input = open("/dev/null", O_RDONLY);
    if (out < 0 || err < 0 || input < 0) _exit(127);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    dup2(input, STDIN_FILENO);
    unsetenv("MIMIC_SERVER");
    setenv("NO_PROXY", "127.0.0.1,localhost", 1);
    setenv("no_proxy", "127.0.0.1,localhost", 1);

    std::vector<std::string> strings = {MimicBinary()};
    strings.insert(strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& arg : strings) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }

  TestRun run;
  int status = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);

  run.out = ReadFile(fs::path(out_file).string());
  run.err = ReadFile(fs::path(err_file).string());
  return run;
}

std::string Describe(const TestRun& run) {
  return "exit code " + std::to_string(run.exit_code) + "\n--- stdout\n" + run.out +
         "--- stderr\n" + run.err;
}

json TestCase(const std::string& operation, int64_t elapsed, bool success,
              const std::string& failure = "") {
  json steps = json::array();
  if (elapsed >= 0) {
    steps.push_back({{"success", true}, {"elapsedTime", 3}, {"requestName", "first"}});
    if (!failure.empty()) {
      steps.push_back({{"success", false},
                       {"elapsedTime", 4},
                       {"requestName", "second"},
                       {"message", failure}});
    }
  }
  return {{"success", success},
          {"elapsedTime", elapsed},
          {"operationName", operation},
          {"testStepResults", steps}};
}

// The fake server's stand-in for a test run. The service name picks the scenario:
// "Passing" and "Failing" finish on the second poll, "Slow" never finishes,
// "Missing" does not exist, "Untestable" exists but cannot be tested, and "Broken"
// makes the server fail.
class FakeTestServer {
 public:
  FakeTestServer() : server_([this](const ReceivedRequest& request) { return Handle(request); }) {}

  std::string base_url() const { return server_.base_url(); }
  json LastTestRequest() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return last_request_;
  }
  int polls() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return polls_;
  }

 private:
  CannedResponse Handle(const ReceivedRequest& request) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (request.target == "/api/keycloak/config") {
      return {
          200, {{"Content-Type", "application/json"}}, R"({"enabled":false,"realm":"microcks"})"};
    }
    if (request.method == "POST" && request.target == "/api/tests") {
      last_request_ = json::parse(request.body, nullptr, false);
      service_ = last_request_.is_object() ? last_request_.value("serviceId", "") : "";
      if (service_.rfind("Missing", 0) == 0 || service_.rfind("Untestable", 0) == 0) {
        return {404, {{"Content-Type", "text/plain"}}, ""};
      }
      if (service_.rfind("Broken", 0) == 0) {
        return {
            500, {{"Content-Type", "application/json"}}, R"({"message":"database unavailable"})"};
      }
      polls_ = 0;
      return {201, {{"Content-Type", "application/json"}}, Result(false).dump()};
    }
    if (request.target == "/api/services/Untestable%20API:1.0?messages=false") {
      return {200,
              {{"Content-Type", "application/json"}},
              R"({"id":"s-1","name":"Untestable API","version":"1.0"})"};
    }
    if (request.method == "GET" && request.target == "/api/tests/run-1") {
      ++polls_;
      return {200,
              {{"Content-Type", "application/json"}},
              Result(polls_ >= 2 && service_.rfind("Slow", 0) != 0).dump()};
    }
    return {404, {{"Content-Type", "text/plain"}}, ""};
  }

  json Result(bool finished) const {
    bool failing = service_.rfind("Failing", 0) == 0;
    json cases = json::array();
    // The first operation gets its verdict before the others.
    cases.push_back(TestCase("GET /pastries", 7, true));
    if (!finished) {
      cases.push_back(TestCase("POST /pastries", -1, false));
    } else if (failing) {
      cases.push_back(TestCase("POST /pastries", 12, false,
                               "Response status 500 is not <201> & body is \"bad\""));
    } else {
      cases.push_back(TestCase("POST /pastries", 12, true));
    }
    return {{"id", "run-1"},
            {"version", 0},
            {"testNumber", 1},
            {"testDate", 1700000000000},
            {"testedEndpoint", "http://127.0.0.1:9/api"},
            {"serviceId", service_},
            {"elapsedTime", finished ? 19 : 0},
            {"success", finished && !failing},
            {"inProgress", !finished},
            {"runnerType", "OPEN_API_SCHEMA"},
            {"testCaseResults", cases}};
  }

  mutable std::mutex mutex_;
  json last_request_;
  std::string service_;
  int polls_ = 0;
  LoopbackHttpServer server_;  // last, so it stops before the state it uses goes away
};

// A loopback port that refuses connections: bound, never listening.
class RefusedPort {
 public:
  RefusedPort() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    if (fd_ >= 0 && bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
        getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      port_ = ntohs(address.sin_port);
    }
  }
  ~RefusedPort() {
    if (fd_ >= 0) close(fd_);
  }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_ = -1;
  int port_ = 0;
};

TEST(CliTestCommand, PassingTestWritesJUnit) {
  FakeTestServer server;
  Scratch scratch;
  std::string junit = scratch.path("report.xml").string();
  TestRun run =
      RunMimic({"test", "Passing API:1.0", "http://127.0.0.1:9/api", "OPEN_API_SCHEMA", "--server",
                server.base_url(), "--waitFor", "5sec", "--junit", junit, "--secretName",
                "pastry-secret", "--filteredOperations", "GET /pastries,POST /pastries",
                "--operationsHeaders", R"({"globals":[{"name":"x-api-key","values":"abc"}]})"});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  EXPECT_TRUE(Contains(run.out, "GET /pastries   passed  1/1    7 ms")) << run.out;
  EXPECT_TRUE(Contains(run.out, "POST /pastries  passed  1/1    12 ms")) << run.out;
  EXPECT_TRUE(Contains(run.out, "test passed: 2 of 2 operations passed")) << run.out;
  EXPECT_TRUE(Contains(run.out, "details: " + server.base_url() + "/api/tests/run-1")) << run.out;
  // Live lines go to stderr as each operation gets its verdict.
  EXPECT_TRUE(Contains(run.err, "passed  GET /pastries  1 step, 7 ms")) << run.err;
  EXPECT_GE(server.polls(), 2);

  json request = server.LastTestRequest();
  EXPECT_EQ(request["serviceId"], "Passing API:1.0");
  EXPECT_EQ(request["testEndpoint"], "http://127.0.0.1:9/api");
  EXPECT_EQ(request["runnerType"], "OPEN_API_SCHEMA");
  EXPECT_EQ(request["timeout"], 5000);
  EXPECT_EQ(request["secretName"], "pastry-secret");
  EXPECT_EQ(request["filteredOperations"], json::array({"GET /pastries", "POST /pastries"}));
  EXPECT_EQ(request["operationsHeaders"]["globals"][0]["name"], "x-api-key");
  EXPECT_FALSE(request.contains("oAuth2Context"));

  std::string xml = ReadFile(junit);
  EXPECT_TRUE(Contains(xml,
                       "<testsuite name=\"Passing API:1.0\" tests=\"2\" failures=\"0\" "
                       "errors=\"0\""))
      << xml;
  EXPECT_TRUE(Contains(xml,
                       "<testcase name=\"GET /pastries\" classname=\"Passing API:1.0\" "
                       "time=\"0.007\"/>"))
      << xml;
  EXPECT_TRUE(Contains(xml, "<testcase name=\"POST /pastries\"")) << xml;
  EXPECT_FALSE(Contains(xml, "<failure")) << xml;
}

TEST(CliTestCommand, FailingTestExitsOne) {
  FakeTestServer server;
  Scratch scratch;
  std::string junit = scratch.path("report.xml").string();
  TestRun run =
      RunMimic({"test", "Failing API:1.0", "http://127.0.0.1:9/api", "open_api_schema",
                "--microcksURL", server.base_url() + "/api/", "--junit", junit, "--oAuth2Context",
                R"({"grantType":"CLIENT_CREDENTIALS","tokenUri":"http://127.0.0.1:9/t",)"
                R"("clientId":"c","clientSecret":"s"})"});
  ASSERT_EQ(run.exit_code, 1) << Describe(run);
  EXPECT_TRUE(Contains(run.out,
                       "POST /pastries  failed  1/2    12 ms  Response status 500 is not "
                       "<201> & body is \"bad\""))
      << run.out;
  EXPECT_TRUE(Contains(run.out, "test failed: 1 of 2 operations failed")) << run.out;
  EXPECT_EQ(server.LastTestRequest()["oAuth2Context"]["clientId"], "c");
  EXPECT_EQ(server.LastTestRequest()["runnerType"], "OPEN_API_SCHEMA");

  std::string xml = ReadFile(junit);
  EXPECT_TRUE(Contains(xml, "tests=\"2\" failures=\"1\" errors=\"0\"")) << xml;
  EXPECT_TRUE(Contains(xml,
                       "<failure message=\"Response status 500 is not &lt;201&gt; &amp; "
                       "body is &quot;bad&quot;\" type=\"ContractFailure\">"))
      << xml;
}

TEST(CliTestCommand, JsonOutput) {
  FakeTestServer server;
  TestRun run = RunMimic({"test", "Failing API:1.0", "http://127.0.0.1:9/api", "HTTP", "--server",
                          server.base_url(), "--output", "json"});
  ASSERT_EQ(run.exit_code, 1) << Describe(run);
  json document = json::parse(run.out, nullptr, false);
  ASSERT_TRUE(document.is_object()) << run.out;
  EXPECT_EQ(document["id"], "run-1");
  EXPECT_EQ(document["success"], false);
  EXPECT_EQ(document["timedOut"], false);
  ASSERT_EQ(document["operations"].size(), 2u);
  EXPECT_EQ(document["operations"][1]["result"], "failed");
  EXPECT_EQ(document["details"], server.base_url() + "/api/tests/run-1");
  EXPECT_TRUE(run.err.empty()) << run.err;
}

TEST(CliTestCommand, UnfinishedTestTimesOut) {
  FakeTestServer server;
  Scratch scratch;
  std::string junit = scratch.path("report.xml").string();
  auto started = std::chrono::steady_clock::now();
  TestRun run = RunMimic({"test", "Slow API:1.0", "http://127.0.0.1:9/api", "HTTP", "--server",
                          server.base_url(), "--waitFor", "400milli", "--junit", junit});
  auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_EQ(run.exit_code, 1) << Describe(run);
  EXPECT_TRUE(Contains(run.out, "POST /pastries  pending  0/0    -")) << run.out;
  EXPECT_TRUE(Contains(run.out, "test timed out: 1 of 2 operations finished, 0 failed")) << run.out;
  EXPECT_TRUE(Contains(run.err,
                       "error: the test did not finish within 400 ms (--waitFor) plus "
                       "400 ms of grace"))
      << run.err;
  EXPECT_LT(elapsed, std::chrono::seconds(5));
  EXPECT_EQ(server.LastTestRequest()["timeout"], 400);

  std::string xml = ReadFile(junit);
  EXPECT_TRUE(Contains(xml, "errors=\"1\"")) << xml;
  EXPECT_TRUE(Contains(xml, "type=\"Timeout\"")) << xml;
}

TEST(CliTestCommand, ServerErrorsMapToExitCodes) {
  FakeTestServer server;
  TestRun missing = RunMimic(
      {"test", "Missing API:1.0", "http://127.0.0.1:9/api", "HTTP", "--server", server.base_url()});
  EXPECT_EQ(missing.exit_code, 13) << Describe(missing);
  EXPECT_TRUE(Contains(missing.err, "no service 'Missing API:1.0'")) << missing.err;

  TestRun untestable = RunMimic({"test", "Untestable API:1.0", "http://127.0.0.1:9/api", "HTTP",
                                 "--server", server.base_url()});
  EXPECT_EQ(untestable.exit_code, 12) << Describe(untestable);
  EXPECT_TRUE(Contains(untestable.err, "supports contract tests")) << untestable.err;

  TestRun broken = RunMimic(
      {"test", "Broken API:1.0", "http://127.0.0.1:9/api", "HTTP", "--server", server.base_url()});
  EXPECT_EQ(broken.exit_code, 12) << Describe(broken);
  EXPECT_TRUE(Contains(broken.err, "HTTP 500")) << broken.err;
  EXPECT_TRUE(Contains(broken.err, "database unavailable")) << broken.err;

  RefusedPort refused;
  TestRun unreachable = RunMimic({"test", "Passing API:1.0", "http://127.0.0.1:9/api", "HTTP",
                                  "--server", refused.base_url()});
  EXPECT_EQ(unreachable.exit_code, 11) << Describe(unreachable);
}

TEST(CliTestCommand, InvalidArgumentsExitTwo) {
  RefusedPort refused;
  struct Case {
    std::vector<std::string> extra;
    std::string expected;
  };
  std::vector<Case> cases = {
      {{"JUNIT"}, "unknown runner 'JUNIT'"},
      {{"HTTP", "--waitFor", "5hours"}, "invalid --waitFor '5hours'"},
      {{"HTTP", "--filteredOperations", "[1]"}, "--filteredOperations"},
      {{"HTTP", "--operationsHeaders", "[]"}, "--operationsHeaders"},
      {{"HTTP", "--oAuth2Context", R"({"grantType":"PASSWORD","tokenUri":"http://127.0.0.1:9/t"})"},
       "missing clientId"},
  };
  for (const Case& test : cases) {
    std::vector<std::string> args = {"test", "Passing API:1.0", "http://127.0.0.1:9/api"};
    args.insert(args.end(), test.extra.begin(), test.extra.end());
    args.insert(args.end(), {"--server", refused.base_url()});
    TestRun run = RunMimic(args);
    EXPECT_EQ(run.exit_code, 2) << Describe(run);
    EXPECT_TRUE(Contains(run.err, test.expected)) << run.err;
  }

  TestRun missing_runner = RunMimic({"test", "Passing API:1.0", "http://127.0.0.1:9/api"});
  EXPECT_EQ(missing_runner.exit_code, 2) << Describe(missing_runner);
}

}  // namespace
}  // namespace mimic::testing

namespace mimic::testing {
namespace {

// The command against the real server: the server's own mocks are the tested
// implementation, and a loopback service that fails every call is the broken one.
TEST(CliTestCommand, RealServerPassesAndFails) {
  std::string samples = SourceDir() + "/samples/";
  ServerProcess server({"--import", samples + "pet-shelter-openapi.yaml", "--import",
                        samples + "pet-shelter-examples.yaml:false"});
  ASSERT_TRUE(server.started());
  Scratch scratch;
  std::string junit = scratch.path("pass.xml").string();
  TestRun pass = RunMimic({"test", "Pet Shelter:1.0.0",
                           server.base_url() + "/rest/Pet+Shelter/1.0.0", "OPEN_API_SCHEMA",
                           "--server", server.base_url(), "--waitFor", "10sec", "--junit", junit});
  ASSERT_EQ(pass.exit_code, 0) << Describe(pass);
  EXPECT_TRUE(Contains(pass.out, "test passed: 3 of 3 operations passed")) << pass.out;
  std::string report = ReadFile(junit);
  EXPECT_TRUE(Contains(report, "<testcase name=\"GET /pets/{id}\"")) << report;
  EXPECT_TRUE(Contains(report, "failures=\"0\"")) << report;

  LoopbackHttpServer broken([](const ReceivedRequest&) {
    return CannedResponse{500, {{"Content-Type", "text/plain"}}, "down"};
  });
  std::string failed_junit = scratch.path("fail.xml").string();
  TestRun fail = RunMimic({"test", "Pet Shelter:1.0.0", broken.base_url(), "HTTP", "--server",
                           server.base_url(), "--waitFor", "10sec", "--junit", failed_junit,
                           "--filteredOperations", R"(["GET /pets"])"});
  EXPECT_EQ(fail.exit_code, 1) << Describe(fail);
  std::string failed_report = ReadFile(failed_junit);
  EXPECT_TRUE(Contains(failed_report, "<failure")) << failed_report;
  EXPECT_TRUE(Contains(failed_report, "500")) << failed_report;
  EXPECT_FALSE(Contains(failed_report, "POST /pets")) << failed_report;
}

}  // namespace
}  // namespace mimic::testing
