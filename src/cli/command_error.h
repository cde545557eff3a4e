#pragma once

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace mimic::cli {

// Process exit codes of the client commands. The numbers are those of
// microcks-cli's cmd/exit.go, so scripts written for it read them the same way.
enum class ExitCode : int {
  kOk = 0,
  kTestFailed = 1,  // a contract test failed or did not finish in time
  kUsage = 2,
  kConnection = 11,  // the server could not be reached
  kApi = 12,         // the server returned an error status or an unusable body
  kNotFound = 13,    // a local file, a folder or a service does not exist
  kOther = 20,
};

// A failed client command: its exit code and a message for stderr that names
// what failed and what to do next.
struct CommandError {
  ExitCode code = ExitCode::kOther;
  std::string message;
};

template <typename T>
using CommandResult = tl::expected<T, CommandError>;

inline tl::unexpected<CommandError> Fail(ExitCode code, std::string message) {
  return tl::unexpected<CommandError>(CommandError{code, std::move(message)});
}

inline int ToInt(ExitCode code) { return static_cast<int>(code); }

}  // namespace mimic::cli
