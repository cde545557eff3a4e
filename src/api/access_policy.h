#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "front/mock_http.h"

namespace mimic {

// Microcks' roles, each including the ones before it.
enum class Role { kAnonymous, kUser, kManager, kAdmin };

std::string_view RoleName(Role role);

// The caller of a management request, as an authenticator established it.
struct Principal {
  std::string name;
  Role role = Role::kAnonymous;
};

// Establishes who sent a request. With authentication off every caller is an
// admin; an OIDC implementation plugs in here without touching handlers.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // True when callers must present credentials (reported by /api/keycloak/config).
  virtual bool enabled() const = 0;
  // Returns kInvalidArgument for missing or invalid credentials (sent as 401).
  virtual Result<Principal> Authenticate(const HttpRequestView& request) = 0;
};

// The default: no authentication, every caller gets every role.
std::unique_ptr<Authenticator> MakeOpenAuthenticator();

// Returns the minimum role a request needs: kAnonymous for discovery endpoints that
// clients read before logging in, kUser for reads and test launches,
// kManager for imports, jobs and service changes, kAdmin for secrets and
// snapshots. `path` has no trailing slash.
Role RequiredRole(std::string_view method, std::string_view path);

// Checks `request` against RequiredRole: nullopt when allowed, otherwise the
// 401 or 403 response to send.
std::optional<HttpResponseData> CheckAccess(Authenticator& authenticator,
                                            const HttpRequestView& request, std::string_view path);

}  // namespace mimic
