#include "secrets/secret.h"

#include "common/base64.h"

namespace mimic {

Secret SecretFromJson(const Json& json) {
  Secret secret;
  secret.id = FieldOr(json, "id", "");
  secret.name = FieldOr(json, "name", "");
  secret.description = FieldOr(json, "description", "");
  secret.username = FieldOr(json, "username", "");
  secret.password = FieldOr(json, "password", "");
  secret.token = FieldOr(json, "token", "");
  secret.token_header = FieldOr(json, "tokenHeader", "");
  secret.ca_cert_pem = FieldOr(json, "caCertPem", "");
  return secret;
}

Json SecretToJson(const Secret& secret) {
  Json json = Json::object();
  auto put = [&json](const char* key, const std::string& value) {
    if (!value.empty()) json[key] = value;
  };
  put("id", secret.id);
  put("name", secret.name);
  put("description", secret.description);
  put("username", secret.username);
  put("password", secret.password);
  put("token", secret.token);
  put("tokenHeader", secret.token_header);
  put("caCertPem", secret.ca_cert_pem);
  return json;
}

std::vector<std::pair<std::string, std::string>> SecretHeaders(const Secret& secret) {
  if (!secret.token.empty()) {
    if (!secret.token_header.empty()) return {{secret.token_header, secret.token}};
    return {{"Authorization", "Bearer " + secret.token}};
  }
  if (!secret.username.empty() || !secret.password.empty()) {
    return {{"Authorization", "Basic " + EncodeBase64(secret.username + ":" + secret.password)}};
  }
  return {};
}

Result<std::optional<Secret>> FindSecret(Store& store, const std::string& name_or_id) {
  auto records = store.ListRecords(kSecretRecordKind);
  if (!records) return tl::unexpected(records.error());
  for (const StoredRecord& record : *records) {
    if (FieldOr(record.document, "name", "") == name_or_id) {
      return std::optional<Secret>(SecretFromJson(record.document));
    }
  }
  for (const StoredRecord& record : *records) {
    if (record.id == name_or_id) return std::optional<Secret>(SecretFromJson(record.document));
  }
  return std::optional<Secret>();
}

}  // namespace mimic
