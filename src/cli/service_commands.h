#pragma once

#include <string>

#include "cli/command_context.h"

namespace mimic::cli {

// Each function prints its result and returns the process exit code. A service
// is named by its id or by "name:version".
int RunServicesList(CommandContext& context);
int RunServicesGet(CommandContext& context, const std::string& service);
int RunServicesDelete(CommandContext& context, const std::string& service);

}  // namespace mimic::cli
