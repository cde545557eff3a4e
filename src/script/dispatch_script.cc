#include "script/dispatch_script.h"

#include <atomic>
#include <exception>
#include <new>
#include <string_view>

#include <js/CallAndConstruct.h>
#include <js/Conversions.h>
#include <js/Promise.h>
#include <js/PropertyAndElement.h>

#include "common/strings.h"
#include "script/js_bindings.h"
#include "script/js_convert.h"
#include "script/js_runtime.h"

namespace mimic::script {
namespace {

std::atomic<uint64_t> next_script_id{1};

// Appended to the source to call a `process` function that the source declared, unless
// the source returned first. The wrapper function is not bound to the name `process`,
// so for REST rules that declare nothing the check finds no such function.
constexpr std::string_view kCallProcess =
    "\n;return typeof process === 'function' ? process() : undefined;";

std::string Quoted(const std::string& operation_name) { return "'" + operation_name + "'"; }

// Ends the run when it leaves scope, so that an exception thrown by a std::string
// allocation still disarms the watchdog and restores the global.
class RunScope {
 public:
  RunScope(JsThreadRuntime& runtime, RunBindings* bindings, const ScriptLimits& limits)
      : runtime_(runtime) {
    runtime_.BeginRun(bindings, limits);
  }
  ~RunScope() { runtime_.EndRun(out_of_memory_); }
  RunScope(const RunScope&) = delete;
  RunScope& operator=(const RunScope&) = delete;

  void set_out_of_memory() { out_of_memory_ = true; }

 private:
  JsThreadRuntime& runtime_;
  bool out_of_memory_ = false;
};

// Runs one script call against a prepared runtime. Must be called inside a RunScope.
class ScriptCall {
 public:
  ScriptCall(const DispatchScript& script, JsThreadRuntime& runtime, RunScope& scope)
      : script_(script), runtime_(runtime), scope_(scope), cx_(runtime.context()) {}

  Result<ScriptOutcome> Execute(JS::HandleFunction function, JS::HandleObject request_context,
                                RunBindings& bindings) {
    JS::RootedValue returned(cx_);
    if (!JS_CallFunction(cx_, runtime_.global(), function, JS::HandleValueArray::empty(),
                         &returned) ||
        !runtime_.DrainJobs()) {
      return Failure();
    }
    if (returned.isObject()) {
      JS::RootedObject object(cx_, &returned.toObject());
      if (JS::IsPromiseObject(object)) {
        auto settled = SettledValue(object, &returned);
        if (!settled) return tl::unexpected(settled.error());
      }
    }

    ScriptOutcome outcome;
    auto result = ResultText(returned, &outcome.result);
    if (!result) return tl::unexpected(result.error());
    auto context = ContextEntries(request_context, &outcome.context);
    if (!context) return tl::unexpected(context.error());

    outcome.logs = std::move(bindings.logs);
    if (bindings.dropped_log_lines > 0) {
      outcome.logs.push_back("WARN: " + std::to_string(bindings.dropped_log_lines) +
                             " log lines were dropped after the limit of " +
                             std::to_string(bindings.max_log_bytes) + " bytes was reached");
    }
    return outcome;
  }

 private:
  // An async process() returns a promise, which DrainJobs has settled unless it waits
  // for something that never happens.
  Result<void> SettledValue(JS::HandleObject promise, JS::MutableHandleValue value) {
    switch (JS::GetPromiseState(promise)) {
      case JS::PromiseState::Fulfilled:
        value.set(JS::GetPromiseResult(promise));
        return {};
      case JS::PromiseState::Rejected: {
        JS::RootedValue reason(cx_, JS::GetPromiseResult(promise));
        JS_SetPendingException(cx_, reason);
        return Failure();
      }
      case JS::PromiseState::Pending:
        break;
    }
    return MakeError(ErrorCode::kInvalidArgument, "script for operation " +
                                                      Quoted(script_.operation_name()) +
                                                      " returned a promise that never settled");
  }

