// Secrets, secret use on artifact downloads, the download address policy and
// import jobs, through the real server and loopback file servers that record
// which credentials reached them.
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/python_server.h"
#include "support/server_process.h"

namespace mimic::testing {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

class TempFolder {
 public:
  TempFolder() {
    std::string pattern = (fs::temp_directory_path() / "mimic-secrets-XXXXXX").string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (mkdtemp(buffer.data()) != nullptr) path_ = buffer.data();
  }
  ~TempFolder() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }
  void Write(const std::string& relative, const std::string& content) const {
    fs::path file = fs::path(path_) / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
  }

 private:
  std::string path_;
};

// Serves a folder and appends "PATH AUTHORIZATION" (or "-") to a log file for
// each GET. A file NAME.redirect responds to NAME with a 302 to the URL it holds.
// With a third argument it serves HTTPS with cert.pem and key.pem of the folder.
constexpr const char* kRecordingServerScript = R"py(
import http.server, os, ssl, sys
folder, log = sys.argv[1], sys.argv[2]
class Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=folder, **kwargs)
    def do_GET(self):
        with open(log, "a") as out:
            out.write("%s %s\n" % (self.path, self.headers.get("Authorization", "-")))
        target = os.path.join(folder, self.path.lstrip("/") + ".redirect")
        if os.path.isfile(target):
            with open(target) as source:
                location = source.read().strip()
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        super().do_GET()
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
if len(sys.argv) > 3:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem"))
    server.socket = context.wrap_socket(server.socket, server_side=True)
print("port", server.server_address[1], flush=True)
server.serve_forever()
)py";

class RecordingServer {
 public:
  explicit RecordingServer(const std::string& folder, bool tls = false)
      : log_(folder + ".log"), tls_(tls), server_(Arguments(folder, log_, tls)) {}
  ~RecordingServer() {
    std::error_code ignored;
    fs::remove(log_, ignored);
  }
  int port() const { return server_.port(); }
  std::string url(const std::string& path) const {
    return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port()) + "/" +
           path;
  }
  // Every request seen so far, one "PATH AUTHORIZATION" line each.
  std::string requests() const { return ReadFile(log_); }

 private:
  static std::vector<std::string> Arguments(const std::string& folder, const std::string& log,
                                            bool tls) {
    std::vector<std::string> arguments = {"-c", kRecordingServerScript, folder, log};
    if (tls) arguments.push_back("tls");
    return arguments;
  }

  std::string log_;
  bool tls_ = false;
  PythonServer server_;
};

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

HttpResult SendJson(const std::string& method, const std::string& url, const json& body) {
  HttpCall call;
  call.method = method;
  call.url = url;
  call.headers = {"Content-Type: application/json"};
  call.body = body.dump();
  return Send(call);
}

HttpResult Put(const std::string& url) {
  HttpCall call;
  call.method = "PUT";
  call.url = url;
  return Send(call);
}

HttpResult Delete(const std::string& url) {
  HttpCall call;
  call.method = "DELETE";
  call.url = url;
  return Send(call);
}

HttpResult Download(const ServerProcess& server, const std::string& form) {
  HttpCall call;
  call.method = "POST";
  call.url = server.base_url() + "/api/artifact/download";
  call.headers = {"Content-Type: application/x-www-form-urlencoded"};
  call.body = form;
  return Send(call);
}

std::string OpenApi(const std::string& title, const std::string& extra_response = "") {
  return "openapi: 3.0.0\ninfo: {title: " + title +
         ", version: '1.0'}\npaths:\n  /things:\n    get:\n      responses:\n"
         "        '200':\n          content:\n            application/json:\n"
         "              schema: {$ref: './schemas/thing.json'}\n"
         "              examples:\n                one: {value: {id: 1}}\n" +
         extra_response;
}

json Parse(const HttpResult& result) { return json::parse(result.body, nullptr, false); }

