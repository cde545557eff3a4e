#include "server/http_server.h"

#include <cstring>
#include <ctime>
#include <unordered_set>

#include <boost/asio.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "spdlog/spdlog.h"

namespace mimic {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

class Session;

// State of one I/O thread: its event loop, listener, live sessions and the
// cached Date header value.
struct Worker {
  // Declared first so it outlives the io_context, whose destruction ends the last sessions.
  bool stopping = false;
  asio::io_context context{1};
  std::unique_ptr<tcp::acceptor> acceptor;
  std::unordered_set<Session*> sessions;
  asio::steady_timer sweeper{context};
  std::string date_header;
  std::thread thread;
};

std::string FormatDate() {
  char buffer[64];
  std::time_t now = std::time(nullptr);
  std::tm tm_utc;
  gmtime_r(&now, &tm_utc);
  std::strftime(buffer, sizeof(buffer), "%a, %d %b %Y %H:%M:%S GMT", &tm_utc);
  return buffer;
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Worker& worker, const HttpServerConfig& config,
          const HttpHandler& handler, asio::thread_pool& blocking_pool)
      : socket_(std::move(socket)),
        worker_(worker),
        config_(config),
        handler_(handler),
        blocking_pool_(blocking_pool),
        delay_timer_(socket_.get_executor()) {
    worker_.sessions.insert(this);
    last_activity_ = std::chrono::steady_clock::now();
  }
  ~Session() {
    if (!worker_.stopping) worker_.sessions.erase(this);
  }

  void Start() { ReadHeader(); }

  // Closes the connection when it has been idle longer than the timeout.
  void CloseIfIdle(std::chrono::steady_clock::time_point now) {
    if (busy_) return;
    if (now - last_activity_ > config_.idle_timeout) {
      beast::error_code ignored;
      socket_.close(ignored);
    }
  }

