#include "dispatch/script_dispatch.h"

#include <map>
#include <mutex>

#include "dispatch/criteria.h"
#include "groovy/groovy_to_js.h"

namespace mimic {

bool IsScriptDispatcher(std::string_view dispatcher) {
  return dispatcher == dispatch::kScript || dispatcher == dispatch::kGroovy ||
         dispatcher == dispatch::kJs;
}

Result<std::shared_ptr<script::DispatchScript>> CompileDispatchScript(
    const std::string& dispatcher, const std::string& rules, const std::string& operation_name) {
  std::string source = rules;
  if (dispatcher != dispatch::kJs) {
    auto translated = groovy::TranslateGroovy(rules);
    if (!translated) {
      return MakeError(translated.error().code,
                       "the Groovy script of operation '" + operation_name +
                           "' cannot run: " + translated.error().message);
    }
    source = std::move(translated->javascript);
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
