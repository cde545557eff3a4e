#include "cli/test_command.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "cli/test_report.h"
#include "common/strings.h"

namespace mimic::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// The server may need longer than --waitFor, which bounds each request it sends,
// so the client waits that much again, up to this limit, before it gives up.
constexpr milliseconds kMaxSlack{10000};
// Polls start fast so short tests finish fast, then back off to this interval.
constexpr milliseconds kFirstPollDelay{250};
constexpr milliseconds kMaxPollDelay{2000};

std::string FormatDuration(milliseconds duration) {
  int64_t millis = duration.count();
  if (millis % 60000 == 0) return std::to_string(millis / 60000) + " min";
  if (millis % 1000 == 0) return std::to_string(millis / 1000) + " s";
  return std::to_string(millis) + " ms";
}

CommandResult<TestRequestOptions> ParseOptions(const TestCommandOptions& options) {
  TestRequestOptions request;
  request.service = std::string(Trim(options.service));
  if (request.service.empty()) {
    return Fail(ExitCode::kUsage,
                "missing service; give it as 'name:version', e.g. "
                "'API Pastry:2.0.0'");
  }
  request.endpoint = std::string(Trim(options.endpoint));
  if (request.endpoint.empty()) {
    return Fail(ExitCode::kUsage,
                "missing test endpoint; give the URL of the implementation to "
                "test, e.g. http://localhost:8081/api");
  }
  auto runner = NormalizeRunner(options.runner);
  if (!runner) return tl::unexpected<CommandError>(runner.error());
  request.runner = *runner;

  auto wait = ParseWaitFor(options.wait_for);
  if (!wait) return tl::unexpected<CommandError>(wait.error());
  request.wait = *wait;
  request.secret_name = std::string(Trim(options.secret_name));

  if (!Trim(options.filtered_operations).empty()) {
    auto filtered = ParseFilteredOperations(options.filtered_operations);
    if (!filtered) return tl::unexpected<CommandError>(filtered.error());
    request.filtered_operations = std::move(*filtered);
  }
  if (!Trim(options.operations_headers).empty()) {
    auto headers = ParseOperationsHeaders(options.operations_headers);
    if (!headers) return tl::unexpected<CommandError>(headers.error());
    request.operations_headers = std::move(*headers);
  }
  if (!Trim(options.oauth2_context).empty()) {
    auto oauth2 = ParseOAuth2ContextFlag(options.oauth2_context);
    if (!oauth2) return tl::unexpected<CommandError>(oauth2.error());
    request.oauth2_context = std::move(*oauth2);
  }
  return request;
}

// Checks before the test starts that the report can be written where asked.
CommandResult<void> CheckReportFolder(const std::string& file) {
  if (file.empty()) return {};
  fs::path parent = fs::path(file).parent_path();
  std::error_code error;
  if (!parent.empty() && !fs::is_directory(parent, error)) {
    return Fail(ExitCode::kNotFound, "cannot write the JUnit report " + file + ": folder " +
                                         parent.string() + " does not exist");
  }
  if (fs::is_directory(file, error)) {
    return Fail(ExitCode::kUsage, "--junit " + file + " is a folder; give a file name");
  }
  return {};
}

CommandResult<void> WriteReport(const std::string& file, const std::string& content) {
  std::ofstream stream(file, std::ios::binary | std::ios::trunc);
  stream << content;
  stream.close();
  if (!stream) {
    return Fail(ExitCode::kOther,
                "cannot write the JUnit report " + file + "; check that the folder is writable");
  }
  return {};
}

CommandResult<Json> ParseTestResult(const HttpReply& reply, std::string_view description) {
  Json json = Json::parse(reply.body, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return Fail(ExitCode::kApi, "the server returned " + std::string(description) +
                                    " that is not a JSON object: " + ServerMessage(reply));
  }
  return json;
}

// Microcks returns 404 from POST /api/tests for an unknown service, and so does a server
// without contract testing, so the service is looked up to tell the two apart.
tl::unexpected<CommandError> ExplainMissingTest(CommandContext& context,
                                                const std::string& service) {
  auto lookup =
      context.client->Get("/api/services/" + PercentEncode(service, ":") + "?messages=false");
  if (lookup && lookup->status == 200) {
    return Fail(ExitCode::kApi, "the server at " + context.client->base_url() +
                                    " returned 404 for POST /api/tests although service '" +
                                    service + "' exists; check that it supports contract tests");
  }
  return Fail(ExitCode::kNotFound,
              "no service '" + service + "' on " + context.client->base_url() +
                  ". Import it first, or run `mimic services list` to see the services.");
}

CommandResult<Json> CreateTest(CommandContext& context, const TestRequestOptions& request) {
  auto reply = context.client->PostJson("/api/tests", DumpJson(BuildTestRequest(request)));
  if (!reply) return tl::unexpected<CommandError>(reply.error());
  if (reply->status == 404) return ExplainMissingTest(context, request.service);
  if (reply->status != 201 && reply->status != 200) {
    return tl::unexpected<CommandError>(ApiError(*reply, "the test request"));
  }
  auto result = ParseTestResult(*reply, "a test result");
  if (!result) return result;
  if (FieldOr(*result, "id", "").empty()) {
    return Fail(ExitCode::kApi, "the server created a test but returned no test result id");
  }
  return result;
}

