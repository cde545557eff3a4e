#include "script/script_fetch.h"

#include <memory>
#include <mutex>

namespace mimic::script {
namespace {

std::mutex fetcher_mutex;
std::shared_ptr<const FetchFunction> installed_fetcher;

}  // namespace

void SetScriptFetcher(FetchFunction fetcher) {
  std::lock_guard<std::mutex> lock(fetcher_mutex);
  installed_fetcher = fetcher ? std::make_shared<const FetchFunction>(std::move(fetcher)) : nullptr;
}

bool RunScriptFetch(const FetchRequest& request, FetchResponse* response) {
  std::shared_ptr<const FetchFunction> fetcher;
  {
    std::lock_guard<std::mutex> lock(fetcher_mutex);
    fetcher = installed_fetcher;
  }
  if (!fetcher) return false;
  *response = (*fetcher)(request);
  return true;
}

}  // namespace mimic::script