TEST(SecretsApi, CreateListSearchUpdateDelete) {
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();
  std::string base = server.base_url() + "/api/secrets";
  auto created =
      SendJson("POST", base, {{"name", "Repo A"}, {"description", "first"}, {"token", "abc"}});
  ASSERT_EQ(created.status, 201) << created.body;
  json secret = Parse(created);
  std::string id = secret["id"];
  EXPECT_FALSE(id.empty());
  EXPECT_EQ(secret["token"], "abc");

  auto duplicate = SendJson("POST", base, {{"name", "Repo A"}, {"description", "again"}});
  EXPECT_EQ(duplicate.status, 409);
  EXPECT_TRUE(Contains(duplicate.body, "Repo A")) << duplicate.body;
  EXPECT_EQ(SendJson("POST", base, {{"description", "no name"}}).status, 400);
  ASSERT_EQ(SendJson("POST", base, {{"name", "Other"}, {"description", "second"}}).status, 201);

  EXPECT_EQ(Parse(Get(base + "/count"))["counter"], 2);
  EXPECT_EQ(Parse(Get(base)).size(), 2u);
  json page = Parse(Get(base + "?page=1&size=1"));
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0]["name"], "Other");
  json found = Parse(Get(base + "/search?name=repo"));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["id"], id);

  auto updated = SendJson("PUT", base + "/" + id,
                          {{"name", "Repo A"}, {"description", "changed"}, {"username", "u"}});
  ASSERT_EQ(updated.status, 200) << updated.body;
  json fetched = Parse(Get(base + "/" + id));
  EXPECT_EQ(fetched["description"], "changed");
  EXPECT_EQ(fetched["username"], "u");
  EXPECT_FALSE(fetched.contains("token"));
  EXPECT_EQ(SendJson("PUT", base + "/" + id, {{"name", "Other"}, {"description", "x"}}).status,
            409);
  EXPECT_EQ(SendJson("PUT", base + "/missing", {{"name", "Z"}, {"description", "x"}}).status, 404);

  EXPECT_EQ(Delete(base + "/" + id).status, 200);
  EXPECT_EQ(Get(base + "/" + id).status, 404);
  EXPECT_EQ(Parse(Get(base + "/count"))["counter"], 1);
}

TEST(SecretDownload, CredentialsReachOnlyTheArtifactOrigin) {
  TempFolder origin_files;
  TempFolder other_files;
  RecordingServer other(other_files.path());
  ASSERT_NE(other.port(), 0);
  std::string error_ref =
      "        '404':\n          content:\n            application/json:\n"
      "              schema: {$ref: '" +
      other.url("shared/error.json") + "'}\n";
  origin_files.Write("specs/api.yaml", OpenApi("Origin API", error_ref));
  origin_files.Write("specs/schemas/thing.json", R"({"type": "object"})");
  other_files.Write("shared/error.json", R"({"type": "object"})");
  other_files.Write("moved.yaml", OpenApi("Moved API"));
  other_files.Write("schemas/thing.json", R"({"type": "object"})");
  RecordingServer origin(origin_files.path());
  ASSERT_NE(origin.port(), 0);
  origin_files.Write("specs/elsewhere.yaml.redirect", other.url("moved.yaml"));

  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();
  ASSERT_EQ(SendJson("POST", server.base_url() + "/api/secrets",
                     {{"name", "repo"}, {"description", "d"}, {"token", "t0k"}})
                .status,
            201);

  auto unknown = Download(server, "url=" + origin.url("specs/api.yaml") + "&secretName=nope");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_TRUE(Contains(unknown.body, "'nope'")) << unknown.body;
  EXPECT_EQ(origin.requests(), "");

  auto imported = Download(server, "url=" + origin.url("specs/api.yaml") + "&secretName=repo");
  ASSERT_EQ(imported.status, 201) << imported.body;
  EXPECT_EQ(Parse(imported)["name"], "Origin API:1.0");
  std::string seen = origin.requests();
  EXPECT_TRUE(Contains(seen, "/specs/api.yaml Bearer t0k\n")) << seen;
  EXPECT_TRUE(Contains(seen, "/specs/schemas/thing.json Bearer t0k\n")) << seen;
  EXPECT_EQ(other.requests(), "/shared/error.json -\n");

  // Microcks clients may name the field `secret`; a redirect to another origin drops it.
  auto redirected = Download(server, "url=" + origin.url("specs/elsewhere.yaml") + "&secret=repo");
  ASSERT_EQ(redirected.status, 201) << redirected.body;
  EXPECT_TRUE(Contains(origin.requests(), "/specs/elsewhere.yaml Bearer t0k\n"));
  std::string other_seen = other.requests();
  EXPECT_TRUE(Contains(other_seen, "/moved.yaml -\n")) << other_seen;
  EXPECT_FALSE(Contains(other_seen, "t0k")) << other_seen;
}

