// Checks the management API against Microcks' published OpenAPI description:
// every operation of the description is called on a real server, and its
// status and JSON body must match what the description declares. An operation
// without a call here fails the test, so the table below grows with the API.
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "common/json.h"
#include "importer/document.h"
#include "schema/json_schema.h"
#include "support/server_process.h"
#include "support/test_paths.h"

namespace mimic::testing {
namespace {

std::string ContractPath() {
  return SourceDir() + "/../shared/reference/microcks-api/microcks-openapi-v1.15.yaml";
}

// Escapes one JSON Pointer segment.
std::string PointerSegment(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

std::string UrlEncode(const std::string& text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return encoded;
}

struct ContractOperation {
  std::string id;
  std::string method;   // upper case
  std::string path;     // as written, without the /api server prefix
  std::string pointer;  // JSON Pointer of the operation object
};

class ApiContract : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(ContractPath())) return;
    auto document = ParseDocument(ReadFile(ContractPath()));
    ASSERT_TRUE(document) << "cannot read " << ContractPath() << ": " << document.error().message;
    contract_ = new Json(std::move(*document));
    // The description requires "elapsedTome" on TestStepResult, a typo for the
    // "elapsedTime" that Microcks sends and its clients read.
    Json& required = (*contract_)["components"]["schemas"]["TestStepResult"]["required"];
    for (Json& name : required) {
      if (name == "elapsedTome") name = "elapsedTime";
    }
  }
  static void TearDownTestSuite() {
    delete contract_;
    contract_ = nullptr;
  }

  static std::vector<ContractOperation> Operations() {
    std::vector<ContractOperation> operations;
    for (const auto& [path, item] : (*contract_)["paths"].items()) {
      for (const auto& [method, node] : item.items()) {
        static const std::set<std::string> kMethods = {"get", "post", "put", "delete", "patch"};
        if (!kMethods.count(method)) continue;
        std::string upper;
        for (char c : method) upper += static_cast<char>(std::toupper(c));
        operations.push_back({FieldOr(node, "operationId", ""), upper, path,
                              "/paths/" + PointerSegment(path) + "/" + method});
      }
    }
    return operations;
  }

  // Resolves a local $ref of the contract ("#/components/responses/X").
  static const Json& Resolve(const Json& node) {
    if (node.is_object() && node.contains("$ref")) {
      std::string ref = node["$ref"].get<std::string>();
      return (*contract_)[Json::json_pointer(ref.substr(1))];
    }
    return node;
  }

