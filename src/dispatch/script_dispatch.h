#pragma once

#include <memory>
#include <string>

#include "common/error.h"
#include "script/dispatch_script.h"
#include "script/script_store.h"

namespace mimic {

// Turns SCRIPT, GROOVY and JS dispatcher rules into a compiled JavaScript
// dispatch script. Groovy rules are translated to JavaScript first; a construct
// outside the supported Groovy subset fails with its line and column.
Result<std::shared_ptr<script::DispatchScript>> CompileDispatchScript(
    const std::string& dispatcher, const std::string& rules, const std::string& operation_name);

// True for the dispatchers that run a script.
bool IsScriptDispatcher(std::string_view dispatcher);

// The key-value store that the scripts of one service share. It lives as long as
// the process and survives index rebuilds.
script::ScriptStore& ScriptStoreFor(const std::string& service_id);

}  // namespace mimic
