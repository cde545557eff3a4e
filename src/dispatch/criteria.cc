#include "dispatch/criteria.h"

#include <algorithm>

#include "common/json.h"
#include "common/strings.h"

namespace mimic::dispatch {
namespace {

bool RulesNameWord(std::string_view rules, std::string_view name, bool ignore_case) {
  if (name.empty()) return false;
  for (const std::string& rule : SplitRuleNames(rules)) {
    if (ignore_case ? EqualsIgnoreCase(rule, name) : rule == name) return true;
  }
  return false;
}

std::string JoinSortedPairs(NameValueList pairs, char prefix) {
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [name, value] : pairs) {
    out.push_back(prefix);
    out += name;
    out.push_back('=');
    out += value;
  }
  return out;
}

}  // namespace

RootDispatcher ResolveRootDispatcher(std::string_view dispatcher, std::string_view rules) {
  RootDispatcher root;
  if (dispatcher != kFallback && dispatcher != kProxyFallback) {
    root.dispatcher = std::string(dispatcher);
    root.rules = std::string(rules);
    return root;
  }
  Json wrapper = Json::parse(rules.begin(), rules.end(), nullptr, /*allow_exceptions=*/false);
  if (!wrapper.is_object()) {
    root.valid = false;
    return root;
  }
  auto text = [&](const char* key) -> std::string {
    auto it = wrapper.find(key);
    if (it == wrapper.end()) return "";
    return it->is_string() ? it->get<std::string>() : DumpJson(*it);
  };
  root.dispatcher = text("dispatcher");
  root.rules = text("dispatcherRules");
  root.fallback = text("fallback");
  root.proxy_url = text("proxyUrl");
  return root;
}

std::vector<std::string> SplitRuleNames(std::string_view rules) {
  std::vector<std::string> names;
  for (const std::string& part : Split(rules, "&&")) {
    std::string_view name = Trim(part);
    if (!name.empty()) names.emplace_back(name);
  }
  return names;
}

std::string_view PartsRules(std::string_view rules) {
  size_t pos = rules.find("??");
  return Trim(pos == std::string_view::npos ? rules : rules.substr(0, pos));
}

std::string_view ParamsRules(std::string_view rules) {
  size_t pos = rules.find("??");
  return pos == std::string_view::npos ? std::string_view() : Trim(rules.substr(pos + 2));
}

std::string BuildPartsCriteria(std::string_view rules, const NameValueList& parts) {
  NameValueList kept;
  for (const auto& [name, value] : parts) {
    if (RulesNameWord(rules, name, false)) kept.emplace_back(name, value);
  }
  // Sorted by key only, and a key appears once, like Microcks' TreeMap.
  std::stable_sort(kept.begin(), kept.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  kept.erase(std::unique(kept.begin(), kept.end(),
                         [](const auto& a, const auto& b) { return a.first == b.first; }),
             kept.end());
  std::string out;
  for (const auto& [name, value] : kept) {
    out += "/" + name + "=" + value;
  }
  return out;
}

std::string BuildParamsCriteria(std::string_view rules, const NameValueList& params) {
  NameValueList kept;
  for (const auto& [name, value] : params) {
    if (!value.empty() && RulesNameWord(rules, name, false)) kept.emplace_back(name, value);
  }
  return JoinSortedPairs(std::move(kept), '?');
}

std::string BuildHeadersCriteria(std::string_view rules, const NameValueList& headers) {
  NameValueList kept;
  for (const std::string& rule : SplitRuleNames(rules)) {
    for (const auto& [name, value] : headers) {
      if (!value.empty() && EqualsIgnoreCase(rule, name)) {
        kept.emplace_back(rule, value);
        break;
      }
    }
  }
  return JoinSortedPairs(std::move(kept), '?');
}

}  // namespace mimic::dispatch