 private:
  void ReadHeader() {
    parser_.emplace();
    parser_->body_limit(config_.max_body_bytes);
    parser_->header_limit(static_cast<uint32_t>(config_.max_header_bytes));
    busy_ = false;
    last_activity_ = std::chrono::steady_clock::now();
    http::async_read_header(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code error, size_t) { self->OnHeader(error); });
  }

  void OnHeader(beast::error_code error) {
    if (error) return OnReadError(error);
    busy_ = true;
    retried_raw_spaces_ = false;
    if (parser_->is_done()) return Handle();
    const auto& header = parser_->get();
    auto expect = header.find(http::field::expect);
    if (expect != header.end() && beast::iequals(expect->value(), "100-continue")) {
      static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      asio::async_write(socket_, asio::buffer(kContinue),
                        [self = shared_from_this()](beast::error_code write_error, size_t) {
                          if (write_error) return;
                          self->ReadBody();
                        });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    http::async_read(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code error, size_t) {
          if (error) return self->OnReadError(error);
          self->Handle();
        });
  }

  void OnReadError(beast::error_code error) {
    if (error == http::error::end_of_stream || error == asio::error::operation_aborted ||
        error == asio::error::connection_reset || error == asio::error::eof) {
      return Close();
    }
    if (error == http::error::body_limit) {
      return SendErrorAndClose(413, "The request body is larger than the limit of " +
                                        std::to_string(config_.max_body_bytes) + " bytes.");
    }
    if (error == http::error::header_limit) {
      return SendErrorAndClose(431, "The request headers are larger than the limit of " +
                                        std::to_string(config_.max_header_bytes) + " bytes.");
    }
    if ((error == http::error::bad_version || error == http::error::bad_target) &&
        !retried_raw_spaces_ && EncodeRawSpacesInTarget()) {
      // Some clients send service names with raw spaces; retry once with them encoded.
      retried_raw_spaces_ = true;
      return ReadHeader();
    }
    if (error.category() == make_error_code(http::error::bad_target).category()) {
      return SendErrorAndClose(400, "Malformed HTTP request: " + error.message());
    }
    Close();
  }

  // Rewrites "GET /rest/My API/1.0/x HTTP/1.1" in the buffered request line to use %20.
  // Returns false when the buffer contains no such line.
  bool EncodeRawSpacesInTarget() {
    auto data = buffer_.data();
    std::string_view text(static_cast<const char*>(data.data()), data.size());
    size_t line_end = text.find("\r\n");
    if (line_end == std::string_view::npos) return false;
    std::string_view line = text.substr(0, line_end);
    size_t first = line.find(' ');
    size_t version = line.rfind(" HTTP/");
    if (first == std::string_view::npos || version == std::string_view::npos || version <= first) {
      return false;
    }
    std::string target(line.substr(first + 1, version - first - 1));
    if (target.find(' ') == std::string::npos) return false;
    std::string fixed;
    for (char c : target) {
      if (c == ' ') {
        fixed += "%20";
      } else {
        fixed.push_back(c);
      }
    }
    std::string rebuilt = std::string(line.substr(0, first + 1)) + fixed +
                          std::string(text.substr(version));
    buffer_.consume(buffer_.size());
    auto writable = buffer_.prepare(rebuilt.size());
    std::memcpy(writable.data(), rebuilt.data(), rebuilt.size());
    buffer_.commit(rebuilt.size());
    return true;
  }

  void SendErrorAndClose(int status, std::string message) {
    HttpResponseData response = TextResponse(status, std::move(message));
    keep_alive_ = false;
    Serialize(response, false);
    Write();
  }

  void Handle() {
    arrived_ = std::chrono::steady_clock::now();
    auto& request = parser_->get();
    HttpRequestView view;
    view.method = request.method_string();
    view.target = request.target();
    view.headers.reserve(8);
    for (const auto& field : request) {
      view.headers.emplace_back(field.name_string(), field.value());
    }
    view.body = request.body();
    auto host = request.find(http::field::host);
    if (host != request.end()) view.host = host->value();

    HttpResponseData response;
    try {
      response = handler_(view);
    } catch (const std::exception& exception) {
      spdlog::error("event=http.handler_exception method={} target={} error={}",
                    std::string(view.method), std::string(view.target), exception.what());
      response = TextResponse(500, "Internal server error.");
    }
    keep_alive_ = request.keep_alive();
    head_request_ = request.method() == http::verb::head;
    if (response.deferred) {
      // Run the blocking part on the pool, then finish on this connection's thread.
      auto work = std::move(response.deferred);
      int64_t delay_ms = response.delay_ms;
      asio::post(blocking_pool_, [self = shared_from_this(), work = std::move(work), delay_ms] {
        HttpResponseData result;
        try {
          result = work();
        } catch (const std::exception& exception) {
          spdlog::error("event=http.deferred_exception error={}", exception.what());
          result = TextResponse(500, "Internal server error.");
        }
        if (result.delay_ms < delay_ms) result.delay_ms = delay_ms;
        asio::post(self->socket_.get_executor(),
                   [self, result = std::move(result)]() mutable { self->Finish(result); });
      });
      return;
    }
    Finish(response);
  }

  void Finish(const HttpResponseData& response) {
    Serialize(response, head_request_);
    if (response.delay_ms > 0) {
      auto deadline = arrived_ + std::chrono::milliseconds(response.delay_ms);
      delay_timer_.expires_at(deadline);
      delay_timer_.async_wait([self = shared_from_this()](beast::error_code error) {
        if (error) return self->Close();
        self->Write();
      });
      return;
    }
    Write();
  }

  void Serialize(const HttpResponseData& response, bool head) {
    out_.clear();
    out_.reserve(256 + response.body.size());
    out_ += "HTTP/1.1 ";
    out_ += std::to_string(response.status);
    out_.push_back(' ');
    auto reason = http::obsolete_reason(static_cast<http::status>(response.status));
    out_.append(reason.data(), reason.size());
    out_ += "\r\n";
    for (const auto& [name, value] : response.headers) {
      out_ += name;
      out_ += ": ";
      // Header values never carry line breaks, whatever a template rendered.
      for (char c : value) out_.push_back(c == '\r' || c == '\n' ? ' ' : c);
      out_ += "\r\n";
    }
    out_ += "Date: ";
    out_ += worker_.date_header;
    out_ += "\r\n";
    bool no_body = response.status == 204 || response.status == 304 || response.status < 200;
    if (!no_body) {
      out_ += "Content-Length: ";
      out_ += std::to_string(response.body.size());
      out_ += "\r\n";
    }
    if (!keep_alive_) out_ += "Connection: close\r\n";
    out_ += "\r\n";
    if (!head && !no_body) out_ += response.body;
  }

  void Write() {
    asio::async_write(socket_, asio::buffer(out_),
                      [self = shared_from_this()](beast::error_code error, size_t) {
                        if (error) return self->Close();
                        if (!self->keep_alive_) return self->Close();
                        self->ReadHeader();
                      });
  }

  void Close() {
    beast::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    socket_.close(ignored);
  }

  tcp::socket socket_;
  Worker& worker_;
  const HttpServerConfig& config_;
  const HttpHandler& handler_;
  asio::thread_pool& blocking_pool_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string out_;
  asio::steady_timer delay_timer_;
  std::chrono::steady_clock::time_point arrived_;
  std::chrono::steady_clock::time_point last_activity_;
  bool keep_alive_ = true;
  bool head_request_ = false;
  bool retried_raw_spaces_ = false;
  bool busy_ = false;
};

}  // namespace

