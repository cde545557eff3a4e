#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "script/dispatch_script.h"

namespace mimic::script {
namespace {

using std::chrono::milliseconds;

std::shared_ptr<DispatchScript> MustCompile(const std::string& source, ScriptLimits limits = {}) {
  auto script = DispatchScript::Compile(source, "GET /slow", limits);
  EXPECT_TRUE(script.has_value()) << script.error().message;
  return script ? *script : nullptr;
}

ScriptLimits ShortTimeLimit() {
  ScriptLimits limits;
  limits.cpu_time = milliseconds(100);
  return limits;
}

TEST(ScriptLimits, InfiniteLoopTimesOut) {
  auto script = MustCompile("while (true) {}", ShortTimeLimit());
  ASSERT_TRUE(script);
  ScriptStore store;

  auto outcome = script->Run({}, store);
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().code, ErrorCode::kLimitExceeded);
  EXPECT_NE(outcome.error().message.find("'GET /slow' timed out after 100 ms"), std::string::npos)
      << outcome.error().message;

  // The thread's engine keeps serving, for this script and for others.
  auto again = script->Run({}, store);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kLimitExceeded);
  auto quick = MustCompile("return 'still alive'");
  ASSERT_TRUE(quick);
  auto alive = quick->Run({}, store);
  ASSERT_TRUE(alive.has_value()) << alive.error().message;
  EXPECT_EQ(alive->result, "still alive");
}

TEST(ScriptLimits, TimeoutCannotBeCaught) {
  auto script = MustCompile(
      "try { while (true) {} } catch (e) { return 'caught'; } finally { return 'finally'; }",
      ShortTimeLimit());
  ASSERT_TRUE(script);
  ScriptStore store;
  auto outcome = script->Run({}, store);
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().code, ErrorCode::kLimitExceeded);
}

TEST(ScriptLimits, EndlessPromiseJobsTimeOut) {
  auto script = MustCompile(
      "function spin() { return Promise.resolve().then(spin); }\nspin();\nreturn 'queued';",
      ShortTimeLimit());
  ASSERT_TRUE(script);
  ScriptStore store;
  auto outcome = script->Run({}, store);
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().code, ErrorCode::kLimitExceeded);
}

TEST(ScriptLimits, CatastrophicRegexTimesOut) {
  auto script = MustCompile("return /^(a+)+$/.test('a'.repeat(40) + 'b') ? 'match' : 'none';",
                            ShortTimeLimit());
  ASSERT_TRUE(script);
  ScriptStore store;
  auto outcome = script->Run({}, store);
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().code, ErrorCode::kLimitExceeded);
}

TEST(ScriptLimits, MemoryHogFails) {
  // Default limits. The arrays' element storage lies outside the GC heap, so the
  // watchdog's memory growth check is what usually stops this script.
  auto script = MustCompile("let a = [];\nwhile (true) a.push(new Array(1e6));");
  ASSERT_TRUE(script);
  ScriptStore store;

  auto outcome = script->Run({}, store);
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().code, ErrorCode::kLimitExceeded);
  EXPECT_NE(outcome.error().message.find("'GET /slow' ran out of memory"), std::string::npos)
      << outcome.error().message;

  auto small = MustCompile("return [1, 2, 3].map(x => x * 2).join(',')");
  ASSERT_TRUE(small);
  auto after = small->Run({}, store);
  ASSERT_TRUE(after.has_value()) << after.error().message;
  EXPECT_EQ(after->result, "2,4,6");
}

TEST(ScriptLimits, ObjectAllocationHitsHeapLimit) {
  ScriptLimits limits;
  limits.heap_bytes = 8 * 1024 * 1024;
  limits.cpu_time = milliseconds(5000);
  auto script = MustCompile("const all = [];\nwhile (true) all.push({ n: all.length });", limits);
  ASSERT_TRUE(script);
  ScriptStore store;
  auto outcome = script->Run({}, store);
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().code, ErrorCode::kLimitExceeded);
  EXPECT_NE(outcome.error().message.find("ran out of memory"), std::string::npos)
      << outcome.error().message;
}

TEST(ScriptLimits, DeepRecursionIsAnError) {
  auto script = MustCompile("function down(n) { return down(n + 1) + 1; }\nreturn down(0);");
  ASSERT_TRUE(script);
  ScriptStore store;
  auto outcome = script->Run({}, store);
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(outcome.error().message.find("too much recursion"), std::string::npos)
      << outcome.error().message;
}

TEST(ScriptLimits, SourceSize) {
  ScriptLimits limits;
  limits.max_source_bytes = 16;
  auto script = DispatchScript::Compile("return 'this source is too long';", "GET /big", limits);
  ASSERT_FALSE(script.has_value());
  EXPECT_EQ(script.error().code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(script.error().message,
            "script for operation 'GET /big' is 33 bytes, more than the limit of 16 bytes");
}

TEST(ScriptLimits, ResultSize) {
  ScriptLimits limits;
  limits.max_result_bytes = 10;
  auto script = MustCompile("return 'x'.repeat(Number(mockRequest.requestContent()))", limits);
  ASSERT_TRUE(script);
  ScriptStore store;
  ScriptRequest request;

  request.body = "10";
  auto fits = script->Run(request, store);
  ASSERT_TRUE(fits.has_value()) << fits.error().message;
  EXPECT_EQ(fits->result, "xxxxxxxxxx");

  request.body = "11";
  auto too_long = script->Run(request, store);
  ASSERT_FALSE(too_long.has_value());
  EXPECT_EQ(too_long.error().code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(too_long.error().message,
            "script for operation 'GET /slow' returned 11 bytes, more than the limit of 10 bytes");
}

TEST(ScriptLimits, ContextValueSize) {
  ScriptLimits limits;
  limits.max_result_bytes = 10;
  auto script = MustCompile("requestContext.big = 'y'.repeat(11);\nreturn 'ok';", limits);
  ASSERT_TRUE(script);
  ScriptStore store;
  auto outcome = script->Run({}, store);
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().code, ErrorCode::kLimitExceeded);
  EXPECT_NE(outcome.error().message.find("requestContext.big"), std::string::npos)
      << outcome.error().message;
}

}  // namespace
}  // namespace mimic::script
