#pragma once

#include <string>

#include "common/error.h"
#include "net/http_fetcher.h"
#include "secrets/secret.h"

namespace mimic {

// The credentials `secret` gives for downloading `artifact_url`: its headers and
// CA certificate, bound to the origin of that URL so that references and
// redirects to other origins never see them.
Result<OriginCredentials> CredentialsForArtifact(const Secret& secret,
                                                 const std::string& artifact_url);

}  // namespace mimic
