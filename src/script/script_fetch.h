#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace mimic::script {

struct FetchRequest {
  std::string url;
  std::string method = "GET";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

struct FetchResponse {
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// Performs the HTTP calls of the `fetch` global that dispatch scripts see. The
// server installs one that applies its outbound address policy; until then
// `fetch` throws. Called on the script's thread, so it must be thread-safe.
using FetchFunction = std::function<FetchResponse(const FetchRequest&)>;

void SetScriptFetcher(FetchFunction fetcher);
// Returns false when no fetcher is installed.
bool RunScriptFetch(const FetchRequest& request, FetchResponse* response);

}  // namespace mimic::script
