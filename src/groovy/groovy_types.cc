#include "groovy/groovy_types.h"

namespace mimic::groovy {

bool IsReceiverOnly(ValueKind kind) {
  switch (kind) {
    case ValueKind::kMockRequest:
    case ValueKind::kServletRequest:
    case ValueKind::kLog:
    case ValueKind::kStore:
    case ValueKind::kJsonSlurper:
    case ValueKind::kXmlHolder:
    case ValueKind::kConflict:
      return true;
    default:
      return false;
  }
}

ValueKind JoinKinds(ValueKind a, ValueKind b) {
  if (a == b) return a;
  if (a == ValueKind::kNone) return b;
  if (b == ValueKind::kNone) return a;
  // Null fits every kind, because all of them may be null.
  if (a == ValueKind::kNull) return b;
  if (b == ValueKind::kNull) return a;
  if (IsReceiverOnly(a) || IsReceiverOnly(b)) return ValueKind::kConflict;
  return ValueKind::kUnknown;
}

std::string_view DescribeKind(ValueKind kind) {
  switch (kind) {
    case ValueKind::kMockRequest:
      return "mockRequest objects";
    case ValueKind::kServletRequest:
      return "request objects of mockRequest.getRequest()";
    case ValueKind::kLog:
      return "log objects";
    case ValueKind::kStore:
      return "store objects";
    case ValueKind::kJsonSlurper:
      return "JsonSlurper objects";
    case ValueKind::kXmlHolder:
      return "XmlHolder objects";
    case ValueKind::kConflict:
      return "variables that hold a request, log, store, JsonSlurper or XmlHolder object in "
             "one place and another value elsewhere";
    default:
      return "values";
  }
}

}  // namespace mimic::groovy
