#pragma once

#include <bitset>
#include <string>
#include <string_view>

namespace mimic::groovy {

// JavaScript functions that give translated scripts Groovy's semantics where plain
// JavaScript differs: Groovy truth, equality, toString, collection methods, and so on.
// A translation includes only the helpers it calls, with their dependencies. Every
// helper name starts with "__g_", which the translator keeps free of user names.
enum class Helper {
  kTruth,
  kStr,
  kEq,
  kPlus,
  kMinus,
  kTimes,
  kSize,
  kIsEmpty,
  kContains,
  kIsCase,
  kCaseString,
  kProp,
  kIndex,
  kPutAt,
  kGet,
  kPut,
  kHasKey,
  kContainsValue,
  kGetOrDefault,
  kAdd,
  kFirst,
  kLast,
  kJoin,
  kIndexOf,
  kIter,
  kEach,
  kFind,
  kFindAll,
  kCollect,
  kAny,
  kEvery,
  kRange,
  kSafe,
  kElvis,
  kToInteger,
  kToNumber,
  kIsInteger,
  kIsNumber,
  kAsString,
  kAsInteger,
  kAsNumber,
  kAsList,
  kAsMap,
  kEqualsIgnoreCase,
  kReplace,
  kSplit,
  kTokenize,
  kRegexFind,
  kRegexMatch,
  kJavaReplacement,
  kHeader,
  kHeaderGet,
  kHasValues,
  kParameter,
  kParameterValues,
  kXPath,
  kCount,  // number of helpers, not a helper
};

// The JavaScript name of a helper, such as "__g_truth".
std::string_view HelperName(Helper helper);

// A set of helpers that always contains the dependencies of its members.
class HelperSet {
 public:
  void Add(Helper helper);
  bool Contains(Helper helper) const { return used_.test(static_cast<size_t>(helper)); }
  // The function declarations of the members, one per line group, in a fixed order.
  std::string Render() const;

 private:
  std::bitset<static_cast<size_t>(Helper::kCount)> used_;
};

}  // namespace mimic::groovy
