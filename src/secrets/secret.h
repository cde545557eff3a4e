#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/json.h"
#include "store/store.h"

namespace mimic {

// The store kind under which secrets are filed.
inline constexpr std::string_view kSecretRecordKind = "secret";

// Credentials for reaching a remote artifact or a tested endpoint, in
// Microcks' Secret shape. Which fields are set decides how it is used: a
// username and password give Basic auth, a token gives a Bearer token (or
// the raw token in `token_header` when that is set), and a CA certificate
// is trusted for TLS.
struct Secret {
  std::string id;
  std::string name;
  std::string description;
  std::string username;
  std::string password;
  std::string token;
  std::string token_header;
  std::string ca_cert_pem;
};

// Converts from and to Microcks' JSON (`tokenHeader`, `caCertPem`); empty
// fields are omitted.
Secret SecretFromJson(const Json& json);
Json SecretToJson(const Secret& secret);

// The HTTP headers that present `secret` to a server: Authorization for
// Basic or Bearer, or the custom token header. Empty when it has none.
std::vector<std::pair<std::string, std::string>> SecretHeaders(const Secret& secret);

// Looks a secret up by name, then by id; nullopt when neither matches.
Result<std::optional<Secret>> FindSecret(Store& store, const std::string& name_or_id);

}  // namespace mimic
