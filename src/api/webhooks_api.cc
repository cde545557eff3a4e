#include "api/webhooks_api.h"

#include "api/api_util.h"
#include "common/strings.h"
#include "spdlog/spdlog.h"
#include "webhooks/webhook_registration.h"

namespace mimic {
namespace {

constexpr std::string_view kPrefix = "/api/webhooks";
constexpr std::string_view kOperationPrefix = "/api/webhooks/operation/";

}  // namespace

std::optional<HttpResponseData> WebhooksApi::Handle(const HttpRequestView& request,
                                                    std::string_view path) {
  if (path != kPrefix && !StartsWith(path, std::string(kPrefix) + "/")) return std::nullopt;
  std::string_view method = request.method;
  if (path == kPrefix && method == "POST") return Register(request);
  if (StartsWith(path, kOperationPrefix) && method == "GET") {
    std::string_view rest = path.substr(kOperationPrefix.size());
    bool count_only = EndsWith(rest, "/count");
    if (count_only) rest.remove_suffix(6);
    return ListForOperation(request, PercentDecode(rest), count_only);
  }
  if (method == "DELETE" && path.size() > kPrefix.size() + 1) {
    std::string id = PercentDecode(path.substr(kPrefix.size() + 1));
    auto deleted = catalog_->store()->DeleteRecord(kWebhookRecordKind, id);
    if (!deleted) return ErrorAsResponse(deleted.error());
    if (!*deleted) return TextResponse(404, "No webhook registration has the id '" + id + "'.");
    spdlog::info("event=webhook.unregistered id={}", LogValue(id));
    return TextResponse(200, "");
  }
  return TextResponse(405, "No webhook endpoint " + std::string(method) + " " + std::string(path) +
                               ". Use POST /api/webhooks, DELETE /api/webhooks/{id} or GET "
                               "/api/webhooks/operation/{operationId}[/count].");
}

HttpResponseData WebhooksApi::Register(const HttpRequestView& request) {
  auto body = JsonObjectBody(request, "webhook registration (operationId, targetUrl)");
  if (!body) return ErrorAsResponse(body.error());
  auto registration = ParseWebhookRequest(*body, NowMillis());
  if (!registration) return ErrorAsResponse(registration.error());

  if (std::string refused = policy_->RefusedLiteralHost(registration->target_url);
      !refused.empty()) {
    return TextResponse(400, "Invalid targetUrl '" + registration->target_url +
                                 "': webhook calls may not reach " + refused +
                                 ". Start the server with --proxy-allow naming that range to "
                                 "allow it.");
  }

  auto parts = SplitWebhookOperationId(registration->operation_id);
  auto service = catalog_->FindService(parts->first);
  if (!service) {
    return TextResponse(404, "No service has the id '" + parts->first + "' (from operationId '" +
                                 registration->operation_id + "').");
  }
  const Operation* operation = service->FindOperation(parts->second);
  if (operation == nullptr) {
    return TextResponse(404, "Service " + service->name + ":" + service->version +
                                 " has no operation named '" + parts->second + "'.");
  }

  registration->id = NewObjectId();
  registration->operation_method = operation->method;
  Json json = WebhookToJson(*registration);
  auto stored = catalog_->store()->PutRecord(kWebhookRecordKind, registration->id, json);
  if (!stored) return ErrorAsResponse(stored.error());
  spdlog::info("event=webhook.registered id={} operation={} target={}", registration->id,
               LogValue(registration->operation_id), LogValue(registration->target_url));
  return JsonResponse(201, DumpJson(json));
}

HttpResponseData WebhooksApi::ListForOperation(const HttpRequestView& request,
                                               const std::string& operation_id, bool count_only) {
  auto records = catalog_->store()->ListRecords(kWebhookRecordKind);
  if (!records) return ErrorAsResponse(records.error());
  Json matching = Json::array();
  for (const StoredRecord& record : *records) {
    if (FieldOr(record.document, "operationId", "") == operation_id) {
      matching.push_back(record.document);
    }
  }
  if (count_only) return CounterResponse(matching.size());
  auto [first, last] = PageBounds(request, matching.size());
  Json list = Json::array();
  for (size_t i = first; i < last; ++i) list.push_back(matching[i]);
  return JsonResponse(200, DumpJson(list));
}

}  // namespace mimic
