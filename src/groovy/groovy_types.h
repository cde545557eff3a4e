#pragma once

#include <string_view>

namespace mimic::groovy {

// The static kind of a Groovy value, as far as the translator can infer it. It picks the
// JavaScript for operators and methods: a known string compares with `===` and calls
// `.includes`, while an unknown value goes through a runtime helper that follows
// Groovy's rules for every type. String, number, boolean, list and map values may
// also be null.
enum class ValueKind {
  kNone,  // nothing assigned yet; a variable before the analysis reaches an assignment
  kNull,
  kString,
  kNumber,
  kBoolean,
  kList,
  kMap,
  kRegex,      // a ~/pattern/ literal
  kException,  // the variable of a catch clause or a new Exception(...)
  kHeaders,    // mockRequest.getRequestHeaders(): header name to a list of values
  kRequestContext,
  kUnknown,
  // Receiver-only kinds. Their JavaScript values differ from the Groovy objects, so
  // they may be stored in variables and called, but never used as plain values.
  kMockRequest,
  kServletRequest,  // mockRequest.getRequest()
  kLog,
  kStore,
  kJsonSlurper,
  kXmlHolder,
  // A variable assigned a receiver-only value and also something else.
  kConflict,
};

bool IsReceiverOnly(ValueKind kind);

// The kind of a variable assigned values of both kinds.
ValueKind JoinKinds(ValueKind a, ValueKind b);

// A plural noun phrase for error messages, such as "XmlHolder objects".
std::string_view DescribeKind(ValueKind kind);

}  // namespace mimic::groovy
