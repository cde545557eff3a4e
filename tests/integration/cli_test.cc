// Runs the `mimic` client commands against a real `mimic serve` on loopback and
// checks the output a user or a CI script gets: stdout, stderr and the exit code.
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/archive_builder.h"
#include "support/python_server.h"
#include "support/server_process.h"
#include "support/test_paths.h"

namespace mimic::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const char* const kPastryPath = "public/microcks-microcks/samples/APIPastry-openapi.yaml";
const char* const kPastryExamplesPath =
    "public/microcks-microcks/webapp/src/test/resources/io/github/microcks/util/metadata/"
    "APIPastry-2.0-examples.yml";
const char* const kPastryRef = "API Pastry - 2.0:2.0.0";

struct CliRun {
  int exit_code = -1;  // -1 when the process did not exit normally
  std::string out;
  std::string err;
};

// Runs `program` with `args`, capturing stdout and stderr. MIMIC_SERVER is removed
// from the environment unless `environment` sets it, and loopback bypasses any
// proxy. The process is killed after 60 seconds.
CliRun RunProgram(const std::string& program, const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& environment = {}) {
  CliRun run;
  int out_pipe[2];
  int err_pipe[2];
  if (pipe(out_pipe) != 0) return run;
  if (pipe(err_pipe) != 0) {
    close(out_pipe[0]);
    close(out_pipe[1]);
    return run;
  }
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    close(out_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[0]);
    close(err_pipe[1]);
    int null_input = open("/dev/null", O_RDONLY);
    if (null_input >= 0) dup2(null_input, STDIN_FILENO);
    unsetenv("MIMIC_SERVER");
    setenv("NO_PROXY", "127.0.0.1,localhost", 1);
    setenv("no_proxy", "127.0.0.1,localhost", 1);
    for (const auto& [name, value] : environment) setenv(name.c_str(), value.c_str(), 1);
    std::vector<std::string> argv_strings = {program};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& arg : argv_strings) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&run.out, &run.err};
  int open_count = 2;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  char buffer[4096];
  while (open_count > 0 && std::chrono::steady_clock::now() < deadline) {
    if (poll(fds, 2, 100) <= 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      ssize_t count = read(fds[i].fd, buffer, sizeof(buffer));
      if (count > 0) {
        sinks[i]->append(buffer, static_cast<size_t>(count));
      } else {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_count;
      }
    }
  }
  for (pollfd& fd : fds) {
    if (fd.fd >= 0) close(fd.fd);
  }
  if (open_count > 0) kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  return run;
}

CliRun RunCli(const std::vector<std::string>& args,
              const std::map<std::string, std::string>& environment = {}) {
  return RunProgram(MimicBinary(), args, environment);
}

std::string Describe(const CliRun& run) {
  return "exit code " + std::to_string(run.exit_code) + "\n--- stdout\n" + run.out +
         "--- stderr\n" + run.err;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A loopback port that refuses connections: the socket is bound but never
// listens, and holding it keeps other processes from taking the port.
class RefusedPort {
 public:
  RefusedPort() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    if (fd_ >= 0 && bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
        getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      port_ = ntohs(address.sin_port);
    }
  }
  ~RefusedPort() {
    if (fd_ >= 0) close(fd_);
  }
  RefusedPort(const RefusedPort&) = delete;
  RefusedPort& operator=(const RefusedPort&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// A fresh folder under the system temporary folder, removed with the object.
class TempFolder {
 public:
  TempFolder() {
    std::string pattern = (fs::temp_directory_path() / "mimic-cli-XXXXXX").string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (mkdtemp(buffer.data()) != nullptr) path_ = buffer.data();
  }
  ~TempFolder() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }
  std::string Write(const std::string& relative, const std::string& content) const {
    fs::path file = fs::path(path_) / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
    return file.string();
  }

 private:
  std::string path_;
};

// Serves one folder over HTTPS with the certificate and key in cert.pem and key.pem there.
constexpr const char* kHttpsServerScript = R"py(
import http.server, os, ssl, sys
os.chdir(sys.argv[1])
server = http.server.HTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain("cert.pem", "key.pem")
server.socket = context.wrap_socket(server.socket, server_side=True)
print("Serving HTTPS on port", server.server_address[1], flush=True)
server.serve_forever()
)py";

// Python's http.server on a free loopback port, serving one folder, over HTTPS
// when `tls` is set.
class FileServer {
 public:
  explicit FileServer(const std::string& folder, bool tls = false)
      : server_(tls ? std::vector<std::string>{"-c", kHttpsServerScript, folder}
                    : HttpServerArguments(folder)) {}
  int port() const { return server_.port(); }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port()) + "/" + path;
  }

 private:
  PythonServer server_;
};

// Returns `text` with each %NAME% marker replaced by its value.
std::string Fill(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [name, value] : values) {
    std::string marker = "%" + name + "%";
    for (size_t pos = text.find(marker); pos != std::string::npos;
         pos = text.find(marker, pos + value.size())) {
      text.replace(pos, marker.size(), value);
    }
  }
  return text;
}

