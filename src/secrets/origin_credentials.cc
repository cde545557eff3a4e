#include "secrets/origin_credentials.h"

namespace mimic {

Result<OriginCredentials> CredentialsForArtifact(const Secret& secret,
                                                 const std::string& artifact_url) {
  auto origin = UrlOrigin(artifact_url);
  if (!origin) return tl::unexpected(origin.error());
  OriginCredentials credentials;
  credentials.origin = std::move(*origin);
  credentials.headers = SecretHeaders(secret);
  credentials.ca_cert_pem = secret.ca_cert_pem;
  return credentials;
}

}  // namespace mimic
