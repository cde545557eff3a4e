#include "api/access_policy.h"

#include <gtest/gtest.h>

#include "api/management_api.h"
#include "store/sqlite_store.h"

namespace mimic {
namespace {

class FixedRoleAuthenticator : public Authenticator {
 public:
  explicit FixedRoleAuthenticator(std::optional<Role> role) : role_(role) {}
  bool enabled() const override { return true; }
  Result<Principal> Authenticate(const HttpRequestView&) override {
    if (!role_) return MakeError(ErrorCode::kInvalidArgument, "no bearer token in Authorization");
    return Principal{"carol", *role_};
  }

 private:
  std::optional<Role> role_;
};

HttpRequestView Request(std::string_view method, std::string_view target) {
  HttpRequestView view;
  view.method = method;
  view.target = target;
  return view;
}

TEST(RequiredRole, DiscoveryEndpointsAreOpen) {
  EXPECT_EQ(RequiredRole("GET", "/api/health"), Role::kAnonymous);
  EXPECT_EQ(RequiredRole("GET", "/api/keycloak/config"), Role::kAnonymous);
  EXPECT_EQ(RequiredRole("GET", "/api/features/config"), Role::kAnonymous);
  EXPECT_EQ(RequiredRole("OPTIONS", "/api/services"), Role::kAnonymous);
}

TEST(RequiredRole, ReadsNeedUserChangesNeedManager) {
  EXPECT_EQ(RequiredRole("GET", "/api/services"), Role::kUser);
  EXPECT_EQ(RequiredRole("POST", "/api/tests"), Role::kUser);
  EXPECT_EQ(RequiredRole("POST", "/api/artifact/upload"), Role::kManager);
  EXPECT_EQ(RequiredRole("DELETE", "/api/services/abc"), Role::kManager);
  EXPECT_EQ(RequiredRole("POST", "/api/jobs"), Role::kManager);
}

TEST(RequiredRole, SecretsAndSnapshotsNeedAdmin) {
  EXPECT_EQ(RequiredRole("GET", "/api/secrets"), Role::kUser);
  EXPECT_EQ(RequiredRole("POST", "/api/secrets"), Role::kAdmin);
  EXPECT_EQ(RequiredRole("DELETE", "/api/secrets/1"), Role::kAdmin);
  EXPECT_EQ(RequiredRole("GET", "/api/export"), Role::kAdmin);
  EXPECT_EQ(RequiredRole("POST", "/api/import"), Role::kAdmin);
  // A prefix match must end at a segment boundary.
  EXPECT_EQ(RequiredRole("GET", "/api/exports"), Role::kUser);
}

TEST(CheckAccess, OpenAuthenticatorAllowsEverything) {
  auto open = MakeOpenAuthenticator();
  EXPECT_FALSE(open->enabled());
  EXPECT_FALSE(CheckAccess(*open, Request("POST", "/api/secrets"), "/api/secrets"));
}

TEST(CheckAccess, MissingCredentialsGet401) {
  FixedRoleAuthenticator nobody(std::nullopt);
  auto denied = CheckAccess(nobody, Request("GET", "/api/services"), "/api/services");
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 401);
  EXPECT_NE(denied->body.find("bearer token"), std::string::npos);
  EXPECT_FALSE(CheckAccess(nobody, Request("GET", "/api/health"), "/api/health"));
}

TEST(CheckAccess, InsufficientRoleGets403NamingTheRole) {
  FixedRoleAuthenticator user(Role::kUser);
  EXPECT_FALSE(CheckAccess(user, Request("GET", "/api/services"), "/api/services"));
  auto denied = CheckAccess(user, Request("POST", "/api/artifact/upload"), "/api/artifact/upload");
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 403);
  EXPECT_NE(denied->body.find("needs the manager role"), std::string::npos);
  FixedRoleAuthenticator manager(Role::kManager);
  EXPECT_TRUE(CheckAccess(manager, Request("POST", "/api/secrets"), "/api/secrets"));
  FixedRoleAuthenticator admin(Role::kAdmin);
  EXPECT_FALSE(CheckAccess(admin, Request("POST", "/api/secrets"), "/api/secrets"));
}

TEST(ManagementApiAccess, HandlersSitBehindTheAuthenticator) {
  auto store = SqliteStore::Open(":memory:");
  ASSERT_TRUE(store);
  ServiceCatalog catalog(store->get());
  ASSERT_TRUE(catalog.Load());
  InvocationStats stats(store->get(), /*enabled=*/false);
  ManagementApi api(&catalog, &stats, {});
  api.SetAuthenticator(std::make_unique<FixedRoleAuthenticator>(Role::kUser));
  EXPECT_EQ(api.Handle(Request("GET", "/api/services")).status, 200);
  EXPECT_EQ(api.Handle(Request("DELETE", "/api/services/none")).status, 403);
  auto config = api.Handle(Request("GET", "/api/keycloak/config"));
  EXPECT_NE(config.body.find("\"enabled\":true"), std::string::npos);
}

}  // namespace
}  // namespace mimic
