#include "cli/api_client.h"

#include <curl/curl.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "common/json.h"
#include "common/strings.h"

namespace mimic::cli {
namespace {

constexpr size_t kMaxMessageBytes = 600;

size_t AppendBody(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

size_t AppendHeader(char* data, size_t size, size_t count, void* user) {
  auto* headers = static_cast<std::vector<std::pair<std::string, std::string>>*>(user);
  std::string_view line(data, size * count);
  if (StartsWith(line, "HTTP/")) {
    headers->clear();  // a new response starts, e.g. after 100 Continue
    return size * count;
  }
  size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    headers->emplace_back(std::string(Trim(line.substr(0, colon))),
                          std::string(Trim(line.substr(colon + 1))));
  }
  return size * count;
}

bool IsTlsFailure(CURLcode code) {
  return code == CURLE_SSL_CONNECT_ERROR || code == CURLE_PEER_FAILED_VERIFICATION ||
         code == CURLE_SSL_CERTPROBLEM || code == CURLE_SSL_CACERT_BADFILE ||
         code == CURLE_SSL_ISSUER_ERROR || code == CURLE_SSL_PINNEDPUBKEYNOTMATCH;
}

CommandError TransportError(CURLcode code, const char* detail_buffer, const std::string& base_url) {
  std::string detail = detail_buffer[0] != '\0' ? detail_buffer : curl_easy_strerror(code);
  if (IsTlsFailure(code)) {
    return {ExitCode::kConnection,
            "the TLS connection to " + base_url + " failed: " + detail +
                ". Pass --caCerts FILE to trust the server's certificate, or --insecure to "
                "skip verification."};
  }
  if (code == CURLE_OPERATION_TIMEDOUT) {
    return {ExitCode::kConnection, "the server at " + base_url + " did not answer in time: " +
                                       detail + ". Check that it is running and not overloaded."};
  }
  return {ExitCode::kConnection,
          "cannot reach the server at " + base_url + ": " + detail +
              ". Check that the Mimic server is running and that --server (or MIMIC_SERVER) "
              "points to it."};
}

std::string DescribeParts(const std::vector<FormPart>& parts) {
  std::string text;
  for (const FormPart& part : parts) {
    if (!text.empty()) text += ", ";
    if (part.file_name.empty()) {
      text += part.name + "=" + part.value;
    } else {
      text +=
          part.name + "=" + part.file_name + " (" + std::to_string(part.value.size()) + " bytes)";
    }
  }
  return text;
}

}  // namespace

std::string HttpReply::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return "";
}

CommandResult<std::string> NormalizeServerUrl(std::string_view text) {
  std::string url(Trim(text));
  auto invalid = [&](std::string_view reason) {
    return Fail(ExitCode::kUsage, "invalid server URL '" + url + "': " + std::string(reason) +
                                      ". Use the form http://HOST:PORT or https://HOST:PORT.");
  };
  std::string lowered = ToLower(url);
  size_t scheme_end = 0;
  if (StartsWith(lowered, "http://")) {
    scheme_end = 7;
  } else if (StartsWith(lowered, "https://")) {
    scheme_end = 8;
  } else {
    return invalid("it must start with http:// or https://");
  }
  for (unsigned char c : url) {
    if (c <= 0x20 || c == 0x7f) return invalid("it contains a space or a control character");
  }
  if (url.find_first_of("?#") != std::string::npos) {
    return invalid("it must not contain a query or a fragment");
  }
  size_t host_end = url.find('/', scheme_end);
  if (host_end == scheme_end || scheme_end == url.size()) return invalid("the host is missing");

  while (url.size() > scheme_end && url.back() == '/') url.pop_back();
  // microcks-cli takes the API root (http://host:8080/api/), and --server the server root.
  if (url.size() > scheme_end + 4 && EndsWith(ToLower(url), "/api")) url.resize(url.size() - 4);
  while (url.size() > scheme_end && url.back() == '/') url.pop_back();
  return url;
}

ApiClient::ApiClient(ConnectionSettings settings) : settings_(std::move(settings)) {
  curl_ = curl_easy_init();
}

ApiClient::~ApiClient() {
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

CommandResult<void> ApiClient::Init() {
  if (curl_ == nullptr) return Fail(ExitCode::kOther, "cannot initialize libcurl");
  if (settings_.ca_cert_files.empty()) return {};

  // With OpenSSL, CURLOPT_CAINFO_BLOB replaces the default CA file instead of adding to
  // it, so the blob starts with that file to keep the system CAs trusted.
  char* default_ca_file = nullptr;
  curl_easy_getinfo(static_cast<CURL*>(curl_), CURLINFO_CAINFO, &default_ca_file);
  if (default_ca_file != nullptr) {
    std::ifstream file(default_ca_file, std::ios::binary);
    std::stringstream content;
    content << file.rdbuf();
    ca_bundle_ = content.str() + "\n";
  }
  for (const std::string& path : settings_.ca_cert_files) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
      return Fail(ExitCode::kNotFound, "CA certificate file not found or not readable: " + path +
                                           ". Check the paths given to --caCerts.");
    }
    std::stringstream content;
    content << file.rdbuf();
    ca_bundle_ += content.str();
    ca_bundle_ += "\n";
  }
  return {};
}