std::string OpenApi(const std::string& title, const std::string& version, const std::string& path) {
  return Fill(R"(openapi: 3.0.2
info: {title: %TITLE%, version: '%VERSION%'}
paths:
  %PATH%:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              examples:
                first: {value: {id: 1}}
)",
              {{"TITLE", title}, {"VERSION", version}, {"PATH", path}});
}

std::string ExamplesFor(const std::string& name, const std::string& version,
                        const std::string& operation, const std::string& example) {
  return Fill(
      R"(apiVersion: mocks.microcks.io/v1alpha1
kind: APIExamples
metadata: {name: %NAME%, version: '%VERSION%'}
operations:
  '%OPERATION%':
    %EXAMPLE%:
      response:
        mediaType: application/json
        body: {id: 2}
)",
      {{"NAME", name}, {"VERSION", version}, {"OPERATION", operation}, {"EXAMPLE", example}});
}

std::string MetadataFor(const std::string& name, const std::string& version) {
  return Fill(R"(apiVersion: mocks.microcks.io/v1alpha1
kind: APIMetadata
metadata:
  name: %NAME%
  version: '%VERSION%'
  labels: {team: cli}
)",
              {{"NAME", name}, {"VERSION", version}});
}

json ServiceView(const ServerProcess& server, const std::string& ref) {
  std::string encoded;
  for (char c : ref) encoded += c == ' ' ? std::string("%20") : std::string(1, c);
  auto reply = Get(server.base_url() + "/api/services/" + encoded);
  if (reply.status != 200) return json();
  return json::parse(reply.body, nullptr, false);
}

TEST(CliImport, MainThenSecondaryArtifact) {
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();
  std::string main_file = CorpusPath(kPastryPath);
  std::string examples_file = CorpusPath(kPastryExamplesPath);

  auto run =
      RunCli({"import", main_file + "," + examples_file + ":false", "--server", server.base_url()});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  auto lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 2u) << Describe(run);
  EXPECT_EQ(lines[0], std::string("imported  ") + kPastryRef + "  from " + main_file);
  EXPECT_EQ(lines[1], std::string("completed ") + kPastryRef + "  from " + examples_file);
  EXPECT_EQ(run.err, "");

  json view = ServiceView(server, kPastryRef);
  ASSERT_TRUE(view.is_object());
  bool found_example = false;
  for (const json& exchange : view["messagesMap"]["GET /pastry/{name}"]) {
    if (exchange["request"]["name"] == "Eclair Chocolat") found_example = true;
  }
  EXPECT_TRUE(found_example) << view["messagesMap"].dump();
}

TEST(CliImport, SeparateArgumentsWithJsonOutput) {
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();
  std::string main_file = CorpusPath(kPastryPath);
  std::string examples_file = CorpusPath(kPastryExamplesPath);

  auto run = RunCli({"--server", server.base_url(), "import", main_file + ":true",
                     examples_file + ":false", "--output", "json"});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  json results = json::parse(run.out, nullptr, false);
  ASSERT_TRUE(results.is_array()) << run.out;
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0]["file"], main_file);
  EXPECT_EQ(results[0]["mainArtifact"], true);
  EXPECT_EQ(results[0]["status"], "imported");
  EXPECT_EQ(results[0]["httpStatus"], 201);
  EXPECT_EQ(results[0]["services"], json::array({kPastryRef}));
  EXPECT_EQ(results[1]["file"], examples_file);
  EXPECT_EQ(results[1]["mainArtifact"], false);
  EXPECT_EQ(results[1]["status"], "imported");
}

TEST(CliImport, MissingFileExitsNotFound) {
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();
  TempFolder folder;
  std::string present = folder.Write("present.yaml", OpenApi("Present API", "1.0", "/things"));
  std::string missing = folder.path() + "/missing.yaml";

  auto run = RunCli({"import", present + "," + missing, "--server", server.base_url()});
  EXPECT_EQ(run.exit_code, 13) << Describe(run);
  EXPECT_TRUE(Contains(run.err, "file not found: " + missing)) << run.err;
  EXPECT_EQ(run.out, "");
  // Files are checked before any upload, so the present one was not imported either.
  EXPECT_EQ(Get(server.base_url() + "/api/services").body, "[]");
}

TEST(CliImport, BadArtifactShowsServerMessage) {
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();
  TempFolder folder;
  std::string content = "openapi: 3.0.2\ninfo: {title: Broken}\npaths: [\n";
  std::string bad = folder.Write("broken.yaml", content);
  auto direct = Upload(server.base_url(), "broken.yaml", content);
  ASSERT_EQ(direct.status, 400) << direct.body;
  ASSERT_FALSE(direct.body.empty());

  auto run = RunCli({"import", bad, "--server", server.base_url()});
  EXPECT_EQ(run.exit_code, 12) << Describe(run);
  EXPECT_TRUE(Contains(run.err, "HTTP 400")) << run.err;
  EXPECT_TRUE(Contains(run.err, direct.body)) << run.err;
  EXPECT_TRUE(Contains(run.err, bad)) << run.err;
}