  Result<void> ResultText(JS::HandleValue value, std::string* out) {
    if (value.isNullOrUndefined()) return {};
    JS::RootedString string(cx_, JS::ToString(cx_, value));
    size_t length = 0;
    if (!string || !Utf8Length(cx_, string, &length)) return Failure();
    size_t max = script_.limits().max_result_bytes;
    if (length > max) {
      return MakeError(ErrorCode::kLimitExceeded,
                       "script for operation " + Quoted(script_.operation_name()) + " returned " +
                           std::to_string(length) + " bytes, more than the limit of " +
                           std::to_string(max) + " bytes");
    }
    if (!StringToUtf8(cx_, string, out)) return Failure();
    return {};
  }

  Result<void> ContextEntries(JS::HandleObject request_context,
                              std::vector<std::pair<std::string, std::string>>* out) {
    JS::Rooted<JS::IdVector> keys(cx_, JS::IdVector(cx_));
    if (!JS_Enumerate(cx_, request_context, &keys)) return Failure();

    JS::RootedValue key_value(cx_);
    JS::RootedValue value(cx_);
    JS::RootedString key_string(cx_);
    JS::RootedString text(cx_);
    size_t max = script_.limits().max_result_bytes;
    for (size_t i = 0; i < keys.length(); ++i) {
      std::string key;
      std::string entry;
      size_t length = 0;
      if (!JS_IdToValue(cx_, keys[i], &key_value) || !(key_string = JS::ToString(cx_, key_value)) ||
          !StringToUtf8(cx_, key_string, &key) ||
          !JS_GetPropertyById(cx_, request_context, keys[i], &value) ||
          !ValueToText(cx_, value, true, &text) || !Utf8Length(cx_, text, &length)) {
        return Failure();
      }
      if (length > max) {
        return MakeError(ErrorCode::kLimitExceeded,
                         "script for operation " + Quoted(script_.operation_name()) +
                             " set requestContext." + key + " to " + std::to_string(length) +
                             " bytes, more than the limit of " + std::to_string(max) + " bytes");
      }
      if (!StringToUtf8(cx_, text, &entry)) return Failure();
      out->emplace_back(std::move(key), std::move(entry));
    }
    return {};
  }

  // Describes why a JSAPI call failed. Must run before the RunScope ends, because
  // reading a thrown object may call its toString method under the watchdog.
  tl::unexpected<Error> Failure() {
    const std::string operation = Quoted(script_.operation_name());
    if (JS_IsExceptionPending(cx_)) {
      PendingError error = TakePendingError(cx_);
      if (error.out_of_memory) return OutOfMemory();
      std::string where = error.line > 0 ? " at line " + std::to_string(error.line) : "";
      return MakeError(ErrorCode::kInvalidArgument, "script for operation " + operation +
                                                        " threw an exception" + where + ": " +
                                                        error.message);
    }
    switch (runtime_.stop_reason()) {
      case Watchdog::StopReason::kTimedOut:
        return MakeError(ErrorCode::kLimitExceeded,
                         "script for operation " + operation + " timed out after " +
                             std::to_string(script_.limits().cpu_time.count()) +
                             " ms; check it for endless loops or raise its time limit");
      case Watchdog::StopReason::kMemoryExceeded:
        scope_.set_out_of_memory();
        return MakeError(ErrorCode::kLimitExceeded,
                         "script for operation " + operation +
                             " ran out of memory: the process grew by more than its limit of " +
                             std::to_string(script_.limits().memory_growth_bytes) +
                             " bytes during the run");
      case Watchdog::StopReason::kNone:
        break;
    }
    return MakeError(ErrorCode::kInternal,
                     "script for operation " + operation + " stopped without an exception");
  }

  tl::unexpected<Error> OutOfMemory() {
    scope_.set_out_of_memory();
    return MakeError(ErrorCode::kLimitExceeded,
                     "script for operation " + Quoted(script_.operation_name()) +
                         " ran out of memory: it exceeded its heap limit of " +
                         std::to_string(script_.limits().heap_bytes) + " bytes");
  }

