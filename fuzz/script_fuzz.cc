// libFuzzer target for the script module: compiles the input as a dispatch script and
// runs it twice against a fixed request, so that the second run also exercises the
// state restored after the first. The limits are tighter than the defaults to keep
// each input fast. A script that loops or allocates without end should fail with
// kLimitExceeded, so libFuzzer's -timeout and -rss_limit_mb report any that escape.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "script/dispatch_script.h"

namespace {

mimic::script::ScriptRequest MakeRequest() {
  mimic::script::ScriptRequest request;
  request.method = "POST";
  request.request_uri = "/pets/42";
  request.query_string = "kind=dog&kind=cat";
  request.body = R"({"name": "Rex", "tags": ["a", "b"], "age": 3})";
  request.headers = {{"Content-Type", "application/json"}, {"X-Trace", "abc"}};
  request.query_params = {{"kind", "dog"}, {"kind", "cat"}};
  request.uri_params = {{"id", "42"}};
  return request;
}

mimic::script::ScriptLimits FuzzLimits() {
  mimic::script::ScriptLimits limits;
  limits.cpu_time = std::chrono::milliseconds(100);
  limits.heap_bytes = 16 * 1024 * 1024;
  limits.memory_growth_bytes = 128 * 1024 * 1024;
  return limits;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const mimic::script::ScriptRequest request = MakeRequest();
  static mimic::script::ScriptStore store;

  std::string source(reinterpret_cast<const char*>(data), size);
  auto script = mimic::script::DispatchScript::Compile(source, "POST /pets/{id}", FuzzLimits());
  if (!script) return 0;
  (void)(*script)->Run(request, store);
  (void)(*script)->Run(request, store);
  return 0;
}
