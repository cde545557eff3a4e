#include "script/dispatch_script.h"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace mimic::script {
namespace {

using Entries = std::vector<std::pair<std::string, std::string>>;

Result<ScriptOutcome> CompileAndRun(const std::string& source, const ScriptRequest& request = {}) {
  auto script = DispatchScript::Compile(source, "GET /pets");
  if (!script) return tl::unexpected(script.error());
  ScriptStore store;
  return (*script)->Run(request, store);
}

std::string ResultOf(const std::string& source) {
  auto outcome = CompileAndRun(source);
  if (!outcome) return "error: " + outcome.error().message;
  return outcome->result;
}

TEST(DispatchScript, WrapsRulesAsFunctionBody) {
  EXPECT_EQ(ResultOf("return 'ok'"), "ok");
  EXPECT_EQ(ResultOf("var a = 1;\nif (a > 0) {\n  return 'positive';\n}\nreturn 'other';"),
            "positive");
}

TEST(DispatchScript, CallsDeclaredProcess) {
  EXPECT_EQ(ResultOf("function process() {\n  return 'from process';\n}"), "from process");
  EXPECT_EQ(ResultOf("const process = () => 'arrow process';"), "arrow process");
  // Code around the declaration runs first, as in a script file.
  EXPECT_EQ(ResultOf("const prefix = 'v';\nfunction process() { return prefix + 2; }"), "v2");
}

TEST(DispatchScript, RulesReturnBeforeProcessCall) {
  // A helper named process does not take over when the rules return themselves.
  EXPECT_EQ(ResultOf("function process(x) { return 'helper ' + x; }\nreturn process(1);"),
            "helper 1");
}

TEST(DispatchScript, RulesWithoutReturnGiveEmpty) {
  EXPECT_EQ(ResultOf("var unused = 1;"), "");
  EXPECT_EQ(ResultOf(""), "");
  EXPECT_EQ(ResultOf("// only a comment"), "");
}

TEST(DispatchScript, ReturnValueTypes) {
  EXPECT_EQ(ResultOf("return 'text'"), "text");
  EXPECT_EQ(ResultOf("return 42"), "42");
  EXPECT_EQ(ResultOf("return 2.5"), "2.5");
  EXPECT_EQ(ResultOf("return true"), "true");
  EXPECT_EQ(ResultOf("return false"), "false");
  EXPECT_EQ(ResultOf("return null"), "");
  EXPECT_EQ(ResultOf("return undefined"), "");
  EXPECT_EQ(ResultOf("return"), "");
  EXPECT_EQ(ResultOf("return ['a', 'b']"), "a,b");
  EXPECT_EQ(ResultOf("return {toString() { return 'custom'; }}"), "custom");
  EXPECT_EQ(ResultOf("return {a: 1}"), "[object Object]");
  EXPECT_EQ(ResultOf("return 10n ** 20n"), "100000000000000000000");
  EXPECT_EQ(ResultOf("return 'caf\\u00e9 \\u{1F600}'"), "caf\xC3\xA9 \xF0\x9F\x98\x80");
}

TEST(DispatchScript, SymbolResultIsAnError) {
  auto outcome = CompileAndRun("return Symbol('s')");
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(outcome.error().message.find("can't convert symbol to string"), std::string::npos)
      << outcome.error().message;
}

TEST(DispatchScript, ModernSyntax) {
  const std::string source = R"js(
    const body = { pet: { name: 'Rex', tags: ['good', 'dog'] }, count: 2 };
    let { pet: { name, tags: [first, ...rest] }, count = 0 } = body;
    const shout = (text) => text.toUpperCase();
    const joined = [...rest, first].map(shout).join('-');
    class Greeter {
      #greeting = 'hi';
      greet(who) { return `${this.#greeting} ${who}`; }
    }
    const maybe = body.missing?.deep ?? 'fallback';
    return `${new Greeter().greet(name)} ${count} ${joined} ${maybe}`;
  )js";
  EXPECT_EQ(ResultOf(source), "hi Rex 2 DOG-GOOD fallback");
}

