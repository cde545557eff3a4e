#pragma once

#include <string>

#include "cli/command_context.h"

namespace mimic::cli {

// The arguments and flags of `mimic test`, as given on the command line.
struct TestCommandOptions {
  std::string service;  // name:version or service id
  std::string endpoint;
  std::string runner;
  std::string wait_for = "5sec";
  std::string secret_name;
  std::string filtered_operations;  // JSON array or comma list, empty for all operations
  std::string operations_headers;   // JSON object, empty for none
  std::string oauth2_context;       // JSON object, empty for none
  std::string junit_file;           // empty for no JUnit report
};

// Launches a contract test with POST /api/tests, polls GET /api/tests/{id} until
// the server reports a verdict or the wait runs out, prints the summary and writes
// the JUnit report. Returns 0 when every operation passed, 1 when the test failed
// or timed out, and the exit code of the error otherwise.
int RunTest(CommandContext& context, const TestCommandOptions& options);

}  // namespace mimic::cli
