#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/error.h"
#include "script/script_store.h"

namespace mimic::script {

// The part of the incoming request that a dispatch script can read through `mockRequest`.
struct ScriptRequest {
  std::string method;
  std::string request_uri;
  std::string query_string;
  std::string body;
  // In arrival order. Name lookups from scripts ignore case.
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<std::pair<std::string, std::string>> query_params;  // percent-decoded
  std::vector<std::pair<std::string, std::string>> uri_params;    // from the path template
};

struct ScriptLimits {
  // Wall-clock time of one Run, enforced by interrupting the script.
  std::chrono::milliseconds cpu_time{1000};
  // GC heap that one Run may allocate on top of what the engine already holds. String
  // characters, array elements and ArrayBuffer contents live outside the GC heap and
  // are bounded by memory_growth_bytes instead.
  size_t heap_bytes = 32 * 1024 * 1024;
  // Growth of the process's resident memory during one Run, sampled every 10 ms. Other
  // threads' allocations during the run count too, so keep this well above heap_bytes.
  // 0 disables the check.
  size_t memory_growth_bytes = 256 * 1024 * 1024;
  size_t max_source_bytes = 256 * 1024;
  size_t max_result_bytes = 64 * 1024;
  // Bytes of log lines kept per Run. Later lines are dropped and counted.
  size_t max_log_bytes = 64 * 1024;
};

struct ScriptOutcome {
  // The script's return value as a string: the dispatch criteria or response name.
  std::string result;
  // Properties of `requestContext` after the run, in property order. Strings are kept as
  // they are, objects become JSON, and null or undefined become "".
  std::vector<std::pair<std::string, std::string>> context;
  // Lines from log.info/debug/warn/error, prefixed with "INFO: ", "DEBUG: ", and so on.
  std::vector<std::string> logs;
};

// The compiled dispatch script of one operation.
//
// The source is the body of a function, as in Microcks' REST dispatch rules. When that
// body completes without returning and has declared a function named `process`, as
// SOAP and GraphQL scripts do, `process()` is called and its result returned.
//
// Each thread that runs the script compiles it once into its own SpiderMonkey context
// and caches the function, so Run may be called from several threads at once.
class DispatchScript : public std::enable_shared_from_this<DispatchScript> {
 public:
  // Compiles the script on the calling thread. Syntax errors and invalid UTF-8 are
  // kInvalidArgument with the line and column in the source. A source over
  // limits.max_source_bytes is kLimitExceeded.
  static Result<std::shared_ptr<DispatchScript>> Compile(std::string source,
                                                         std::string operation_name,
                                                         ScriptLimits limits = {});

  // Runs the script against one request. A script that times out, exceeds a memory limit
  // or returns more than max_result_bytes fails with kLimitExceeded. A script that throws
  // fails with kInvalidArgument, and an engine that cannot be set up with kInternal.
  //
  // NOTE: SpiderMonkey derives its recursion limit from the calling thread's stack, so
  // Run must not be called on a stack the thread switched to, such as a stackful
  // coroutine's.
  Result<ScriptOutcome> Run(const ScriptRequest& request, ScriptStore& store) const;

  const std::string& operation_name() const { return operation_name_; }
  const ScriptLimits& limits() const { return limits_; }
  // Unique per compiled script, so that per-thread caches never confuse two scripts.
  uint64_t id() const { return id_; }
  // The text compiled as the function body: the source plus the call to `process`.
  const std::string& function_body() const { return function_body_; }

 private:
  DispatchScript(std::string function_body, std::string operation_name, ScriptLimits limits);

  uint64_t id_;
  std::string function_body_;
  std::string operation_name_;
  ScriptLimits limits_;
};

}  // namespace mimic::script
