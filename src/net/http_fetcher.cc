#include "net/http_fetcher.h"

#include <curl/curl.h>

#include <mutex>

#include "common/strings.h"

namespace mimic {
namespace {

struct Download {
  std::string body;
  size_t max_bytes = 0;
  bool too_large = false;
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

}  // namespace

void InitHttpClient() {
  // Initialized on first use: TLS set-up touches megabytes of library pages that a
  // server which never downloads or proxies does not need.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Result<std::string> HttpFetcher::Fetch(const std::string& absolute_uri) {
  std::string lowered = ToLower(absolute_uri);
  if (!StartsWith(lowered, "http://") && !StartsWith(lowered, "https://")) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "Cannot fetch '" + absolute_uri + "': only http and https URLs are allowed.");
  }
  InitHttpClient();
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return MakeError(ErrorCode::kInternal, "Cannot create an HTTP client.");
  Download download;
  download.max_bytes = limits_.max_bytes;
  curl_easy_setopt(curl, CURLOPT_URL, absolute_uri.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, limits_.max_redirects);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(limits_.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(limits_.total_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "Mimic/" MIMIC_VERSION);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnData);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &download);
  CURLcode code = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);

  if (download.too_large) {
    return MakeError(ErrorCode::kLimitExceeded, "The document at " + absolute_uri +
                                                    " is larger than " +
                                                    std::to_string(limits_.max_bytes) + " bytes.");
  }
  if (code != CURLE_OK) {
    return MakeError(ErrorCode::kUnavailable,
                     "Cannot fetch " + absolute_uri + ": " + curl_easy_strerror(code) + ".");
  }
  if (status < 200 || status >= 300) {
    return MakeError(ErrorCode::kUnavailable, "Cannot fetch " + absolute_uri +
                                                  ": the server answered HTTP " +
                                                  std::to_string(status) + ".");
  }
  return std::move(download.body);
}

}  // namespace mimic
