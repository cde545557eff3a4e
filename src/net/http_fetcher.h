#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "importer/ref_resolver.h"
#include "net/address_policy.h"

namespace mimic {

struct FetchLimits {
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{30000};
  size_t max_bytes = 32 * 1024 * 1024;
  long max_redirects = 5;
};

// Credentials that only one origin (scheme, host and port) may see: the origin
// of the artifact they were given for.
struct OriginCredentials {
  std::string origin;  // as returned by UrlOrigin
  std::vector<std::pair<std::string, std::string>> headers;
  std::string ca_cert_pem;  // trusted for TLS on that origin, instead of the system store
};

// "scheme://host:port" with the scheme and host lowercased and the default port
// filled in, or an error when `url` is not an absolute http(s) URL.
Result<std::string> UrlOrigin(const std::string& url);

// Downloads artifacts and the documents they refer to over http and https
// with libcurl, bounded in time, size and redirects. Other schemes are rejected.
// Redirects are followed one hop at a time so that credentials and the address
// policy are applied to every URL actually contacted.
class HttpFetcher : public DocumentFetcher {
 public:
  explicit HttpFetcher(FetchLimits limits = {}) : limits_(limits) {}

  // Every connection, redirects included, must reach an address `policy`
  // allows; refusals name `allow_flag` as the way to permit the address.
  void SetAddressPolicy(std::shared_ptr<const AddressPolicy> policy, std::string allow_flag) {
    policy_ = std::move(policy);
    allow_flag_ = std::move(allow_flag);
  }
  void SetCredentials(OriginCredentials credentials) { credentials_ = std::move(credentials); }
  void SetVerifyTls(bool verify) { verify_tls_ = verify; }

  Result<std::string> Fetch(const std::string& absolute_uri) override;

 private:
  FetchLimits limits_;
  std::shared_ptr<const AddressPolicy> policy_;
  std::string allow_flag_;
  OriginCredentials credentials_;
  bool verify_tls_ = true;
};

// Per-download settings that apply on top of the server-wide address policy.
struct FetchSettings {
  OriginCredentials credentials;
  bool verify_tls = true;
};

// Makes the fetcher for one download (artifact download, import job run), with
// the server's address policy already applied.
using FetcherFactory = std::function<std::unique_ptr<DocumentFetcher>(const FetchSettings&)>;

// Initializes libcurl once per process; the fetcher and proxy client call it on first use.
void InitHttpClient();

}  // namespace mimic
