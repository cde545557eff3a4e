#pragma once

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "catalog/service_catalog.h"
#include "net/address_policy.h"
#include "net/proxy_client.h"

namespace mimic {

// Sends the example requests of subscribed operations to webhook targets on
// a background thread. Targets are checked against the same address policy as
// PROXY dispatchers, so a registration cannot reach private networks unless
// they are allow-listed.
class WebhookTrigger {
 public:
  WebhookTrigger(ServiceCatalog* catalog, std::shared_ptr<const AddressPolicy> policy,
                 ProxyLimits limits = {std::chrono::milliseconds(2000),
                                       std::chrono::milliseconds(5000), 1024 * 1024});
  ~WebhookTrigger();
  WebhookTrigger(const WebhookTrigger&) = delete;
  WebhookTrigger& operator=(const WebhookTrigger&) = delete;

  // Starts the thread, which checks registrations every `tick`.
  void Start(std::chrono::milliseconds tick = std::chrono::milliseconds(250));
  void Stop();

  // Sends what is due at `now_ms`, drops expired and failed registrations and
  // stores error counts. Called by the thread; public so tests can drive it.
  void RunDue(int64_t now_ms);

 private:
  ServiceCatalog* catalog_;
  std::shared_ptr<const AddressPolicy> policy_;
  ProxyLimits limits_;
  std::map<std::string, int64_t> last_sent_;  // registration id to epoch ms
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace mimic
