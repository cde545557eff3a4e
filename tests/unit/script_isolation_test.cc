#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "script/dispatch_script.h"

namespace mimic::script {
namespace {

std::shared_ptr<DispatchScript> MustCompile(const std::string& source,
                                            const std::string& operation = "GET /pets") {
  auto script = DispatchScript::Compile(source, operation);
  EXPECT_TRUE(script.has_value()) << script.error().message;
  return script ? *script : nullptr;
}

std::string RunResult(const DispatchScript& script, ScriptStore& store,
                      const ScriptRequest& request = {}) {
  auto outcome = script.Run(request, store);
  if (!outcome) return "error: " + outcome.error().message;
  return outcome->result;
}

TEST(ScriptStoreGlobal, SharedAcrossScripts) {
  auto writer = MustCompile(
      "store.put('order', mockRequest.requestContent());\n"
      "store.putWithTtl('short', 'soon gone', 1);\n"
      "return 'stored';",
      "POST /orders");
  auto reader =
      MustCompile("return [store.get('order'), store.get('short'), store.get('absent')].join('|');",
                  "GET /orders");
  auto remover = MustCompile("store.delete('order');\nreturn 'deleted';", "DELETE /orders");
  ASSERT_TRUE(writer);
  ASSERT_TRUE(reader);
  ASSERT_TRUE(remover);

  ScriptStore::Clock::time_point now{};
  ScriptStore::Options options;
  options.now = [&now] { return now; };
  ScriptStore store(options);
  ScriptRequest request;
  request.body = "order-42";

  EXPECT_EQ(RunResult(*writer, store, request), "stored");
  EXPECT_EQ(RunResult(*reader, store), "order-42|soon gone|");

  now += std::chrono::seconds(2);
  EXPECT_EQ(RunResult(*reader, store), "order-42||");

  now += std::chrono::seconds(8);  // the default ttl of 10 s has passed
  EXPECT_EQ(RunResult(*reader, store), "||");

  EXPECT_EQ(RunResult(*writer, store, request), "stored");
  EXPECT_EQ(RunResult(*remover, store), "deleted");
  EXPECT_EQ(RunResult(*reader, store), "|soon gone|");
}

TEST(ScriptStoreGlobal, ValuesBecomeStrings) {
  auto script = MustCompile(
      "store.put('n', 42);\nstore.put(7, { a: 1 });\n"
      "return typeof store.get('n') + ' ' + store.get('n') + ' ' + store.get('7');");
  ASSERT_TRUE(script);
  ScriptStore store;
  EXPECT_EQ(RunResult(*script, store), "string 42 [object Object]");
}

TEST(ScriptStoreGlobal, InvalidTtlThrows) {
  auto script = MustCompile("store.putWithTtl('k', 'v', 0);");
  ASSERT_TRUE(script);
  ScriptStore store;
  std::string result = RunResult(*script, store);
  EXPECT_NE(result.find("ttl must be a positive number of seconds, got 0"), std::string::npos)
      << result;
}

TEST(ScriptStoreGlobal, OversizedValueThrows) {
  auto script = MustCompile("store.put('k', 'v'.repeat(100));");
  ASSERT_TRUE(script);
  ScriptStore::Options options;
  options.max_bytes = 50;
  ScriptStore store(options);
  std::string result = RunResult(*script, store);
  EXPECT_NE(result.find("more than the store's limit of 50 bytes"), std::string::npos) << result;
}

TEST(ScriptIsolation, ImplicitGlobalsDoNotLeak) {
  auto script = MustCompile(
      "const before = typeof counter === 'undefined' ? 'fresh' : 'leaked ' + counter;\n"
      "counter = 1;\n"
      "globalThis.other = 2;\n"
      "var local = 3;\n"
      "return before;");
  ASSERT_TRUE(script);
  ScriptStore store;
  for (int i = 0; i < 3; ++i) EXPECT_EQ(RunResult(*script, store), "fresh");
}

TEST(ScriptIsolation, GlobalsDoNotLeakAcrossScripts) {
  auto setter = MustCompile("shared = 'from setter';\nreturn 'set';");
  auto getter = MustCompile("return typeof shared;");
  ASSERT_TRUE(setter);
  ASSERT_TRUE(getter);
  ScriptStore store;
  EXPECT_EQ(RunResult(*setter, store), "set");
  EXPECT_EQ(RunResult(*getter, store), "undefined");
}

TEST(ScriptIsolation, BuiltinsCannotBeChanged) {
  auto script = MustCompile(R"js(
    const seen = [typeof Array.prototype.leak, typeof JSON.leak, String(Math.max(1, 2))];
    Array.prototype.leak = 'x';
    JSON.leak = 'y';
    Math.max = () => 'patched';
    Object.prototype.polluted = true;
    return seen.join(',');
  )js");
  ASSERT_TRUE(script);
  ScriptStore store;
  EXPECT_EQ(RunResult(*script, store), "undefined,undefined,2");
  EXPECT_EQ(RunResult(*script, store), "undefined,undefined,2");
}

TEST(ScriptIsolation, OwnOverridesStillWork) {
  // Frozen built-in prototypes must not break assignments on a script's own objects.
  auto script = MustCompile(R"js(
    function Pet(name) { this.name = name; }
    Pet.prototype.toString = function () { return 'Pet ' + this.name; };
    const error = new Error('boom');
    error.name = 'PetError';
    const plain = {};
    plain.valueOf = () => 41;
    return [String(new Pet('Rex')), error.toString(), plain + 1].join('; ');
  )js");
  ASSERT_TRUE(script);
  ScriptStore store;
  EXPECT_EQ(RunResult(*script, store), "Pet Rex; PetError: boom; 42");
}

TEST(ScriptIsolation, IndirectEvalBindingsDoNotLeak) {
  auto script = MustCompile(
      "const before = typeof leakedLet;\n"
      "(0, eval)('let leakedLet = 1; var leakedVar = 2;');\n"
      "return before + ' ' + typeof leakedVar;");
  ASSERT_TRUE(script);
  ScriptStore store;
  EXPECT_EQ(RunResult(*script, store), "undefined number");
  EXPECT_EQ(RunResult(*script, store), "undefined number");
}

TEST(ScriptIsolation, NonConfigurableGlobalDoesNotLeak) {
  auto script = MustCompile(
      "const before = typeof pinned;\n"
      "Object.defineProperty(globalThis, 'pinned', { value: 1, configurable: false });\n"
      "Object.preventExtensions(globalThis);\n"
      "return before;");
  ASSERT_TRUE(script);
  ScriptStore store;
  EXPECT_EQ(RunResult(*script, store), "undefined");
  EXPECT_EQ(RunResult(*script, store), "undefined");
}

TEST(ScriptIsolation, FunctionPropertiesDoNotLeak) {
  auto script = MustCompile(
      "const callee = arguments.callee;\n"
      "const before = String(callee.visits);\n"
      "callee.visits = 1;\n"
      "return before;");
  ASSERT_TRUE(script);
  ScriptStore store;
  EXPECT_EQ(RunResult(*script, store), "undefined");
  EXPECT_EQ(RunResult(*script, store), "undefined");
}

TEST(ScriptIsolation, RegExpStaticsAreCleared) {
  auto matcher =
      MustCompile("/secret-(\\d+)/.test(mockRequest.requestContent());\nreturn RegExp.$1;");
  auto reader = MustCompile("return '[' + RegExp.$1 + RegExp.lastMatch + ']';");
  ASSERT_TRUE(matcher);
  ASSERT_TRUE(reader);
  ScriptStore store;
  ScriptRequest request;
  request.body = "token secret-1234";
  EXPECT_EQ(RunResult(*matcher, store, request), "1234");
  EXPECT_EQ(RunResult(*reader, store), "[]");
}

// `fetch` exists, but it goes through the server's fetcher and its address policy.
TEST(ScriptIsolation, NoHostAccess) {
  auto script = MustCompile(
      "return ['require', 'process', 'load', 'read', 'os', 'print', 'WebAssembly',"
      " 'XMLHttpRequest'].filter(name => typeof globalThis[name] !== 'undefined').join(',');");
  ASSERT_TRUE(script);
  ScriptStore store;
  EXPECT_EQ(RunResult(*script, store), "");
}

TEST(ScriptConcurrency, FourThreads) {
  auto script = MustCompile(R"js(
    const id = mockRequest.getURIParameter('id');
    requestContext.id = id;
    leaked = (typeof leaked === 'undefined') ? id : leaked + ',' + id;
    let sum = 0;
    for (let i = 0; i < 1000; i++) sum += i;
    return `${id}:${sum}:${leaked}`;
  )js");
  ASSERT_TRUE(script);
  ScriptStore store;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        std::string id = std::to_string(t * 1000 + i);
        ScriptRequest request;
        request.uri_params = {{"id", id}};
        auto outcome = script->Run(request, store);
        bool ok = outcome.has_value() && outcome->result == id + ":499500:" + id &&
                  outcome->context.size() == 1 && outcome->context[0].second == id;
        if (!ok) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST(ScriptConcurrency, TimeoutOnOneThreadLeavesOthersRunning) {
  ScriptLimits limits;
  limits.cpu_time = std::chrono::milliseconds(200);
  auto slow = DispatchScript::Compile("while (true) {}", "GET /slow", limits);
  auto fast = MustCompile("return 'fast';");
  ASSERT_TRUE(slow.has_value()) << slow.error().message;
  ASSERT_TRUE(fast);
  ScriptStore store;

  std::atomic<bool> slow_timed_out{false};
  std::thread slow_thread([&] {
    auto outcome = (*slow)->Run({}, store);
    slow_timed_out = !outcome.has_value() && outcome.error().code == ErrorCode::kLimitExceeded;
  });
  int fast_runs = 0;
  for (int i = 0; i < 100; ++i) {
    if (RunResult(*fast, store) == "fast") ++fast_runs;
  }
  slow_thread.join();
  EXPECT_TRUE(slow_timed_out.load());
  EXPECT_EQ(fast_runs, 100);
}

}  // namespace
}  // namespace mimic::script
