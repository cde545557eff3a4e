#pragma once

#include <chrono>
#include <string>

#include "importer/ref_resolver.h"

namespace mimic {

struct FetchLimits {
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{30000};
  size_t max_bytes = 32 * 1024 * 1024;
  long max_redirects = 5;
};

// Downloads artifacts and the documents they refer to over http and https
// with libcurl, bounded in time, size and redirects. Other schemes are rejected.
class HttpFetcher : public DocumentFetcher {
 public:
  explicit HttpFetcher(FetchLimits limits = {}) : limits_(limits) {}
  Result<std::string> Fetch(const std::string& absolute_uri) override;

 private:
  FetchLimits limits_;
};

// Initializes libcurl once per process; the fetcher and proxy client call it on first use.
void InitHttpClient();

}  // namespace mimic