CommandResult<HttpReply> ApiClient::Get(std::string_view path) {
  return Perform("GET", path, nullptr);
}

CommandResult<HttpReply> ApiClient::Delete(std::string_view path) {
  return Perform("DELETE", path, nullptr);
}

CommandResult<HttpReply> ApiClient::PostMultipart(std::string_view path,
                                                  const std::vector<FormPart>& parts) {
  return Perform("POST", path, &parts);
}

CommandResult<HttpReply> ApiClient::PostJson(std::string_view path, const std::string& body) {
  return Perform("POST", path, nullptr, &body);
}

CommandResult<HttpReply> ApiClient::Perform(std::string_view method, std::string_view path,
                                            const std::vector<FormPart>* parts,
                                            const std::string* json_body) {
  if (curl_ == nullptr) return Fail(ExitCode::kOther, "cannot initialize libcurl");
  CURL* curl = static_cast<CURL*>(curl_);
  // Reset keeps the connection cache, so consecutive calls reuse one connection.
  curl_easy_reset(curl);

  std::string url = settings_.base_url + std::string(path);
  HttpReply reply;
  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, settings_.connect_timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, settings_.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "mimic-cli/" MIMIC_VERSION);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, AppendHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &reply.headers);
  if (settings_.insecure) {
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (!ca_bundle_.empty()) {
    curl_blob blob{ca_bundle_.data(), ca_bundle_.size(), CURL_BLOB_COPY};
    curl_easy_setopt(curl, CURLOPT_CAINFO_BLOB, &blob);
  }

  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Accept: application/json, text/plain, */*");
  // Without this header libcurl waits for "100 Continue" before sending large uploads.
  headers = curl_slist_append(headers, "Expect:");
  if (json_body != nullptr) headers = curl_slist_append(headers, "Content-Type: application/json");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

  curl_mime* mime = nullptr;
  if (parts != nullptr) {
    mime = curl_mime_init(curl);
    for (const FormPart& part : *parts) {
      curl_mimepart* mime_part = curl_mime_addpart(mime);
      curl_mime_name(mime_part, part.name.c_str());
      curl_mime_data(mime_part, part.value.data(), part.value.size());
      if (!part.file_name.empty()) curl_mime_filename(mime_part, part.file_name.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_MIMEPOST, mime);
  } else if (json_body != nullptr) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json_body->c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(json_body->size()));
  } else if (method != "GET") {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, std::string(method).c_str());
  }

  if (settings_.verbose_log != nullptr) {
    *settings_.verbose_log << "> " << method << " " << url;
    if (parts != nullptr) *settings_.verbose_log << "  [" << DescribeParts(*parts) << "]";
    if (json_body != nullptr) {
      *settings_.verbose_log << "  [JSON, " << json_body->size() << " bytes]";
    }
    *settings_.verbose_log << std::endl;
  }
  auto start = std::chrono::steady_clock::now();
  CURLcode code = curl_easy_perform(curl);
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - start)
                     .count();
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
  curl_slist_free_all(headers);
  if (mime != nullptr) curl_mime_free(mime);

  if (code != CURLE_OK) {
    CommandError error = TransportError(code, error_buffer, settings_.base_url);
    if (code == CURLE_URL_MALFORMAT) {
      error = {ExitCode::kUsage, "invalid request URL '" + url + "': " + error_buffer + "."};
    }
    if (settings_.verbose_log != nullptr) {
      *settings_.verbose_log << "< failed after " << elapsed << " ms: " << curl_easy_strerror(code)
                             << std::endl;
    }
    return tl::unexpected<CommandError>(std::move(error));
  }
  if (settings_.verbose_log != nullptr) {
    *settings_.verbose_log << "< " << reply.status << " in " << elapsed << " ms, "
                           << reply.body.size() << " bytes" << std::endl;
  }
  return reply;
}

std::string ServerMessage(const HttpReply& reply) {
  std::string_view body = Trim(reply.body);
  if (body.empty()) return "no message in the response body";
  if (StartsWith(body, "{")) {
    Json json = Json::parse(body.begin(), body.end(), nullptr, false);
    if (!json.is_discarded() && json.is_object()) {
      for (const char* key : {"message", "error"}) {
        auto field = json.find(key);
        if (field != json.end() && field->is_string() && !field->get<std::string>().empty()) {
          return field->get<std::string>();
        }
      }
    }
  }
  if (body.size() <= kMaxMessageBytes) return std::string(body);
  return std::string(body.substr(0, kMaxMessageBytes)) + "... (" + std::to_string(body.size()) +
         " bytes)";
}

CommandError ApiError(const HttpReply& reply, std::string_view action) {
  return {ExitCode::kApi, "the server rejected " + std::string(action) + " (HTTP " +
                              std::to_string(reply.status) + "): " + ServerMessage(reply)};
}

}  // namespace mimic::cli