struct HttpServer::Impl {
  HttpServerConfig config;
  HttpHandler handler;
  // Runs blocking work such as proxied calls, so I/O threads do not wait on a remote peer.
  asio::thread_pool blocking_pool{8};
  std::vector<std::unique_ptr<Worker>> workers;
  std::atomic<bool> running{false};

  void Accept(Worker& worker) {
    worker.acceptor->async_accept([this, &worker](beast::error_code error, tcp::socket socket) {
      if (error) {
        if (error == asio::error::operation_aborted) return;
        spdlog::warn("event=http.accept_failed error={}", error.message());
      } else {
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        std::make_shared<Session>(std::move(socket), worker, config, handler, blocking_pool)
            ->Start();
      }
      if (running.load()) Accept(worker);
    });
  }

  void Sweep(Worker& worker) {
    worker.date_header = FormatDate();
    auto now = std::chrono::steady_clock::now();
    // Copy first: closing a socket may destroy its session and edit the set.
    std::vector<Session*> sessions(worker.sessions.begin(), worker.sessions.end());
    for (Session* session : sessions) {
      if (worker.sessions.count(session)) session->CloseIfIdle(now);
    }
    worker.sweeper.expires_after(std::chrono::seconds(1));
    worker.sweeper.async_wait([this, &worker](beast::error_code error) {
      if (!error) Sweep(worker);
    });
  }
};

HttpServer::HttpServer(HttpServerConfig config, HttpHandler handler) : impl_(new Impl) {
  impl_->config = std::move(config);
  impl_->handler = std::move(handler);
}

HttpServer::~HttpServer() { Stop(); }

Result<uint16_t> HttpServer::Start() {
  int threads = impl_->config.threads;
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  beast::error_code error;
  auto address = asio::ip::make_address(impl_->config.address, error);
  if (error) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "Invalid listen address '" + impl_->config.address + "': " + error.message());
  }
  uint16_t port = impl_->config.port;
  for (int i = 0; i < threads; ++i) {
    auto worker = std::make_unique<Worker>();
    worker->acceptor = std::make_unique<tcp::acceptor>(worker->context);
    tcp::endpoint endpoint(address, port);
    worker->acceptor->open(endpoint.protocol(), error);
    if (!error) worker->acceptor->set_option(asio::socket_base::reuse_address(true), error);
    if (!error) {
      int one = 1;
      ::setsockopt(worker->acceptor->native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one));
      worker->acceptor->bind(endpoint, error);
    }
    if (!error) worker->acceptor->listen(asio::socket_base::max_listen_connections, error);
    if (error) {
      return MakeError(ErrorCode::kUnavailable,
                       "Cannot listen on " + impl_->config.address + ":" + std::to_string(port) +
                           ": " + error.message() +
                           ". Choose another port with --port, or stop the process using it.");
    }
    // With port 0 the first listener picks the port and the others share it.
    port = worker->acceptor->local_endpoint().port();
    impl_->workers.push_back(std::move(worker));
  }
  port_ = port;
  impl_->running = true;
  for (auto& worker : impl_->workers) {
    impl_->Accept(*worker);
    impl_->Sweep(*worker);
    Worker* raw = worker.get();
    worker->thread = std::thread([raw] { raw->context.run(); });
  }
  return port_;
}

void HttpServer::Stop() {
  if (!impl_ || !impl_->running.exchange(false)) return;
  for (auto& worker : impl_->workers) {
    Worker* raw = worker.get();
    asio::post(worker->context, [raw] {
      beast::error_code ignored;
      raw->acceptor->close(ignored);
      raw->sweeper.cancel();
      raw->context.stop();
    });
  }
  impl_->blocking_pool.stop();
  impl_->blocking_pool.join();
  for (auto& worker : impl_->workers) {
    if (worker->thread.joinable()) worker->thread.join();
    worker->stopping = true;
  }
  impl_->workers.clear();
}

}  // namespace mimic
