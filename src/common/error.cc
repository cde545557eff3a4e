#include "common/error.h"

namespace mimic {

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kUnsupported:
      return 400;
    case ErrorCode::kLimitExceeded:
      return 413;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAlreadyExists:
      return 409;
    case ErrorCode::kUnavailable:
      return 502;
    case ErrorCode::kInternal:
      break;
  }
  return 500;
}

}  // namespace mimic
