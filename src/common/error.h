#pragma once

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace mimic {

enum class ErrorCode {
  kInvalidArgument,  // the caller sent something malformed: HTTP 400
  kNotFound,         // HTTP 404
  kAlreadyExists,    // HTTP 409
  kLimitExceeded,    // a configured size or count limit was hit: HTTP 400 or 413
  kUnsupported,      // a well-formed input Mimic does not handle: HTTP 400
  kUnavailable,      // a remote peer or resource could not be reached: HTTP 502
  kInternal,         // a bug or an environment failure: HTTP 500
};

// An error crossing a module boundary. The message is written for the person who
// sent the input: it names the offending value and, where possible, the fix.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
};

template <typename T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> MakeError(ErrorCode code, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(message)});
}

// Maps an error code to the HTTP status that the management API returns for it.
int HttpStatusFor(ErrorCode code);

}  // namespace mimic
