#include "api/secrets_api.h"

#include "api/api_util.h"
#include "catalog/service_catalog.h"
#include "common/strings.h"
#include "secrets/secret.h"
#include "spdlog/spdlog.h"

namespace mimic {
namespace {

constexpr std::string_view kPrefix = "/api/secrets";

HttpResponseData SecretList(const std::vector<StoredRecord>& records, size_t first, size_t last) {
  Json list = Json::array();
  for (size_t i = first; i < last; ++i) {
    Secret secret = SecretFromJson(records[i].document);
    secret.id = records[i].id;
    list.push_back(SecretToJson(secret));
  }
  return JsonResponse(200, DumpJson(list));
}

}  // namespace

std::optional<HttpResponseData> SecretsApi::Handle(const HttpRequestView& request,
                                                   std::string_view path) {
  if (!StartsWith(path, kPrefix)) return std::nullopt;
  std::string_view rest = path.substr(kPrefix.size());
  if (!rest.empty() && rest.front() != '/') return std::nullopt;
  std::string_view method = request.method;
  if (rest.empty()) {
    if (method == "GET") return List(request);
    if (method == "POST") return Create(request);
    return std::nullopt;
  }
  std::string id = PercentDecode(rest.substr(1));
  if (id.find('/') != std::string::npos) return std::nullopt;
  if (id == "count" && method == "GET") {
    auto records = store_->ListRecords(kSecretRecordKind);
    if (!records) return ErrorAsResponse(records.error());
    return CounterResponse(records->size());
  }
  if (id == "search" && method == "GET") return Search(request);
  if (method == "GET") {
    auto record = store_->GetRecord(kSecretRecordKind, id);
    if (!record) return ErrorAsResponse(record.error());
    if (!record->has_value()) return TextResponse(404, "No secret with id '" + id + "'.");
    Secret secret = SecretFromJson(**record);
    secret.id = id;
    return JsonResponse(200, DumpJson(SecretToJson(secret)));
  }
  if (method == "PUT") return Update(request, id);
  if (method == "DELETE") {
    auto deleted = store_->DeleteRecord(kSecretRecordKind, id);
    if (!deleted) return ErrorAsResponse(deleted.error());
    // Microcks returns 200 whether or not the secret existed.
    if (*deleted) spdlog::info("event=secret.deleted id={}", LogValue(id));
    HttpResponseData response;
    response.status = 200;
    return response;
  }
  return std::nullopt;
}

HttpResponseData SecretsApi::List(const HttpRequestView& request) {
  auto records = store_->ListRecords(kSecretRecordKind);
  if (!records) return ErrorAsResponse(records.error());
  auto [first, last] = PageBounds(request, records->size());
  return SecretList(*records, first, last);
}

HttpResponseData SecretsApi::Search(const HttpRequestView& request) {
  auto records = store_->ListRecords(kSecretRecordKind);
  if (!records) return ErrorAsResponse(records.error());
  // Like Microcks, a case-insensitive match on part of the name.
  std::string fragment = ToLower(QueryParameter(request, "name"));
  std::vector<StoredRecord> found;
  for (StoredRecord& record : *records) {
    if (ToLower(FieldOr(record.document, "name", "")).find(fragment) != std::string::npos) {
      found.push_back(std::move(record));
    }
  }
  return SecretList(found, 0, found.size());
}

Result<void> SecretsApi::CheckNameFree(const std::string& name, const std::string& own_id) {
  auto records = store_->ListRecords(kSecretRecordKind);
  if (!records) return tl::unexpected(records.error());
  for (const StoredRecord& record : *records) {
    if (record.id != own_id && FieldOr(record.document, "name", "") == name) {
      return MakeError(ErrorCode::kAlreadyExists,
                       "A secret named '" + name + "' already exists (id " + record.id +
                           "): choose another name or update that secret.");
    }
  }
  return {};
}

HttpResponseData SecretsApi::Create(const HttpRequestView& request) {
  auto body = JsonObjectBody(request, "secret (name, description, credentials)");
  if (!body) return ErrorAsResponse(body.error());
  Secret secret = SecretFromJson(*body);
  if (Trim(secret.name).empty()) {
    return TextResponse(400, "The secret needs a non-empty 'name'.");
  }
  if (auto free = CheckNameFree(secret.name, ""); !free) return ErrorAsResponse(free.error());
  secret.id = NewObjectId();
  Json document = SecretToJson(secret);
  if (auto put = store_->PutRecord(kSecretRecordKind, secret.id, document); !put) {
    return ErrorAsResponse(put.error());
  }
  spdlog::info("event=secret.created id={} name={}", secret.id, LogValue(secret.name));
  return JsonResponse(201, DumpJson(document));
}

HttpResponseData SecretsApi::Update(const HttpRequestView& request, const std::string& id) {
  auto existing = store_->GetRecord(kSecretRecordKind, id);
  if (!existing) return ErrorAsResponse(existing.error());
  if (!existing->has_value()) return TextResponse(404, "No secret with id '" + id + "'.");
  auto body = JsonObjectBody(request, "secret (name, description, credentials)");
  if (!body) return ErrorAsResponse(body.error());
  Secret secret = SecretFromJson(*body);
  if (Trim(secret.name).empty()) {
    return TextResponse(400, "The secret needs a non-empty 'name'.");
  }
  if (auto free = CheckNameFree(secret.name, id); !free) return ErrorAsResponse(free.error());
  secret.id = id;
  Json document = SecretToJson(secret);
  if (auto put = store_->PutRecord(kSecretRecordKind, id, document); !put) {
    return ErrorAsResponse(put.error());
  }
  spdlog::info("event=secret.updated id={} name={}", id, LogValue(secret.name));
  return JsonResponse(200, DumpJson(document));
}

}  // namespace mimic