TEST(CliImport, FirstFailureStopsTheList) {
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();
  TempFolder folder;
  std::string bad = folder.Write("broken.yaml", "openapi: 3.0.2\npaths: [\n");
  std::string good = folder.Write("good.yaml", OpenApi("Good API", "1.0", "/good"));

  auto run = RunCli({"import", bad + "," + good, "--server", server.base_url(), "-o", "json"});
  EXPECT_EQ(run.exit_code, 12) << Describe(run);
  EXPECT_TRUE(Contains(run.err, "stopped; not imported: " + good)) << run.err;
  json results = json::parse(run.out, nullptr, false);
  ASSERT_TRUE(results.is_array()) << run.out;
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0]["status"], "failed");
  EXPECT_EQ(results[0]["exitCode"], 12);
  EXPECT_TRUE(results[0]["error"].is_string());
  EXPECT_EQ(results[1]["status"], "skipped");
}

TEST(CliImport, SecondaryWithoutMainImportsNothing) {
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();
  std::string examples_file = CorpusPath(kPastryExamplesPath);

  auto run = RunCli({"import", examples_file + ":false", "--server", server.base_url()});
  EXPECT_EQ(run.exit_code, 12) << Describe(run);
  EXPECT_TRUE(Contains(run.err, "nothing imported from " + examples_file +
                                    ": the secondary artifact completes a service that does not "
                                    "exist; import its main artifact first"))
      << run.err;
  // The server's own explanation arrives in the diagnostics header.
  EXPECT_TRUE(Contains(run.err, "  warning: ")) << run.err;
  EXPECT_EQ(run.out, "");
}

TEST(CliImport, PrintsImportDiagnosticsAsWarnings) {
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();
  TempFolder folder;
  std::string collection = folder.Write("notes.postman_collection.json", R"json({
  "info": {"name": "Notes API", "version": "1.0",
           "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
  "item": [
    {"name": "list notes",
     "request": {"method": "GET", "url": {"raw": "http://example.com/notes"}},
     "response": [{"name": "all",
       "originalRequest": {"method": "GET", "url": {"raw": "http://example.com/notes"}},
       "code": 200, "header": [{"key": "Content-Type", "value": "application/json"}],
       "body": "[]"}]},
    {"name": "delete note",
     "request": {"method": "DELETE", "url": {"raw": "http://example.com/notes/42"}},
     "response": []}
  ]})json");

  auto run = RunCli({"import", collection, "--server", server.base_url()});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  auto lines = Lines(run.out);
  ASSERT_GE(lines.size(), 2u) << Describe(run);
  EXPECT_EQ(lines[0], "imported  Notes API:1.0  from " + collection);
  EXPECT_EQ(lines[1].rfind("  warning: DELETE ", 0), 0u) << lines[1];
  EXPECT_TRUE(Contains(lines[1], "no mock response")) << lines[1];

  auto json_run = RunCli({"import", collection, "--server", server.base_url(), "--output", "json"});
  ASSERT_EQ(json_run.exit_code, 0) << Describe(json_run);
  json results = json::parse(json_run.out, nullptr, false);
  ASSERT_TRUE(results.is_array()) << json_run.out;
  ASSERT_EQ(results[0]["diagnostics"].size(), 1u) << json_run.out;
  EXPECT_TRUE(results[0]["diagnostics"][0]["operation"].is_string());
  EXPECT_TRUE(results[0]["diagnostics"][0]["message"].is_string());
}

TEST(CliImport, UnreachableServerExitsConnection) {
  RefusedPort refused;
  ASSERT_NE(refused.port(), 0);
  std::string url = refused.url();

  auto run = RunCli({"import", CorpusPath(kPastryPath), "--server", url});
  EXPECT_EQ(run.exit_code, 11) << Describe(run);
  EXPECT_TRUE(Contains(run.err, "cannot reach the server at " + url)) << run.err;
  EXPECT_TRUE(Contains(run.err, "running")) << run.err;
  EXPECT_EQ(run.out, "");

  auto list = RunCli({"services", "list", "--server", url, "-o", "json"});
  EXPECT_EQ(list.exit_code, 11) << Describe(list);
}

