#pragma once

#include <string>

#include "front/mock_http.h"
#include "index/mock_index.h"
#include "net/address_policy.h"
#include "net/proxy_client.h"

namespace mimic {

struct CorsConfig {
  bool enabled = true;
  std::string allowed_origins = "*";  // used when a request has no Origin header
  bool allow_credentials = false;
};

struct RestFrontConfig {
  CorsConfig cors;
  // Which backend addresses PROXY and PROXY_FALLBACK dispatchers may reach.
  std::shared_ptr<const AddressPolicy> proxy_policy = std::make_shared<AddressPolicy>();
  ProxyLimits proxy_limits;
};

// Identifies what a mock call reached, for invocation statistics and logs.
struct MockCallInfo {
  const Service* service = nullptr;
  const Operation* operation = nullptr;
  std::string response_name;
};

// Serves /rest/{service}/{version}/{resource path} (and /rest-valid/... once
// request validation exists) from the index with Microcks' semantics. A pure
// function of the request and the index: it neither blocks nor sleeps, and
// returns the delay for the caller to apply.
// When `owner` (the index's owning pointer) is given, work that may block, such as a
// dispatch script or a proxied call, is returned as deferred work that keeps the
// index alive. Without it, scripts run inline.
HttpResponseData HandleRestMock(const HttpRequestView& request, const MockIndex& index,
                                const RestFrontConfig& config, MockCallInfo* info,
                                std::shared_ptr<const MockIndex> owner = nullptr);

// Parses a query string into decoded name/value pairs ('+' is a space).
NameValueList ParseQuery(std::string_view query);

// Computes the delay asked by the request (x-microcks-delay header, then
// ?delay=), else the operation default, with its strategy applied.
int64_t ComputeDelay(const HttpRequestView& request, const NameValueList& query,
                     const Operation* operation);

}  // namespace mimic
