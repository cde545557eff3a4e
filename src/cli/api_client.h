#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/command_error.h"

namespace mimic::cli {

// Connection settings of the management API client.
struct ConnectionSettings {
  // Server root without a trailing slash or `/api`, e.g. http://localhost:8080.
  std::string base_url;
  bool insecure = false;                   // skip TLS certificate and host name verification
  std::vector<std::string> ca_cert_files;  // PEM files trusted on top of the system CAs
  long connect_timeout_seconds = 10;
  // Limit on a whole exchange, server-side import included. NOTE: no flag sets it yet.
  long timeout_seconds = 300;
  // Stream that receives one line per HTTP request and response, or null for none.
  std::ostream* verbose_log = nullptr;
};

struct HttpReply {
  long status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  // Returns the first header with this name, compared case-insensitively, or "".
  std::string Header(std::string_view name) const;
};

// One part of a multipart/form-data body. A part with a file name is sent as a file.
struct FormPart {
  std::string name;
  std::string value;
  std::string file_name;
};

// Turns the value of --server or --microcksURL into the server root: it accepts
// http and https URLs with or without a trailing `/api` or `/api/`.
CommandResult<std::string> NormalizeServerUrl(std::string_view text);

// A libcurl client for the management API. Transport failures become
// ExitCode::kConnection errors. HTTP error statuses are returned as replies,
// because each command words its own message for them.
class ApiClient {
 public:
  explicit ApiClient(ConnectionSettings settings);
  ~ApiClient();
  ApiClient(const ApiClient&) = delete;
  ApiClient& operator=(const ApiClient&) = delete;

  // Loads the files of ca_cert_files. Call it once before the first request.
  CommandResult<void> Init();

  // `path` starts with a slash and is appended to the base URL, e.g. "/api/services".
  CommandResult<HttpReply> Get(std::string_view path);
  CommandResult<HttpReply> Delete(std::string_view path);
  CommandResult<HttpReply> PostMultipart(std::string_view path, const std::vector<FormPart>& parts);
  // Sends `body` as application/json.
  CommandResult<HttpReply> PostJson(std::string_view path, const std::string& body);

  const std::string& base_url() const { return settings_.base_url; }

 private:
  CommandResult<HttpReply> Perform(std::string_view method, std::string_view path,
                                   const std::vector<FormPart>* parts,
                                   const std::string* json_body = nullptr);

  ConnectionSettings settings_;
  std::string ca_bundle_;  // the default CA file, then the ca_cert_files, all PEM
  void* curl_ = nullptr;   // CURL*, kept opaque so that users need not include curl.h
};

// Builds the error for a reply whose status the command did not expect: it names
// the action and carries the server's message (from a JSON `message` or `error`
// field, else the body text, shortened).
CommandError ApiError(const HttpReply& reply, std::string_view action);

// Extracts the server's message from an error body.
std::string ServerMessage(const HttpReply& reply);

}  // namespace mimic::cli