TEST(CliUsage, InvalidCommandLinesExitTwo) {
  RefusedPort refused;
  ASSERT_NE(refused.port(), 0);
  // Usage errors are found before any request, so the server URL is never used.
  std::string url = refused.url();
  std::string pastry = CorpusPath(kPastryPath);
  const std::vector<std::vector<std::string>> cases = {
      {"import", "--server", url},
      {"import", pastry, "--server", url, "--output", "xml"},
      {"import", pastry, "--server", url, "--no-such-option"},
      {"import", pastry + ":maybe", "--server", url},
      {"import", pastry + ",,", "--server", url},
      {"import", fs::path(pastry).parent_path().string(), "--server", url},
      {"import", pastry, "--server", "localhost:8080"},
      {"import", pastry, "--server", url, "--microcksURL", "http://127.0.0.2:1/api"},
      {"import-url", "ftp://example.com/spec.yaml", "--server", url},
      {"import-url", "http://", "--server", url},
      {"import-dir", "--server", url},
      {"import-dir", pastry, "--server", url},
      {"services", "--server", url},
      {"services", "get", "--server", url},
      {"services", "list", "--server", "ftp://127.0.0.1:1"},
  };
  for (const auto& args : cases) {
    std::string command_line;
    for (const std::string& arg : args) command_line += arg + " ";
    auto run = RunCli(args);
    EXPECT_EQ(run.exit_code, 2) << command_line << "\n" << Describe(run);
    EXPECT_FALSE(run.err.empty()) << command_line;
  }
}

TEST(CliUsage, InvalidServerVariableExitsTwo) {
  auto run = RunCli({"services", "list"}, {{"MIMIC_SERVER", "not a url"}});
  EXPECT_EQ(run.exit_code, 2) << Describe(run);
  EXPECT_TRUE(Contains(run.err, "MIMIC_SERVER")) << run.err;
}

TEST(CliImportDir, SecondaryArtifactsGoLast) {
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();
  TempFolder folder;
  // Sorted by name, both secondary files would come first.
  std::string alpha = folder.Write("alpha.yaml", OpenApi("Alpha API", "1.0", "/alpha"));
  std::string beta = folder.Write("beta.yml", OpenApi("Beta API", "1.0", "/beta"));
  std::string gamma = folder.Write("gamma.json", R"json({"openapi": "3.0.2",
    "info": {"title": "Gamma API", "version": "1.0"},
    "paths": {"/gamma": {"get": {"responses": {"200": {"description": "ok",
      "content": {"application/json": {"examples": {"first": {"value": {"id": 1}}}}}}}}}}})json");
  std::string examples =
      folder.Write("alpha-examples.yaml", ExamplesFor("Alpha API", "1.0", "GET /alpha", "second"));
  std::string labels = folder.Write("0-labels.yaml", MetadataFor("Beta API", "1.0"));
  folder.Write("notes.txt", "not an artifact");
  folder.Write(".hidden.yaml", OpenApi("Hidden API", "1.0", "/hidden"));

  auto run = RunCli({"import-dir", folder.path(), "--server", server.base_url()});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  auto lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 6u) << Describe(run);
  EXPECT_EQ(lines[0], "imported  Alpha API:1.0  from " + alpha);
  EXPECT_EQ(lines[1], "imported  Beta API:1.0  from " + beta);
  EXPECT_EQ(lines[2], "imported  Gamma API:1.0  from " + gamma);
  EXPECT_EQ(lines[3], "completed Beta API:1.0  from " + labels);
  EXPECT_EQ(lines[4], "completed Alpha API:1.0  from " + examples);
  EXPECT_EQ(lines[5], "imported 5 of 5 artifacts from " + folder.path());
  EXPECT_EQ(run.err, "");

  json alpha_view = ServiceView(server, "Alpha API:1.0");
  ASSERT_TRUE(alpha_view.is_object());
  EXPECT_EQ(alpha_view["messagesMap"]["GET /alpha"].size(), 2u) << alpha_view.dump();
  json beta_view = ServiceView(server, "Beta API:1.0");
  ASSERT_TRUE(beta_view.is_object());
  EXPECT_EQ(beta_view["service"]["metadata"]["labels"]["team"], "cli") << beta_view.dump();
  EXPECT_TRUE(ServiceView(server, "Hidden API:1.0").is_null());

  auto json_run =
      RunCli({"import-dir", folder.path(), "--server", server.base_url(), "--output", "json"});
  ASSERT_EQ(json_run.exit_code, 0) << Describe(json_run);
  json results = json::parse(json_run.out, nullptr, false);
  ASSERT_TRUE(results.is_array()) << json_run.out;
  std::vector<std::string> files;
  std::vector<bool> main_flags;
  for (const json& result : results) {
    files.push_back(result["file"]);
    main_flags.push_back(result["mainArtifact"]);
  }
  EXPECT_EQ(files, (std::vector<std::string>{alpha, beta, gamma, labels, examples}));
  EXPECT_EQ(main_flags, (std::vector<bool>{true, true, true, false, false}));
}

