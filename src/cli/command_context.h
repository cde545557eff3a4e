#pragma once

#include <ostream>
#include <string_view>

#include "cli/api_client.h"
#include "cli/command_error.h"
#include "cli/output.h"

namespace mimic::cli {

// The inputs of a client command: the API client, the output format and the
// streams. Human output goes through the Print functions, which strip control
// characters and keep the progress line out of the way.
struct CommandContext {
  ApiClient* client = nullptr;
  OutputFormat format = OutputFormat::kHuman;
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;
  ProgressLine* progress = nullptr;  // null when no progress line is drawn
  bool credentials_given = false;    // --keycloakClientId or --keycloakClientSecret was set
  bool verbose = false;

  bool json() const { return format == OutputFormat::kJson; }

  // Prints one line of human output on stdout.
  void PrintLine(std::string_view line);
  // Prints "error: MESSAGE" on stderr.
  void PrintError(std::string_view message);
  // Prints a line on stderr as is, e.g. a warning under an error.
  void PrintErrorDetail(std::string_view line);
  // Writes a --output json document on stdout.
  void PrintJson(const Json& document);
  // Prints the error and returns its exit code.
  int Report(const CommandError& error);
};

// Reads /api/keycloak/config. Fails with ExitCode::kConnection when the server
// cannot be reached, and with ExitCode::kApi when it has authentication enabled,
// because this client cannot obtain tokens yet.
CommandResult<void> CheckAuthentication(CommandContext& context);

}  // namespace mimic::cli
