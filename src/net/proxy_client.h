#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "front/mock_http.h"
#include "net/address_policy.h"

namespace mimic {

struct ProxyRequest {
  std::string method;
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct ProxyLimits {
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds total_timeout{10000};
  size_t max_response_bytes = 16 * 1024 * 1024;
};

// Forwards a mock call to a real backend with libcurl and relays its status,
// headers and body. Blocking: run it off the I/O threads. Peer addresses are
// checked against `policy` at connect time, after DNS resolution and on every
// redirect hop, so a host name cannot smuggle in a private address.
HttpResponseData ForwardRequest(const ProxyRequest& request, const AddressPolicy& policy,
                                const ProxyLimits& limits = {});

}  // namespace mimic