CommandResult<Json> FetchTest(CommandContext& context, const std::string& id) {
  auto reply = context.client->Get("/api/tests/" + PercentEncode(id));
  if (!reply) return tl::unexpected<CommandError>(reply.error());
  if (reply->status == 404) {
    return Fail(ExitCode::kNotFound, "the server no longer has test result " + id);
  }
  if (reply->status != 200) {
    return tl::unexpected<CommandError>(ApiError(*reply, "the test result request"));
  }
  return ParseTestResult(*reply, "a test result");
}

// Prints a line for each operation that got its verdict since the last call and
// redraws the progress line on a terminal.
void ShowProgress(CommandContext& context, const TestSummary& summary, std::set<size_t>* reported,
                  Clock::time_point started) {
  if (context.json()) return;
  for (size_t i = 0; i < summary.operations.size(); ++i) {
    const OperationSummary& operation = summary.operations[i];
    if (!operation.finished || reported->count(i) > 0) continue;
    reported->insert(i);
    context.PrintErrorDetail(FormatOperationLine(operation));
  }
  if (context.progress == nullptr || !summary.in_progress) return;
  auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - started);
  std::string text = "[" + std::to_string(summary.finished_count()) + "/" +
                     std::to_string(summary.operations.size()) + "] testing " + summary.service_id +
                     " against " + summary.endpoint + ", " + std::to_string(elapsed.count()) + " s";
  if (text.size() + 1 > context.progress->columns() && context.progress->columns() > 4) {
    text = text.substr(0, context.progress->columns() - 4) + "...";
  }
  context.progress->Show(ForTerminal(text));
}

}  // namespace

int RunTest(CommandContext& context, const TestCommandOptions& options) {
  auto request = ParseOptions(options);
  if (!request) return context.Report(request.error());
  auto writable = CheckReportFolder(options.junit_file);
  if (!writable) return context.Report(writable.error());
  auto ready = CheckAuthentication(context);
  if (!ready) return context.Report(ready.error());

  Clock::time_point started = Clock::now();
  auto created = CreateTest(context, *request);
  if (!created) return context.Report(created.error());
  std::string id = FieldOr(*created, "id", "");

  milliseconds slack = std::min(request->wait, kMaxSlack);
  Clock::time_point deadline = started + request->wait + slack;
  Json result = std::move(*created);
  TestSummary summary = SummarizeTestResult(result);
  if (summary.service_id.empty()) summary.service_id = request->service;
  if (summary.endpoint.empty()) summary.endpoint = request->endpoint;
  std::set<size_t> reported;
  milliseconds delay = kFirstPollDelay;
  // The deadline ends the loop. The count is a second bound in case the clock does not advance.
  for (int poll = 0; poll < 100000 && summary.in_progress; ++poll) {
    ShowProgress(context, summary, &reported, started);
    Clock::time_point now = Clock::now();
    if (now >= deadline) break;
    std::this_thread::sleep_for(
        std::min(delay, std::chrono::duration_cast<milliseconds>(deadline - now)));
    delay = std::min(delay * 2, kMaxPollDelay);

    auto fetched = FetchTest(context, id);
    if (!fetched) return context.Report(fetched.error());
    result = std::move(*fetched);
    summary = SummarizeTestResult(result);
    if (summary.service_id.empty()) summary.service_id = request->service;
    if (summary.endpoint.empty()) summary.endpoint = request->endpoint;
  }
  summary.timed_out = summary.in_progress;
  ShowProgress(context, summary, &reported, started);
  if (context.progress != nullptr) context.progress->Clear();

  std::string details = context.client->base_url() + "/api/tests/" + PercentEncode(id);
  if (context.json()) {
    Json document = SummaryToJson(summary);
    document["details"] = details;
    context.PrintJson(document);
  } else {
    std::string table = FormatSummaryTable(summary);
    if (!table.empty() && table.back() == '\n') table.pop_back();
    context.PrintLine(table);
    context.PrintLine(FormatVerdictLine(summary));
    context.PrintLine("details: " + details);
  }

  if (!options.junit_file.empty()) {
    auto written = WriteReport(options.junit_file, FormatJUnitReport(summary, request->service));
    if (!written) return context.Report(written.error());
  }
  if (summary.timed_out) {
    context.PrintError("the test did not finish within " + FormatDuration(request->wait) +
                       " (--waitFor) plus " + FormatDuration(slack) +
                       " of grace; raise --waitFor, or check the test later at " + details);
    return ToInt(ExitCode::kTestFailed);
  }
  return ToInt(summary.success ? ExitCode::kOk : ExitCode::kTestFailed);
}

}  // namespace mimic::cli