TEST(CliImportDir, RecursiveAndPattern) {
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();
  TempFolder folder;
  folder.Write("top.yaml", OpenApi("Top API", "1.0", "/top"));
  std::string nested = folder.Write("sub/nested.yaml", OpenApi("Nested API", "1.0", "/nested"));
  folder.Write(".git/config.yaml", OpenApi("Git API", "1.0", "/git"));

  auto flat = RunCli({"import-dir", folder.path(), "--server", server.base_url(), "-o", "json"});
  ASSERT_EQ(flat.exit_code, 0) << Describe(flat);
  EXPECT_EQ(json::parse(flat.out).size(), 1u) << flat.out;

  auto recursive = RunCli({"import-dir", folder.path(), "--recursive", "--pattern", "nested.*",
                           "--server", server.base_url(), "-o", "json"});
  ASSERT_EQ(recursive.exit_code, 0) << Describe(recursive);
  json results = json::parse(recursive.out);
  ASSERT_EQ(results.size(), 1u) << recursive.out;
  EXPECT_EQ(results[0]["file"], nested);
  EXPECT_TRUE(ServiceView(server, "Git API:1.0").is_null());

  auto none =
      RunCli({"import-dir", folder.path(), "--pattern", "*.proto", "--server", server.base_url()});
  EXPECT_EQ(none.exit_code, 13) << Describe(none);
  EXPECT_TRUE(Contains(none.err, "no artifact files matching *.proto")) << none.err;

  auto missing = RunCli({"import-dir", folder.path() + "/absent", "--server", server.base_url()});
  EXPECT_EQ(missing.exit_code, 13) << Describe(missing);
  EXPECT_TRUE(Contains(missing.err, "folder not found")) << missing.err;
}

TEST(CliImportDir, FailuresDoNotStopTheFolder) {
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();
  TempFolder folder;
  std::string bad = folder.Write("a-broken.yaml", "openapi: 3.0.2\npaths: [\n");
  std::string good = folder.Write("b-good.yaml", OpenApi("Good API", "1.0", "/good"));

  auto run = RunCli({"import-dir", folder.path(), "--server", server.base_url()});
  EXPECT_EQ(run.exit_code, 12) << Describe(run);
  EXPECT_TRUE(Contains(run.out, "imported  Good API:1.0  from " + good)) << run.out;
  EXPECT_TRUE(Contains(run.out, "imported 1 of 2 artifacts from " + folder.path())) << run.out;
  EXPECT_TRUE(Contains(run.err, bad)) << run.err;
  EXPECT_TRUE(Contains(run.err, "1 of 2 artifacts failed to import")) << run.err;
}

TEST(CliImportDir, ProgressLineOnTerminal) {
  if (access("/usr/bin/script", X_OK) != 0) GTEST_SKIP() << "util-linux script is not installed";
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();
  TempFolder folder;
  folder.Write("one.yaml", OpenApi("One API", "1.0", "/one"));
  folder.Write("two.yaml", OpenApi("Two API", "1.0", "/two"));
  // `script` gives the command a pseudo-terminal for stdout and stderr and copies
  // everything it prints to its own stdout.
  std::string command =
      MimicBinary() + " import-dir '" + folder.path() + "' --server " + server.base_url();

  auto run = RunProgram("/usr/bin/script", {"-qec", command, "/dev/null"});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  EXPECT_TRUE(Contains(run.out, "\r\033[K[1/2] importing " + folder.path() + "/one.yaml"))
      << Describe(run);
  EXPECT_TRUE(Contains(run.out, "\r\033[K[2/2] importing " + folder.path() + "/two.yaml"))
      << Describe(run);
  EXPECT_TRUE(Contains(run.out, "imported  Two API:1.0  from ")) << Describe(run);
  EXPECT_TRUE(Contains(run.out, "imported 2 of 2 artifacts")) << Describe(run);

  // Without a terminal, the output has plain lines only.
  auto plain = RunCli({"import-dir", folder.path(), "--server", server.base_url()});
  ASSERT_EQ(plain.exit_code, 0) << Describe(plain);
  EXPECT_FALSE(Contains(plain.out + plain.err, "\033")) << Describe(plain);
  EXPECT_FALSE(Contains(plain.out + plain.err, "importing")) << Describe(plain);
}

