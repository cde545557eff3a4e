#include "dispatch/json_body_rules.h"

#include <cstdlib>

#include "common/strings.h"
#include "importer/ref_resolver.h"

namespace mimic::dispatch {
namespace {

constexpr int kMaxNesting = 16;

// Jackson's asText(): strings as written, numbers and booleans in JSON form,
// containers and null as the empty string.
std::string NodeText(const Json* node) {
  if (node == nullptr || node->is_null() || node->is_object() || node->is_array()) return "";
  if (node->is_string()) return node->get<std::string>();
  return DumpJson(*node);
}

// Parses "[a;b]", "]a;b]", "[a;b[" or "]a;b[".
bool ParseRange(std::string_view key, double* low, double* high, bool* low_inclusive,
                bool* high_inclusive) {
  key = Trim(key);
  if (key.size() < 5) return false;
  char open = key.front();
  char close = key.back();
  if ((open != '[' && open != ']') || (close != '[' && close != ']')) return false;
  std::string_view inner = key.substr(1, key.size() - 2);
  size_t separator = inner.find(';');
  if (separator == std::string_view::npos) return false;
  std::string low_text(Trim(inner.substr(0, separator)));
  std::string high_text(Trim(inner.substr(separator + 1)));
  char* end = nullptr;
  *low = std::strtod(low_text.c_str(), &end);
  if (low_text.empty() || *end != '\0') return false;
  *high = std::strtod(high_text.c_str(), &end);
  if (high_text.empty() || *end != '\0') return false;
  *low_inclusive = open == '[';
  *high_inclusive = close == ']';
  return true;
}

}  // namespace

Result<JsonBodyRules> JsonBodyRules::Parse(std::string_view rules) {
  Json json = Json::parse(rules.begin(), rules.end(), nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "JSON_BODY rules must be a JSON object with exp, operator and cases.");
  }
  return FromJson(json, 0);
}

Result<JsonBodyRules> JsonBodyRules::FromJson(const Json& json, int depth) {
  if (depth > kMaxNesting) {
    return MakeError(ErrorCode::kLimitExceeded, "JSON_BODY rules are nested more than " +
                                                    std::to_string(kMaxNesting) + " levels.");
  }
  JsonBodyRules rules;
  auto exp = json.find("exp");
  if (exp == json.end() || !exp->is_string()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "JSON_BODY rules need \"exp\", a JSON pointer such as \"/name\".");
  }
  rules.pointer_ = exp->get<std::string>();
  auto op = json.find("operator");
  rules.operator_ = op != json.end() && op->is_string() ? op->get<std::string>() : "equals";
  auto cases = json.find("cases");
  if (cases == json.end() || !cases->is_object()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "JSON_BODY rules need \"cases\", an object of case -> response name.");
  }
  for (const auto& [key, value] : cases->items()) {
    Case item;
    item.key = key;
    if (value.is_object()) {
      auto nested = FromJson(value, depth + 1);
      if (!nested) return nested;
      item.nested = std::make_shared<JsonBodyRules>(std::move(*nested));
    } else {
      item.response = value.is_string() ? value.get<std::string>() : DumpJson(value);
    }
    if (key == "default") {
      rules.default_ = std::move(item);
      continue;
    }
    if (rules.operator_ == "regexp") {
      auto regex = Regex::Compile(key);
      if (!regex) return tl::unexpected(regex.error());
      item.regex = std::move(*regex);
    } else if (rules.operator_ == "range" || rules.operator_ == "size") {
      item.is_range = ParseRange(key, &item.low, &item.high, &item.low_inclusive,
                                 &item.high_inclusive);
    }
    rules.cases_.push_back(std::move(item));
  }
  return rules;
}

std::optional<std::string> JsonBodyRules::Evaluate(std::string_view body) const {
  Json document = Json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return std::nullopt;
  return EvaluateDocument(document);
}

std::string JsonBodyRules::Resolve(const Case& chosen, const Json& document) const {
  if (chosen.nested) return chosen.nested->EvaluateDocument(document).value_or("");
  return chosen.response;
}

std::optional<std::string> JsonBodyRules::EvaluateDocument(const Json& document) const {
  const Json* node = EvaluatePointer(document, pointer_);
  std::string text = NodeText(node);
  auto fallback = [&]() -> std::string {
    return default_ ? Resolve(*default_, document) : std::string();
  };

  if (operator_ == "equals") {
    for (const Case& item : cases_) {
      if (item.key == text) return Resolve(item, document);
    }
    return fallback();
  }
  if (operator_ == "regexp") {
    for (const Case& item : cases_) {
      if (item.regex && item.regex->FullMatch(text)) return Resolve(item, document);
    }
    return fallback();
  }
  if (operator_ == "range" || operator_ == "size") {
    double value = 0;
    if (operator_ == "size") {
      if (node == nullptr || !node->is_array()) return fallback();
      value = static_cast<double>(node->size());
    } else {
      char* end = nullptr;
      value = std::strtod(text.c_str(), &end);
      if (text.empty() || *end != '\0') return fallback();
    }
    for (const Case& item : cases_) {
      if (!item.is_range) continue;
      bool above = item.low_inclusive ? value >= item.low : value > item.low;
      bool below = item.high_inclusive ? value <= item.high : value < item.high;
      if (above && below) return Resolve(item, document);
    }
    return fallback();
  }
  if (operator_ == "presence") {
    bool found = node != nullptr && !node->is_null() &&
                 !(node->is_string() && node->get<std::string>().empty());
    for (const Case& item : cases_) {
      if (item.key == (found ? "found" : "missing")) return Resolve(item, document);
    }
    return fallback();
  }
  return fallback();
}

}  // namespace mimic::dispatch
