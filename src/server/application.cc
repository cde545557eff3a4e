#include "server/application.h"

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "api/documentation_api.h"
#include "api/jobs_api.h"
#include "api/management_api.h"
#include "api/secrets_api.h"
#include "api/snapshot_api.h"
#include "api/tests_api.h"
#include "api/webhooks_api.h"
#include "catalog/bundle_import.h"
#include "catalog/service_catalog.h"
#include "common/strings.h"
#include "jobs/import_jobs.h"
#include "metrics/invocation_stats.h"
#include "net/http_fetcher.h"
#include "net/proxy_client.h"
#include "script/script_fetch.h"
#include "server/http_server.h"
#include "server/router.h"
#include "spdlog/sinks/stdout_sinks.h"
#include "spdlog/spdlog.h"
#include "store/sqlite_store.h"
#include "testing/oauth2_client.h"
#include "webhooks/webhook_trigger.h"

namespace mimic {
namespace {

// Imports one --import argument: FILE, FILE:true or FILE:false.
bool ImportAtStart(ServiceCatalog& catalog, const std::string& argument) {
  std::string path = argument;
  bool main_artifact = true;
  if (EndsWith(argument, ":false")) {
    path = argument.substr(0, argument.size() - 6);
    main_artifact = false;
  } else if (EndsWith(argument, ":true")) {
    path = argument.substr(0, argument.size() - 5);
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    spdlog::error("event=import.failed artifact={} error={}", LogValue(path),
                  LogValue("cannot read the file; check the path given to --import"));
    return false;
  }
  std::stringstream buffer;
  buffer << file.rdbuf();
  std::string content = buffer.str();

  std::filesystem::path file_path(path);
  if (DetectArchiveFormat(content) != ArchiveFormat::kNone) {
    auto outcome = ImportBundle(catalog, content);
    if (!outcome) {
      spdlog::error("event=import.failed artifact={} error={}", LogValue(path),
                    LogValue(outcome.error().message));
      return false;
    }
    std::string refs;
    for (const std::string& ref : outcome->service_refs) refs += (refs.empty() ? "" : ",") + ref;
    spdlog::info("event=artifact.imported artifact={} bundle=true services={} diagnostics={}",
                 LogValue(file_path.filename().string()), LogValue(refs),
                 outcome->diagnostics.size());
    return true;
  }
  std::error_code ignored;
  std::filesystem::path absolute = std::filesystem::absolute(file_path, ignored);
  ImportRequest request;
  request.artifact_name = file_path.filename().string();
  request.main_artifact = main_artifact;
  // Relative references of a local file resolve against its folder.
  request.base_uri = "file://" + absolute.string();
  struct LocalFetcher : DocumentFetcher {
    Result<std::string> Fetch(const std::string& uri) override {
      if (!StartsWith(uri, "file://")) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "a local artifact may only refer to local files");
      }
      std::ifstream referenced(PercentDecode(uri.substr(7)), std::ios::binary);
      if (!referenced) return MakeError(ErrorCode::kNotFound, "the file does not exist");
      std::stringstream data;
      data << referenced.rdbuf();
      return data.str();
    }
  } fetcher;
  request.fetcher = &fetcher;
  auto outcome = catalog.Import(content, request);
  if (!outcome) {
    spdlog::error("event=import.failed artifact={} error={}", LogValue(path),
                  LogValue(outcome.error().message));
    return false;
  }
  std::string refs;
  for (const std::string& ref : outcome->service_refs) refs += (refs.empty() ? "" : ",") + ref;
  spdlog::info("event=artifact.imported artifact={} main={} services={} diagnostics={}",
               LogValue(request.artifact_name), main_artifact, LogValue(refs),
               outcome->diagnostics.size());
  return true;
}

}  // namespace