TEST(DispatchScript, AsyncProcessIsAwaited) {
  EXPECT_EQ(ResultOf("async function process() { return await Promise.resolve('later'); }"),
            "later");

  auto rejected = CompileAndRun("async function process() { throw new Error('async boom'); }");
  ASSERT_FALSE(rejected.has_value());
  EXPECT_EQ(rejected.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(rejected.error().message.find("async boom"), std::string::npos);

  auto pending = CompileAndRun("return new Promise(() => {});");
  ASSERT_FALSE(pending.has_value());
  EXPECT_NE(pending.error().message.find("never settled"), std::string::npos);
}

TEST(DispatchScript, RequestContextMethods) {
  auto outcome = CompileAndRun(R"js(
    requestContext.set('greeting', 'hello');
    requestContext.set('count', 3);
    requestContext.set('pet', { name: 'Rex' });
    requestContext.set('nothing', null);
    return requestContext.get('greeting') + ' ' + requestContext.get('missing');
  )js");
  ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
  EXPECT_EQ(outcome->result, "hello null");
  EXPECT_EQ(
      outcome->context,
      (Entries{
          {"greeting", "hello"}, {"count", "3"}, {"pet", R"({"name":"Rex"})"}, {"nothing", ""}}));
}

TEST(DispatchScript, RequestContextProperties) {
  auto outcome = CompileAndRun(R"js(
    requestContext.foo = 'x';
    requestContext['bar'] = 'y';
    const { set } = requestContext;
    set('baz', 'z');
    return requestContext.get('foo') + requestContext.bar + requestContext.baz;
  )js");
  ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
  EXPECT_EQ(outcome->result, "xyz");
  EXPECT_EQ(outcome->context, (Entries{{"foo", "x"}, {"bar", "y"}, {"baz", "z"}}));
}

TEST(DispatchScript, RequestContextIsFreshEachRun) {
  auto script = DispatchScript::Compile(
      "const seen = requestContext.get('runs');\n"
      "requestContext.runs = 'one';\n"
      "return String(seen);",
      "GET /pets");
  ASSERT_TRUE(script.has_value()) << script.error().message;
  ScriptStore store;
  for (int i = 0; i < 2; ++i) {
    auto outcome = (*script)->Run({}, store);
    ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
    EXPECT_EQ(outcome->result, "null");
    EXPECT_EQ(outcome->context, (Entries{{"runs", "one"}}));
  }
}

TEST(DispatchScript, LogCapture) {
  auto outcome = CompileAndRun(R"js(
    log.info('starting');
    log.debug('value is {} and {}', 42, { a: 1 });
    log.warn('several', 'parts', [1, 2]);
    log.error('failed:', null, undefined);
    return 'done';
  )js");
  ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
  EXPECT_EQ(outcome->logs, (std::vector<std::string>{
                               "INFO: starting",
                               R"(DEBUG: value is 42 and {"a":1})",
                               "WARN: several parts [1,2]",
                               "ERROR: failed: null undefined",
                           }));
}

TEST(DispatchScript, LogBytesAreBounded) {
  ScriptLimits limits;
  limits.max_log_bytes = 100;
  auto script = DispatchScript::Compile(
      "for (let i = 0; i < 50; i++) log.info('line ' + i);\nreturn 'ok';", "GET /pets", limits);
  ASSERT_TRUE(script.has_value()) << script.error().message;
  ScriptStore store;
  auto outcome = (*script)->Run({}, store);
  ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
  ASSERT_FALSE(outcome->logs.empty());
  EXPECT_EQ(outcome->logs.front(), "INFO: line 0");
  EXPECT_EQ(outcome->logs.back(),
            "WARN: " + std::to_string(50 - (outcome->logs.size() - 1)) +
                " log lines were dropped after the limit of 100 bytes was reached");
}

TEST(DispatchScript, HugeLogLineDropped) {
  auto outcome = CompileAndRun("log.info('x'.repeat(1e6));\nlog.info('small');\nreturn 'ok';");
  ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
  EXPECT_EQ(outcome->logs,
            (std::vector<std::string>{
                "INFO: small",
                "WARN: 1 log lines were dropped after the limit of 65536 bytes was reached"}));
}

TEST(DispatchScript, ExceptionBecomesError) {
  auto outcome = CompileAndRun("const a = 1;\nthrow new TypeError('bad pet id');");
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(outcome.error().message,
            "script for operation 'GET /pets' threw an exception at line 2: TypeError: bad pet id");
}

TEST(DispatchScript, RuntimeErrorNamesLine) {
  auto outcome = CompileAndRun("const pet = null;\n\nreturn pet.name;");
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(outcome.error().message.find("at line 3: TypeError"), std::string::npos)
      << outcome.error().message;
}

TEST(DispatchScript, ThrownNonErrorValue) {
  auto outcome = CompileAndRun("throw 'plain string'");
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(outcome.error().message.find("plain string"), std::string::npos)
      << outcome.error().message;
}

TEST(DispatchScript, CompileErrorHasLine) {
  auto script = DispatchScript::Compile("const a = 1;\nconst b = ;\nreturn a;", "POST /orders");
  ASSERT_FALSE(script.has_value());
  EXPECT_EQ(script.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(script.error().message.find("'POST /orders' failed to compile at line 2"),
            std::string::npos)
      << script.error().message;
  EXPECT_NE(script.error().message.find("SyntaxError"), std::string::npos)
      << script.error().message;
}

TEST(DispatchScript, CompileErrorsCannotEscapeWrapper) {
  // Closing the function early is a syntax error, not a way out of the body.
  auto script = DispatchScript::Compile("return 1;\n}\nfunction other() {", "GET /pets");
  ASSERT_FALSE(script.has_value());
  EXPECT_EQ(script.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(script.error().message.find("at line 3, column 1: SyntaxError"), std::string::npos)
      << script.error().message;
}

TEST(DispatchScript, CompileErrorColumn) {
  auto script = DispatchScript::Compile("const b = ;", "GET /pets");
  ASSERT_FALSE(script.has_value());
  EXPECT_NE(script.error().message.find("at line 1, column 11"), std::string::npos)
      << script.error().message;
}

TEST(DispatchScript, InvalidUtf8Source) {
  auto script = DispatchScript::Compile("const ok = 1;\nreturn '\xC3\x28';", "GET /pets");
  ASSERT_FALSE(script.has_value());
  EXPECT_EQ(script.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(script.error().message,
            "script for operation 'GET /pets' is not valid UTF-8: invalid byte at line 2, "
            "column 9");
}

TEST(DispatchScript, StrictModeDirective) {
  auto outcome = CompileAndRun("'use strict';\nundeclared = 1;\nreturn 'unreachable';");
  ASSERT_FALSE(outcome.has_value());
  EXPECT_NE(outcome.error().message.find("ReferenceError"), std::string::npos)
      << outcome.error().message;
}

}  // namespace
}  // namespace mimic::script
