#pragma once

#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "cli/test_command.h"

namespace CLI {
class App;
}

namespace mimic::cli {

// Connection and output options as given on one command level. They are
// accepted on the root command and on every client subcommand, like the
// persistent flags of microcks-cli, and the deepest level that sets one wins.
struct GlobalFlags {
  std::string server;
  std::string microcks_url;
  std::string keycloak_client_id;
  std::string keycloak_client_secret;
  std::vector<std::string> ca_certs;
  std::string output;
  bool insecure = false;
  bool verbose = false;
};

// Storage for the parsed command line. It must outlive the CLI::App it was
// registered with, because CLI11 writes the parsed values into it.
struct ClientOptions {
  struct Level {
    const CLI::App* command = nullptr;
    GlobalFlags flags;
  };
  std::deque<Level> levels;  // a deque keeps element addresses stable as levels are added

  CLI::App* import_command = nullptr;
  CLI::App* import_url_command = nullptr;
  CLI::App* import_dir_command = nullptr;
  CLI::App* services_list_command = nullptr;
  CLI::App* services_get_command = nullptr;
  CLI::App* services_delete_command = nullptr;
  CLI::App* test_command = nullptr;
  CLI::App* version_command = nullptr;  // the existing `version` subcommand, if any

  std::vector<std::string> import_artifacts;
  std::string import_url;
  std::string import_folder;
  bool import_recursive = false;
  std::vector<std::string> import_patterns;
  std::string service;
  TestCommandOptions test;
};

// Adds the client subcommands (import, import-url, import-dir, services, test) and the
// global client options to `app`, and --server with the other client options to
// an existing `version` subcommand. Call it after `version` has been added.
void RegisterClientCommands(CLI::App& app, ClientOptions& options);

// Runs the client command that `app` parsed and returns its exit code. It also
// returns one for `version` when a client option was given to it, and exit code 2
// when client options were given to a command that does not take them, such as
// `serve`. Returns nullopt when the caller should handle the command. Catches
// every exception.
std::optional<int> RunClientCommand(const CLI::App& app, const ClientOptions& options);

}  // namespace mimic::cli
