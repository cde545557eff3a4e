#include "support/loopback_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>

namespace mimic::testing {
namespace {

bool SameName(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Reads one request with a bounded wait; false when the peer sent nothing usable.
bool ReadRequest(int fd, ReceivedRequest* request) {
  std::string data;
  size_t header_end = std::string::npos;
  size_t content_length = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  char buffer[65536];
  while (std::chrono::steady_clock::now() < deadline) {
    if (header_end != std::string::npos && data.size() >= header_end + 4 + content_length) break;
    pollfd waiting{fd, POLLIN, 0};
    if (poll(&waiting, 1, 100) <= 0) continue;
    ssize_t got = recv(fd, buffer, sizeof(buffer), 0);
    if (got <= 0) return false;
    data.append(buffer, static_cast<size_t>(got));
    if (header_end == std::string::npos) {
      header_end = data.find("\r\n\r\n");
      if (header_end == std::string::npos) continue;
      size_t line_end = data.find("\r\n");
      std::string line = data.substr(0, line_end);
      size_t space = line.find(' ');
      request->method = line.substr(0, space);
      request->target = line.substr(space + 1, line.rfind(' ') - space - 1);
      size_t at = line_end + 2;
      while (at < header_end) {
        size_t next = data.find("\r\n", at);
        std::string header = data.substr(at, next - at);
        size_t colon = header.find(':');
        if (colon != std::string::npos) {
          std::string value = header.substr(colon + 1);
          while (!value.empty() && value.front() == ' ') value.erase(0, 1);
          request->headers.emplace_back(header.substr(0, colon), value);
          if (SameName(header.substr(0, colon), "Content-Length")) {
            content_length = std::stoul(value);
          }
        }
        at = next + 2;
      }
    }
  }
  if (header_end == std::string::npos) return false;
  request->body = data.substr(header_end + 4, content_length);
  return true;
}

void SendAll(int fd, const std::string& text) {
  size_t sent = 0;
  while (sent < text.size()) {
    ssize_t wrote = send(fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
    if (wrote <= 0) return;
    sent += static_cast<size_t>(wrote);
  }
}

}  // namespace

std::string ReceivedRequest::Header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (SameName(key, name)) return value;
  }
  return "";
}

LoopbackHttpServer::LoopbackHttpServer(Handler handler, bool silent)
    : handler_(std::move(handler)), silent_(silent) {
  listener_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  if (bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      listen(listener_, 64) != 0) {
    return;
  }
  socklen_t length = sizeof(address);
  getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  // A silent server never calls accept(). The kernel still completes connections into
  // the backlog, so the client waits for a response that never comes.
  if (!silent_) thread_ = std::thread([this] { Serve(); });
}

LoopbackHttpServer::~LoopbackHttpServer() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  if (listener_ >= 0) close(listener_);
}

std::vector<ReceivedRequest> LoopbackHttpServer::received() {
  std::lock_guard lock(mutex_);
  return received_;
}

void LoopbackHttpServer::Serve() {
  while (!stop_) {
    pollfd waiting{listener_, POLLIN, 0};
    if (poll(&waiting, 1, 50) <= 0) continue;
    int fd = accept(listener_, nullptr, nullptr);
    if (fd < 0) continue;
    ReceivedRequest request;
    if (ReadRequest(fd, &request)) {
      CannedResponse response = handler_(request);
      {
        std::lock_guard lock(mutex_);
        received_.push_back(request);
      }
      auto respond_at =
          std::chrono::steady_clock::now() + std::chrono::milliseconds(response.delay_ms);
      while (!stop_ && std::chrono::steady_clock::now() < respond_at) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      std::string text = "HTTP/1.1 " + std::to_string(response.status) + " Canned\r\n";
      for (const auto& [name, value] : response.headers) text += name + ": " + value + "\r\n";
      text += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
      text += "Connection: close\r\n\r\n" + response.body;
      SendAll(fd, text);
    }
    close(fd);
  }
}

}  // namespace mimic::testing
