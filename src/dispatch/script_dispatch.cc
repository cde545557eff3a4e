#include "dispatch/script_dispatch.h"

#include <map>
#include <mutex>

#include "dispatch/criteria.h"

namespace mimic {

bool IsScriptDispatcher(std::string_view dispatcher) {
  return dispatcher == dispatch::kScript || dispatcher == dispatch::kGroovy ||
         dispatcher == dispatch::kJs;
}

Result<std::shared_ptr<script::DispatchScript>> CompileDispatchScript(
    const std::string& dispatcher, const std::string& rules, const std::string& operation_name) {
  std::string source = rules;
  if (dispatcher != dispatch::kJs) {
    // TODO: translate Groovy to JavaScript once the translator lands; until then Groovy
    // rules compile only when they happen to be valid JavaScript.
  }
  return script::DispatchScript::Compile(std::move(source), operation_name);
}

script::ScriptStore& ScriptStoreFor(const std::string& service_id) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<script::ScriptStore>> stores;
  std::lock_guard<std::mutex> lock(mutex);
  auto& store = stores[service_id];
  if (!store) store = std::make_unique<script::ScriptStore>();
  return *store;
}

}  // namespace mimic
