#include "cli/client_commands.h"

#include <unistd.h>

#include <cstdlib>
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/api_client.h"
#include "cli/command_context.h"
#include "cli/import_commands.h"
#include "cli/output.h"
#include "cli/service_commands.h"
#include "common/json.h"

namespace mimic::cli {
namespace {

constexpr const char* kDefaultServer = "http://localhost:8080";
constexpr const char* kServerVariable = "MIMIC_SERVER";
constexpr const char* kOptionGroup = "Client options";
// Bounds the walk down the parsed subcommands, deeper than any command path defined here.
constexpr int kMaxCommandDepth = 8;

void AddGlobalFlags(CLI::App* command, ClientOptions& options) {
  options.levels.push_back({command, {}});
  GlobalFlags& flags = options.levels.back().flags;
  command
      ->add_option("--server", flags.server,
                   "Mimic server root URL (default: $MIMIC_SERVER, else http://localhost:8080)")
      ->type_name("URL")
      ->group(kOptionGroup);
  command
      ->add_option("--microcksURL", flags.microcks_url,
                   "Server URL as microcks-cli takes it, e.g. http://localhost:8080/api/; the "
                   "same as --server")
      ->type_name("URL")
      ->group(kOptionGroup);
  command
      ->add_option("--keycloakClientId", flags.keycloak_client_id,
                   "Keycloak client id, accepted for microcks-cli scripts; ignored while the "
                   "server has authentication off")
      ->type_name("ID")
      ->group(kOptionGroup);
  command
      ->add_option("--keycloakClientSecret", flags.keycloak_client_secret,
                   "Keycloak client secret, accepted for microcks-cli scripts; ignored while the "
                   "server has authentication off")
      ->type_name("SECRET")
      ->group(kOptionGroup);
  command
      ->add_option("--caCerts", flags.ca_certs,
                   "PEM files of CA certificates to trust besides the system ones, separated by "
                   "commas")
      ->delimiter(',')
      ->type_name("FILE")
      ->group(kOptionGroup);
  command
      ->add_flag("--insecure,--insecure-tls", flags.insecure,
                 "Skip TLS certificate and host name verification")
      ->group(kOptionGroup);
  command
      ->add_flag("--verbose", flags.verbose,
                 "Print each HTTP request and response status on stderr")
      ->group(kOptionGroup);
  command->add_option("--output,-o", flags.output, "Output format: human (default) or json")
      ->check(CLI::IsMember({"human", "json"}))
      ->type_name("FORMAT")
      ->group(kOptionGroup);
}

// Returns the root and every parsed subcommand below it, outermost first.
std::vector<const CLI::App*> ParsedCommandPath(const CLI::App& app) {
  std::vector<const CLI::App*> path = {&app};
  for (int depth = 0; depth < kMaxCommandDepth; ++depth) {
    std::vector<CLI::App*> parsed = path.back()->get_subcommands();
    if (parsed.empty()) break;
    path.push_back(parsed.front());
  }
  return path;
}

GlobalFlags MergeFlags(const ClientOptions& options, const std::vector<const CLI::App*>& path) {
  GlobalFlags merged;
  for (const CLI::App* command : path) {
    for (const ClientOptions::Level& level : options.levels) {
      if (level.command != command) continue;
      const GlobalFlags& flags = level.flags;
      auto take = [](std::string& target, const std::string& value) {
        if (!value.empty()) target = value;
      };
      take(merged.server, flags.server);
      take(merged.microcks_url, flags.microcks_url);
      take(merged.keycloak_client_id, flags.keycloak_client_id);
      take(merged.keycloak_client_secret, flags.keycloak_client_secret);
      take(merged.output, flags.output);
      if (!flags.ca_certs.empty()) merged.ca_certs = flags.ca_certs;
      merged.insecure = merged.insecure || flags.insecure;
      merged.verbose = merged.verbose || flags.verbose;
    }
  }
  return merged;
}

bool AnyFlagSet(const GlobalFlags& flags) {
  return !flags.server.empty() || !flags.microcks_url.empty() ||
         !flags.keycloak_client_id.empty() || !flags.keycloak_client_secret.empty() ||
         !flags.ca_certs.empty() || !flags.output.empty() || flags.insecure || flags.verbose;
}

CommandResult<std::string> ResolveServerUrl(const GlobalFlags& flags) {
  if (!flags.server.empty() && !flags.microcks_url.empty()) {
    auto server = NormalizeServerUrl(flags.server);
    if (!server) return server;
    auto microcks = NormalizeServerUrl(flags.microcks_url);
    if (!microcks) return microcks;
    if (*server != *microcks) {
      return Fail(ExitCode::kUsage, "--server " + flags.server + " and --microcksURL " +
                                        flags.microcks_url +
                                        " name different servers; give only one of them");
    }
    return server;
  }
  if (!flags.server.empty()) return NormalizeServerUrl(flags.server);
  if (!flags.microcks_url.empty()) return NormalizeServerUrl(flags.microcks_url);
  const char* from_environment = std::getenv(kServerVariable);
  if (from_environment != nullptr && *from_environment != '\0') {
    auto server = NormalizeServerUrl(from_environment);
    if (!server) {
      return Fail(ExitCode::kUsage,
                  server.error().message + " The value comes from " + kServerVariable + ".");
    }
    return server;
  }
  return std::string(kDefaultServer);
}

int RunVersion(CommandContext& context, bool with_server) {
  Json document = {{"client", MIMIC_VERSION}};
  if (!context.json()) context.PrintLine(std::string("mimic ") + MIMIC_VERSION);
  if (!with_server) {
    if (context.json()) context.PrintJson(document);
    return ToInt(ExitCode::kOk);
  }
  auto reply = context.client->Get("/api/version/info");
  if (!reply) return context.Report(reply.error());
  if (reply->status != 200) return context.Report(ApiError(*reply, "the version request"));
  Json info = Json::parse(reply->body, nullptr, false);
  if (info.is_discarded() || !info.is_object()) {
    return context.Report(
        {ExitCode::kApi, "the server returned version information that is not a JSON object: " +
                             ServerMessage(*reply)});
  }
  std::string version = "unknown";
  auto version_id = info.find("versionId");
  if (version_id != info.end() && version_id->is_string()) version = *version_id;
  if (context.json()) {
    Json server = {{"url", context.client->base_url()}};
    for (const auto& [key, value] : info.items()) server[key] = value;
    document["server"] = std::move(server);
    context.PrintJson(document);
  } else {
    context.PrintLine("server " + version + " at " + context.client->base_url());
  }
  return ToInt(ExitCode::kOk);
}

std::optional<int> RunParsedCommand(const CLI::App& app, const ClientOptions& options) {
  std::vector<const CLI::App*> path = ParsedCommandPath(app);
  const CLI::App* command = path.back();
  GlobalFlags flags = MergeFlags(options, path);

  bool is_version = options.version_command != nullptr && command == options.version_command;
  bool is_client_command =
      command == options.import_command || command == options.import_url_command ||
      command == options.import_dir_command || command == options.services_list_command ||
      command == options.services_get_command || command == options.services_delete_command ||
      command == options.test_command;
  if (!is_client_command && !(is_version && AnyFlagSet(flags))) {
    if (AnyFlagSet(flags) && command != &app) {
      std::cerr << "error: --server, --output and the other client options apply to the client "
                   "commands (import, import-url, import-dir, services, test, version), not to `"
                << command->get_name() << "`\n";
      return ToInt(ExitCode::kUsage);
    }
    return std::nullopt;
  }

  CommandContext context;
  context.out = &std::cout;
  context.err = &std::cerr;
  context.format = flags.output == "json" ? OutputFormat::kJson : OutputFormat::kHuman;
  context.verbose = flags.verbose;
  context.credentials_given =
      !flags.keycloak_client_id.empty() || !flags.keycloak_client_secret.empty();

  auto server_url = ResolveServerUrl(flags);
  if (!server_url) return context.Report(server_url.error());
  ConnectionSettings settings;
  settings.base_url = *server_url;
  settings.insecure = flags.insecure;
  settings.ca_cert_files = flags.ca_certs;
  settings.verbose_log = flags.verbose ? &std::cerr : nullptr;
  ApiClient client(std::move(settings));
  auto initialized = client.Init();
  if (!initialized) return context.Report(initialized.error());
  context.client = &client;

  // Verbose lines would break into the progress line, so verbose runs print none.
  bool show_progress = !context.json() && !flags.verbose && IsTerminal(STDERR_FILENO) &&
                       (command == options.import_command ||
                        command == options.import_dir_command || command == options.test_command);
  ProgressLine progress(show_progress ? &std::cerr : nullptr, TerminalColumns(STDERR_FILENO));
  if (show_progress) context.progress = &progress;

  if (is_version) {
    return RunVersion(context, !flags.server.empty() || !flags.microcks_url.empty());
  }
  if (command == options.import_command) return RunImport(context, options.import_artifacts);
  if (command == options.import_url_command) return RunImportUrl(context, options.import_url);
  if (command == options.import_dir_command) {
    return RunImportDir(context, options.import_folder, options.import_recursive,
                        options.import_patterns);
  }
  if (command == options.test_command) return RunTest(context, options.test);
  if (command == options.services_list_command) return RunServicesList(context);
  if (command == options.services_get_command) return RunServicesGet(context, options.service);
  return RunServicesDelete(context, options.service);
}

void AddTestCommand(CLI::App& app, ClientOptions& options) {
  TestCommandOptions& test_options = options.test;
  CLI::App* test = app.add_subcommand(
      "test", "Run a contract test of a service against an endpoint and wait for its verdict");
  test->add_option("service", test_options.service, "Service to test")
      ->type_name("NAME:VERSION")
      ->required();
  test->add_option("endpoint", test_options.endpoint, "URL of the implementation to test")
      ->type_name("URL")
      ->required();
  test->add_option("runner", test_options.runner,
                   "Test runner: HTTP, SOAP_HTTP, SOAP_UI, POSTMAN, OPEN_API_SCHEMA, "
                   "ASYNC_API_SCHEMA, GRPC_PROTOBUF or GRAPHQL_SCHEMA")
      ->type_name("RUNNER")
      ->required();

  test->add_option("--waitFor", test_options.wait_for,
                   "How long the server may run the test, sent as its timeout, e.g. 500milli, "
                   "5sec, 10s, 2min; the client waits up to twice as long (at most 10 s more) "
                   "for the verdict")
      ->type_name("DURATION")
      ->capture_default_str();
  test->add_option("--secretName", test_options.secret_name,
                   "Name of the server secret with the credentials for the endpoint")
      ->type_name("NAME");
  test->add_option("--filteredOperations", test_options.filtered_operations,
                   "Operations to test, as a JSON array or a comma list, e.g. "
                   "'[\"GET /pastries\"]' (default: all)")
      ->type_name("LIST");
  test->add_option("--operationsHeaders", test_options.operations_headers,
                   "Extra request headers as JSON, keyed by operation name or \"globals\", e.g. "
                   "'{\"globals\":[{\"name\":\"x-api-key\",\"values\":\"abc\"}]}'")
      ->type_name("JSON");
  test->add_option("--oAuth2Context", test_options.oauth2_context,
                   "OAuth2 client context as JSON, with grantType (CLIENT_CREDENTIALS, PASSWORD "
                   "or REFRESH_TOKEN), tokenUri, clientId, clientSecret and the grant's fields; "
                   "the server fetches the token")
      ->type_name("JSON");
  test->add_option("--junit", test_options.junit_file,
                   "Write a JUnit XML report to FILE: one test case per operation")
      ->type_name("FILE");
  AddGlobalFlags(test, options);
  options.test_command = test;
}

}  // namespace

void RegisterClientCommands(CLI::App& app, ClientOptions& options) {
  AddGlobalFlags(&app, options);

  CLI::App* import = app.add_subcommand("import", "Upload artifact files to the server, in order");
  import
      ->add_option("artifacts", options.import_artifacts,
                   "Artifact files, several separated by commas or spaces; FILE:false imports a "
                   "secondary artifact (examples, metadata)")
      ->type_name("FILE[:true|false][,...]")
      ->required();
  AddGlobalFlags(import, options);
  options.import_command = import;

  CLI::App* import_url =
      app.add_subcommand("import-url", "Make the server download and import an artifact");
  import_url
      ->add_option("url", options.import_url,
                   "Artifact URL; URL:false imports a secondary artifact, and URL:true:SECRET "
                   "has the server use its secret SECRET for the download")
      ->type_name("URL[:true|false[:SECRET]]")
      ->required();
  AddGlobalFlags(import_url, options);
  options.import_url_command = import_url;

  CLI::App* import_dir =
      app.add_subcommand("import-dir",
                         "Upload the artifact files of a folder: main artifacts first, then the "
                         "examples and metadata files");
  import_dir->add_option("folder", options.import_folder, "Folder to scan")
      ->type_name("DIR")
      ->required();
  import_dir->add_flag("--recursive,-r", options.import_recursive,
                       "Scan sub-folders too (hidden files and folders are always skipped)");
  import_dir
      ->add_option("--pattern", options.import_patterns,
                   "Shell glob on file names, several separated by commas (default: *.yaml, "
                   "*.yml, *.json, *.xml, *.proto, *.graphql and *.har in any letter case)")
      ->delimiter(',')
      ->type_name("GLOB");
  AddGlobalFlags(import_dir, options);
  options.import_dir_command = import_dir;

  CLI::App* services = app.add_subcommand("services", "List, show or delete services");
  services->require_subcommand(1);
  AddGlobalFlags(services, options);
  CLI::App* list =
      services->add_subcommand("list", "List the services: name, version, type, operations, id");
  AddGlobalFlags(list, options);
  options.services_list_command = list;
  CLI::App* get = services->add_subcommand("get", "Show a service with its operations");
  get->add_option("service", options.service, "Service id or name:version")
      ->type_name("ID|NAME:VERSION")
      ->required();
  AddGlobalFlags(get, options);
  options.services_get_command = get;
  CLI::App* remove = services->add_subcommand("delete", "Delete a service and its mocks");
  remove->add_option("service", options.service, "Service id or name:version")
      ->type_name("ID|NAME:VERSION")
      ->required();
  AddGlobalFlags(remove, options);
  options.services_delete_command = remove;

  AddTestCommand(app, options);

  for (CLI::App* command :
       app.get_subcommands([](CLI::App* command) { return command->get_name() == "version"; })) {
    options.version_command = command;
    AddGlobalFlags(command, options);
  }
}

std::optional<int> RunClientCommand(const CLI::App& app, const ClientOptions& options) {
  try {
    return RunParsedCommand(app, options);
  } catch (const std::exception& error) {
    std::cerr << "error: unexpected failure: " << error.what() << "\n";
  } catch (...) {
    std::cerr << "error: unexpected failure\n";
  }
  return ToInt(ExitCode::kOther);
}

}  // namespace mimic::cli
