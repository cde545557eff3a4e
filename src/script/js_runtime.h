#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include <js/Promise.h>
#include "script/js_engine.h"

#include "common/error.h"
#include "script/js_bindings.h"
#include "script/js_watchdog.h"

namespace mimic::script {

class DispatchScript;
struct ScriptLimits;

// The exception pending on a context, taken off it.
struct PendingError {
  std::string message;  // as Error.prototype.toString shows it, e.g. "TypeError: x is null"
  unsigned line = 0;    // 1-based within the script source; 0 when unknown
  unsigned column = 0;  // 1-based; 0 when unknown
  bool out_of_memory = false;
};

// Takes and clears the pending exception. Converting a thrown object to a message may
// call its toString method, so call this while the watchdog still guards the run.
PendingError TakePendingError(JSContext* cx);

// Promise jobs of one context. SpiderMonkey has no queue unless the embedding installs
// one, and its built-in queue cannot be emptied without running the jobs. This queue
// runs jobs only while the watchdog guards a run, and drops what a stopped run left.
class ScriptJobQueue final : public JS::JobQueue {
 public:
  explicit ScriptJobQueue(JSContext* cx);

  JSObject* getIncumbentGlobal(JSContext* cx) override;
  bool enqueuePromiseJob(JSContext* cx, JS::HandleObject promise, JS::HandleObject job,
                         JS::HandleObject allocation_site,
                         JS::HandleObject incumbent_global) override;
  void runJobs(JSContext* cx) override;
  bool empty() const override;

  // Runs the queued jobs in order, including jobs they enqueue. Returns false when a
  // job was terminated, which only the watchdog does. Exceptions thrown by jobs are
  // cleared, because promise rejections reach the script through its promises.
  bool Drain(JSContext* cx);
  void Clear();
  // Unroots the jobs; must run before the context is destroyed.
  void ReleaseRoots();

 private:
  js::UniquePtr<SavedJobQueue> saveJobQueue(JSContext* cx) override;

  std::unique_ptr<JS::PersistentRootedVector<JSObject*>> jobs_;
};

// The SpiderMonkey context of one thread, with one hardened global that every script
// run on the thread shares, and the functions compiled into it.
//
// Runs share data only through the store, because:
// - the global and every built-in object reachable from it are frozen (HardenGlobal),
// - the globals that a run creates are deleted when it ends,
// - each run gets a new requestContext object,
// - a global that a run changed in a way that cannot be undone is replaced before the
//   next run.
//
// A fresh global per run would isolate runs too, but it is slower. On a shared 2-core
// x86-64 machine with SpiderMonkey 102, setting up a global's built-in objects took 60
// to 120 µs, and a whole run with the reused global took 1 to 2 µs of CPU.
class JsThreadRuntime {
 public:
  // Returns the calling thread's runtime, initializing SpiderMonkey for the process
  // and creating the context on first use. The runtime lives until the thread exits.
  static Result<JsThreadRuntime*> ForCurrentThread();

  ~JsThreadRuntime();
  JsThreadRuntime(const JsThreadRuntime&) = delete;
  JsThreadRuntime& operator=(const JsThreadRuntime&) = delete;

  JSContext* context() const { return cx_; }
  // Valid after FunctionFor succeeded, until the next run ends.
  JS::HandleObject global() const { return global_; }
  JS::HandleObject context_prototype() const { return context_prototype_; }

  // Returns the script's function, compiling it into this thread's global on first use
  // or after the global was replaced. A syntax error is kInvalidArgument with its line.
  Result<JSFunction*> FunctionFor(const DispatchScript& script);

  bool running() const { return bindings_ != nullptr; }
  RunBindings* bindings() const { return bindings_; }
  // Why the watchdog stopped the current run, or kNone.
  Watchdog::StopReason stop_reason() const { return watched_.stop.load(); }

  // Starts a run: publishes the bindings to the natives, sets the heap limit and arms
  // the watchdog with the time and memory growth limits. Every BeginRun must be followed by EndRun.
  void BeginRun(RunBindings* bindings, const ScriptLimits& limits);
  bool DrainJobs() { return job_queue_.Drain(cx_); }
  // Ends the run: disarms the watchdog, drops leftover jobs, deletes globals the run
  // created and schedules a new global when the old one cannot be restored. With
  // `collect_garbage`, runs a full GC, which frees the heap after an out-of-memory run.
  void EndRun(bool collect_garbage);

 private:
  struct CachedFunction {
    std::weak_ptr<const DispatchScript> owner;
    JS::PersistentRooted<JSFunction*> function;
    uint64_t last_use = 0;
  };

  explicit JsThreadRuntime(JSContext* cx);
  static Result<std::unique_ptr<JsThreadRuntime>> Create();

  Result<void> CreateGlobal();
  void DiscardGlobal();
  // Deletes the global properties a run created. Returns false when the global cannot
  // be brought back to its state after hardening.
  bool RestoreGlobal();
  // Makes RegExp.lastMatch, RegExp.$1 and the other legacy statics, which live on the
  // global, forget the previous run's input.
  bool ResetRegExpStatics();
  void EvictCachedFunctions();

  JSContext* cx_;
  Watchdog::WatchedContext watched_;
  ScriptJobQueue job_queue_;
  JS::PersistentRootedObject global_;
  JS::PersistentRootedObject context_prototype_;
  JS::PersistentRootedObject empty_regexp_;  // used by ResetRegExpStatics
  size_t global_property_count_ = 0;         // own properties right after hardening
  size_t lexical_binding_count_ = 0;         // global let/const/class bindings after hardening
  std::unordered_map<uint64_t, std::unique_ptr<CachedFunction>> functions_;
  uint64_t use_counter_ = 0;
  size_t compiled_bytes_since_gc_ = 0;
  bool global_discarded_ = false;
  uint32_t heap_limit_ = 0;  // the JSGC_MAX_BYTES value last set
  RunBindings* bindings_ = nullptr;
};

}  // namespace mimic::script
