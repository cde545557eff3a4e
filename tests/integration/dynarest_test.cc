// Stateful CRUD mocks under /dynarest, persisted in the store.
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/server_process.h"

namespace mimic::testing {
namespace {

HttpResult Json(const std::string& method, const std::string& url, const std::string& body) {
  HttpCall call;
  call.method = method;
  call.url = url;
  call.headers = {"Content-Type: application/json"};
  call.body = body;
  return Send(call);
}

TEST(Dynarest, CrudSurvivesRestart) {
  std::string dir =
      (std::filesystem::temp_directory_path() / ("mimic-dynarest-" + std::to_string(::getpid())))
          .string();
  std::filesystem::create_directories(dir);
  std::string id;
  {
    ServerProcess server({}, dir);
    ASSERT_TRUE(server.started());
    auto created = Json("POST", server.base_url() + "/api/services/generic",
                        R"({"name": "Pet Store", "version": "1.0", "resource": "pets"})");
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(nlohmann::json::parse(created.body)["type"], "GENERIC_REST");
    EXPECT_EQ(nlohmann::json::parse(created.body)["operations"].size(), 5u);
    auto again = Json("POST", server.base_url() + "/api/services/generic",
                      R"({"name": "Pet Store", "version": "1.0", "resource": "pets"})");
    EXPECT_EQ(again.status, 409);

    std::string base = server.base_url() + "/dynarest/Pet+Store/1.0/pets";
    auto posted = Json("POST", base, R"({"name": "Rex", "kind": "dog"})");
    ASSERT_EQ(posted.status, 201) << posted.body;
    id = nlohmann::json::parse(posted.body)["id"];
    EXPECT_EQ(id.size(), 24u);
    Json("POST", base, R"({"name": "Tom", "kind": "cat"})");
    EXPECT_EQ(Json("POST", base, "not json").status, 422);

    auto one = Get(base + "/" + id);
    EXPECT_EQ(one.status, 200);
    EXPECT_EQ(nlohmann::json::parse(one.body)["name"], "Rex");
    auto list = nlohmann::json::parse(Get(base).body);
    EXPECT_EQ(list.size(), 2u);
    auto filtered = Json("GET", base, R"({"kind": "cat"})");
    EXPECT_EQ(nlohmann::json::parse(filtered.body).size(), 1u);
    auto page = nlohmann::json::parse(Get(base + "?page=1&size=1").body);
    ASSERT_EQ(page.size(), 1u);
    EXPECT_EQ(page[0]["name"], "Tom");

    auto updated = Json("PUT", base + "/" + id, R"({"name": "Rex II", "kind": "dog"})");
    EXPECT_EQ(updated.status, 200);
    EXPECT_EQ(Json("PUT", base + "/nope", R"({"a": 1})").status, 404);
    EXPECT_EQ(Get(base + "/nope").status, 404);
    EXPECT_EQ(Get(server.base_url() + "/dynarest/Nope/1.0/pets").status, 400);
  }
  {
    ServerProcess server({}, dir);
    ASSERT_TRUE(server.started());
    std::string base = server.base_url() + "/dynarest/Pet+Store/1.0/pets";
    auto one = Get(base + "/" + id);
    EXPECT_EQ(one.status, 200);
    EXPECT_EQ(nlohmann::json::parse(one.body)["name"], "Rex II");
    HttpCall remove;
    remove.method = "DELETE";
    remove.url = base + "/" + id;
    EXPECT_EQ(Send(remove).status, 204);
    EXPECT_EQ(Get(base + "/" + id).status, 404);
    auto services = nlohmann::json::parse(Get(server.base_url() + "/api/services").body);
    std::string service_id = services[0]["id"];
    auto count = nlohmann::json::parse(
        Get(server.base_url() + "/api/genericresources/service/" + service_id + "/count").body);
    EXPECT_EQ(count["counter"], 1);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mimic::testing
