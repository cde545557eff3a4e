// Documentation pages under /api/documentation render a stored spec.
#include <regex>

#include <gtest/gtest.h>

#include "api/documentation_api.h"
#include "common/json.h"
#include "support/server_process.h"
#include "support/test_paths.h"

namespace mimic::testing {
namespace {

TEST(DocumentationPage, EscapesTitleAndUrl) {
  std::string page = DocumentationPage("A <b> & \"c\"", "OPEN_API_SPEC", "/api/resources/x\"y");
  EXPECT_NE(page.find("A &lt;b&gt; &amp; &quot;c&quot;"), std::string::npos);
  EXPECT_NE(page.find("spec-url=\"/api/resources/x&quot;y\""), std::string::npos);
  EXPECT_NE(DocumentationPage("t", "ASYNC_API_SPEC", "/u").find("AsyncApiStandalone"),
            std::string::npos);
}

TEST(DocumentationApi, ServesPageLinkingTheSpec) {
  ServerProcess server;
  ASSERT_TRUE(server.started());
  ASSERT_EQ(Upload(server.base_url(), "pet-shelter-openapi.yaml",
                   ReadFile(SourceDir() + "/samples/pet-shelter-openapi.yaml"))
                .status,
            201);
  auto page = Get(server.base_url() + "/api/documentation/Pet%20Shelter-1.0.0.yaml/OPEN_API_SPEC");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.Header("Content-Type"), "text/html;charset=UTF-8");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(page.body, match, std::regex("spec-url=\"([^\"]+)\"")));
  auto spec = Get(server.base_url() + match[1].str());
  EXPECT_EQ(spec.status, 200);
  EXPECT_NE(spec.body.find("title: Pet Shelter"), std::string::npos);

  Json resources = Json::parse(
      Get(server.base_url() + "/api/resources/service/Pet%20Shelter:1.0.0").body, nullptr, false);
  ASSERT_FALSE(resources.empty());
  std::string id = FieldOr(resources[0], "id", "");
  EXPECT_EQ(Get(server.base_url() + "/api/documentation/id/" + id + "/OPEN_API_SPEC").status, 200);

  auto bad_type = Get(server.base_url() + "/api/documentation/Pet%20Shelter-1.0.0.yaml/WSDL");
  EXPECT_EQ(bad_type.status, 400);
  EXPECT_NE(bad_type.body.find("OPEN_API_SPEC"), std::string::npos);
  EXPECT_EQ(Get(server.base_url() + "/api/documentation/nope.yaml/OPEN_API_SPEC").status, 404);
}

}  // namespace
}  // namespace mimic::testing
