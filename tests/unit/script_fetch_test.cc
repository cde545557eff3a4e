#include "script/script_fetch.h"

#include <gtest/gtest.h>

#include "script/dispatch_script.h"
#include "script/script_store.h"

namespace mimic::script {
namespace {

class ScriptFetchTest : public ::testing::Test {
 protected:
  void TearDown() override { SetScriptFetcher(nullptr); }
};

TEST_F(ScriptFetchTest, CallsInstalledFetcher) {
  FetchRequest seen;
  SetScriptFetcher([&seen](const FetchRequest& request) {
    seen = request;
    FetchResponse response;
    response.status = 201;
    response.body = R"({"ok": true})";
    return response;
  });
  auto script = DispatchScript::Compile(
      "const r = fetch('http://backend.test/x', 'POST', 'payload', {'X-Id': '7'});\n"
      "return r.status + ':' + JSON.parse(r.body).ok;",
      "POST /x");
  ASSERT_TRUE(script) << script.error().message;
  ScriptStore store;
  auto outcome = (*script)->Run(ScriptRequest{}, store);
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->result, "201:true");
  EXPECT_EQ(seen.url, "http://backend.test/x");
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.body, "payload");
  ASSERT_EQ(seen.headers.size(), 1u);
  EXPECT_EQ(seen.headers[0].second, "7");
}

TEST_F(ScriptFetchTest, OptionsObjectForm) {
  FetchRequest seen;
  SetScriptFetcher([&seen](const FetchRequest& request) {
    seen = request;
    return FetchResponse{200, "fine", {}};
  });
  auto script = DispatchScript::Compile(
      "return fetch('http://a.test/', {method: 'PUT', body: 'b'}).body;", "GET /y");
  ASSERT_TRUE(script);
  ScriptStore store;
  auto outcome = (*script)->Run(ScriptRequest{}, store);
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->result, "fine");
  EXPECT_EQ(seen.method, "PUT");
}

TEST_F(ScriptFetchTest, WithoutFetcherThrows) {
  auto script = DispatchScript::Compile("return fetch('http://a.test/').status;", "GET /z");
  ASSERT_TRUE(script);
  ScriptStore store;
  auto outcome = (*script)->Run(ScriptRequest{}, store);
  ASSERT_FALSE(outcome);
  EXPECT_NE(outcome.error().message.find("fetch is not available"), std::string::npos);
}

}  // namespace
}  // namespace mimic::script