TEST(CliServices, ListGetDeleteHuman) {
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();
  ASSERT_EQ(
      Upload(server.base_url(), "APIPastry-openapi.yaml", ReadFile(CorpusPath(kPastryPath))).status,
      201);
  std::string id = json::parse(Get(server.base_url() + "/api/services").body)[0]["id"];

  auto list = RunCli({"services", "list", "--server", server.base_url()});
  ASSERT_EQ(list.exit_code, 0) << Describe(list);
  auto lines = Lines(list.out);
  ASSERT_EQ(lines.size(), 2u) << list.out;
  EXPECT_TRUE(std::regex_match(lines[0], std::regex("NAME +VERSION +TYPE +OPERATIONS +ID")))
      << lines[0];
  EXPECT_TRUE(
      std::regex_match(lines[1], std::regex("API Pastry - 2\\.0 +2\\.0\\.0 +REST +[0-9]+ +" + id)))
      << lines[1];
  // Columns are aligned: each value starts where its header starts.
  EXPECT_EQ(lines[0].find("VERSION"), lines[1].find("2.0.0"));
  EXPECT_EQ(lines[0].find("ID"), lines[1].find(id));

  auto get = RunCli({"services", "get", kPastryRef, "--server", server.base_url()});
  ASSERT_EQ(get.exit_code, 0) << Describe(get);
  EXPECT_TRUE(std::regex_search(get.out, std::regex("(^|\n)name +API Pastry - 2\\.0\n")))
      << get.out;
  EXPECT_TRUE(std::regex_search(get.out, std::regex("\nid +" + id + "\n"))) << get.out;
  EXPECT_TRUE(
      std::regex_search(get.out, std::regex("\n  GET /pastry/\\{name\\} +[0-9]+ examples?")))
      << get.out;

  auto by_id = RunCli({"services", "get", id, "--server", server.base_url()});
  EXPECT_EQ(by_id.exit_code, 0) << Describe(by_id);
  EXPECT_EQ(by_id.out, get.out);

  auto removed = RunCli({"services", "delete", kPastryRef, "--server", server.base_url()});
  ASSERT_EQ(removed.exit_code, 0) << Describe(removed);
  EXPECT_EQ(removed.out, std::string("deleted   ") + kPastryRef + "  (id " + id + ")\n");
  EXPECT_EQ(Get(server.base_url() + "/api/services").body, "[]");

  auto gone = RunCli({"services", "get", kPastryRef, "--server", server.base_url()});
  EXPECT_EQ(gone.exit_code, 13) << Describe(gone);
  EXPECT_TRUE(
      Contains(gone.err, std::string("no service with id or name:version '") + kPastryRef + "'"))
      << gone.err;
  auto delete_again = RunCli({"services", "delete", id, "--server", server.base_url()});
  EXPECT_EQ(delete_again.exit_code, 13) << Describe(delete_again);

  auto empty = RunCli({"services", "list", "--server", server.base_url()});
  EXPECT_EQ(empty.exit_code, 0) << Describe(empty);
  EXPECT_EQ(empty.out, "no services on " + server.base_url() + "\n");
}

TEST(CliServices, ListGetDeleteJson) {
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();
  ASSERT_EQ(
      Upload(server.base_url(), "APIPastry-openapi.yaml", ReadFile(CorpusPath(kPastryPath))).status,
      201);

  auto list = RunCli({"services", "list", "--server", server.base_url(), "--output", "json"});
  ASSERT_EQ(list.exit_code, 0) << Describe(list);
  json services = json::parse(list.out, nullptr, false);
  ASSERT_TRUE(services.is_array()) << list.out;
  ASSERT_EQ(services.size(), 1u);
  EXPECT_EQ(services[0]["name"], "API Pastry - 2.0");
  EXPECT_EQ(services[0]["version"], "2.0.0");
  std::string id = services[0]["id"];

  auto get = RunCli({"--output", "json", "services", "get", id, "--server", server.base_url()});
  ASSERT_EQ(get.exit_code, 0) << Describe(get);
  json view = json::parse(get.out, nullptr, false);
  ASSERT_TRUE(view.is_object()) << get.out;
  EXPECT_EQ(view["service"]["id"], id);
  EXPECT_TRUE(view["messagesMap"].contains("GET /pastry/{name}")) << get.out;

  auto removed =
      RunCli({"services", "delete", id, "--server", server.base_url(), "--output", "json"});
  ASSERT_EQ(removed.exit_code, 0) << Describe(removed);
  json deleted = json::parse(removed.out, nullptr, false);
  EXPECT_EQ(deleted["deleted"]["id"], id) << removed.out;
  EXPECT_EQ(deleted["deleted"]["name"], "API Pastry - 2.0");
  EXPECT_EQ(deleted["deleted"]["version"], "2.0.0");

  auto empty = RunCli({"services", "list", "--server", server.base_url(), "-o", "json"});
  ASSERT_EQ(empty.exit_code, 0) << Describe(empty);
  EXPECT_EQ(json::parse(empty.out), json::array());

  auto missing = RunCli({"services", "get", id, "--server", server.base_url(), "-o", "json"});
  EXPECT_EQ(missing.exit_code, 13) << Describe(missing);
  EXPECT_EQ(missing.out, "");
}

TEST(CliServices, ListsEveryPage) {
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();
  // The client reads the list in pages of 100, so 120 services take two pages.
  for (int i = 0; i < 120; ++i) {
    std::string title = "Paged API " + std::to_string(i);
    std::string file = "paged-" + std::to_string(i) + ".yaml";
    ASSERT_EQ(Upload(server.base_url(), file, OpenApi(title, "1.0", "/p")).status, 201);
  }
  auto list = RunCli({"services", "list", "--server", server.base_url(), "-o", "json"});
  ASSERT_EQ(list.exit_code, 0) << Describe(list);
  EXPECT_EQ(json::parse(list.out).size(), 120u);
}