  const DispatchScript& script_;
  JsThreadRuntime& runtime_;
  RunScope& scope_;
  JSContext* cx_;
};

Result<ScriptOutcome> RunOnThisThread(const DispatchScript& script, const ScriptRequest& request,
                                      ScriptStore& store) {
  auto runtime_or = JsThreadRuntime::ForCurrentThread();
  if (!runtime_or) return tl::unexpected(runtime_or.error());
  JsThreadRuntime& runtime = **runtime_or;
  if (runtime.running()) {
    return MakeError(ErrorCode::kInternal,
                     "script for operation " + Quoted(script.operation_name()) +
                         " cannot run while another script runs on the same thread");
  }

  auto function_or = runtime.FunctionFor(script);
  if (!function_or) return tl::unexpected(function_or.error());
  JSContext* cx = runtime.context();
  JSAutoRealm realm(cx, runtime.global());
  JS::RootedFunction function(cx, *function_or);
  JS::RootedObject request_context(
      cx, JS_NewObjectWithGivenProto(cx, nullptr, runtime.context_prototype()));
  if (!request_context) {
    JS_ClearPendingException(cx);
    return MakeError(ErrorCode::kInternal, "creating requestContext for operation " +
                                               Quoted(script.operation_name()) + " failed");
  }

  RunBindings bindings;
  bindings.request = &request;
  bindings.store = &store;
  bindings.request_context = &request_context;
  bindings.max_log_bytes = script.limits().max_log_bytes;

  RunScope scope(runtime, &bindings, script.limits());
  ScriptCall call(script, runtime, scope);
  return call.Execute(function, request_context, bindings);
}

}  // namespace

DispatchScript::DispatchScript(std::string function_body, std::string operation_name,
                               ScriptLimits limits)
    : id_(next_script_id.fetch_add(1)),
      function_body_(std::move(function_body)),
      operation_name_(std::move(operation_name)),
      limits_(limits) {}

Result<std::shared_ptr<DispatchScript>> DispatchScript::Compile(std::string source,
                                                                std::string operation_name,
                                                                ScriptLimits limits) {
  try {
    if (source.size() > limits.max_source_bytes) {
      return MakeError(ErrorCode::kLimitExceeded,
                       "script for operation " + Quoted(operation_name) + " is " +
                           std::to_string(source.size()) + " bytes, more than the limit of " +
                           std::to_string(limits.max_source_bytes) + " bytes");
    }
    // SpiderMonkey 102 reads invalid bytes as Latin-1 and would compile something other
    // than what the author wrote.
    if (size_t invalid = FindInvalidUtf8(source); invalid != std::string::npos) {
      int line = 0;
      int column = 0;
      LineAndColumn(source, invalid, &line, &column);
      return MakeError(ErrorCode::kInvalidArgument,
                       "script for operation " + Quoted(operation_name) +
                           " is not valid UTF-8: invalid byte at line " + std::to_string(line) +
                           ", column " + std::to_string(column));
    }
    source.append(kCallProcess);
    std::shared_ptr<DispatchScript> script(
        new DispatchScript(std::move(source), std::move(operation_name), limits));

    // Compiling here reports syntax errors to the caller, and caches the function for
    // the calling thread.
    auto runtime = JsThreadRuntime::ForCurrentThread();
    if (!runtime) return tl::unexpected(runtime.error());
    auto function = (*runtime)->FunctionFor(*script);
    if (!function) return tl::unexpected(function.error());
    return script;
  } catch (const std::bad_alloc&) {
    return MakeError(ErrorCode::kInternal, "out of memory while compiling a script");
  } catch (const std::exception& error) {
    return MakeError(ErrorCode::kInternal,
                     std::string("compiling a script failed: ") + error.what());
  }
}

Result<ScriptOutcome> DispatchScript::Run(const ScriptRequest& request, ScriptStore& store) const {
  try {
    return RunOnThisThread(*this, request, store);
  } catch (const std::bad_alloc&) {
    return MakeError(ErrorCode::kInternal, "out of memory while running the script for operation " +
                                               Quoted(operation_name_));
  } catch (const std::exception& error) {
    return MakeError(
        ErrorCode::kInternal,
        "running the script for operation " + Quoted(operation_name_) + " failed: " + error.what());
  }
}

}  // namespace mimic::script
