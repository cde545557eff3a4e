#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "script/js_engine.h"

#include "script/dispatch_script.h"
#include "script/script_store.h"

namespace mimic::script {

// State of the run in progress that the native functions behind mockRequest, store,
// requestContext and log read and write. The global objects are created once per
// context and stay the same across runs, so the natives look this up on every call.
struct RunBindings {
  const ScriptRequest* request = nullptr;
  ScriptStore* store = nullptr;
  // The fresh requestContext object of this run, rooted by the caller.
  JS::Rooted<JSObject*>* request_context = nullptr;

  size_t max_log_bytes = 0;
  std::vector<std::string> logs;
  size_t log_bytes = 0;
  size_t dropped_log_lines = 0;
};

// Returns the bindings of the run in progress on the context's thread, or null between
// runs. Implemented by the thread runtime, which owns the context.
RunBindings* CurrentRunBindings(JSContext* cx);

// Defines mockRequest, store, requestContext and log on the global, and creates the
// prototype that gives each run's requestContext object its get and set methods.
bool DefineScriptGlobals(JSContext* cx, JS::HandleObject global,
                         JS::MutableHandleObject context_prototype);

}  // namespace mimic::script
