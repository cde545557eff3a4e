#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mimic {

// An HTTP request as the protocol fronts see it: views into the server's
// buffers, valid for the duration of one handler call.
struct HttpRequestView {
  std::string_view method;
  std::string_view target;  // raw path and query, still percent-encoded
  std::vector<std::pair<std::string_view, std::string_view>> headers;
  std::string_view body;
  std::string_view host;  // Host header, for absolute Location values

  std::string_view Header(std::string_view name) const;
  std::string_view path() const;
  std::string_view query() const;
};

// The response a handler returns. The server adds Content-Length, Date and connection headers.
struct HttpResponseData {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Milliseconds to wait before sending, measured from the request's arrival.
  int64_t delay_ms = 0;
  // Blocking work (a proxied call, for instance) that produces the real response. The
  // server runs it off the I/O threads; it must own everything it reads, because the
  // request view is gone by then.
  std::function<HttpResponseData()> deferred;

  void SetHeader(std::string name, std::string value);
};

HttpResponseData TextResponse(int status, std::string body);
HttpResponseData JsonResponse(int status, std::string body);

}  // namespace mimic