TEST(SecretDownload, TrustsTheSecretCaCertificate) {
  if (access("/usr/bin/openssl", X_OK) != 0) GTEST_SKIP() << "openssl is not installed";
  TempFolder files;
  std::string make_certificate =
      "cd '" + files.path() +
      "' && openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 1 "
      "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2>/dev/null";
  ASSERT_EQ(std::system(make_certificate.c_str()), 0);
  files.Write("api.yaml", OpenApi("Tls API"));
  files.Write("schemas/thing.json", R"({"type": "object"})");
  RecordingServer tls(files.path(), /*tls=*/true);
  ASSERT_NE(tls.port(), 0);
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();
  ASSERT_EQ(SendJson("POST", server.base_url() + "/api/secrets",
                     {{"name", "ca"},
                      {"description", "d"},
                      {"caCertPem", ReadFile(files.path() + "/cert.pem")}})
                .status,
            201);
  auto untrusted = Download(server, "url=" + tls.url("api.yaml"));
  EXPECT_EQ(untrusted.status, 400) << untrusted.body;
  auto trusted = Download(server, "url=" + tls.url("api.yaml") + "&secretName=ca");
  EXPECT_EQ(trusted.status, 201) << trusted.body;

  // An import job may skip certificate checks instead.
  auto created = SendJson("POST", server.base_url() + "/api/jobs",
                          {{"name", "insecure"},
                           {"repositoryUrl", tls.url("api.yaml")},
                           {"repositoryDisableSSLValidation", true}});
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = Parse(created)["id"];
  json job = Parse(Put(server.base_url() + "/api/jobs/" + id + "/start"));
  EXPECT_FALSE(job.contains("lastImportError")) << job.dump();
  EXPECT_EQ(job["serviceRefs"].size(), 1u) << job.dump();
}

TEST(DownloadSafety, PrivateAddressesAreRefusedBeforeConnecting) {
  TempFolder files;
  files.Write("api.yaml", OpenApi("Loop API"));
  files.Write("schemas/thing.json", R"({"type": "object"})");
  files.Write("private.yaml.redirect", "http://10.255.255.1:9/api.yaml");
  RecordingServer loopback(files.path());
  ASSERT_NE(loopback.port(), 0);
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();

  auto started = std::chrono::steady_clock::now();
  auto rejected = Download(server, "url=http://10.255.255.1:9/api.yaml");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  EXPECT_EQ(rejected.status, 400);
  EXPECT_TRUE(Contains(rejected.body, "10.255.255.1 (private)")) << rejected.body;
  EXPECT_TRUE(Contains(rejected.body, "--download-allow")) << rejected.body;

  auto redirected = Download(server, "url=" + loopback.url("private.yaml"));
  EXPECT_EQ(redirected.status, 400);
  EXPECT_TRUE(Contains(redirected.body, "10.255.255.1")) << redirected.body;

  // Loopback is allowed by default.
  EXPECT_EQ(Download(server, "url=" + loopback.url("api.yaml")).status, 201);

  ServerProcess narrowed({"--download-allow", "none"});
  ASSERT_TRUE(narrowed.started()) << narrowed.output();
  std::string before = loopback.requests();
  auto by_name =
      Download(narrowed, "url=http://localhost:" + std::to_string(loopback.port()) + "/api.yaml");
  EXPECT_EQ(by_name.status, 400);
  EXPECT_TRUE(Contains(by_name.body, "localhost")) << by_name.body;
  EXPECT_TRUE(Contains(by_name.body, "loopback")) << by_name.body;
  EXPECT_EQ(loopback.requests(), before);

  // A list of its own replaces the loopback default.
  ServerProcess replaced({"--download-allow", "192.0.2.0/24"});
  ASSERT_TRUE(replaced.started()) << replaced.output();
  EXPECT_EQ(Download(replaced, "url=" + loopback.url("api.yaml")).status, 400);
  EXPECT_EQ(loopback.requests(), before);
  ServerProcess invalid({"--download-allow", "not-an-address"});
  EXPECT_FALSE(invalid.started());
}

