#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/service.h"
#include "secrets/secret.h"
#include "testing/test_result.h"

namespace mimic::contract {

// What a test step sends to the tested endpoint.
struct OutgoingCall {
  std::string method;
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Headers as the test records them: credentials from a secret or a token are
  // replaced by a placeholder so they never reach the store.
  std::vector<std::pair<std::string, std::string>> recorded_headers;
};

// Credentials and extra headers shared by every call of a run.
struct CallContext {
  const OperationHeaders* operation_headers = nullptr;
  const Secret* secret = nullptr;  // may be null
  std::string oauth2_token;        // when set, sent as "Authorization: Bearer"
  // REST services append the operation path to the endpoint. Other services
  // (SOAP, GraphQL) are called at the endpoint itself, as Microcks does.
  bool append_operation_path = true;
};

// The placeholder recorded instead of a credential value.
inline constexpr std::string_view kSecretPlaceholder = "<value-from-secret>";

// Expands an operation's resource path with the example's parameters: "{p}" and
// ":p" segments take the percent-encoded value of the parameter with that name,
// and the other parameters are appended as a query string.
std::string BuildTestUrl(std::string_view endpoint, std::string_view resource_path,
                         const std::vector<Parameter>& parameters);

// Returns "/path" for an operation named "VERB /path", and the whole name otherwise.
std::string OperationPath(const Operation& operation);

// Builds the call for one example. It uses the operation's verb (unknown verbs
// become POST) and the URL of BuildTestUrl. Headers are the example's, then the
// "globals" and the operation's extra headers, then the secret's or the token's
// credentials. The body has its `{{ }}` templates rendered as mocks render them.
OutgoingCall BuildTestCall(const Operation& operation, const Request& example,
                           std::string_view endpoint, const CallContext& context);

// What came back from the tested endpoint.
struct CallOutcome {
  bool completed = false;  // a full HTTP response arrived
  bool timed_out = false;
  std::string error;  // why the call failed when !completed
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int64_t elapsed_ms = 0;

  std::string_view Header(std::string_view name) const;
};

struct CallLimits {
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds total_timeout{10000};
  size_t max_response_bytes = 16 * 1024 * 1024;
};

// Sends test calls with libcurl, reusing connections between the calls of one
// run. Calls block, so only test workers use it. The user chooses the tested
// endpoint, so no address policy applies. As in Microcks, TLS certificates are
// trusted unless the secret carries a CA certificate, which is then the only
// trusted one, and host names are never checked.
class TestHttpClient {
 public:
  // `cancelled` aborts a call in flight when it becomes true; may be null.
  explicit TestHttpClient(const Secret* secret, const std::atomic<bool>* cancelled = nullptr);
  ~TestHttpClient();
  TestHttpClient(const TestHttpClient&) = delete;
  TestHttpClient& operator=(const TestHttpClient&) = delete;

  CallOutcome Send(const OutgoingCall& call, const CallLimits& limits);

 private:
  void* curl_ = nullptr;
  std::string ca_pem_;
  const std::atomic<bool>* cancelled_;
};

}  // namespace mimic::contract
