#include "support/loopback_http_server.h"

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <strings.h>
#include <chrono>
#include <cstdlib>

namespace mimic::testing {
namespace {

constexpr int kPollMillis = 50;
constexpr auto kReadLimit = std::chrono::seconds(5);
constexpr size_t kMaxRequestBytes = 1024 * 1024;

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 404:
      return "Not Found";
    default:
      return "Status";
  }
}

// Parses the request head and returns the expected body length, or -1 when the head is incomplete.
long ParseHead(const std::string& data, LoopbackRequest* request, size_t* body_start) {
  size_t end = data.find("\r\n\r\n");
  if (end == std::string::npos) return -1;
  *body_start = end + 4;
  size_t line_end = data.find("\r\n");
  std::string request_line = data.substr(0, line_end);
  size_t first_space = request_line.find(' ');
  size_t second_space = request_line.find(' ', first_space + 1);
  request->method = request_line.substr(0, first_space);
  request->target = request_line.substr(first_space + 1, second_space - first_space - 1);
  request->headers.clear();
  long length = 0;
  size_t position = line_end + 2;
  while (position < end) {
    size_t next = data.find("\r\n", position);
    std::string line = data.substr(position, next - position);
    size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      size_t value_start = line.find_first_not_of(' ', colon + 1);
      std::string value = value_start == std::string::npos ? "" : line.substr(value_start);
      if (strcasecmp(name.c_str(), "Content-Length") == 0) length = std::atol(value.c_str());
      request->headers.emplace_back(name, value);
    }
    position = next + 2;
  }
  return length;
}

}  // namespace

std::string LoopbackRequest::Header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (strcasecmp(key.c_str(), name.c_str()) == 0) return value;
  }
  return "";
}

LoopbackHttpServer::LoopbackHttpServer(Handler handler) : handler_(std::move(handler)) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
  if (listen_fd_ < 0) return;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      listen(listen_fd_, 16) != 0 ||
      getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    close(listen_fd_);
    listen_fd_ = -1;
    return;
  }
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { Serve(); });
}

LoopbackHttpServer::~LoopbackHttpServer() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  if (listen_fd_ >= 0) close(listen_fd_);
}

std::vector<LoopbackRequest> LoopbackHttpServer::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

void LoopbackHttpServer::Serve() {
  while (!stopping_) {
    pollfd listener{listen_fd_, POLLIN, 0};
    if (poll(&listener, 1, kPollMillis) <= 0) continue;
    int client = accept(listen_fd_, nullptr, nullptr);
    if (client < 0) continue;
    Answer(client);
    close(client);
  }
}

void LoopbackHttpServer::Answer(int client) {
  std::string data;
  LoopbackRequest request;
  size_t body_start = 0;
  long body_length = -1;
  auto deadline = std::chrono::steady_clock::now() + kReadLimit;
  char buffer[4096];
  while (!stopping_ && std::chrono::steady_clock::now() < deadline &&
         data.size() < kMaxRequestBytes) {
    if (body_length < 0) body_length = ParseHead(data, &request, &body_start);
    if (body_length >= 0 && data.size() >= body_start + static_cast<size_t>(body_length)) break;
    pollfd readable{client, POLLIN, 0};
    if (poll(&readable, 1, kPollMillis) <= 0) continue;
    ssize_t count = read(client, buffer, sizeof(buffer));
    if (count <= 0) return;
    data.append(buffer, static_cast<size_t>(count));
  }
  if (body_length < 0) return;
  request.body = data.substr(body_start, static_cast<size_t>(body_length));
  {
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.push_back(request);
  }

  LoopbackResponse response = handler_(request);
  auto answer_at = std::chrono::steady_clock::now() + std::chrono::milliseconds(response.delay_ms);
  while (!stopping_ && std::chrono::steady_clock::now() < answer_at) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::string head = "HTTP/1.1 " + std::to_string(response.status) + " " +
                     ReasonPhrase(response.status) + "\r\nContent-Type: " + response.content_type +
                     "\r\nContent-Length: " + std::to_string(response.body.size()) +
                     "\r\nConnection: close\r\n\r\n";
  std::string message = head + response.body;
  size_t sent = 0;
  while (sent < message.size()) {
    ssize_t count = send(client, message.data() + sent, message.size() - sent, MSG_NOSIGNAL);
    if (count <= 0) return;
    sent += static_cast<size_t>(count);
  }
}

}  // namespace mimic::testing