void InitLogging(const std::string& level) {
  auto logger = spdlog::stdout_logger_mt("mimic");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ level=%l %v", spdlog::pattern_time_type::utc);
  logger->set_level(spdlog::level::from_str(level));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

int RunServe(const ServeOptions& options) {
  auto started = std::chrono::steady_clock::now();
  // Handle SIGINT and SIGTERM from the first moment, so a stop sent right after the ready
  // line still shuts down cleanly.
  boost::asio::io_context signals_context;
  boost::asio::signal_set signals(signals_context, SIGINT, SIGTERM);

  std::string database = ":memory:";
  if (options.data_dir != ":memory:") {
    std::error_code error;
    std::filesystem::create_directories(options.data_dir, error);
    if (error) {
      spdlog::error("event=server.start_failed error={}",
                    LogValue("cannot create the data directory " + options.data_dir + ": " +
                             error.message()));
      return 1;
    }
    database = (std::filesystem::path(options.data_dir) / "mimic.db").string();
  }
  auto store = SqliteStore::Open(database);
  if (!store) {
    spdlog::error("event=server.start_failed error={}", LogValue(store.error().message));
    return 1;
  }
  ServiceCatalog catalog(store->get());
  catalog.set_index_options({options.serve_singular_examples});
  auto loaded = catalog.Load();
  if (!loaded) {
    spdlog::error("event=server.start_failed error={}", LogValue(loaded.error().message));
    return 1;
  }
  bool imports_ok = true;
  for (const std::string& argument : options.imports) {
    imports_ok = ImportAtStart(catalog, argument) && imports_ok;
  }

  std::vector<std::string> download_allow;
  for (const std::string& entry : options.download_allow) {
    if (entry != "none") download_allow.push_back(entry);
  }
  auto download_policy = AddressPolicy::Parse(download_allow);
  if (!download_policy) {
    spdlog::error("event=server.start_failed error={}",
                  LogValue("--download-allow: " + download_policy.error().message));
    return 2;
  }
  auto shared_download_policy = std::make_shared<const AddressPolicy>(std::move(*download_policy));
  FetcherFactory make_fetcher = [policy = shared_download_policy](const FetchSettings& settings) {
    auto fetcher = std::make_unique<HttpFetcher>();
    fetcher->SetAddressPolicy(policy, "--download-allow");
    fetcher->SetCredentials(settings.credentials);
    fetcher->SetVerifyTls(settings.verify_tls);
    return fetcher;
  };
  ImportJobs jobs(&catalog, make_fetcher, std::chrono::seconds(options.job_interval_seconds));

  ManagementApiConfig api_config;
  api_config.make_fetcher = make_fetcher;
  InvocationStats stats(store->get(), options.invocation_stats);
  ManagementApi api(&catalog, &stats, std::move(api_config));
  api.AddModule(std::make_unique<SecretsApi>(store->get()));
  api.AddModule(std::make_unique<JobsApi>(&jobs, shared_download_policy));
  auto tests_api = std::make_unique<TestsApi>(&catalog);
  tests_api->engine().SetOAuth2TokenFetcher(
      [](const Json& context) { return FetchOAuth2Token(context, std::chrono::seconds(10)); });
  api.AddModule(std::move(tests_api));
  api.AddModule(std::make_unique<SnapshotApi>(&catalog));
  RestFrontConfig rest_config;
  rest_config.cors.enabled = options.cors;
  rest_config.cors.allowed_origins = options.cors_origins;
  rest_config.cors.allow_credentials = options.cors_credentials;
  auto proxy_policy = AddressPolicy::Parse(options.proxy_allow);
  if (!proxy_policy) {
    spdlog::error("event=server.start_failed error={}", LogValue(proxy_policy.error().message));
    return 2;
  }
  rest_config.proxy_policy = std::make_shared<const AddressPolicy>(std::move(*proxy_policy));
  // Dispatch scripts' fetch() follows the same outbound rules as PROXY dispatchers.
  script::SetScriptFetcher([policy = rest_config.proxy_policy,
                            limits = rest_config.proxy_limits](const script::FetchRequest& call) {
    ProxyRequest forward{call.method, call.url, call.headers, call.body};
    HttpResponseData answer = ForwardRequest(forward, *policy, limits);
    script::FetchResponse response;
    response.status = answer.status;
    response.body = std::move(answer.body);
    response.headers = std::move(answer.headers);
    return response;
  });
  Router router(&catalog, &api, &stats, rest_config);
  api.AddModule(std::make_unique<WebhooksApi>(&catalog, rest_config.proxy_policy));
  api.AddModule(std::make_unique<DocumentationApi>(&catalog));
  WebhookTrigger webhook_trigger(&catalog, rest_config.proxy_policy);
  webhook_trigger.Start();

  HttpServerConfig server_config;
  server_config.address = options.address;
  server_config.port = options.port;
  server_config.threads = options.threads;
  server_config.max_body_bytes = options.max_upload_bytes;
  HttpServer server(server_config,
                    [&router](const HttpRequestView& request) { return router.Route(request); });
  auto port = server.Start();
  if (!port) {
    spdlog::error("event=server.start_failed error={}", LogValue(port.error().message));
    return 1;
  }
  auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
                     std::chrono::steady_clock::now() - started)
                     .count();
  // Testcontainers modules wait for the "Started MicrocksApplication" text.
  spdlog::info(
      "event=server.ready port={} address={} services={} store={} startup_ms={:.1f} "
      "message=\"Started MicrocksApplication in {:.3f} seconds\"",
      *port, options.address, catalog.ListServices().size(), LogValue(database), elapsed / 1000.0,
      elapsed / 1e6);
  if (!imports_ok)
    spdlog::warn("event=server.import_errors message=\"some --import files failed\"");

  signals.async_wait([&](const boost::system::error_code&, int signal) {
    spdlog::info("event=server.stopping signal={}", signal);
    server.Stop();
  });
  jobs.StartScheduler();
  signals_context.run();
  jobs.StopScheduler();
  spdlog::info("event=server.stopped");
  spdlog::default_logger()->flush();
  return 0;
}

}  // namespace mimic