TEST(CliGlobalOptions, MicrocksUrlAndKeycloakFlags) {
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();
  std::string pastry = CorpusPath(kPastryPath);

  // The form microcks-cli scripts and CI actions use, with /api/ at the end.
  auto run = RunCli({"import", pastry + ":true", "--microcksURL=" + server.base_url() + "/api/",
                     "--keycloakClientId=foo", "--keycloakClientSecret=bar", "--insecure"});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  EXPECT_EQ(run.out, std::string("imported  ") + kPastryRef + "  from " + pastry + "\n");

  auto without_slash = RunCli({"--microcksURL", server.base_url() + "/api", "services", "list"});
  EXPECT_EQ(without_slash.exit_code, 0) << Describe(without_slash);
  EXPECT_TRUE(Contains(without_slash.out, "API Pastry - 2.0")) << without_slash.out;

  auto both = RunCli({"services", "list", "--microcksURL", server.base_url() + "/api/", "--server",
                      server.base_url() + "/"});
  EXPECT_EQ(both.exit_code, 0) << Describe(both);

  auto from_environment = RunCli({"services", "list"}, {{"MIMIC_SERVER", server.base_url()}});
  EXPECT_EQ(from_environment.exit_code, 0) << Describe(from_environment);
  EXPECT_TRUE(Contains(from_environment.out, "API Pastry - 2.0")) << from_environment.out;
}

TEST(CliGlobalOptions, VerbosePrintsEachRequest) {
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();
  auto run = RunCli({"services", "list", "--server", server.base_url(), "--verbose"});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  EXPECT_TRUE(Contains(run.err, "> GET " + server.base_url() + "/api/keycloak/config\n"))
      << run.err;
  EXPECT_TRUE(Contains(run.err, "> GET " + server.base_url() + "/api/services?page=0&size=100\n"))
      << run.err;
  EXPECT_TRUE(std::regex_search(run.err, std::regex("< 200 in [0-9]+ ms"))) << run.err;
}

TEST(CliImportUrl, ImportsFromLoopbackFileServer) {
  TempFolder folder;
  folder.Write("orders.yaml", OpenApi("Orders API", "1.0", "/orders"));
  folder.Write("orders-examples.yaml", ExamplesFor("Orders API", "1.0", "GET /orders", "second"));
  FileServer files(folder.path());
  ASSERT_NE(files.port(), 0);
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();

  auto main_run = RunCli({"import-url", files.url("orders.yaml"), "--server", server.base_url()});
  ASSERT_EQ(main_run.exit_code, 0) << Describe(main_run);
  EXPECT_EQ(main_run.out, "imported  Orders API:1.0  from " + files.url("orders.yaml") + "\n");

  auto unknown_secret =
      RunCli({"import-url", files.url("orders-examples.yaml") + ":false:my-secret", "--server",
              server.base_url()});
  EXPECT_EQ(unknown_secret.exit_code, 12) << Describe(unknown_secret);
  EXPECT_TRUE(Contains(unknown_secret.err, "'my-secret'")) << unknown_secret.err;
  HttpCall create_secret;
  create_secret.method = "POST";
  create_secret.url = server.base_url() + "/api/secrets";
  create_secret.headers = {"Content-Type: application/json"};
  create_secret.body = R"({"name": "my-secret", "description": "file server", "token": "t"})";
  ASSERT_EQ(Send(create_secret).status, 201);

  auto secondary = RunCli({"import-url", files.url("orders-examples.yaml") + ":false:my-secret",
                           "--server", server.base_url(), "-o", "json"});
  ASSERT_EQ(secondary.exit_code, 0) << Describe(secondary);
  json results = json::parse(secondary.out, nullptr, false);
  ASSERT_TRUE(results.is_array()) << secondary.out;
  EXPECT_EQ(results[0]["url"], files.url("orders-examples.yaml"));
  EXPECT_EQ(results[0]["mainArtifact"], false);
  EXPECT_EQ(results[0]["status"], "imported");
  EXPECT_EQ(results[0]["services"], json::array({"Orders API:1.0"}));
  json view = ServiceView(server, "Orders API:1.0");
  ASSERT_TRUE(view.is_object());
  EXPECT_EQ(view["messagesMap"]["GET /orders"].size(), 2u) << view.dump();

  auto missing = RunCli({"import-url", files.url("absent.yaml"), "--server", server.base_url()});
  EXPECT_EQ(missing.exit_code, 12) << Describe(missing);
  EXPECT_TRUE(Contains(missing.err, "HTTP 400")) << missing.err;
  EXPECT_TRUE(Contains(missing.err, "404")) << missing.err;
}

