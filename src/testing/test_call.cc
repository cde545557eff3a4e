#include "testing/test_call.h"

#include <curl/curl.h>

#include "common/strings.h"
#include "net/http_fetcher.h"
#include "template/template_engine.h"

namespace mimic::contract {
namespace {

bool IsKnownVerb(std::string_view verb) {
  for (std::string_view known :
       {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"}) {
    if (verb == known) return true;
  }
  return false;
}

bool HasHeader(const std::vector<std::pair<std::string, std::string>>& headers,
               std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return true;
  }
  return false;
}

// Replaces an existing header of that name, so an override wins over the example.
void SetHeader(std::vector<std::pair<std::string, std::string>>& headers, const std::string& name,
               const std::string& value) {
  for (auto it = headers.begin(); it != headers.end();) {
    it = EqualsIgnoreCase(it->first, name) ? headers.erase(it) : it + 1;
  }
  headers.emplace_back(name, value);
}

std::string JoinValues(const std::vector<std::string>& values) {
  std::string joined;
  for (const std::string& value : values) joined += (joined.empty() ? "" : ", ") + value;
  return joined;
}

}  // namespace

std::string OperationPath(const Operation& operation) {
  size_t space = operation.name.find(' ');
  if (space != std::string::npos && operation.name.compare(space + 1, 1, "/") == 0) {
    return operation.name.substr(space + 1);
  }
  return operation.name;
}

std::string BuildTestUrl(std::string_view endpoint, std::string_view resource_path,
                         const std::vector<Parameter>& parameters) {
  std::vector<bool> used(parameters.size(), false);
  auto lookup = [&](std::string_view name) -> const std::string* {
    for (size_t i = 0; i < parameters.size(); ++i) {
      if (parameters[i].name == name) {
        used[i] = true;
        return &parameters[i].value;
      }
    }
    return nullptr;
  };
  std::string path;
  size_t start = 0;
  while (start <= resource_path.size()) {
    size_t end = resource_path.find('/', start);
    if (end == std::string_view::npos) end = resource_path.size();
    std::string_view segment = resource_path.substr(start, end - start);
    if (start > 0) path += '/';
    if (segment.size() > 2 && segment.front() == '{' && segment.back() == '}') {
      const std::string* value = lookup(segment.substr(1, segment.size() - 2));
      path += value != nullptr ? PercentEncode(*value) : std::string(segment);
    } else if (segment.size() > 1 && segment.front() == ':') {
      const std::string* value = lookup(segment.substr(1));
      path += value != nullptr ? PercentEncode(*value) : std::string(segment);
    } else {
      path += segment;
    }
    start = end + 1;
  }
  std::string url(endpoint);
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (!path.empty() && path.front() != '/') url += '/';
  url += path;
  std::string query;
  for (size_t i = 0; i < parameters.size(); ++i) {
    if (used[i]) continue;
    query += (query.empty() ? "" : "&") + PercentEncode(parameters[i].name) + "=" +
             PercentEncode(parameters[i].value);
  }
  if (!query.empty()) url += (url.find('?') == std::string::npos ? "?" : "&") + query;
  return url;
}

OutgoingCall BuildTestCall(const Operation& operation, const Request& example,
                           std::string_view endpoint, const CallContext& context) {
  OutgoingCall call;
  std::string verb = operation.method.empty() ? "POST" : operation.method;
  for (char& c : verb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  call.method = IsKnownVerb(verb) ? verb : "POST";
  call.url = context.append_operation_path
                 ? BuildTestUrl(endpoint, OperationPath(operation), example.query_parameters)
                 : std::string(endpoint);

  for (const Header& header : example.headers) {
    if (!header.values.empty()) call.headers.emplace_back(header.name, JoinValues(header.values));
  }
  if (context.operation_headers != nullptr) {
    for (std::string_view key : {std::string_view("globals"), std::string_view(operation.name)}) {
      const std::vector<Header>* extra = context.operation_headers->Find(key);
      if (extra == nullptr) continue;
      for (const Header& header : *extra)
        SetHeader(call.headers, header.name, JoinValues(header.values));
    }
  }
  call.recorded_headers = call.headers;
  std::vector<std::pair<std::string, std::string>> credentials;
  if (!context.oauth2_token.empty()) {
    credentials.emplace_back("Authorization", "Bearer " + context.oauth2_token);
  } else if (context.secret != nullptr) {
    credentials = SecretHeaders(*context.secret);
  }
  for (const auto& [name, value] : credentials) {
    SetHeader(call.headers, name, value);
    SetHeader(call.recorded_headers, name, std::string(kSecretPlaceholder));
  }

  call.body = example.content;
  if (call.body.find("{{") != std::string::npos) {
    tmpl::EvaluableRequest evaluable;
    evaluable.body = example.content;
    evaluable.path = Split(OperationPath(operation), "/");
    for (const Parameter& parameter : example.query_parameters) {
      evaluable.params.emplace_back(parameter.name, parameter.value);
    }
    evaluable.headers = call.recorded_headers;
    tmpl::TemplateContext template_context;
    call.body = tmpl::RenderText(example.content, evaluable, template_context);
  }
  if (!call.body.empty() && !HasHeader(call.headers, "Content-Type")) {
    call.headers.emplace_back("Content-Type", "application/json");
    call.recorded_headers.emplace_back("Content-Type", "application/json");
  }
  return call;
}

std::string_view CallOutcome::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

namespace {

struct Transfer {
  CallOutcome* outcome = nullptr;
  size_t max_bytes = 0;
  bool too_large = false;
  const std::atomic<bool>* cancelled = nullptr;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  size_t bytes = size * count;
  if (transfer->outcome->body.size() + bytes > transfer->max_bytes) {
    transfer->too_large = true;
    return 0;
  }
  transfer->outcome->body.append(data, bytes);
  return bytes;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  std::string_view line(data, size * count);
  if (StartsWith(line, "HTTP/")) {
    transfer->outcome->headers.clear();  // a 100 Continue or a redirect came first
    return size * count;
  }
  size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    transfer->outcome->headers.emplace_back(std::string(Trim(line.substr(0, colon))),
                                            std::string(Trim(line.substr(colon + 1))));
  }
  return size * count;
}

int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* transfer = static_cast<Transfer*>(user);
  return transfer->cancelled != nullptr && transfer->cancelled->load() ? 1 : 0;
}

}  // namespace

