#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/client_commands.h"
#include "server/application.h"

int main(int argc, char** argv) {
  CLI::App app{"Mimic: API mocking and contract testing, compatible with Microcks."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("mimic ") + MIMIC_VERSION);

  mimic::ServeOptions options;
  CLI::App* serve = app.add_subcommand("serve", "Serve mocks and the management API.");
  serve->add_option("--port,-p", options.port, "TCP port to listen on; 0 picks a free one")
      ->capture_default_str();
  serve->add_option("--address", options.address, "Address to listen on")->capture_default_str();
  serve
      ->add_option("--data-dir", options.data_dir,
                   "Folder of the embedded SQLite store; ':memory:' keeps nothing on disk")
      ->capture_default_str();
  serve
      ->add_option("--import", options.imports,
                   "Artifact to import at start: FILE, or FILE:false for a secondary artifact")
      ->take_all();
  serve->add_option("--threads", options.threads, "I/O threads; 0 means one per CPU core")
      ->capture_default_str();
  serve->add_option("--log-level", options.log_level, "trace, debug, info, warn, error or off")
      ->capture_default_str()
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  serve->add_flag("!--no-cors", options.cors, "Do not add CORS headers to mock responses");
  serve
      ->add_option("--cors-origins", options.cors_origins,
                   "Access-Control-Allow-Origin value for requests without an Origin header")
      ->capture_default_str();
  serve->add_flag("--cors-credentials", options.cors_credentials,
                  "Send Access-Control-Allow-Credentials: true on mock responses");
  serve
      ->add_option("--max-upload-bytes", options.max_upload_bytes,
                   "Largest request body accepted, in bytes")
      ->capture_default_str();

  serve
      ->add_option("--proxy-allow", options.proxy_allow,
                   "Loopback, private or link-local address or CIDR range that PROXY "
                   "dispatchers may reach, e.g. 127.0.0.1/32 (repeatable)")
      ->delimiter(',');

  serve
      ->add_option("--download-allow", options.download_allow,
                   "Loopback, private or link-local address or CIDR range that artifact "
                   "downloads and import jobs may reach (repeatable); 'none' allows none")
      ->delimiter(',')
      ->capture_default_str();
  serve
      ->add_option("--job-interval", options.job_interval_seconds,
                   "Seconds between two imports of an active import job")
      ->capture_default_str()
      ->check(CLI::Range(1, 7 * 24 * 3600));

  serve->add_flag("!--ignore-singular-examples", options.serve_singular_examples,
                  "Serve only named examples, as Microcks does: a media type's singular "
                  "`example` is then not used as the default response");
  serve->add_flag("!--no-invocation-stats", options.invocation_stats,
                  "Do not count mock invocations (the metrics API then reports none)");

  CLI::App* version = app.add_subcommand("version", "Print the version.");
  mimic::cli::ClientOptions client_options;
  mimic::cli::RegisterClientCommands(app, client_options);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // CLI11 reports an unknown command as a missing subcommand; name the word instead.
    if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
      CLI::App* level = &app;
      std::string path = "mimic";
      for (int i = 1; i < argc && argv[i][0] != '-'; ++i) {
        CLI::App* next = nullptr;
        for (CLI::App* command : level->get_subcommands([](CLI::App*) { return true; })) {
          if (command->get_name() == argv[i]) next = command;
        }
        if (next == nullptr) {
          if (level->get_require_subcommand_min() > 0) {
            std::cerr << path << ": unknown command '" << argv[i] << "'. Run '" << path
                      << " --help' to list the commands.\n";
            return 2;
          }
          break;
        }
        level = next;
        path += " " + next->get_name();
      }
    }
    int code = app.exit(error);
    return code == 0 ? 0 : 2;
  }
  if (auto code = mimic::cli::RunClientCommand(app, client_options)) return *code;
  if (version->parsed()) {
    std::cout << "mimic " << MIMIC_VERSION << "\n";
    return 0;
  }
  mimic::InitLogging(options.log_level);
  return mimic::RunServe(options);
}