TEST(ImportJobsApi, CreateStartStopAndPersist) {
  TempFolder files;
  files.Write("api.yaml", OpenApi("Job API"));
  files.Write("schemas/thing.json", R"({"type": "object"})");
  RecordingServer repo(files.path());
  ASSERT_NE(repo.port(), 0);
  TempFolder data;
  std::string good_id;
  std::string bad_id;
  {
    ServerProcess server({}, data.path());
    ASSERT_TRUE(server.started()) << server.output();
    std::string jobs = server.base_url() + "/api/jobs";
    auto secret = SendJson("POST", server.base_url() + "/api/secrets",
                           {{"name", "repo"}, {"description", "d"}, {"token", "jt"}});
    ASSERT_EQ(secret.status, 201);
    std::string secret_id = Parse(secret)["id"];

    auto created = SendJson("POST", jobs,
                            {{"name", "Job API repo"},
                             {"repositoryUrl", repo.url("api.yaml")},
                             {"secretRef", {{"secretId", secret_id}, {"name", "repo"}}}});
    ASSERT_EQ(created.status, 201) << created.body;
    json job = Parse(created);
    good_id = job["id"];
    EXPECT_EQ(job["active"], false);
    EXPECT_TRUE(job["createdDate"].is_number());
    EXPECT_EQ(
        SendJson("POST", jobs, {{"name", "Job API repo"}, {"repositoryUrl", repo.url("x")}}).status,
        409);
    EXPECT_EQ(SendJson("POST", jobs, {{"name", "no url"}}).status, 400);

    auto started = Put(jobs + "/" + good_id + "/start");
    ASSERT_EQ(started.status, 200) << started.body;
    job = Parse(started);
    EXPECT_EQ(job["active"], true);
    EXPECT_FALSE(job.contains("lastImportError")) << job.dump();
    ASSERT_EQ(job["serviceRefs"].size(), 1u) << job.dump();
    EXPECT_EQ(job["serviceRefs"][0]["name"], "Job API");
    EXPECT_EQ(Get(server.base_url() + "/rest/Job+API/1.0/things").status, 200);
    EXPECT_TRUE(Contains(repo.requests(), "/api.yaml Bearer jt\n")) << repo.requests();

    auto bad =
        SendJson("POST", jobs, {{"name", "missing"}, {"repositoryUrl", repo.url("nope.yaml")}});
    ASSERT_EQ(bad.status, 201);
    bad_id = Parse(bad)["id"];
    job = Parse(Put(jobs + "/" + bad_id + "/start"));
    EXPECT_TRUE(Contains(job.value("lastImportError", ""), "404")) << job.dump();
    EXPECT_TRUE(job["lastImportDate"].is_number());

    EXPECT_EQ(Parse(Put(jobs + "/" + bad_id + "/stop"))["active"], false);
    EXPECT_EQ(Parse(Put(jobs + "/" + bad_id + "/activate"))["active"], true);
    EXPECT_EQ(Parse(Put(jobs + "/" + bad_id + "/stop"))["active"], false);
    EXPECT_EQ(Put(jobs + "/unknown/start").status, 404);

    EXPECT_EQ(Parse(Get(jobs + "/count"))["counter"], 2);
    json named = Parse(Get(jobs + "?name=job+api"));
    ASSERT_EQ(named.size(), 1u);
    EXPECT_EQ(named[0]["id"], good_id);
    EXPECT_EQ(Parse(Get(jobs + "?page=1&size=1")).size(), 1u);

    auto renamed = SendJson("POST", jobs + "/" + bad_id,
                            {{"name", "renamed"}, {"repositoryUrl", repo.url("nope.yaml")}});
    ASSERT_EQ(renamed.status, 200) << renamed.body;
    EXPECT_EQ(Parse(renamed)["name"], "renamed");
    EXPECT_EQ(server.Stop(), 0);
  }
  ServerProcess restarted({}, data.path());
  ASSERT_TRUE(restarted.started()) << restarted.output();
  std::string jobs = restarted.base_url() + "/api/jobs";
  json good = Parse(Get(jobs + "/" + good_id));
  EXPECT_EQ(good["active"], true);
  EXPECT_EQ(good["serviceRefs"].size(), 1u);
  EXPECT_EQ(good["secretRef"]["name"], "repo");
  json bad = Parse(Get(jobs + "/" + bad_id));
  EXPECT_EQ(bad["name"], "renamed");
  EXPECT_EQ(bad["active"], false);
  EXPECT_TRUE(Contains(bad.value("lastImportError", ""), "404"));
  EXPECT_EQ(Delete(jobs + "/" + bad_id).status, 200);
  EXPECT_EQ(Get(jobs + "/" + bad_id).status, 404);
}

