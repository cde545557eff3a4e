#include "api/access_policy.h"

#include "common/strings.h"

namespace mimic {
namespace {

class OpenAuthenticator : public Authenticator {
 public:
  bool enabled() const override { return false; }
  Result<Principal> Authenticate(const HttpRequestView&) override {
    return Principal{"anonymous", Role::kAdmin};
  }
};

bool Under(std::string_view path, std::string_view prefix) {
  return path == prefix || (StartsWith(path, prefix) && path[prefix.size()] == '/');
}

}  // namespace

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAnonymous:
      return "anonymous";
    case Role::kUser:
      return "user";
    case Role::kManager:
      return "manager";
    case Role::kAdmin:
      return "admin";
  }
  return "anonymous";
}

std::unique_ptr<Authenticator> MakeOpenAuthenticator() {
  return std::make_unique<OpenAuthenticator>();
}

Role RequiredRole(std::string_view method, std::string_view path) {
  if (method == "OPTIONS") return Role::kAnonymous;
  if (path == "/api/health" || path == "/api/keycloak/config" || path == "/api/version/info" ||
      path == "/api/features/config") {
    return Role::kAnonymous;
  }
  bool read = method == "GET" || method == "HEAD";
  if (Under(path, "/api/secrets")) return read ? Role::kUser : Role::kAdmin;
  if (Under(path, "/api/export") || Under(path, "/api/import")) return Role::kAdmin;
  if (read) return Role::kUser;
  // Launching a test and reporting a test case result are open to users, as in
  // Microcks; runners report back with the launching user's rights.
  if (Under(path, "/api/tests")) return Role::kUser;
  return Role::kManager;
}

std::optional<HttpResponseData> CheckAccess(Authenticator& authenticator,
                                            const HttpRequestView& request, std::string_view path) {
  Role needed = RequiredRole(request.method, path);
  if (needed == Role::kAnonymous) return std::nullopt;
  auto principal = authenticator.Authenticate(request);
  if (!principal) {
    HttpResponseData response = TextResponse(401, principal.error().message);
    response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"microcks\"");
    return response;
  }
  if (principal->role < needed) {
    return TextResponse(403, std::string(request.method) + " " + std::string(path) + " needs the " +
                                 std::string(RoleName(needed)) + " role; " + principal->name +
                                 " has " + std::string(RoleName(principal->role)) + ".");
  }
  return std::nullopt;
}

}  // namespace mimic
