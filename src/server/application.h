#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mimic {

struct ServeOptions {
  std::string address = "0.0.0.0";
  uint16_t port = 8080;
  std::string data_dir = "mimic-data";  // ":memory:" keeps nothing on disk
  std::vector<std::string> imports;     // FILE or FILE:false for a secondary artifact
  int threads = 0;
  std::string log_level = "info";
  bool cors = true;
  std::string cors_origins = "*";
  bool cors_credentials = false;
  size_t max_upload_bytes = 64 * 1024 * 1024;
  // Addresses or CIDR ranges that PROXY dispatchers may reach although they are
  // loopback, private or link-local.
  std::vector<std::string> proxy_allow;
  bool invocation_stats = true;
  // Addresses or CIDR ranges that artifact downloads and import jobs may reach
  // although they are loopback, private or link-local; "none" allows none.
  std::vector<std::string> download_allow = {"127.0.0.0/8", "::1/128"};
  // Seconds between two imports of an active import job.
  int job_interval_seconds = 900;
  bool serve_singular_examples = true;
};

// Runs the server until SIGINT or SIGTERM. Returns the process exit code.
int RunServe(const ServeOptions& options);

// Configures the process-wide structured logger.
void InitLogging(const std::string& level);

}  // namespace mimic
