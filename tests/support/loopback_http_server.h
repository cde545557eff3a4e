#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace mimic::testing {

struct LoopbackRequest {
  std::string method;
  std::string target;  // path and query, e.g. "/api/tests/abc"
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // Returns the first header with this name, compared case-insensitively, or "".
  std::string Header(const std::string& name) const;
};

struct LoopbackResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  int delay_ms = 0;  // delay before the response is sent, to provoke client timeouts
};

// A minimal HTTP/1.1 server on 127.0.0.1 and a free port, run by one thread of the
// test process, that plays a remote peer. It serves one request per connection
// (Connection: close) with the handler's response and records every request.
class LoopbackHttpServer {
 public:
  using Handler = std::function<LoopbackResponse(const LoopbackRequest&)>;

  explicit LoopbackHttpServer(Handler handler);
  ~LoopbackHttpServer();
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  int port() const { return port_; }
  std::string url(const std::string& path = "") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  std::vector<LoopbackRequest> requests() const;

 private:
  void Serve();
  void Answer(int client);

  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::vector<LoopbackRequest> requests_;
  std::thread thread_;
};

}  // namespace mimic::testing
