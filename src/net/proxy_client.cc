#include "net/proxy_client.h"

#include <curl/curl.h>
#include <sys/socket.h>

#include "common/strings.h"
#include "net/http_fetcher.h"
#include "spdlog/spdlog.h"

namespace mimic {
namespace {

struct Transfer {
  const AddressPolicy* policy = nullptr;
  std::string refused;  // the address that the policy rejected
  HttpResponseData response;
  size_t max_bytes = 0;
  bool too_large = false;
};

curl_socket_t OpenSocket(void* user, curlsocktype, curl_sockaddr* address) {
  auto* transfer = static_cast<Transfer*>(user);
  const sockaddr* peer = &address->addr;
  if (!transfer->policy->IsAllowed(peer)) {
    transfer->refused = AddressPolicy::Describe(peer);
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype, address->protocol);
}

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  size_t bytes = size * count;
  if (transfer->response.body.size() + bytes > transfer->max_bytes) {
    transfer->too_large = true;
    return 0;
  }
  transfer->response.body.append(data, bytes);
  return bytes;
}

bool IsHopByHop(std::string_view name) {
  for (std::string_view hop : {"connection", "keep-alive", "transfer-encoding", "content-length",
                               "upgrade", "proxy-connection", "te", "trailer", "date"}) {
    if (EqualsIgnoreCase(name, hop)) return true;
  }
  return false;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  std::string_view line(data, size * count);
  if (StartsWith(line, "HTTP/")) {
    transfer->response.headers.clear();  // a new response after a redirect or 100 Continue
    return size * count;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return size * count;
  std::string_view name = Trim(line.substr(0, colon));
  if (!IsHopByHop(name)) {
    transfer->response.headers.emplace_back(std::string(name),
                                            std::string(Trim(line.substr(colon + 1))));
  }
  return size * count;
}

}  // namespace

HttpResponseData ForwardRequest(const ProxyRequest& request, const AddressPolicy& policy,
                                const ProxyLimits& limits) {
  std::string lowered = ToLower(request.url);
  if (!StartsWith(lowered, "http://") && !StartsWith(lowered, "https://")) {
    return TextResponse(502, "Cannot proxy to '" + request.url +
                                 "': only http and https backends are supported.");
  }
  InitHttpClient();
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return TextResponse(500, "Cannot create an HTTP client.");
  Transfer transfer;
  transfer.policy = &policy;
  transfer.max_bytes = limits.max_response_bytes;

  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(limits.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(limits.total_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, OpenSocket);
  curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
  if (request.method == "HEAD") curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  if (!request.body.empty()) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
  }
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    if (IsHopByHop(name) || EqualsIgnoreCase(name, "host") || EqualsIgnoreCase(name, "expect")) {
      continue;
    }
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  }
  // Stop curl from adding headers the client did not send.
  headers = curl_slist_append(headers, "Expect:");
  if (request.body.empty()) headers = curl_slist_append(headers, "Content-Type:");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

  CURLcode code = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);

  if (!transfer.refused.empty()) {
    spdlog::warn("event=proxy.refused url={} address={}", LogValue(request.url),
                 LogValue(transfer.refused));
    return TextResponse(502, "Refusing to proxy to " + transfer.refused + " for " + request.url +
                                 ". Add the address to --proxy-allow to permit it.");
  }
  if (transfer.too_large) {
    return TextResponse(502, "The backend response from " + request.url + " is larger than " +
                                 std::to_string(limits.max_response_bytes) + " bytes.");
  }
  if (code == CURLE_OPERATION_TIMEDOUT) {
    return TextResponse(504, "The backend " + request.url + " did not answer within " +
                                 std::to_string(limits.total_timeout.count()) + " ms.");
  }
  if (code != CURLE_OK) {
    return TextResponse(502, "Cannot reach the backend " + request.url + ": " +
                                 curl_easy_strerror(code) + ".");
  }
  transfer.response.status = static_cast<int>(status);
  return std::move(transfer.response);
}

}  // namespace mimic