TEST(CliTls, CaCertsAndInsecure) {
  if (access("/usr/bin/openssl", X_OK) != 0) GTEST_SKIP() << "openssl is not installed";
  TempFolder folder;
  std::string make_certificate =
      "cd '" + folder.path() +
      "' && openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 1 "
      "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2>/dev/null";
  ASSERT_EQ(std::system(make_certificate.c_str()), 0);
  // A static file serves as the version endpoint, which is enough to exercise the TLS setup.
  folder.Write("api/version/info", R"({"versionId": "9.9.9", "buildTimestamp": ""})");
  FileServer files(folder.path(), /*tls=*/true);
  ASSERT_NE(files.port(), 0);
  std::string url = "https://127.0.0.1:" + std::to_string(files.port());

  auto untrusted = RunCli({"version", "--server", url});
  EXPECT_EQ(untrusted.exit_code, 11) << Describe(untrusted);
  EXPECT_TRUE(Contains(untrusted.err, "the TLS connection to " + url + " failed")) << untrusted.err;
  EXPECT_TRUE(Contains(untrusted.err, "--caCerts")) << untrusted.err;

  auto trusted = RunCli({"version", "--server", url, "--caCerts", folder.path() + "/cert.pem"});
  EXPECT_EQ(trusted.exit_code, 0) << Describe(trusted);
  EXPECT_TRUE(Contains(trusted.out, "server 9.9.9 at " + url + "\n")) << trusted.out;

  auto insecure = RunCli({"version", "--server", url, "--insecure"});
  EXPECT_EQ(insecure.exit_code, 0) << Describe(insecure);
  EXPECT_TRUE(Contains(insecure.out, "server 9.9.9 at " + url + "\n")) << insecure.out;

  auto missing = RunCli({"version", "--server", url, "--caCerts", folder.path() + "/none.pem"});
  EXPECT_EQ(missing.exit_code, 13) << Describe(missing);
  EXPECT_TRUE(Contains(missing.err, "none.pem")) << missing.err;
}

TEST(CliAuthentication, EnabledKeycloakIsRejected) {
  TempFolder folder;
  // A static file serves as the Keycloak configuration of a server with authentication on.
  folder.Write(
      "api/keycloak/config",
      R"({"enabled": true, "realm": "microcks", "auth-server-url": "http://127.0.0.1:1"})");
  FileServer files(folder.path());
  ASSERT_NE(files.port(), 0);
  std::string url = "http://127.0.0.1:" + std::to_string(files.port());

  auto run = RunCli({"services", "list", "--microcksURL", url + "/api/", "--keycloakClientId",
                     "foo", "--keycloakClientSecret", "bar"});
  EXPECT_EQ(run.exit_code, 12) << Describe(run);
  EXPECT_TRUE(Contains(run.err, "authentication is not supported by this client yet")) << run.err;
  EXPECT_TRUE(Contains(run.err, url)) << run.err;
  EXPECT_EQ(run.out, "");
}

TEST(CliVersion, PrintsClientAndServerVersions) {
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();
  json info = json::parse(Get(server.base_url() + "/api/version/info").body);

  auto local = RunCli({"version"});
  ASSERT_EQ(local.exit_code, 0) << Describe(local);
  ASSERT_EQ(Lines(local.out).size(), 1u) << local.out;
  std::string client_line = Lines(local.out)[0];
  EXPECT_EQ(client_line.rfind("mimic ", 0), 0u) << client_line;

  auto remote = RunCli({"version", "--server", server.base_url()});
  ASSERT_EQ(remote.exit_code, 0) << Describe(remote);
  EXPECT_EQ(remote.out, client_line + "\nserver " + info["versionId"].get<std::string>() + " at " +
                            server.base_url() + "\n");

  auto as_json = RunCli({"version", "--server", server.base_url(), "--output", "json"});
  ASSERT_EQ(as_json.exit_code, 0) << Describe(as_json);
  json document = json::parse(as_json.out, nullptr, false);
  ASSERT_TRUE(document.is_object()) << as_json.out;
  EXPECT_EQ("mimic " + document["client"].get<std::string>(), client_line);
  EXPECT_EQ(document["server"]["url"], server.base_url());
  EXPECT_EQ(document["server"]["versionId"], info["versionId"]);

  RefusedPort refused;
  ASSERT_NE(refused.port(), 0);
  auto unreachable = RunCli({"version", "--server", refused.url()});
  EXPECT_EQ(unreachable.exit_code, 11) << Describe(unreachable);
}

TEST(CliImport, BundleZipAndServeImport) {
  std::string samples = SourceDir() + "/samples/";
  std::string archive =
      BuildArchive(ArchiveKind::kTarGzip,
                   {{"shelter/openapi.yaml", ReadFile(samples + "pet-shelter-openapi.yaml")},
                    {"shelter/examples.yaml", ReadFile(samples + "pet-shelter-examples.yaml")}});
  std::filesystem::path file = std::filesystem::temp_directory_path() /
                               ("mimic-bundle-" + std::to_string(::getpid()) + ".tgz");
  std::ofstream(file, std::ios::binary) << archive;

  ServerProcess server;
  ASSERT_TRUE(server.started());
  auto run = RunCli({"import", file.string(), "--server", server.base_url()});
  EXPECT_EQ(run.exit_code, 0) << Describe(run);
  EXPECT_TRUE(Contains(run.out, "Pet Shelter:1.0.0")) << Describe(run);
  EXPECT_EQ(Get(server.base_url() + "/rest/Pet+Shelter/1.0.0/pets/3").status, 200);

  ServerProcess preloaded({"--import", file.string()});
  ASSERT_TRUE(preloaded.started()) << preloaded.output();
  EXPECT_EQ(Get(preloaded.base_url() + "/rest/Pet+Shelter/1.0.0/pets/3").status, 200);
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace mimic::testing
