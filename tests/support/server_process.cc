#include "support/server_process.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <tuple>
#include "support/test_paths.h"

namespace mimic::testing {
namespace {

std::string MakeTempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "mimic-it-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  char* made = mkdtemp(buffer.data());
  return made ? std::string(made) : std::string();
}

size_t AppendBody(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

size_t AppendHeader(char* data, size_t size, size_t count, void* user) {
  auto* headers = static_cast<std::vector<std::pair<std::string, std::string>>*>(user);
  std::string line(data, size * count);
  size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    headers->emplace_back(line.substr(0, colon), value);
  } else if (line.rfind("HTTP/", 0) == 0) {
    headers->clear();  // a new response (after 100 Continue or a redirect)
  }
  return size * count;
}

}  // namespace

ServerProcess::ServerProcess(std::vector<std::string> extra_args, std::string data_dir) {
  if (data_dir.empty()) {
    data_dir_ = MakeTempDir();
    owns_data_dir_ = true;
  } else {
    data_dir_ = std::move(data_dir);
  }
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return;
  std::vector<std::string> args = {MimicBinary(), "serve", "--port", "0", "--address", "127.0.0.1",
                                   "--data-dir", data_dir_, "--threads", "2"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = fork();
  if (pid_ == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    dup2(pipe_fds[1], STDERR_FILENO);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  stdout_fd_ = pipe_fds[0];
  ReadUntilReady();
}

void ServerProcess::ReadUntilReady() {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  static const std::regex kReady("event=server\\.ready port=([0-9]+)");
  char buffer[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd descriptor{stdout_fd_, POLLIN, 0};
    if (poll(&descriptor, 1, 100) <= 0) continue;
    ssize_t count = read(stdout_fd_, buffer, sizeof(buffer));
    if (count <= 0) return;  // the process exited before it was ready
    output_.append(buffer, static_cast<size_t>(count));
    std::smatch match;
    if (std::regex_search(output_, match, kReady)) {
      port_ = std::stoi(match[1]);
      // Keep draining output in the background so the server never blocks on a full pipe.
      fcntl(stdout_fd_, F_SETFL, O_NONBLOCK);
      return;
    }
  }
}

const std::string& ServerProcess::output() {
  if (stdout_fd_ >= 0 && port_ != 0) {
    char buffer[4096];
    ssize_t count;
    while ((count = read(stdout_fd_, buffer, sizeof(buffer))) > 0) {
      output_.append(buffer, static_cast<size_t>(count));
    }
  }
  return output_;
}

int ServerProcess::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 100; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = 0;
      char buffer[4096];
      ssize_t count;
      while ((count = read(stdout_fd_, buffer, sizeof(buffer))) > 0) {
        output_.append(buffer, static_cast<size_t>(count));
      }
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    usleep(50000);
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = 0;
  return -1;
}

ServerProcess::~ServerProcess() {
  Stop();
  if (stdout_fd_ >= 0) close(stdout_fd_);
  if (owns_data_dir_ && !data_dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(data_dir_, ignored);
  }
}

std::string HttpResult::Header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (strcasecmp(key.c_str(), name.c_str()) == 0) return value;
  }
  return "";
}

HttpResult Send(const HttpCall& call) {
  HttpResult result;
  CURL* curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, call.url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, call.method.c_str());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, AppendHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &result.headers);
  if (call.method == "HEAD") curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  curl_slist* headers = nullptr;
  for (const std::string& header : call.headers) headers = curl_slist_append(headers, header.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_mime* mime = nullptr;
  if (!call.form.empty()) {
    mime = curl_mime_init(curl);
    for (const auto& [field, file_name, content] : call.form) {
      curl_mimepart* part = curl_mime_addpart(mime);
      curl_mime_name(part, field.c_str());
      curl_mime_data(part, content.data(), content.size());
      if (!file_name.empty()) curl_mime_filename(part, file_name.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_MIMEPOST, mime);
  } else if (!call.body.empty() || call.method == "POST" || call.method == "PUT") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, call.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(call.body.size()));
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, call.method.c_str());
  }
  auto start = std::chrono::steady_clock::now();
  CURLcode code = curl_easy_perform(curl);
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (code != CURLE_OK) result.error = curl_easy_strerror(code);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  curl_slist_free_all(headers);
  if (mime) curl_mime_free(mime);
  curl_easy_cleanup(curl);
  return result;
}

HttpResult Get(const std::string& url, std::vector<std::string> headers) {
  HttpCall call;
  call.url = url;
  call.headers = std::move(headers);
  return Send(call);
}

HttpResult Upload(const std::string& base_url, const std::string& file_name,
                  const std::string& content, bool main_artifact) {
  HttpCall call;
  call.method = "POST";
  call.url = base_url + "/api/artifact/upload";
  call.form.emplace_back("file", file_name, content);
  call.form.emplace_back("mainArtifact", "", main_artifact ? "true" : "false");
  return Send(call);
}

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream buffer;
  buffer << file.rdbuf();
  return buffer.str();
}

std::string CorpusPath(const std::string& relative) {
  return SourceDir() + "/../shared/corpus/" + relative;
}

}  // namespace mimic::testing
