#pragma once

#include <string>
#include <utility>
#include <vector>

namespace mimic::testing {

// A `mimic serve` child process on a free loopback port, stopped by PID when
// the object goes away. The port is read from the server's ready log line.
class ServerProcess {
 public:
  // `data_dir` empty creates a fresh temporary folder that is removed afterwards.
  explicit ServerProcess(std::vector<std::string> extra_args = {}, std::string data_dir = "");
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool started() const { return port_ != 0; }
  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& data_dir() const { return data_dir_; }
  // Everything the server printed so far.
  const std::string& output();

  // Sends SIGTERM and waits; returns the exit status, or -1 when it had to be killed.
  int Stop();

 private:
  void ReadUntilReady();

  int pid_ = 0;
  int port_ = 0;
  int stdout_fd_ = -1;
  bool owns_data_dir_ = false;
  std::string data_dir_;
  std::string output_;
};

struct HttpResult {
  long status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string error;  // set when the request failed at the transport level
  double seconds = 0;

  std::string Header(const std::string& name) const;
};

struct HttpCall {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  // multipart upload: (field, file name, content); file name empty for a plain field
  std::vector<std::tuple<std::string, std::string, std::string>> form;
};

HttpResult Send(const HttpCall& call);
HttpResult Get(const std::string& url, std::vector<std::string> headers = {});
HttpResult Upload(const std::string& base_url, const std::string& file_name,
                  const std::string& content, bool main_artifact = true);

std::string ReadFile(const std::string& path);
// Path of a file of the shared artifact corpus, which sits beside the repository.
std::string CorpusPath(const std::string& relative);

}  // namespace mimic::testing
