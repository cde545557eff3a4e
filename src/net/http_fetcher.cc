#include "net/http_fetcher.h"

#include <curl/curl.h>
#include <sys/socket.h>

#include <mutex>

#include "common/strings.h"
#include "spdlog/spdlog.h"

namespace mimic {
namespace {

struct Download {
  std::string body;
  size_t max_bytes = 0;
  bool too_large = false;
  const AddressPolicy* policy = nullptr;
  std::string rejected_address;  // the address the policy rejected, for the message
};

size_t OnData(char* data, size_t size, size_t count, void* user) {
  auto* download = static_cast<Download*>(user);
  size_t bytes = size * count;
  if (download->body.size() + bytes > download->max_bytes) {
    download->too_large = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  download->body.append(data, bytes);
  return bytes;
}

// Checked on the resolved address of each connection, so a name that resolves
// to a rejected address, or a redirect to one, is stopped before anything is sent.
// NOTE: when libcurl uses a proxy from the environment (http_proxy), the checked
// address is the proxy's, and the proxy decides where the request goes.
curl_socket_t OpenSocket(void* user, curlsocktype, curl_sockaddr* address) {
  auto* download = static_cast<Download*>(user);
  const sockaddr* peer = &address->addr;
  if (download->policy != nullptr && !download->policy->IsAllowed(peer)) {
    download->rejected_address = AddressPolicy::Describe(peer);
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype, address->protocol);
}

std::string UrlPart(CURLU* handle, CURLUPart part, unsigned int flags) {
  char* text = nullptr;
  if (curl_url_get(handle, part, &text, flags) != CURLUE_OK || text == nullptr) return "";
  std::string value(text);
  curl_free(text);
  return value;
}

std::string HostOf(const std::string& url) {
  CURLU* handle = curl_url();
  if (handle == nullptr) return url;
  std::string host;
  if (curl_url_set(handle, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
    host = UrlPart(handle, CURLUPART_HOST, 0);
  }
  curl_url_cleanup(handle);
  return host.empty() ? url : host;
}

bool IsRedirect(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

}  // namespace

void InitHttpClient() {
  // Initialized on first use: TLS set-up touches megabytes of library pages that a
  // server which never downloads or proxies does not need.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Result<std::string> UrlOrigin(const std::string& url) {
  std::string lowered = ToLower(url);
  if (!StartsWith(lowered, "http://") && !StartsWith(lowered, "https://")) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "'" + url + "' is not an absolute http or https URL.");
  }
  CURLU* handle = curl_url();
  if (handle == nullptr) return MakeError(ErrorCode::kInternal, "Cannot parse URLs.");
  std::string origin;
  if (curl_url_set(handle, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
    std::string scheme = ToLower(UrlPart(handle, CURLUPART_SCHEME, 0));
    std::string host = ToLower(UrlPart(handle, CURLUPART_HOST, 0));
    std::string port = UrlPart(handle, CURLUPART_PORT, CURLU_DEFAULT_PORT);
    if (!scheme.empty() && !host.empty() && !port.empty()) {
      origin = scheme + "://" + host + ":" + port;
    }
  }
  curl_url_cleanup(handle);
  if (origin.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "Cannot parse the URL '" + url + "'.");
  }
  return origin;
}

Result<std::string> HttpFetcher::Fetch(const std::string& absolute_uri) {
  std::string lowered = ToLower(absolute_uri);
  if (!StartsWith(lowered, "http://") && !StartsWith(lowered, "https://")) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "Cannot fetch '" + absolute_uri + "': only http and https URLs are allowed.");
  }
  InitHttpClient();
  auto deadline = std::chrono::steady_clock::now() + limits_.total_timeout;
  std::string url = absolute_uri;
  for (long hop = 0;; ++hop) {
    auto origin = UrlOrigin(url);
    if (!origin) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "Cannot fetch " + absolute_uri + ": " + origin.error().message);
    }
    bool own_origin = !credentials_.origin.empty() && *origin == credentials_.origin;
    auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (remaining.count() <= 0) {
      return MakeError(ErrorCode::kUnavailable,
                       "Cannot fetch " + absolute_uri + ": no answer within " +
                           std::to_string(limits_.total_timeout.count()) + " ms.");
    }

    CURL* curl = curl_easy_init();
    if (curl == nullptr) return MakeError(ErrorCode::kInternal, "Cannot create an HTTP client.");
    Download download;
    download.max_bytes = limits_.max_bytes;
    download.policy = policy_.get();
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(limits_.connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(remaining.count()));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "Mimic/" MIMIC_VERSION);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnData);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &download);
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, OpenSocket);
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &download);
    if (!verify_tls_) {
      curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
      curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    curl_slist* headers = nullptr;
    if (own_origin) {
      for (const auto& [name, value] : credentials_.headers) {
        headers = curl_slist_append(headers, (name + ": " + value).c_str());
      }
      if (!credentials_.ca_cert_pem.empty()) {
        curl_blob blob{const_cast<char*>(credentials_.ca_cert_pem.data()),
                       credentials_.ca_cert_pem.size(), CURL_BLOB_COPY};
        curl_easy_setopt(curl, CURLOPT_CAINFO_BLOB, &blob);
      }
    }
    if (headers != nullptr) curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    CURLcode code = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    std::string next;
    if (code == CURLE_OK && IsRedirect(status)) {
      char* location = nullptr;
      curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &location);
      if (location != nullptr) next = location;
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);

    if (!download.rejected_address.empty()) {
      std::string host = HostOf(url);
      spdlog::debug("event=download.rejected_address url={} address={}", LogValue(url),
                    LogValue(download.rejected_address));
      return MakeError(ErrorCode::kInvalidArgument,
                       "Refusing to download " + url + ": the host " + host + " resolves to " +
                           download.rejected_address + ". Add the address or its range to " +
                           allow_flag_ + " to permit it.");
    }
    if (download.too_large) {
      return MakeError(ErrorCode::kLimitExceeded,
                       "The document at " + absolute_uri + " is larger than " +
                           std::to_string(limits_.max_bytes) + " bytes.");
    }
    if (code != CURLE_OK) {
      return MakeError(ErrorCode::kUnavailable,
                       "Cannot fetch " + url + ": " + curl_easy_strerror(code) + ".");
    }
    if (!next.empty()) {
      if (hop + 1 > limits_.max_redirects) {
        return MakeError(ErrorCode::kUnavailable, "Cannot fetch " + absolute_uri + ": more than " +
                                                      std::to_string(limits_.max_redirects) +
                                                      " redirects.");
      }
      url = next;
      continue;
    }
    if (status < 200 || status >= 300) {
      return MakeError(
          ErrorCode::kUnavailable,
          "Cannot fetch " + url + ": the server answered HTTP " + std::to_string(status) + ".");
    }
    return std::move(download.body);
  }
}

}  // namespace mimic