TEST(ImportJobsApi, SchedulerReimportsActiveJobs) {
  TempFolder files;
  files.Write("api.yaml", OpenApi("Scheduled API"));
  files.Write("schemas/thing.json", R"({"type": "object"})");
  RecordingServer repo(files.path());
  ASSERT_NE(repo.port(), 0);
  ServerProcess server({"--job-interval", "1"});
  ASSERT_TRUE(server.started()) << server.output();
  std::string jobs = server.base_url() + "/api/jobs";
  auto created =
      SendJson("POST", jobs, {{"name", "scheduled"}, {"repositoryUrl", repo.url("api.yaml")}});
  ASSERT_EQ(created.status, 201);
  std::string id = Parse(created)["id"];
  ASSERT_EQ(Put(jobs + "/" + id + "/activate").status, 200);
  json job;
  for (int i = 0; i < 50 && !job.contains("lastImportDate"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    job = Parse(Get(jobs + "/" + id));
  }
  ASSERT_TRUE(job.contains("lastImportDate")) << job.dump();
  EXPECT_EQ(job["serviceRefs"].size(), 1u);
  EXPECT_EQ(Get(server.base_url() + "/rest/Scheduled+API/1.0/things").status, 200);
  EXPECT_EQ(server.Stop(), 0);
}

}  // namespace
}  // namespace mimic::testing

namespace mimic::testing {
namespace {

TEST(ImportJobsApi, CreationChecksAddressAndSecret) {
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.output();
  std::string jobs = server.base_url() + "/api/jobs";
  auto metadata =
      SendJson("POST", jobs,
               {{"name", "metadata"}, {"repositoryUrl", "http://169.254.169.254/latest/api.yaml"}});
  EXPECT_EQ(metadata.status, 400);
  EXPECT_NE(metadata.body.find("--download-allow"), std::string::npos) << metadata.body;
  auto unknown_secret = SendJson("POST", jobs,
                                 {{"name", "secretive"},
                                  {"repositoryUrl", "http://127.0.0.1:9/api.yaml"},
                                  {"secretRef", {{"name", "nobody"}}}});
  EXPECT_EQ(unknown_secret.status, 400);
  EXPECT_NE(unknown_secret.body.find("'nobody'"), std::string::npos) << unknown_secret.body;
  EXPECT_EQ(Get(jobs + "/count").body, R"({"counter":0})");
}

}  // namespace
}  // namespace mimic::testing
