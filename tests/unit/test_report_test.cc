// Checks the pure parts of `mimic test`: flag parsing, the test request, the
// summary of a TestResult and the JUnit report.
#include "cli/test_report.h"

#include <gtest/gtest.h>

namespace mimic::cli {
namespace {

using std::chrono::milliseconds;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A finished TestResult: GET passes with two steps, POST fails on its second step,
// and DELETE has no example request.
Json FinishedResult() {
  return Json::parse(R"({
    "id": "t-1", "version": 0, "testNumber": 3, "testDate": 1700000000000,
    "testedEndpoint": "http://127.0.0.1:9/api", "serviceId": "API Pastry:2.0.0",
    "elapsedTime": 42, "success": false, "inProgress": false, "runnerType": "OPEN_API_SCHEMA",
    "testCaseResults": [
      {"success": true, "elapsedTime": 15, "operationName": "GET /pastries",
       "testStepResults": [{"success": true, "elapsedTime": 7, "requestName": "all"},
                           {"success": true, "elapsedTime": 8, "requestName": "one"}]},
      {"success": false, "elapsedTime": 20, "operationName": "POST /pastries",
       "testStepResults": [{"success": true, "elapsedTime": 9, "requestName": "ok"},
                           {"success": false, "elapsedTime": 11, "requestName": "bad",
                            "message": "Response status 500 <not> in\n[200, 201]"}]},
      {"success": false, "elapsedTime": 0, "operationName": "DELETE /pastries/{name}",
       "testStepResults": []}
    ]})");
}

TEST(TestWaitFor, AcceptsMicrocksUnits) {
  struct Case {
    const char* text;
    int64_t millis;
  };
  for (const Case& test :
       {Case{"5sec", 5000}, Case{"10s", 10000}, Case{"2min", 120000}, Case{"500milli", 500},
        Case{"250ms", 250}, Case{" 3SEC ", 3000}, Case{"1m", 60000}}) {
    auto parsed = ParseWaitFor(test.text);
    ASSERT_TRUE(parsed) << test.text << ": " << parsed.error().message;
    EXPECT_EQ(parsed->count(), test.millis) << test.text;
  }
}

TEST(TestWaitFor, RejectsInvalidDurations) {
  for (const char* text : {"", "5", "sec", "5 hours", "-5sec", "0sec", "1.5sec", "9999999999sec"}) {
    auto parsed = ParseWaitFor(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().code, ExitCode::kUsage) << text;
    EXPECT_TRUE(Contains(parsed.error().message, "--waitFor")) << parsed.error().message;
  }
}

TEST(TestFlags, FilteredOperationsJsonOrCommaList) {
  auto json = ParseFilteredOperations(R"(["GET /pastries", "POST /pastries"])");
  ASSERT_TRUE(json) << json.error().message;
  EXPECT_EQ(*json, Json::array({"GET /pastries", "POST /pastries"}));

  auto list = ParseFilteredOperations("GET /pastries, POST /pastries,");
  ASSERT_TRUE(list) << list.error().message;
  EXPECT_EQ(*list, Json::array({"GET /pastries", "POST /pastries"}));

  for (const char* text : {"[1, 2]", "[\"GET /a\"", " , ", "[]"}) {
    auto invalid = ParseFilteredOperations(text);
    ASSERT_FALSE(invalid) << text;
    EXPECT_EQ(invalid.error().code, ExitCode::kUsage);
  }
}

TEST(TestFlags, OperationsHeadersShape) {
  auto valid = ParseOperationsHeaders(
      R"({"globals":[{"name":"x-api-key","values":"abc"}],"GET /a":[{"name":"x","values":"1,2"}]})");
  ASSERT_TRUE(valid) << valid.error().message;
  EXPECT_EQ((*valid)["GET /a"][0]["values"], "1,2");

  for (const char* text : {"[]", "{\"globals\":{}}", "{\"globals\":[{\"name\":\"x\"}]}",
                           "{\"globals\":[{\"values\":\"1\"}]}", "not json"}) {
    auto invalid = ParseOperationsHeaders(text);
    ASSERT_FALSE(invalid) << text;
    EXPECT_EQ(invalid.error().code, ExitCode::kUsage) << text;
  }
}

TEST(TestFlags, OAuth2ContextNamesMissingField) {
  auto valid = ParseOAuth2ContextFlag(
      R"({"grantType":"CLIENT_CREDENTIALS","tokenUri":"http://127.0.0.1:1/token",)"
      R"("clientId":"c","clientSecret":"s"})");
  ASSERT_TRUE(valid) << valid.error().message;

  auto missing = ParseOAuth2ContextFlag(
      R"({"grantType":"CLIENT_CREDENTIALS","tokenUri":"http://127.0.0.1:1/token","clientId":"c"})");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ExitCode::kUsage);
  EXPECT_TRUE(Contains(missing.error().message, "missing clientSecret")) << missing.error().message;
}

TEST(TestFlags, RunnerNames) {
  auto runner = NormalizeRunner("open_api_schema");
  ASSERT_TRUE(runner);
  EXPECT_EQ(*runner, "OPEN_API_SCHEMA");
  auto unknown = NormalizeRunner("JUNIT");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ExitCode::kUsage);
  EXPECT_TRUE(Contains(unknown.error().message, "GRAPHQL_SCHEMA"));
}

TEST(TestRequestBody, CarriesOnlyGivenOptions) {
  TestRequestOptions options;
  options.service = "API Pastry:2.0.0";
  options.endpoint = "http://127.0.0.1:9/api";
  options.runner = "HTTP";
  options.wait = milliseconds(2000);
  Json minimal = BuildTestRequest(options);
  EXPECT_EQ(minimal, Json::parse(R"({"serviceId":"API Pastry:2.0.0",)"
                                 R"("testEndpoint":"http://127.0.0.1:9/api",)"
                                 R"("runnerType":"HTTP","timeout":2000})"));

  options.secret_name = "pastry-secret";
  options.filtered_operations = Json::array({"GET /pastries"});
  options.operations_headers = {{"globals", Json::array()}};
  options.oauth2_context = {{"grantType", "CLIENT_CREDENTIALS"}};
  Json full = BuildTestRequest(options);
  EXPECT_EQ(full["secretName"], "pastry-secret");
  EXPECT_EQ(full["filteredOperations"], Json::array({"GET /pastries"}));
  EXPECT_TRUE(full["operationsHeaders"].is_object());
  EXPECT_EQ(full["oAuth2Context"]["grantType"], "CLIENT_CREDENTIALS");
}

TEST(TestSummaryOf, FinishedResult) {
  TestSummary summary = SummarizeTestResult(FinishedResult());
  EXPECT_EQ(summary.id, "t-1");
  EXPECT_FALSE(summary.in_progress);
  EXPECT_FALSE(summary.success);
  ASSERT_EQ(summary.operations.size(), 3u);
  EXPECT_EQ(summary.finished_count(), 3u);
  EXPECT_EQ(summary.failed_count(), 2u);

  const OperationSummary& get = summary.operations[0];
  EXPECT_EQ(Verdict(get), "passed");
  EXPECT_EQ(get.steps, 2u);
  EXPECT_EQ(get.failed_steps, 0u);
  EXPECT_TRUE(get.message.empty());

  const OperationSummary& post = summary.operations[1];
  EXPECT_EQ(Verdict(post), "failed");
  EXPECT_EQ(post.failed_steps, 1u);
  EXPECT_EQ(post.message, "Response status 500 <not> in\n[200, 201]");

  const OperationSummary& remove = summary.operations[2];
  EXPECT_EQ(Verdict(remove), "failed");
  EXPECT_TRUE(Contains(remove.message, "no test step ran"));
}

TEST(TestSummaryOf, PendingOperationsWhileInProgress) {
  Json result = FinishedResult();
  result["inProgress"] = true;
  result["testCaseResults"][1]["elapsedTime"] = -1;
  result["testCaseResults"][1]["testStepResults"] = Json::array();
  TestSummary summary = SummarizeTestResult(result);
  EXPECT_TRUE(summary.in_progress);
  EXPECT_EQ(Verdict(summary.operations[1]), "pending");
  EXPECT_TRUE(summary.operations[1].message.empty());
  EXPECT_EQ(summary.finished_count(), 2u);
}

TEST(TestSummaryOf, ToleratesMalformedDocuments) {
  for (const char* text :
       {"null", "[]", R"({"testCaseResults": "x"})", R"({"testCaseResults": [1, null]})",
        R"({"elapsedTime": 1e300, "testCaseResults": [{"testStepResults": 3}]})"}) {
    TestSummary summary = SummarizeTestResult(Json::parse(text));
    EXPECT_FALSE(summary.success) << text;
    EXPECT_FALSE(FormatSummaryTable(summary).empty()) << text;
    EXPECT_FALSE(FormatJUnitReport(summary, "s").empty()) << text;
  }
}

TEST(TestSummaryTable, OneRowPerOperation) {
  TestSummary summary = SummarizeTestResult(FinishedResult());
  std::string table = FormatSummaryTable(summary);
  EXPECT_TRUE(Contains(table, "OPERATION")) << table;
  EXPECT_TRUE(Contains(table, "GET /pastries            passed  2/2    15 ms")) << table;
  EXPECT_TRUE(Contains(table,
                       "POST /pastries           failed  1/2    20 ms  Response status "
                       "500 <not> in [200, 201]"))
      << table;
  EXPECT_EQ(FormatVerdictLine(summary), "test failed: 2 of 3 operations failed");

  summary.success = true;
  EXPECT_EQ(FormatVerdictLine(summary), "test passed: 3 of 3 operations passed");
  summary.timed_out = true;
  EXPECT_EQ(FormatVerdictLine(summary), "test timed out: 3 of 3 operations finished, 2 failed");

  std::string line = FormatOperationLine(summary.operations[1]);
  EXPECT_EQ(line,
            "failed  POST /pastries  2 steps, 20 ms: Response status 500 <not> in [200, 201]");
}

TEST(TestSummaryJson, ListsOperations) {
  TestSummary summary = SummarizeTestResult(FinishedResult());
  Json json = SummaryToJson(summary);
  EXPECT_EQ(json["id"], "t-1");
  EXPECT_EQ(json["success"], false);
  EXPECT_EQ(json["timedOut"], false);
  ASSERT_EQ(json["operations"].size(), 3u);
  EXPECT_EQ(json["operations"][0]["result"], "passed");
  EXPECT_EQ(json["operations"][1]["message"], "Response status 500 <not> in\n[200, 201]");
}

TEST(TestJUnit, EscapesXml) {
  EXPECT_EQ(XmlEscape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
  EXPECT_EQ(XmlEscape("line\r\nnext\ttab"), "line&#13;\nnext\ttab");
  EXPECT_EQ(XmlEscape(std::string("nul\0bell\a", 9)),
            "nul\xEF\xBF\xBD"
            "bell\xEF\xBF\xBD");
  EXPECT_EQ(XmlEscape("caf\xC3\xA9 \xE2\x9C\x93"), "caf\xC3\xA9 \xE2\x9C\x93");
  // A lone continuation byte, a truncated sequence and an overlong '/' are invalid UTF-8.
  EXPECT_EQ(XmlEscape("\x80"), "\xEF\xBF\xBD");
  EXPECT_EQ(XmlEscape("\xE2\x9C"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(XmlEscape("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(XmlEscape("\xEF\xBF\xBE"), "\xEF\xBF\xBD");  // U+FFFE is not an XML character
}

TEST(TestJUnit, SuiteWithFailures) {
  TestSummary summary = SummarizeTestResult(FinishedResult());
  std::string xml = FormatJUnitReport(summary, "API Pastry:2.0.0");
  EXPECT_TRUE(Contains(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")) << xml;
  EXPECT_TRUE(Contains(xml,
                       "<testsuite name=\"API Pastry:2.0.0\" tests=\"3\" failures=\"2\" "
                       "errors=\"0\" skipped=\"0\" time=\"0.042\" "
                       "timestamp=\"2023-11-14T22:13:20\">"))
      << xml;
  EXPECT_TRUE(Contains(xml, "<property name=\"runnerType\" value=\"OPEN_API_SCHEMA\"/>")) << xml;
  EXPECT_TRUE(Contains(xml,
                       "<testcase name=\"GET /pastries\" classname=\"API Pastry:2.0.0\" "
                       "time=\"0.015\"/>"))
      << xml;
  EXPECT_TRUE(Contains(xml,
                       "<failure message=\"Response status 500 &lt;not&gt; in [200, 201]\" "
                       "type=\"ContractFailure\">1 of 2 steps failed\nResponse status 500 "
                       "&lt;not&gt; in\n[200, 201]</failure>"))
      << xml;
  EXPECT_TRUE(Contains(xml, "<testcase name=\"DELETE /pastries/{name}\"")) << xml;
  EXPECT_FALSE(Contains(xml, "<not>")) << xml;
}

TEST(TestJUnit, PendingOperationsAreErrors) {
  Json result = FinishedResult();
  result["inProgress"] = true;
  result["testCaseResults"][2]["elapsedTime"] = -1;
  TestSummary summary = SummarizeTestResult(result);
  summary.timed_out = true;
  std::string xml = FormatJUnitReport(summary, "API Pastry:2.0.0");
  EXPECT_TRUE(Contains(xml, "failures=\"1\" errors=\"1\"")) << xml;
  EXPECT_TRUE(Contains(xml,
                       "<error message=\"the test timed out before this operation got a "
                       "verdict\" type=\"Timeout\"/>"))
      << xml;
}

}  // namespace
}  // namespace mimic::cli
