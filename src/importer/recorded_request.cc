#include "importer/recorded_request.h"

#include <algorithm>
#include <set>

#include "common/strings.h"
#include "importer/secondary_target.h"

namespace mimic {
namespace {

// Verbs that may precede a reference name in a collection operation name. Microcks
// lists these six, so a name that starts with "OPTIONS" never matches this way.
constexpr std::string_view kNamePrefixVerbs[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTION"};

std::string JoinRules(const std::vector<std::string>& names) {
  std::string rules;
  for (const std::string& name : names) {
    if (!rules.empty()) rules += " && ";
    rules += name;
  }
  return rules;
}

std::string_view QueryOf(std::string_view url) {
  size_t question = url.find('?');
  if (question == std::string_view::npos) return {};
  std::string_view query = url.substr(question + 1);
  size_t hash = query.find('#');
  return hash == std::string_view::npos ? query : query.substr(0, hash);
}

// Whether `candidate`, from `start`, is exactly `reference` preceded by optional spaces
// and an optional '/'.
bool MatchesAfterVerb(std::string_view candidate, size_t start, std::string_view reference) {
  size_t spaces_end = start;
  while (spaces_end < candidate.size() && candidate[spaces_end] == ' ') ++spaces_end;
  for (size_t position = start; position <= spaces_end; ++position) {
    std::string_view rest = candidate.substr(position);
    if (rest == reference) return true;
    if (position == spaces_end && !rest.empty() && rest.front() == '/' &&
        rest.substr(1) == reference) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string RemoveSchemeAndHost(std::string_view url) {
  if (StartsWith(url, "https://")) {
    url.remove_prefix(8);
  } else if (StartsWith(url, "http://")) {
    url.remove_prefix(7);
  }
  size_t slash = url.find('/');
  if (slash != std::string_view::npos) url.remove_prefix(slash);
  return std::string(url);
}

std::string_view WithoutQuery(std::string_view url) {
  size_t end = url.find_first_of("?#");
  return end == std::string_view::npos ? url : url.substr(0, end);
}

std::string ResourcePathOf(std::string_view url) {
  std::string path = RemoveSchemeAndHost(WithoutQuery(url));
  if (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

bool HasQueryParameters(std::string_view url) {
  size_t question = url.find('?');
  return question != std::string_view::npos && url.find('=', question) != std::string_view::npos;
}

bool HasColonPathVariables(std::string_view url) {
  return WithoutQuery(url).find("/:") != std::string_view::npos;
}

NameValueList QueryPairs(std::string_view url) {
  NameValueList pairs;
  std::string_view query = QueryOf(url);
  if (query.empty()) return pairs;
  for (const std::string& item : Split(query, "&")) {
    if (item.empty()) continue;
    size_t equals = item.find('=');
    std::string_view raw_name = std::string_view(item).substr(0, equals);
    std::string_view raw_value = equals == std::string::npos
                                     ? std::string_view()
                                     : std::string_view(item).substr(equals + 1);
    pairs.emplace_back(PercentDecode(raw_name, true), PercentDecode(raw_value, true));
  }
  return pairs;
}

std::string ParamsRulesFromUrl(std::string_view url) {
  if (!HasQueryParameters(url)) return "";
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const auto& [name, value] : QueryPairs(url)) {
    if (name.empty() || !seen.insert(name).second) continue;
    names.push_back(name);
  }
  return JoinRules(names);
}

std::string PartsRulesFromUrl(std::string_view url) {
  std::string pattern(WithoutQuery(url));
  if (pattern.find("{{") != std::string::npos && pattern.find("}}") != std::string::npos) {
    pattern = ReplaceAll(ReplaceAll(std::move(pattern), "{{", ""), "}}", "");
  }
  pattern = ReplaceAll(std::move(pattern), "$", "");

  std::vector<std::string> names;
  if (pattern.find("/{") != std::string::npos) {
    size_t position = 0;
    while ((position = pattern.find('{', position)) != std::string::npos) {
      size_t close = pattern.find('}', position + 1);
      if (close == std::string::npos) break;
      if (close > position + 1) names.push_back(pattern.substr(position + 1, close - position - 1));
      position = close + 1;
    }
  } else {
    // A variable starts after "/:" and runs to the next '/' or ':', so a port
    // ("host:8080") never counts as one.
    size_t position = 0;
    while ((position = pattern.find("/:", position)) != std::string::npos) {
      size_t start = position + 2;
      size_t end = pattern.find_first_of("/:^", start);
      if (end == std::string::npos) end = pattern.size();
      if (end > start) names.push_back(pattern.substr(start, end - start));
      position = end;
    }
  }
  return JoinRules(names);
}

bool AreOperationNamesEquivalent(std::string_view reference, std::string_view candidate) {
  if (EqualsIgnoreCase(reference, candidate)) return true;
  if (reference.find("/{") != std::string_view::npos) {
    std::string colon_form = ReplaceAll(ReplaceAll(std::string(reference), "/{", "/:"), "}", "");
    if (EqualsIgnoreCase(colon_form, candidate)) return true;
  }
  // NOTE: Microcks runs this last test as a regular expression built from `reference`,
  // so a '.' in a name matches any character there and a "{x}" makes the test fail.
  // Here the reference is compared as literal text.
  if (MatchesAfterVerb(candidate, 0, reference)) return true;
  return std::any_of(
      std::begin(kNamePrefixVerbs), std::end(kNamePrefixVerbs), [&](std::string_view verb) {
        return StartsWith(candidate, verb) && MatchesAfterVerb(candidate, verb.size(), reference);
      });
}

std::string StripMockEndpointPrefix(std::string_view path, std::string_view service_name,
                                    std::string_view version) {
  if (service_name.empty() || path.empty() || path.front() != '/') return std::string(path);
  std::vector<std::string> segments = Split(path.substr(1), "/");
  if (segments.size() < 3) return std::string(path);
  if (segments[0] != "rest" && segments[0] != "rest-valid") return std::string(path);
  if (PercentDecode(segments[1], true) != service_name ||
      PercentDecode(segments[2], true) != version) {
    return std::string(path);
  }
  size_t prefix_length = 1 + segments[0].size() + 1 + segments[1].size() + 1 + segments[2].size();
  std::string rest(path.substr(prefix_length));
  return rest.empty() ? "/" : rest;
}

const Json* JsonMember(const Json& node, const char* key) {
  if (!node.is_object()) return nullptr;
  auto it = node.find(key);
  return it == node.end() ? nullptr : &*it;
}

std::string JsonMemberText(const Json& node, const char* key) {
  const Json* member = JsonMember(node, key);
  return member == nullptr ? "" : ScalarOrJsonText(*member);
}

Json ParseEmbeddedJson(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxEmbeddedJsonDepth) return Json::value_t::discarded;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return Json::parse(text, nullptr, /*allow_exceptions=*/false);
}

}  // namespace mimic
