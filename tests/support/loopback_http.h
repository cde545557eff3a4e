#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace mimic::testing {

// A request as the loopback server received it.
struct ReceivedRequest {
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::string Header(const std::string& name) const;
};

struct CannedResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int delay_ms = 0;  // wait before responding, to provoke client timeouts
};

// A minimal HTTP/1.1 server on 127.0.0.1 and a free port for tests that need a
// service to call. It serves one request per connection with the handler's
// response. With `silent`, it never responds, like a hung backend.
class LoopbackHttpServer {
 public:
  using Handler = std::function<CannedResponse(const ReceivedRequest&)>;
  explicit LoopbackHttpServer(Handler handler, bool silent = false);
  ~LoopbackHttpServer();
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<ReceivedRequest> received();

 private:
  void Serve();

  Handler handler_;
  bool silent_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::vector<ReceivedRequest> received_;
  std::thread thread_;
};

}  // namespace mimic::testing
