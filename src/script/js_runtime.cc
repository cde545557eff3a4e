#include "script/js_runtime.h"

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <mutex>
#include <new>
#include <utility>
#include <vector>

#include <js/BuildId.h>
#include <js/CallAndConstruct.h>
#include <js/CompilationAndEvaluation.h>
#include <js/CompileOptions.h>
#include <js/ContextOptions.h>
#include <js/ErrorReport.h>
#include <js/Exception.h>
#include <js/GCAPI.h>
#include <js/GlobalObject.h>
#include <js/Initialization.h>
#include <js/Interrupt.h>
#include <js/Realm.h>
#include <js/RealmOptions.h>
#include <js/RegExp.h>
#include <js/RegExpFlags.h>
#include <js/SourceText.h>
#include <js/Stack.h>

#include "script/dispatch_script.h"
#include "script/global_hardening.h"

namespace mimic::script {
namespace {

const JSClass kGlobalClass = {
    "global", JSCLASS_GLOBAL_FLAGS, &JS::DefaultGlobalClassOps, nullptr, nullptr, nullptr};

// JSGC_MAX_BYTES between runs, so that compiling and global setup are not held to the
// limit of the previous run.
constexpr uint32_t kIdleHeapLimit = 1024u * 1024 * 1024;

// Compiled functions kept per thread. Entries of destroyed scripts go first, then the
// least recently used.
constexpr size_t kMaxCachedFunctions = 1024;

// Stack reserved below SpiderMonkey's recursion limit for the error path, the natives
// and sanitizer frames.
constexpr size_t kStackReserve = 256 * 1024;
constexpr size_t kMaxStackQuota = 8 * 1024 * 1024;

// Compiled code lives in malloc memory that does not advance SpiderMonkey's GC triggers,
// so the code of destroyed scripts would pile up without a collection. A full GC runs
// once this many bytes were compiled, counting each compile as at least 1 KiB: a
// scratch test that compiled 200,000 scripts of about 150 bytes each grew by about
// 1.2 KiB per script without it.
constexpr size_t kCompiledBytesPerGc = 8 * 1024 * 1024;
constexpr size_t kMinCompileCost = 1024;

// SpiderMonkey requires JS_Init, and the first context, to be created by one thread at
// a time. Leaked on purpose: contexts on other threads may still be created or
// destroyed while static destructors run at exit.
std::mutex& EngineMutex() {
  static std::mutex* mutex = new std::mutex();
  return *mutex;
}
// Guarded by EngineMutex().
bool engine_initialized = false;
bool engine_shut_down = false;
// Atomic rather than guarded, because a runtime that Create abandons is destroyed while
// Create holds the mutex.
std::atomic<size_t> live_contexts{0};

// The self-hosted code that the first context parsed, reused by later contexts so that
// each new thread decodes it instead of parsing it again. SpiderMonkey requires it to
// stay alive until JS_ShutDown, so it is never freed.
std::vector<uint8_t>* self_hosted_cache = nullptr;  // guarded by EngineMutex()

// Encoding the self-hosted code for the cache stamps it with a build id, and
// SpiderMonkey calls a null pointer without this callback. The cache never leaves the
// process, so the library version identifies the build well enough.
bool BuildId(JS::BuildIdCharVector* build_id) {
  const char* version = JS_GetImplementationVersion();
  return build_id->append(version, std::strlen(version));
}

bool SaveSelfHostedCode(JSContext*, JS::SelfHostedCache cache) {
  try {
    self_hosted_cache = new std::vector<uint8_t>(cache.begin(), cache.end());
  } catch (const std::bad_alloc&) {
    // The cache only saves time: later contexts parse the code themselves instead.
  }
  return true;
}

// Registered with atexit, so it runs after the exiting thread's thread_local runtime is
// destroyed and before libmozjs's static destructors. Without JS_ShutDown, those
// destructors aborted the process at exit ("pthread_mutex_destroy failed") in tests
// with libmozjs 102.15. A context on a thread that still runs at exit keeps the engine
// up, because JS_ShutDown must not run while a context is alive.
void ShutDownEngineAtExit() {
  std::lock_guard lock(EngineMutex());
  if (live_contexts == 0 && !engine_shut_down) {
    JS_ShutDown();
    engine_shut_down = true;
  }
}

size_t StackQuotaForCurrentThread() {
  size_t stack_size = 0;
  pthread_attr_t attributes;
  if (pthread_getattr_np(pthread_self(), &attributes) == 0) {
    void* stack_address = nullptr;
    pthread_attr_getstack(&attributes, &stack_address, &stack_size);
    pthread_attr_destroy(&attributes);
  }
  if (stack_size < 2 * kStackReserve) return stack_size / 2;
  return std::min(stack_size - kStackReserve, kMaxStackQuota);
}

bool InterruptCallback(JSContext* cx) {
  auto* runtime = static_cast<JsThreadRuntime*>(JS_GetContextPrivate(cx));
  // Returning false terminates the script with an uncatchable error.
  return !(runtime && runtime->running() && runtime->stop_reason() != Watchdog::StopReason::kNone);
}

Error EngineError(std::string what, JSContext* cx) {
  std::string message = "JavaScript engine setup failed: " + what;
  if (cx && JS_IsExceptionPending(cx)) {
    // Reading the exception needs a realm, and failures before one exists have none.
    if (JS::CurrentGlobalOrNull(cx)) {
      message += ": " + TakePendingError(cx).message;
    } else {
      JS_ClearPendingException(cx);
    }
  }
  return Error{ErrorCode::kInternal, std::move(message)};
}

bool CountOwnKeys(JSContext* cx, JS::HandleObject object, size_t* count) {
  JS::RootedIdVector keys(cx);
  if (!js::GetPropertyKeys(cx, object, JSITER_OWNONLY | JSITER_HIDDEN | JSITER_SYMBOLS, &keys)) {
    return false;
  }
  *count = keys.length();
  return true;
}

}  // namespace

RunBindings* CurrentRunBindings(JSContext* cx) {
  auto* runtime = static_cast<JsThreadRuntime*>(JS_GetContextPrivate(cx));
  return runtime ? runtime->bindings() : nullptr;
}

PendingError TakePendingError(JSContext* cx) {
  PendingError error;
  if (!JS_IsExceptionPending(cx)) return error;
  error.out_of_memory = JS_IsThrowingOutOfMemory(cx);

  JS::ExceptionStack exception(cx);
  if (!JS::StealPendingExceptionStack(cx, &exception)) {
    JS_ClearPendingException(cx);
    error.message = "an exception that could not be read";
    return error;
  }
  JS::ErrorReportBuilder builder(cx);
  if (!builder.init(cx, exception, JS::ErrorReportBuilder::WithSideEffects)) {
    JS_ClearPendingException(cx);
    error.message = "an exception that could not be converted to a message";
    return error;
  }
  const JSErrorReport* report = builder.report();
  if (builder.toStringResult()) {
    error.message = builder.toStringResult().c_str();
  } else if (report && report->message()) {
    error.message = report->message().c_str();
  } else {
    error.message = "an exception without a message";
  }
  if (report) {
    error.line = report->lineno;
    // SpiderMonkey 102 counts columns from 0.
    error.column = report->lineno > 0 ? report->column + 1 : 0;
  }
  JS_ClearPendingException(cx);
  return error;
}

// --- ScriptJobQueue ---

ScriptJobQueue::ScriptJobQueue(JSContext* cx)
    : jobs_(std::make_unique<JS::PersistentRootedVector<JSObject*>>(cx)) {}

JSObject* ScriptJobQueue::getIncumbentGlobal(JSContext* cx) { return JS::CurrentGlobalOrNull(cx); }

bool ScriptJobQueue::enqueuePromiseJob(JSContext* cx, JS::HandleObject, JS::HandleObject job,
                                       JS::HandleObject, JS::HandleObject) {
  if (!jobs_->append(job)) {
    JS_ReportOutOfMemory(cx);
    return false;
  }
  return true;
}

void ScriptJobQueue::runJobs(JSContext* cx) { Drain(cx); }

bool ScriptJobQueue::empty() const { return jobs_->empty(); }

bool ScriptJobQueue::Drain(JSContext* cx) {
  JS::RootedObject job(cx);
  JS::RootedValue ignored(cx);
  // Jobs may enqueue more jobs, so the length is read on every iteration.
  for (size_t i = 0; i < jobs_->length(); ++i) {
    job = (*jobs_)[i];
    (*jobs_)[i].set(nullptr);
    JSAutoRealm realm(cx, job);
    if (!JS::Call(cx, JS::UndefinedHandleValue, job, JS::HandleValueArray::empty(), &ignored)) {
      if (!JS_IsExceptionPending(cx)) {
        Clear();
        return false;
      }
      JS_ClearPendingException(cx);
    }
  }
  Clear();
  return true;
}

void ScriptJobQueue::Clear() {
  if (jobs_) jobs_->clear();
}

void ScriptJobQueue::ReleaseRoots() { jobs_.reset(); }

js::UniquePtr<JS::JobQueue::SavedJobQueue> ScriptJobQueue::saveJobQueue(JSContext*) {
  // Only the Debugger API saves the queue, and this embedding never installs it.
  return js::MakeUnique<SavedJobQueue>();
}

// --- JsThreadRuntime ---

Result<JsThreadRuntime*> JsThreadRuntime::ForCurrentThread() {
  thread_local std::unique_ptr<JsThreadRuntime> runtime;
  if (!runtime) {
    auto created = Create();
    if (!created) return tl::unexpected(created.error());
    runtime = std::move(*created);
  }
  return runtime.get();
}

Result<std::unique_ptr<JsThreadRuntime>> JsThreadRuntime::Create() {
  std::lock_guard lock(EngineMutex());
  if (engine_shut_down) {
    return MakeError(ErrorCode::kInternal,
                     "JavaScript engine setup failed: the process is exiting");
  }
  if (!engine_initialized) {
    if (const char* failure = JS_InitWithFailureDiagnostic()) {
      return MakeError(ErrorCode::kInternal,
                       std::string("JavaScript engine setup failed: JS_Init: ") + failure);
    }
    JS::SetProcessBuildIdOp(BuildId);
    std::atexit(ShutDownEngineAtExit);
    engine_initialized = true;
  }

  JSContext* cx = JS_NewContext(kIdleHeapLimit);
  if (!cx) return tl::unexpected(EngineError("JS_NewContext returned null", nullptr));
  // JS_SetNativeStackQuota must come before any code runs, and SetJobQueue before
  // self-hosted code is initialized.
  JS_SetNativeStackQuota(cx, StackQuotaForCurrentThread());
  JS::ContextOptionsRef(cx).setWasm(false).setAsmJS(false);

  // From here on the runtime's destructor destroys the context, also on failure.
  std::unique_ptr<JsThreadRuntime> runtime(new JsThreadRuntime(cx));
  ++live_contexts;
  JS::SetJobQueue(cx, &runtime->job_queue_);

  bool initialized = self_hosted_cache
                         ? JS::InitSelfHostedCode(cx, JS::SelfHostedCache(*self_hosted_cache))
                         : JS::InitSelfHostedCode(cx, nullptr, SaveSelfHostedCode);
  if (!initialized) return tl::unexpected(EngineError("InitSelfHostedCode failed", cx));

  if (!JS_AddInterruptCallback(cx, InterruptCallback)) {
    return tl::unexpected(EngineError("JS_AddInterruptCallback failed", cx));
  }
  JS_SetContextPrivate(cx, runtime.get());
  return runtime;
}

JsThreadRuntime::JsThreadRuntime(JSContext* cx)
    : cx_(cx),
      watched_(cx),
      job_queue_(cx),
      global_(cx),
      context_prototype_(cx),
      empty_regexp_(cx),
      heap_limit_(kIdleHeapLimit) {}

JsThreadRuntime::~JsThreadRuntime() {
  Watchdog::Instance().Disarm(watched_);
  // Every persistent root must be gone before the context that owns its list.
  functions_.clear();
  global_.reset();
  context_prototype_.reset();
  empty_regexp_.reset();
  job_queue_.ReleaseRoots();
  JS_SetContextPrivate(cx_, nullptr);
  JS_DestroyContext(cx_);
  --live_contexts;
}

Result<void> JsThreadRuntime::CreateGlobal() {
  // A discarded global's realm is mostly malloc memory, which does not advance the GC
  // triggers, so without this GC each replaced global would stay allocated.
  if (global_discarded_) {
    JS_GC(cx_);
    global_discarded_ = false;
  }

  JS::RealmOptions options;
  options.creationOptions().setNewCompartmentAndZone();
  JS::RootedObject global(
      cx_, JS_NewGlobalObject(cx_, &kGlobalClass, nullptr, JS::FireOnNewGlobalHook, options));
  if (!global) return tl::unexpected(EngineError("JS_NewGlobalObject returned null", cx_));

  JSAutoRealm realm(cx_, global);
  JS::RootedObject context_prototype(cx_);
  // Standard classes are otherwise created on first use, and hardening must see them all.
  if (!JS::InitRealmStandardClasses(cx_)) {
    return tl::unexpected(EngineError("creating the standard classes failed", cx_));
  }
  if (!DefineScriptGlobals(cx_, global, &context_prototype)) {
    return tl::unexpected(EngineError("defining the script globals failed", cx_));
  }
  if (!HardenGlobal(cx_, global)) {
    return tl::unexpected(EngineError("freezing the built-in objects failed", cx_));
  }

  JS::RootedObject lexical(cx_, JS_GlobalLexicalEnvironment(global));
  if (!CountOwnKeys(cx_, global, &global_property_count_) || !lexical ||
      !CountOwnKeys(cx_, lexical, &lexical_binding_count_)) {
    return tl::unexpected(EngineError("reading the global's properties failed", cx_));
  }
  JS::RootedObject empty_regexp(cx_, JS::NewRegExpObject(cx_, "", 0, JS::RegExpFlags()));
  if (!empty_regexp) return tl::unexpected(EngineError("creating a RegExp failed", cx_));

  global_ = global;
  context_prototype_ = context_prototype;
  empty_regexp_ = empty_regexp;
  return {};
}

void JsThreadRuntime::DiscardGlobal() {
  // The functions belong to the old global's realm, so they are compiled again.
  functions_.clear();
  global_ = nullptr;
  context_prototype_ = nullptr;
  empty_regexp_ = nullptr;
  global_discarded_ = true;
}

Result<JSFunction*> JsThreadRuntime::FunctionFor(const DispatchScript& script) {
  if (!global_) {
    auto created = CreateGlobal();
    if (!created) return tl::unexpected(created.error());
  }
  if (auto found = functions_.find(script.id()); found != functions_.end()) {
    found->second->last_use = ++use_counter_;
    return found->second->function.get();
  }

  const std::string& body = script.function_body();
  compiled_bytes_since_gc_ += std::max(body.size(), kMinCompileCost);
  if (compiled_bytes_since_gc_ > kCompiledBytesPerGc) {
    compiled_bytes_since_gc_ = 0;
    JS_GC(cx_);
  }

  JSAutoRealm realm(cx_, global_);
  JS::CompileOptions options(cx_);
  options.setFileAndLine(script.operation_name().c_str(), 0);
  JS::SourceText<mozilla::Utf8Unit> source;
  JS::RootedFunction function(cx_);
  JS::RootedObjectVector scope_chain(cx_);
  if (source.init(cx_, body.data(), body.size(), JS::SourceOwnership::Borrowed)) {
    function = JS::CompileFunction(cx_, scope_chain, options, "process", 0, nullptr, source);
  }
  if (!function) {
    PendingError error = TakePendingError(cx_);
    return MakeError(error.out_of_memory ? ErrorCode::kLimitExceeded : ErrorCode::kInvalidArgument,
                     "script for operation '" + script.operation_name() +
                         "' failed to compile at line " + std::to_string(error.line) + ", column " +
                         std::to_string(error.column) + ": " + error.message);
  }
  // Freezing the function, and its prototype object, keeps a run from leaving data on
  // it for the next one, for example through arguments.callee. JS_DeepFreezeObject
  // would also follow the function's environment to the global and freeze that.
  JS::RootedObject function_object(cx_, JS_GetFunctionObject(function));
  JS::RootedValue prototype(cx_);
  if (!JS_FreezeObject(cx_, function_object) ||
      !JS_GetProperty(cx_, function_object, "prototype", &prototype)) {
    return tl::unexpected(EngineError("freezing the compiled function failed", cx_));
  }
  if (prototype.isObject()) {
    JS::RootedObject prototype_object(cx_, &prototype.toObject());
    if (!JS_FreezeObject(cx_, prototype_object)) {
      return tl::unexpected(EngineError("freezing the compiled function failed", cx_));
    }
  }

  auto entry = std::make_unique<CachedFunction>();
  entry->owner = script.weak_from_this();
  entry->function.init(cx_, function);
  entry->last_use = ++use_counter_;
  functions_[script.id()] = std::move(entry);
  if (functions_.size() > kMaxCachedFunctions) EvictCachedFunctions();
  return function.get();
}

void JsThreadRuntime::EvictCachedFunctions() {
  std::erase_if(functions_, [](const auto& entry) { return entry.second->owner.expired(); });
  while (functions_.size() > kMaxCachedFunctions) {
    auto oldest = std::min_element(
        functions_.begin(), functions_.end(),
        [](const auto& a, const auto& b) { return a.second->last_use < b.second->last_use; });
    functions_.erase(oldest);
  }
}

void JsThreadRuntime::BeginRun(RunBindings* bindings, const ScriptLimits& limits) {
  bindings_ = bindings;

  // Setting a GC parameter waits for background sweeping, so the limit is only moved
  // when it drifts more than a quarter of the allowance from current usage plus the
  // allowance.
  uint64_t used = JS_GetGCParameter(cx_, JSGC_BYTES);
  uint64_t allowance = std::max<uint64_t>(limits.heap_bytes, 1);
  uint64_t target = std::min<uint64_t>(used + allowance, std::numeric_limits<uint32_t>::max());
  uint64_t slack = allowance / 4;
  if (heap_limit_ + slack < target || heap_limit_ > target + slack) {
    JS_SetGCParameter(cx_, JSGC_MAX_BYTES, static_cast<uint32_t>(target));
    heap_limit_ = static_cast<uint32_t>(target);
  }

  Watchdog::Instance().Arm(watched_, Watchdog::Clock::now() + limits.cpu_time,
                           limits.memory_growth_bytes);
}

void JsThreadRuntime::EndRun(bool collect_garbage) {
  Watchdog::Instance().Disarm(watched_);
  // An interrupt that the watchdog requested just before disarming may still arrive, and
  // must not stop the cleanup below or the next compile.
  watched_.stop.store(Watchdog::StopReason::kNone);
  bindings_ = nullptr;
  job_queue_.Clear();
  JS_ClearPendingException(cx_);

  if (global_) {
    JSAutoRealm realm(cx_, global_);
    bool restored = ResetRegExpStatics() && RestoreGlobal();
    JS_ClearPendingException(cx_);
    if (!restored) DiscardGlobal();
  }
  if (collect_garbage) {
    JS_GC(cx_);
    JS_SetGCParameter(cx_, JSGC_MAX_BYTES, kIdleHeapLimit);
    heap_limit_ = kIdleHeapLimit;
  }
}

bool JsThreadRuntime::ResetRegExpStatics() {
  // JS::ClearRegExpStatics crashes a later read of RegExp.$1 after a match in
  // SpiderMonkey 102, so an empty match on an empty string overwrites them instead.
  size_t index = 0;
  const char16_t empty_input = u'\0';
  JS::RootedValue matched(cx_);
  return JS::ExecuteRegExp(cx_, global_, empty_regexp_, &empty_input, 0, &index, true, &matched);
}

bool JsThreadRuntime::RestoreGlobal() {
  bool extensible = false;
  if (!JS_IsExtensible(cx_, global_, &extensible) || !extensible) return false;

  JS::RootedIdVector keys(cx_);
  if (!js::GetPropertyKeys(cx_, global_, JSITER_OWNONLY | JSITER_HIDDEN | JSITER_SYMBOLS, &keys)) {
    return false;
  }
  if (keys.length() != global_property_count_) {
    // Hardening made every original property non-configurable, so the configurable
    // ones are exactly those the run created.
    JS::Rooted<mozilla::Maybe<JS::PropertyDescriptor>> descriptor(cx_);
    size_t remaining = 0;
    for (size_t i = 0; i < keys.length(); ++i) {
      if (!JS_GetOwnPropertyDescriptorById(cx_, global_, keys[i], &descriptor)) return false;
      if (descriptor.isSome() && descriptor->configurable()) {
        JS::ObjectOpResult result;
        if (!JS_DeletePropertyById(cx_, global_, keys[i], result) || !result.ok()) return false;
      } else {
        ++remaining;
      }
    }
    if (remaining != global_property_count_) return false;
  }

  // Indirect eval of `let x` at the top level creates a global lexical binding, which
  // no API can delete.
  JS::RootedObject lexical(cx_, JS_GlobalLexicalEnvironment(global_));
  size_t lexical_count = 0;
  return lexical && CountOwnKeys(cx_, lexical, &lexical_count) &&
         lexical_count == lexical_binding_count_;
}

}  // namespace mimic::script
