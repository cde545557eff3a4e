#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dispatch/path_template.h"

namespace mimic::dispatch {

inline constexpr std::string_view kUriParts = "URI_PARTS";
inline constexpr std::string_view kSequence = "SEQUENCE";
inline constexpr std::string_view kUriParams = "URI_PARAMS";
inline constexpr std::string_view kUriElements = "URI_ELEMENTS";
inline constexpr std::string_view kQueryHeader = "QUERY_HEADER";
inline constexpr std::string_view kQueryArgs = "QUERY_ARGS";
inline constexpr std::string_view kQueryMatch = "QUERY_MATCH";
inline constexpr std::string_view kJsonBody = "JSON_BODY";
inline constexpr std::string_view kScript = "SCRIPT";
inline constexpr std::string_view kGroovy = "GROOVY";
inline constexpr std::string_view kJs = "JS";
inline constexpr std::string_view kRandom = "RANDOM";
inline constexpr std::string_view kProxy = "PROXY";
inline constexpr std::string_view kFallback = "FALLBACK";
inline constexpr std::string_view kProxyFallback = "PROXY_FALLBACK";

// The dispatcher that computes criteria once FALLBACK and PROXY_FALLBACK
// wrappers are opened. Their rules are JSON:
// {"dispatcher": "...", "dispatcherRules": "...", "fallback": "<response name>"}
// or the same with "proxyUrl".
struct RootDispatcher {
  std::string dispatcher;
  std::string rules;
  std::string fallback;   // FALLBACK: response name used when nothing matches
  std::string proxy_url;  // PROXY_FALLBACK: where to forward when nothing matches
  bool valid = true;      // false when a wrapper's JSON rules cannot be read
};
RootDispatcher ResolveRootDispatcher(std::string_view dispatcher, std::string_view rules);

// "owner && car" -> {"owner", "car"}; also accepts "&&" without spaces.
std::vector<std::string> SplitRuleNames(std::string_view rules);

// URI_ELEMENTS rules "owner ?? page && limit": the part before and after "??".
std::string_view PartsRules(std::string_view rules);
std::string_view ParamsRules(std::string_view rules);

// "/k1=v1/k2=v2" with keys sorted, restricted to the names in `rules`.
std::string BuildPartsCriteria(std::string_view rules, const NameValueList& parts);

// "?k1=v1?k2=v2" sorted by key then value, restricted to the names in `rules`;
// pairs with an empty value are left out. A name matches a rule only as a whole
// word ("page" does not select "p"), where Microcks' runtime check is a plain
// substring test that mismatches such names.
std::string BuildParamsCriteria(std::string_view rules, const NameValueList& params);

// QUERY_HEADER: same form as BuildParamsCriteria, header names compared
// case-insensitively.
std::string BuildHeadersCriteria(std::string_view rules, const NameValueList& headers);

}  // namespace mimic::dispatch