TestHttpClient::TestHttpClient(const Secret* secret, const std::atomic<bool>* cancelled)
    : cancelled_(cancelled) {
  InitHttpClient();
  curl_ = curl_easy_init();
  if (secret != nullptr) ca_pem_ = secret->ca_cert_pem;
}

TestHttpClient::~TestHttpClient() {
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

CallOutcome TestHttpClient::Send(const OutgoingCall& call, const CallLimits& limits) {
  CallOutcome outcome;
  std::string lowered = ToLower(call.url);
  if (!StartsWith(lowered, "http://") && !StartsWith(lowered, "https://")) {
    outcome.error = "the test endpoint must be an http or https URL, not '" + call.url + "'";
    return outcome;
  }
  CURL* curl = static_cast<CURL*>(curl_);
  if (curl == nullptr) {
    outcome.error = "cannot create an HTTP client";
    return outcome;
  }
  curl_easy_reset(curl);
  Transfer transfer{&outcome, limits.max_response_bytes, false, cancelled_};
  curl_easy_setopt(curl, CURLOPT_URL, call.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, call.method.c_str());
  long total = std::max<long>(1, static_cast<long>(limits.total_timeout.count()));
  long connect = std::min<long>(total, static_cast<long>(limits.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, std::max<long>(1, connect));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, total);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, OnProgress);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  if (ca_pem_.empty()) {
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
  } else {
    curl_blob blob{ca_pem_.data(), ca_pem_.size(), CURL_BLOB_NOCOPY};
    curl_easy_setopt(curl, CURLOPT_CAINFO_BLOB, &blob);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  }
  if (call.method == "HEAD") curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  if (!call.body.empty()) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, call.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(call.body.size()));
  }
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : call.headers) {
    if (EqualsIgnoreCase(name, "host") || EqualsIgnoreCase(name, "content-length")) continue;
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  }
  // Send only the example's headers: curl would add Expect and a form Content-Type.
  headers = curl_slist_append(headers, "Expect:");
  if (call.body.empty()) headers = curl_slist_append(headers, "Content-Type:");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

  auto started = std::chrono::steady_clock::now();
  CURLcode code = curl_easy_perform(curl);
  outcome.elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);

  if (transfer.too_large) {
    outcome.error = "the response from " + call.url + " is larger than " +
                    std::to_string(limits.max_response_bytes) + " bytes";
  } else if (code == CURLE_OPERATION_TIMEDOUT) {
    outcome.timed_out = true;
    outcome.error = "no response from " + call.url + " within " +
                    std::to_string(limits.total_timeout.count()) + " ms";
  } else if (code == CURLE_ABORTED_BY_CALLBACK) {
    outcome.error = "the call to " + call.url + " was cancelled because the server is stopping";
  } else if (code != CURLE_OK) {
    outcome.error = "cannot call " + call.url + ": " + curl_easy_strerror(code);
  } else {
    outcome.completed = true;
    outcome.status = static_cast<int>(status);
  }
  return outcome;
}

}  // namespace mimic::contract