  // Checks the response to `operation` against the responses it declares.
  static void CheckResponse(const ContractOperation& operation, const HttpResult& result) {
    SCOPED_TRACE(operation.id + " " + operation.method + " " + operation.path);
    ASSERT_TRUE(result.error.empty()) << result.error;
    const Json& responses = (*contract_)[Json::json_pointer(operation.pointer)]["responses"];
    std::string status = std::to_string(result.status);
    ASSERT_TRUE(responses.contains(status))
        << "status " << status << " is not declared; body: " << result.body.substr(0, 300);

    // Microcks serves a resource's raw content (YAML, JSON or XML, by file
    // extension) where the description declares a Resource object. Clients
    // such as validators resolving external refs rely on the raw content.
    if (operation.id == "GetResource") {
      EXPECT_FALSE(result.Header("Content-Type").empty());
      return;
    }

    const Json& response = Resolve(responses[status]);
    if (!response.contains("content") || result.body.empty()) return;
    const Json& content = response["content"];
    if (!content.contains("application/json")) return;
    const Json& media = content["application/json"];
    if (!media.contains("schema")) return;

    // Build the pointer of the schema inside the contract, following a
    // response $ref when there is one.
    std::string schema_pointer;
    if (responses[status].contains("$ref")) {
      schema_pointer = responses[status]["$ref"].get<std::string>().substr(1) +
                       "/content/application~1json/schema";
    } else {
      schema_pointer =
          operation.pointer + "/responses/" + status + "/content/application~1json/schema";
    }
    const Json& schema = (*contract_)[Json::json_pointer(schema_pointer)];
    if (FieldOr(schema, "format", "") == "binary") return;

    Json body = Json::parse(result.body, nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(body.is_discarded()) << "body is not JSON: " << result.body.substr(0, 300);
    auto validator =
        schema::Validator::Compile(*contract_, schema_pointer, schema::Dialect::kOpenApi30);
    ASSERT_TRUE(validator) << validator.error().message;
    auto errors = validator->Validate(body);
    std::string listed;
    for (const auto& error : errors) listed += "\n  " + schema::FormatValidationError(error);
    EXPECT_TRUE(errors.empty()) << "body does not match the schema:" << listed
                                << "\nbody: " << result.body.substr(0, 500);
  }

  static Json* contract_;
};

Json* ApiContract::contract_ = nullptr;

// Server state the calls need: ids created by earlier calls.
struct Session {
  std::string base;
  std::string api;
  std::string service_id;
  std::string secret_id;
  std::string job_id;
  std::string test_id;
  std::string test_case_id;
  std::string webhook_id;
  std::string snapshot;
};

HttpResult JsonCall(const std::string& method, const std::string& url, const Json& body) {
  HttpCall call;
  call.method = method;
  call.url = url;
  call.headers = {"Content-Type: application/json"};
  call.body = DumpJson(body);
  return Send(call);
}

HttpResult Call(const std::string& method, const std::string& url) {
  HttpCall call;
  call.method = method;
  call.url = url;
  return Send(call);
}

std::string IdOf(const HttpResult& result) {
  Json body = Json::parse(result.body, nullptr, false);
  return FieldOr(body, "id", "");
}

using Recipe = std::function<HttpResult(Session&)>;

// One call per operation id, in the order they run: creations first, reads,
// then updates and deletions.
std::vector<std::pair<std::string, Recipe>> Recipes() {
  return {
      {"uploadArtifact",
       [](Session& s) {
         auto result = Upload(s.base, "pet-shelter-openapi.yaml",
                              ReadFile(SourceDir() + "/samples/pet-shelter-openapi.yaml"));
         Upload(s.base, "pet-shelter-examples.yaml",
                ReadFile(SourceDir() + "/samples/pet-shelter-examples.yaml"), false);
         return result;
       }},
      {"GetServices",
       [](Session& s) {
         auto result = Call("GET", s.api + "/services");
         Json list = Json::parse(result.body, nullptr, false);
         if (list.is_array() && !list.empty()) s.service_id = FieldOr(list[0], "id", "");
         return result;
       }},
      {"GetServicesCounter", [](Session& s) { return Call("GET", s.api + "/services/count"); }},
      {"GetServicesLabels", [](Session& s) { return Call("GET", s.api + "/services/labels"); }},
      {"SearchServices",
       [](Session& s) { return Call("GET", s.api + "/services/search?queryMap%5Bname%5D=Pet"); }},
      {"GetService",
       [](Session& s) {
         return Call("GET", s.api + "/services/" + s.service_id + "?messages=true");
       }},
      {"GetResourcesByService",
       [](Session& s) { return Call("GET", s.api + "/resources/service/" + s.service_id); }},
      {"GetResource",
       [](Session& s) {
         auto list = Json::parse(Call("GET", s.api + "/resources/service/" + s.service_id).body,
                                 nullptr, false);
         std::string name = list.is_array() && !list.empty() ? FieldOr(list[0], "name", "") : "";
         return Call("GET", s.api + "/resources/" + UrlEncode(name));
       }},
      {"GetKeycloakConfig", [](Session& s) { return Call("GET", s.api + "/keycloak/config"); }},
      {"GetFeaturesConfig", [](Session& s) { return Call("GET", s.api + "/features/config"); }},
      {"downloadArtifact",
       [](Session& s) {
         HttpCall call;
         call.method = "POST";
         call.url = s.api + "/artifact/download";
         call.headers = {"Content-Type: application/x-www-form-urlencoded"};
         // The server downloads its own stored resource, which is on loopback.
         auto list = Json::parse(Call("GET", s.api + "/resources/service/" + s.service_id).body,
                                 nullptr, false);
         std::string name = list.is_array() && !list.empty() ? FieldOr(list[0], "name", "") : "";
         call.body = "mainArtifact=true&url=" + UrlEncode(s.api + "/resources/" + UrlEncode(name));
         return Send(call);
       }},
      {"OverrideServiceOperation",
       [](Session& s) {
         return JsonCall("PUT",
                         s.api + "/services/" + s.service_id +
                             "/operation?operationName=" + UrlEncode("GET /pets"),
                         {{"dispatcher", "URI_PARAMS"}, {"dispatcherRules", "status"}});
       }},
      {"UpdateServiceMetadata",
       [](Session& s) {
         return JsonCall("PUT", s.api + "/services/" + s.service_id + "/metadata",
                         {{"labels", {{"domain", "pets"}, {"env", "test"}}}});
       }},
      {"CreateSecret",
       [](Session& s) {
         auto result = JsonCall("POST", s.api + "/secrets",
                                {{"name", "gitlab"},
                                 {"description", "read-only token"},
                                 {"token", "abc"},
                                 {"tokenHeader", "PRIVATE-TOKEN"}});
         s.secret_id = IdOf(result);
         return result;
       }},
      {"GetSecrets", [](Session& s) { return Call("GET", s.api + "/secrets"); }},
      {"GetSecretsCounter", [](Session& s) { return Call("GET", s.api + "/secrets/count"); }},
      {"SearchSecrets", [](Session& s) { return Call("GET", s.api + "/secrets/search?name=git"); }},
      {"GetSecret", [](Session& s) { return Call("GET", s.api + "/secrets/" + s.secret_id); }},
      {"UpdateSecret",
       [](Session& s) {
         return JsonCall("PUT", s.api + "/secrets/" + s.secret_id,
                         {{"id", s.secret_id},
                          {"name", "gitlab"},
                          {"description", "rotated"},
                          {"token", "def"}});
       }},
      {"CreateImportJob",
       [](Session& s) {
         auto result = JsonCall("POST", s.api + "/jobs",
                                {{"name", "shelter"},
                                 {"repositoryUrl", s.api + "/resources/service/none"},
                                 {"mainArtifact", true}});
         s.job_id = IdOf(result);
         return result;
       }},
      {"GetImportJobs", [](Session& s) { return Call("GET", s.api + "/jobs"); }},
      {"GetImportJobCounter", [](Session& s) { return Call("GET", s.api + "/jobs/count"); }},
      {"GetImportJob", [](Session& s) { return Call("GET", s.api + "/jobs/" + s.job_id); }},
      {"UpdateImportJob",
       [](Session& s) {
         return JsonCall("POST", s.api + "/jobs/" + s.job_id,
                         {{"id", s.job_id},
                          {"name", "shelter"},
                          {"repositoryUrl", s.api + "/resources/service/none"},
                          {"mainArtifact", true}});
       }},
      {"ActivateImportJob",
       [](Session& s) { return Call("PUT", s.api + "/jobs/" + s.job_id + "/activate"); }},
      {"StartImportJob",
       [](Session& s) { return Call("PUT", s.api + "/jobs/" + s.job_id + "/start"); }},
      {"StopImportJob",
       [](Session& s) { return Call("PUT", s.api + "/jobs/" + s.job_id + "/stop"); }},
      {"CreateTest",
       [](Session& s) {
         // The server's own mocks are the tested implementation.
         auto result = JsonCall("POST", s.api + "/tests",
                                {{"serviceId", "Pet Shelter:1.0.0"},
                                 {"testEndpoint", s.base + "/rest/Pet+Shelter/1.0.0"},
                                 {"runnerType", "HTTP"},
                                 {"timeout", 5000}});
         s.test_id = IdOf(result);
         for (int i = 0; i < 100; ++i) {
           Json test = Json::parse(Call("GET", s.api + "/tests/" + s.test_id).body, nullptr, false);
           if (!FieldOr(test, "inProgress", true)) {
             Json cases = FieldOr(test, "testCaseResults", Json::array());
             std::string operation =
                 cases.empty() ? "GET /pets" : FieldOr(cases[0], "operationName", "");
             // Microcks' test case id: result id, test number and operation
             // name, with '/' written as '!'.
             for (char& c : operation) {
               if (c == '/') c = '!';
             }
             s.test_case_id = s.test_id + "-" +
                              std::to_string(FieldOr(test, "testNumber", int64_t{1})) + "-" +
                              operation;
             break;
           }
           std::this_thread::sleep_for(std::chrono::milliseconds(50));
         }
         return result;
       }},
      {"GetTestResult", [](Session& s) { return Call("GET", s.api + "/tests/" + s.test_id); }},
      {"GetTestResultsByService",
       [](Session& s) { return Call("GET", s.api + "/tests/service/" + s.service_id); }},
      {"GetTestResultsByServiceCounter",
       [](Session& s) { return Call("GET", s.api + "/tests/service/" + s.service_id + "/count"); }},
      {"GetMessagesByTestCase",
       [](Session& s) {
         return Call("GET",
                     s.api + "/tests/" + s.test_id + "/messages/" + UrlEncode(s.test_case_id));
       }},
      {"GetEventsByTestCase",
       [](Session& s) {
         return Call("GET", s.api + "/tests/" + s.test_id + "/events/" + UrlEncode(s.test_case_id));
       }},
      {"ReportTestCaseResult",
       [](Session& s) {
         return JsonCall("POST", s.api + "/tests/" + s.test_id + "/testCaseResult",
                         {{"operationName", "GET /pets"}, {"testReturns", Json::array()}});
       }},
      {"GetLatestTestResults",
       [](Session& s) { return Call("GET", s.api + "/metrics/tests/latest"); }},
      {"GetConformanceMetricsAggregation",
       [](Session& s) { return Call("GET", s.api + "/metrics/conformance/aggregate"); }},
      {"GetServiceTestConformanceMetric",
       [](Session& s) {
         return Call("GET", s.api + "/metrics/conformance/service/" + s.service_id);
       }},
      {"GetAggregatedInvocationsStats",
       [](Session& s) {
         Call("GET", s.base + "/rest/Pet+Shelter/1.0.0/pets?status=available");
         return Call("GET", s.api + "/metrics/invocations/global");
       }},
      {"GetTopIvnocationsStatsByDay",
       [](Session& s) { return Call("GET", s.api + "/metrics/invocations/top"); }},
      {"GetInvocationStatsByService",
       [](Session& s) { return Call("GET", s.api + "/metrics/invocations/Pet%20Shelter/1.0.0"); }},
      {"GetLatestAggregatedInvocationsStats",
       [](Session& s) { return Call("GET", s.api + "/metrics/invocations/global/latest"); }},
      {"RegisterWebhook",
       [](Session& s) {
         auto result = JsonCall(
             "POST", s.api + "/webhooks",
             {{"operationId", s.service_id + "-GET /pets"}, {"targetUrl", s.base + "/api/health"}});
         s.webhook_id = IdOf(result);
         return result;
       }},
      {"ListWebhookRegistrationsForOperation",
       [](Session& s) {
         return Call("GET",
                     s.api + "/webhooks/operation/" + UrlEncode(s.service_id + "-GET /pets"));
       }},
      {"CountWebhookRegistrationsForOperation",
       [](Session& s) {
         return Call("GET", s.api + "/webhooks/operation/" +
                                UrlEncode(s.service_id + "-GET /pets") + "/count");
       }},
      {"UnregisterWebhook",
       [](Session& s) { return Call("DELETE", s.api + "/webhooks/" + s.webhook_id); }},
      {"exportSnapshot",
       [](Session& s) {
         auto result = Call("GET", s.api + "/export?serviceIds=" + s.service_id);
         s.snapshot = result.body;
         return result;
       }},
      {"importSnapshot",
       [](Session& s) {
         HttpCall call;
         call.method = "POST";
         call.url = s.api + "/import";
         call.form = {{"file", "microcks-repository.json", s.snapshot}};
         return Send(call);
       }},
      {"DeleteImportJob", [](Session& s) { return Call("DELETE", s.api + "/jobs/" + s.job_id); }},
      {"DeleteSecret",
       [](Session& s) { return Call("DELETE", s.api + "/secrets/" + s.secret_id); }},
      {"DeleteService",
       [](Session& s) { return Call("DELETE", s.api + "/services/" + s.service_id); }},
  };
}

TEST_F(ApiContract, EveryOperationHasACall) {
  if (contract_ == nullptr) GTEST_SKIP() << "no API description at " << ContractPath();
  auto recipes = Recipes();
  std::set<std::string> covered;
  for (const auto& [id, recipe] : recipes) covered.insert(id);
  for (const ContractOperation& operation : Operations()) {
    EXPECT_TRUE(covered.count(operation.id))
        << operation.id << " (" << operation.method << " " << operation.path
        << ") has no call in the contract self-check";
  }
}

TEST_F(ApiContract, ResponsesMatchTheDescription) {
  if (contract_ == nullptr) GTEST_SKIP() << "no API description at " << ContractPath();
  // The webhook registration targets the server itself, on loopback.
  ServerProcess server({"--proxy-allow", "127.0.0.1/32"});
  ASSERT_TRUE(server.started());
  Session session;
  session.base = server.base_url();
  session.api = server.base_url() + "/api";
  std::map<std::string, ContractOperation> by_id;
  for (const ContractOperation& operation : Operations()) by_id[operation.id] = operation;
  for (const auto& [id, recipe] : Recipes()) {
    auto it = by_id.find(id);
    ASSERT_NE(it, by_id.end()) << id << " is not an operation of the description";
    CheckResponse(it->second, recipe(session));
  }
}

}  // namespace
}  // namespace mimic::testing
