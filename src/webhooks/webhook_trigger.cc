#include "webhooks/webhook_trigger.h"

#include "common/strings.h"
#include "spdlog/spdlog.h"
#include "webhooks/webhook_registration.h"

namespace mimic {

WebhookTrigger::WebhookTrigger(ServiceCatalog* catalog, std::shared_ptr<const AddressPolicy> policy,
                               ProxyLimits limits)
    : catalog_(catalog), policy_(std::move(policy)), limits_(limits) {}

WebhookTrigger::~WebhookTrigger() { Stop(); }

void WebhookTrigger::Start(std::chrono::milliseconds tick) {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this, tick] {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      RunDue(NowMillis());
      lock.lock();
      wake_.wait_for(lock, tick, [this] { return stopping_; });
    }
  });
}

void WebhookTrigger::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void WebhookTrigger::RunDue(int64_t now_ms) {
  Store* store = catalog_->store();
  auto records = store->ListRecords(kWebhookRecordKind);
  if (!records) {
    spdlog::error("event=webhook.list_failed error={}", LogValue(records.error().message));
    return;
  }
  for (const StoredRecord& record : *records) {
    WebhookRegistration registration = WebhookFromJson(record.document);
    registration.id = record.id;
    auto parts = SplitWebhookOperationId(registration.operation_id);
    auto service = parts ? catalog_->FindService(parts->first) : nullptr;
    const Operation* operation = service ? service->FindOperation(parts->second) : nullptr;
    if (now_ms >= registration.expires_at || operation == nullptr) {
      spdlog::info("event=webhook.removed id={} operation={} reason={}", registration.id,
                   LogValue(registration.operation_id),
                   operation == nullptr ? "operation deleted" : "expired");
      (void)store->DeleteRecord(kWebhookRecordKind, registration.id);
      last_sent_.erase(registration.id);
      continue;
    }
    auto last = last_sent_.find(registration.id);
    if (last != last_sent_.end() && now_ms - last->second < registration.frequency_ms) continue;
    last_sent_[registration.id] = now_ms;

    auto exchanges = service->exchanges.find(operation->name);
    if (exchanges == service->exchanges.end() || exchanges->second.empty()) continue;
    bool failed = false;
    std::string failure;
    for (const Exchange& exchange : exchanges->second) {
      ProxyRequest request;
      request.method = operation->method.empty() ? "POST" : operation->method;
      request.url = registration.target_url;
      request.body = exchange.request.content;
      for (const Header& header : exchange.request.headers) {
        for (const std::string& value : header.values)
          request.headers.emplace_back(header.name, value);
      }
      HttpResponseData answer = ForwardRequest(request, *policy_, limits_);
      if (answer.status >= 400) {
        failed = true;
        failure = std::to_string(answer.status) + " " + answer.body.substr(0, 200);
      }
    }
    int previous = registration.error_count;
    registration.error_count = failed ? registration.error_count + 1 : 0;
    if (failed) {
      spdlog::warn("event=webhook.failed id={} target={} errors={} error={}", registration.id,
                   LogValue(registration.target_url), registration.error_count, LogValue(failure));
    }
    if (registration.error_count >= registration.error_count_threshold) {
      spdlog::warn("event=webhook.removed id={} operation={} reason={}", registration.id,
                   LogValue(registration.operation_id), "too many consecutive errors");
      (void)store->DeleteRecord(kWebhookRecordKind, registration.id);
      last_sent_.erase(registration.id);
      continue;
    }
    if (registration.error_count != previous) {
      (void)store->PutRecord(kWebhookRecordKind, registration.id, WebhookToJson(registration));
    }
  }
}

}  // namespace mimic
