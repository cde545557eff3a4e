#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "common/error.h"
#include "front/mock_http.h"

namespace mimic {

struct HttpServerConfig {
  std::string address = "0.0.0.0";
  uint16_t port = 8080;         // 0 picks a free port
  int threads = 0;              // 0 uses one per CPU core
  size_t max_body_bytes = 64 * 1024 * 1024;
  size_t max_header_bytes = 64 * 1024;
  std::chrono::seconds idle_timeout{60};
};

// Called on an I/O thread for every request. Must not throw: the server turns
// an escaping exception into a 500, but handlers return errors as responses.
using HttpHandler = std::function<HttpResponseData(const HttpRequestView&)>;

// An HTTP/1.1 server on Boost.Beast: keep-alive, pipelining, one event loop per
// thread with its own SO_REUSEPORT listener, and delays applied with timers so
// a slow mock does not block a thread.
class HttpServer {
 public:
  HttpServer(HttpServerConfig config, HttpHandler handler);
  ~HttpServer();

  // Binds and starts the I/O threads. Returns the bound port.
  Result<uint16_t> Start();
  void Stop();
  uint16_t port() const { return port_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  uint16_t port_ = 0;
};

}  // namespace mimic
