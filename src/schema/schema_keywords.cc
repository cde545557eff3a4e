#include "schema/schema_keywords.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "schema/json_pointer.h"
#include "schema/json_values.h"

namespace mimic::schema::internal {
namespace {

// The members and items of one instance location that successful keywords have evaluated so
// far, for unevaluatedProperties and unevaluatedItems. Members are identified by their position
// in the object.
struct Annotations {
  std::vector<bool> properties;
  bool all_properties = false;
  size_t item_prefix = 0;
  bool all_items = false;
  std::vector<bool> items;  // set by contains

  void MarkProperty(size_t index, size_t count) {
    if (properties.size() != count) properties.resize(count, false);
    properties[index] = true;
  }
  void MarkItem(size_t index, size_t count) {
    if (items.size() != count) items.resize(count, false);
    items[index] = true;
  }
  bool PropertyEvaluated(size_t index) const {
    return all_properties || (index < properties.size() && properties[index]);
  }
  bool ItemEvaluated(size_t index) const {
    return all_items || index < item_prefix || (index < items.size() && items[index]);
  }
  void Merge(const Annotations& other) {
    all_properties = all_properties || other.all_properties;
    if (other.properties.size() > properties.size()) properties.resize(other.properties.size());
    for (size_t i = 0; i < other.properties.size(); ++i) {
      if (other.properties[i]) properties[i] = true;
    }
    item_prefix = std::max(item_prefix, other.item_prefix);
    all_items = all_items || other.all_items;
    if (other.items.size() > items.size()) items.resize(other.items.size());
    for (size_t i = 0; i < other.items.size(); ++i) {
      if (other.items[i]) items[i] = true;
    }
  }
};

uint8_t InstanceTypeBits(const Json& instance) {
  switch (instance.type()) {
    case Json::value_t::null:
      return kNullBit;
    case Json::value_t::boolean:
      return kBooleanBit;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return kIntegerBit | kNumberBit;
    case Json::value_t::number_float:
      return IsIntegral(instance) ? (kIntegerBit | kNumberBit) : kNumberBit;
    case Json::value_t::string:
      return kStringBit;
    case Json::value_t::array:
      return kArrayBit;
    case Json::value_t::object:
      return kObjectBit;
    default:
      return 0;
  }
}

std::string Quote(std::string_view text) {
  std::string out = "'";
  if (text.size() > 80) {
    out += DescribeValue(Json(std::string(text)), 80);
  } else {
    out += text;
  }
  out += "'";
  return out;
}

std::string Plural(uint64_t count, std::string_view singular, std::string_view plural) {
  return std::to_string(count) + " " + std::string(count == 1 ? singular : plural);
}

bool IsMultipleOf(const Json& value, const Json& divisor) {
  if (value.is_number_integer() && divisor.is_number_integer()) {
    __int128 x = value.is_number_unsigned() ? static_cast<__int128>(value.get<uint64_t>())
                                            : static_cast<__int128>(value.get<int64_t>());
    __int128 d = divisor.is_number_unsigned() ? static_cast<__int128>(divisor.get<uint64_t>())
                                              : static_cast<__int128>(divisor.get<int64_t>());
    if (d == 0) return false;
    return x % d == 0;
  }
  double x = value.get<double>();
  double d = divisor.get<double>();
  if (d == 0) return false;
  double quotient = x / d;
  if (!std::isfinite(quotient)) {
    // The quotient overflowed (1e308 / 0.5). fmod is exact, so a zero remainder is decisive.
    return std::isfinite(x) && std::fmod(x, d) == 0;
  }
  double nearest = std::nearbyint(quotient);
  // Binary floating point cannot represent most decimal divisors exactly (0.0075 / 0.0001 is
  // 74.99999999999999), so a quotient within a few units in the last place of an integer counts.
  double magnitude = std::fabs(quotient);
  double ulp = std::nextafter(magnitude, INFINITY) - magnitude;
  double tolerance = std::max(1e-12, 16 * ulp);
  return std::fabs(quotient - nearest) <= tolerance;
}

// Finds object members by name, with a hash index for large objects, because nlohmann's
// ordered_json looks members up by linear scan.
class MemberIndex {
 public:
  explicit MemberIndex(const Json& object) : object_(object) {}

  bool Contains(const std::string& name) {
    if (object_.size() <= 16) return object_.contains(name);
    if (!built_) {
      for (auto it = object_.begin(); it != object_.end(); ++it) names_.insert(it.key());
      built_ = true;
    }
    return names_.count(name) > 0;
  }

 private:
  const Json& object_;
  bool built_ = false;
  std::unordered_set<std::string_view> names_;
};

class Evaluator {
 public:
  Evaluator(const CompiledSchema& schema, std::vector<ValidationError>* errors, size_t max_errors)
      : schema_(schema), errors_(errors), max_errors_(max_errors) {}

  bool Run(const Json& instance) {
    if (schema_.nodes.empty()) return true;
    scope_.push_back(schema_.nodes[schema_.root].resource);
    bool valid = Eval(schema_.root, instance, nullptr);
    if (aborted_) {
      if (errors_ != nullptr) {
        if (errors_->size() >= max_errors_ && !errors_->empty()) errors_->pop_back();
        errors_->push_back(abort_error_);
      }
      return false;
    }
    return valid;
  }

 private:
  struct PathEntry {
    const std::string* key;  // null for an array index
    size_t index;
  };

  // Pushes an instance path segment for the lifetime of the guard.
  class PathGuard {
   public:
    PathGuard(std::vector<PathEntry>& path, const std::string* key, size_t index) : path_(path) {
      path_.push_back({key, index});
    }
    ~PathGuard() { path_.pop_back(); }
    PathGuard(const PathGuard&) = delete;
    PathGuard& operator=(const PathGuard&) = delete;

   private:
    std::vector<PathEntry>& path_;
  };

  // Suppresses error collection while a subschema is only tried (anyOf branches, not, if).
  class QuietGuard {
   public:
    explicit QuietGuard(int& quiet) : quiet_(quiet) { ++quiet_; }
    ~QuietGuard() { --quiet_; }
    QuietGuard(const QuietGuard&) = delete;
    QuietGuard& operator=(const QuietGuard&) = delete;

   private:
    int& quiet_;
  };

  bool Collecting() const {
    return quiet_ == 0 && errors_ != nullptr && errors_->size() < max_errors_;
  }

  std::string InstancePath() const {
    std::string pointer;
    for (const PathEntry& entry : path_) {
      if (entry.key != nullptr) {
        AppendPointerToken(pointer, *entry.key);
      } else {
        AppendPointerIndex(pointer, entry.index);
      }
    }
    return pointer;
  }

  void Report(std::string_view keyword, const std::string& location, std::string message) {
    if (!Collecting()) return;
    errors_->push_back(
        ValidationError{InstancePath(), std::string(keyword), location, std::move(message)});
  }
  void Report(const Keyword& keyword, std::string message) {
    Report(keyword.name, keyword.location, std::move(message));
  }

  void Abort(std::string_view keyword, const std::string& location, std::string message) {
    if (aborted_) return;
    aborted_ = true;
    abort_error_ =
        ValidationError{InstancePath(), std::string(keyword), location, std::move(message)};
  }

  bool EvalQuiet(uint32_t index, const Json& instance, Annotations* annotations) {
    QuietGuard quiet(quiet_);
    return Eval(index, instance, annotations);
  }

  bool Eval(uint32_t index, const Json& instance, Annotations* annotations) {
    if (aborted_) return false;
    const Node& node = schema_.nodes[index];
    if (++steps_ > kMaxEvaluationSteps) {
      Abort("", node.location,
            "validation stopped after " + std::to_string(kMaxEvaluationSteps) +
                " schema evaluations; the schema is too expensive for this instance");
      return false;
    }
    if (node.kind == NodeKind::kAlwaysValid) return true;
    if (node.kind == NodeKind::kAlwaysInvalid) {
      if (Collecting()) ReportFalseSchema(node);
      return false;
    }
    if (node.nullable && instance.is_null()) return true;
    if (depth_ >= kMaxValidationDepth) {
      Abort("", node.location,
            "validation exceeded the maximum depth of " + std::to_string(kMaxValidationDepth) +
                " nested schemas");
      return false;
    }
    ++depth_;
    bool pushed_scope = schema_.uses_dynamic_scope && node.resource != scope_.back();
    if (pushed_scope) scope_.push_back(node.resource);

    Annotations local;
    Annotations* target = node.collects_annotations ? &local : annotations;
    bool valid = true;
    for (const Keyword& keyword : node.keywords) {
      bool keyword_valid = std::visit(
          [&](const auto& data) { return Check(keyword, data, instance, target); }, keyword.data);
      if (!keyword_valid) {
        valid = false;
        if (!Collecting() || aborted_) break;
      }
    }
    if (node.collects_annotations && annotations != nullptr) annotations->Merge(local);

    if (pushed_scope) scope_.pop_back();
    --depth_;
    return valid && !aborted_;
  }

  void ReportFalseSchema(const Node& node) {
    std::string_view by = node.applied_by;
    std::string keyword = by.empty() ? "false" : std::string(by);
    if (!path_.empty() && path_.back().key != nullptr &&
        (by == "properties" || by == "patternProperties" || by == "additionalProperties" ||
         by == "unevaluatedProperties")) {
      Report(keyword, node.location,
             "property " + Quote(*path_.back().key) + " is not allowed by " + keyword);
      return;
    }
    if (!path_.empty() && path_.back().key == nullptr &&
        (by == "items" || by == "prefixItems" || by == "additionalItems" ||
         by == "unevaluatedItems")) {
      Report(
          keyword, node.location,
          "item at index " + std::to_string(path_.back().index) + " is not allowed by " + keyword);
      return;
    }
    Report(keyword, node.location, "no value is allowed here because the schema is false");
  }

  // --- Validation keywords ---

  bool Check(const Keyword& keyword, const TypeKeyword& type, const Json& instance, Annotations*) {
    uint8_t bits = InstanceTypeBits(instance);
    // nlohmann::json stores integers beyond 64 bits as floats, so those still count as written
    // without a fraction.
    bool float_syntax = type.integer_needs_integer_syntax && instance.is_number_float() &&
                        std::fabs(instance.get<double>()) < 18446744073709551616.0;
    if (float_syntax) bits &= static_cast<uint8_t>(~kIntegerBit);
    if ((bits & type.allowed) != 0) return true;
    if (Collecting()) {
      std::string found = float_syntax ? "number" : InstanceTypeName(instance);
      Report(keyword, found + " found, " + type.expected + " expected");
    }
    return false;
  }

  bool Check(const Keyword& keyword, const EnumKeyword& enumeration, const Json& instance,
             Annotations*) {
    if (enumeration.only_strings) {
      if (instance.is_string() &&
          enumeration.strings.count(instance.get_ref<const std::string&>()) > 0) {
        return true;
      }
    } else {
      for (const Json& value : enumeration.values) {
        if (JsonEquals(instance, value)) return true;
      }
    }
    if (Collecting()) {
      Report(keyword, DescribeValue(instance) + " is not one of the allowed values " +
                          DescribeValue(Json(enumeration.values), 120));
    }
    return false;
  }

  bool Check(const Keyword& keyword, const ConstKeyword& constant, const Json& instance,
             Annotations*) {
    if (JsonEquals(instance, constant.value)) return true;
    if (Collecting()) {
      Report(keyword, DescribeValue(instance) + " is not equal to the constant " +
                          DescribeValue(constant.value));
    }
    return false;
  }

  bool Check(const Keyword& keyword, const MultipleOfKeyword& multiple, const Json& instance,
             Annotations*) {
    if (!instance.is_number() || IsMultipleOf(instance, multiple.divisor)) return true;
    if (Collecting()) {
      Report(keyword,
             DescribeValue(instance) + " is not a multiple of " + DescribeValue(multiple.divisor));
    }
    return false;
  }

  bool Check(const Keyword& keyword, const BoundKeyword& bound, const Json& instance,
             Annotations*) {
    if (!instance.is_number()) return true;
    int order = CompareNumbers(instance, bound.limit);
    bool valid = bound.upper ? (bound.exclusive ? order < 0 : order <= 0)
                             : (bound.exclusive ? order > 0 : order >= 0);
    if (valid) return true;
    if (Collecting()) {
      std::string relation;
      if (bound.upper) {
        relation = bound.exclusive ? " is greater than or equal to the exclusive maximum "
                                   : " is greater than the maximum ";
      } else {
        relation = bound.exclusive ? " is less than or equal to the exclusive minimum "
                                   : " is less than the minimum ";
      }
      Report(keyword, DescribeValue(instance) + relation + DescribeValue(bound.limit));
    }
    return false;
  }

  bool Check(const Keyword& keyword, const CountKeyword& count, const Json& instance,
             Annotations*) {
    uint64_t actual = 0;
    switch (count.target) {
      case CountTarget::kLength:
        if (!instance.is_string()) return true;
        actual = CodePointCount(instance.get_ref<const std::string&>());
        break;
      case CountTarget::kItems:
        if (!instance.is_array()) return true;
        actual = instance.size();
        break;
      case CountTarget::kProperties:
        if (!instance.is_object()) return true;
        actual = instance.size();
        break;
    }
    if (count.upper ? actual <= count.limit : actual >= count.limit) return true;
    if (Collecting()) {
      std::string bound = count.upper ? "the maximum " : "the minimum ";
      std::string message;
      switch (count.target) {
        case CountTarget::kLength:
          message = "string length " + std::to_string(actual) +
                    (count.upper ? " is greater than " : " is less than ") + bound + "length " +
                    std::to_string(count.limit);
          break;
        case CountTarget::kItems:
          message = "array has " + Plural(actual, "item", "items") +
                    (count.upper ? ", more than " : ", fewer than ") + bound +
                    std::to_string(count.limit);
          break;
        case CountTarget::kProperties:
          message = "object has " + Plural(actual, "property", "properties") +
                    (count.upper ? ", more than " : ", fewer than ") + bound +
                    std::to_string(count.limit);
          break;
      }
      Report(keyword, std::move(message));
    }
    return false;
  }

  bool Check(const Keyword& keyword, const PatternKeyword& pattern, const Json& instance,
             Annotations*) {
    if (!instance.is_string()) return true;
    RegexMatch match = pattern.regex->Search(instance.get_ref<const std::string&>());
    if (match == RegexMatch::kMatch) return true;
    if (Collecting()) {
      if (match == RegexMatch::kLimitExceeded) {
        Report(keyword, "matching " + DescribeValue(instance) + " against the pattern " +
                            Quote(pattern.regex->pattern()) +
                            " exceeded the regular expression match limit");
      } else {
        Report(keyword, DescribeValue(instance) + " does not match the pattern " +
                            Quote(pattern.regex->pattern()));
      }
    }
    return false;
  }

  bool Check(const Keyword& keyword, const FormatKeyword& format, const Json& instance,
             Annotations*) {
    if (!instance.is_string() || format.check(instance.get_ref<const std::string&>())) {
      return true;
    }
    if (Collecting()) {
      Report(keyword, DescribeValue(instance) + " is not a valid " + format.format);
    }
    return false;
  }

  bool Check(const Keyword& keyword, const UniqueItemsKeyword&, const Json& instance,
             Annotations*) {
    if (!instance.is_array() || instance.size() < 2) return true;
    size_t first = 0;
    size_t second = 0;
    bool duplicate = false;
    if (instance.size() <= 16) {
      for (size_t i = 0; i < instance.size() && !duplicate; ++i) {
        for (size_t j = i + 1; j < instance.size(); ++j) {
          if (JsonEquals(instance[i], instance[j])) {
            first = i;
            second = j;
            duplicate = true;
            break;
          }
        }
      }
    } else {
      // Sort by hash and compare only neighbors with equal hashes: O(n log n) instead of O(n^2).
      std::vector<std::pair<size_t, size_t>> hashes;
      hashes.reserve(instance.size());
      for (size_t i = 0; i < instance.size(); ++i) hashes.emplace_back(JsonHash(instance[i]), i);
      std::sort(hashes.begin(), hashes.end());
      for (size_t start = 0; start < hashes.size() && !duplicate;) {
        size_t end = start + 1;
        while (end < hashes.size() && hashes[end].first == hashes[start].first) ++end;
        for (size_t i = start; i < end && !duplicate; ++i) {
          for (size_t j = i + 1; j < end; ++j) {
            if (JsonEquals(instance[hashes[i].second], instance[hashes[j].second])) {
              first = std::min(hashes[i].second, hashes[j].second);
              second = std::max(hashes[i].second, hashes[j].second);
              duplicate = true;
              break;
            }
          }
        }
        start = end;
      }
    }
    if (!duplicate) return true;
    if (Collecting()) {
      Report(keyword, "items at index " + std::to_string(first) + " and " + std::to_string(second) +
                          " are equal, but items must be unique");
    }
    return false;
  }

  bool Check(const Keyword& keyword, const RequiredKeyword& required, const Json& instance,
             Annotations*) {
    if (!instance.is_object()) return true;
    MemberIndex members(instance);
    bool valid = true;
    for (const std::string& name : required.names) {
      if (members.Contains(name)) continue;
      valid = false;
      if (!Collecting()) return false;
      Report(keyword, "required property " + Quote(name) + " is missing");
    }
    return valid;
  }

  bool Check(const Keyword& keyword, const DependentRequiredKeyword& dependent,
             const Json& instance, Annotations*) {
    if (!instance.is_object()) return true;
    MemberIndex members(instance);
    bool valid = true;
    for (const auto& [trigger, names] : dependent.entries) {
      if (!members.Contains(trigger)) continue;
      for (const std::string& name : names) {
        if (members.Contains(name)) continue;
        valid = false;
        if (!Collecting()) return false;
        Report(keyword, "property " + Quote(name) + " is required when property " + Quote(trigger) +
                            " is present");
      }
    }
    return valid;
  }

  // --- Applicators ---

  bool Check(const Keyword&, const DependentSchemasKeyword& dependent, const Json& instance,
             Annotations* annotations) {
    if (!instance.is_object()) return true;
    MemberIndex members(instance);
    bool valid = true;
    for (const auto& [trigger, node] : dependent.entries) {
      if (!members.Contains(trigger)) continue;
      if (!Eval(node, instance, annotations)) {
        valid = false;
        if (!Collecting()) return false;
      }
    }
    return valid;
  }

  bool Check(const Keyword&, const PropertiesKeyword& properties, const Json& instance,
             Annotations* annotations) {
    if (!instance.is_object()) return true;
    bool valid = true;
    size_t count = instance.size();
    size_t index = 0;
    for (auto it = instance.begin(); it != instance.end(); ++it, ++index) {
      const std::string& key = it.key();
      const Json& value = it.value();
      bool evaluated = false;
      bool member_valid = true;
      PathGuard path(path_, &key, 0);
      if (!properties.properties.empty()) {
        auto found = properties.properties.find(key);
        if (found != properties.properties.end()) {
          evaluated = true;
          member_valid = Eval(found->second, value, nullptr) && member_valid;
        }
      }
      for (const auto& [regex, node] : properties.patterns) {
        if (!member_valid && !Collecting()) break;
        if (regex->Search(key) != RegexMatch::kMatch) continue;
        evaluated = true;
        member_valid = Eval(node, value, nullptr) && member_valid;
      }
      if (!evaluated && properties.additional != kNoNode) {
        evaluated = true;
        member_valid = Eval(properties.additional, value, nullptr) && member_valid;
      }
      if (evaluated && annotations != nullptr) annotations->MarkProperty(index, count);
      if (!member_valid) {
        valid = false;
        if (!Collecting()) return false;
      }
    }
    return valid;
  }

  bool Check(const Keyword&, const ItemsKeyword& items, const Json& instance,
             Annotations* annotations) {
    if (!instance.is_array()) return true;
    bool valid = true;
    size_t count = instance.size();
    size_t prefix = std::min(count, items.prefix.size());
    for (size_t i = 0; i < prefix; ++i) {
      PathGuard path(path_, nullptr, i);
      if (!Eval(items.prefix[i], instance[i], nullptr)) {
        valid = false;
        if (!Collecting()) return false;
      }
    }
    if (annotations != nullptr)
      annotations->item_prefix = std::max(annotations->item_prefix, prefix);
    if (items.rest == kNoNode || count <= items.prefix.size()) return valid;
    for (size_t i = items.prefix.size(); i < count; ++i) {
      PathGuard path(path_, nullptr, i);
      if (!Eval(items.rest, instance[i], nullptr)) {
        valid = false;
        if (!Collecting()) return false;
      }
    }
    if (annotations != nullptr) annotations->all_items = true;
    return valid;
  }

  bool Check(const Keyword& keyword, const ContainsKeyword& contains, const Json& instance,
             Annotations* annotations) {
    if (!instance.is_array()) return true;
    uint64_t matches = 0;
    size_t count = instance.size();
    for (size_t i = 0; i < count; ++i) {
      PathGuard path(path_, nullptr, i);
      if (!EvalQuiet(contains.node, instance[i], nullptr)) continue;
      ++matches;
      if (annotations != nullptr) {
        annotations->MarkItem(i, count);
      } else if (matches >= contains.min && !contains.max) {
        break;  // the verdict cannot change any more
      }
    }
    if (aborted_) return false;
    if (matches < contains.min) {
      if (Collecting()) {
        if (contains.min == 1) {
          Report(keyword, "no item matches the contains schema");
        } else {
          Report("minContains", keyword.location,
                 Plural(matches, "item matches", "items match") +
                     " the contains schema, fewer than the minimum " +
                     std::to_string(contains.min));
        }
      }
      return false;
    }
    if (contains.max && matches > *contains.max) {
      if (Collecting()) {
        Report("maxContains", keyword.location,
               Plural(matches, "item matches", "items match") +
                   " the contains schema, more than the maximum " + std::to_string(*contains.max));
      }
      return false;
    }
    return true;
  }

  bool Check(const Keyword& keyword, const PropertyNamesKeyword& names, const Json& instance,
             Annotations*) {
    if (!instance.is_object()) return true;
    bool valid = true;
    for (auto it = instance.begin(); it != instance.end(); ++it) {
      const std::string& key = it.key();
      Json name(key);
      PathGuard path(path_, &key, 0);
      if (EvalQuiet(names.node, name, nullptr)) continue;
      valid = false;
      if (!Collecting()) return false;
      Report(keyword, "property name " + Quote(key) + " does not match the propertyNames schema");
    }
    return valid;
  }

  bool Check(const Keyword& keyword, const CombinatorKeyword& combinator, const Json& instance,
             Annotations* annotations) {
    if (combinator.discriminator) {
      std::optional<size_t> branch = PickDiscriminatedBranch(*combinator.discriminator, instance);
      if (branch) return Eval(combinator.nodes[*branch], instance, annotations);
    }
    switch (combinator.combinator) {
      case Combinator::kAllOf:
        return CheckAllOf(combinator, instance, annotations);
      case Combinator::kAnyOf:
        return CheckAnyOf(keyword, combinator, instance, annotations);
      case Combinator::kOneOf:
        return CheckOneOf(keyword, combinator, instance, annotations);
    }
    return false;
  }

  std::optional<size_t> PickDiscriminatedBranch(const DiscriminatorChoice& choice,
                                                const Json& instance) {
    if (!instance.is_object()) return std::nullopt;
    auto property = instance.find(choice.property);
    if (property == instance.end() || !property->is_string()) return std::nullopt;
    auto found = choice.branch_by_value.find(property->get_ref<const std::string&>());
    if (found == choice.branch_by_value.end()) return std::nullopt;
    return found->second;
  }

  bool CheckAllOf(const CombinatorKeyword& combinator, const Json& instance,
                  Annotations* annotations) {
    bool valid = true;
    for (uint32_t node : combinator.nodes) {
      if (!Eval(node, instance, annotations)) {
        valid = false;
        if (!Collecting()) return false;
      }
    }
    return valid;
  }

  // Re-runs every branch with error collection on, after a quiet pass found the combinator
  // failing, so the report explains why each branch failed.
  void ReportBranchErrors(const CombinatorKeyword& combinator, const Json& instance) {
    for (uint32_t node : combinator.nodes) {
      if (!Collecting()) return;
      Eval(node, instance, nullptr);
    }
  }

  bool CheckAnyOf(const Keyword& keyword, const CombinatorKeyword& combinator, const Json& instance,
                  Annotations* annotations) {
    bool any_valid = false;
    for (uint32_t node : combinator.nodes) {
      if (annotations == nullptr) {
        if (EvalQuiet(node, instance, nullptr)) return true;
        continue;
      }
      // Every branch runs, because unevaluatedProperties uses the annotations of all the
      // branches that pass.
      Annotations branch;
      if (EvalQuiet(node, instance, &branch)) {
        any_valid = true;
        annotations->Merge(branch);
      }
    }
    if (any_valid) return true;
    if (aborted_) return false;
    if (Collecting()) {
      Report(keyword, "value does not match any of the " + std::to_string(combinator.nodes.size()) +
                          " anyOf schemas");
      ReportBranchErrors(combinator, instance);
    }
    return false;
  }

  bool CheckOneOf(const Keyword& keyword, const CombinatorKeyword& combinator, const Json& instance,
                  Annotations* annotations) {
    std::vector<size_t> matching;
    Annotations matched_annotations;
    for (size_t i = 0; i < combinator.nodes.size(); ++i) {
      Annotations branch;
      if (!EvalQuiet(combinator.nodes[i], instance, annotations ? &branch : nullptr)) continue;
      matching.push_back(i);
      if (matching.size() == 1) {
        matched_annotations = std::move(branch);
      } else if (!Collecting()) {
        return false;
      }
    }
    if (aborted_) return false;
    if (matching.size() == 1) {
      if (annotations != nullptr) annotations->Merge(matched_annotations);
      return true;
    }
    if (!Collecting()) return false;
    if (matching.empty()) {
      Report(keyword, "value does not match any of the " + std::to_string(combinator.nodes.size()) +
                          " oneOf schemas");
      ReportBranchErrors(combinator, instance);
      return false;
    }
    std::string indexes;
    for (size_t i = 0; i < matching.size(); ++i) {
      if (i > 0) indexes += i + 1 == matching.size() ? " and " : ", ";
      indexes += std::to_string(matching[i]);
    }
    Report(keyword, "value matches " + std::to_string(matching.size()) +
                        " oneOf schemas (at indexes " + indexes + ") but must match exactly one");
    return false;
  }

  bool Check(const Keyword& keyword, const NotKeyword& negation, const Json& instance,
             Annotations*) {
    bool matches = EvalQuiet(negation.node, instance, nullptr);
    if (aborted_) return false;
    if (!matches) return true;
    if (Collecting()) Report(keyword, "value must not match the schema in 'not'");
    return false;
  }

  bool Check(const Keyword&, const ConditionalKeyword& conditional, const Json& instance,
             Annotations* annotations) {
    Annotations condition_annotations;
    bool condition = EvalQuiet(conditional.if_node, instance,
                               annotations != nullptr ? &condition_annotations : nullptr);
    if (aborted_) return false;
    if (condition) {
      if (annotations != nullptr) annotations->Merge(condition_annotations);
      if (conditional.then_node == kNoNode) return true;
      return Eval(conditional.then_node, instance, annotations);
    }
    if (conditional.else_node == kNoNode) return true;
    return Eval(conditional.else_node, instance, annotations);
  }

  bool FollowReference(const Keyword& keyword, uint32_t target, const Json& instance,
                       Annotations* annotations) {
    // A reference that reaches the same schema again without moving to a child instance loops
    // forever. Entries for the current instance sit at the top of the stack, because the
    // instance only gets deeper along one evaluation path.
    for (auto it = references_.rbegin(); it != references_.rend() && it->second == &instance;
         ++it) {
      if (it->first == target) {
        Abort(keyword.name, keyword.location,
              "the " + keyword.name + " at this location leads back to itself without " +
                  "validating a nested value, so validation would never end");
        return false;
      }
    }
    references_.emplace_back(target, &instance);
    bool valid = Eval(target, instance, annotations);
    references_.pop_back();
    return valid;
  }

  bool Check(const Keyword& keyword, const RefKeyword& ref, const Json& instance,
             Annotations* annotations) {
    return FollowReference(keyword, ref.target, instance, annotations);
  }

  bool Check(const Keyword& keyword, const DynamicRefKeyword& ref, const Json& instance,
             Annotations* annotations) {
    uint32_t target = ref.target;
    if (ref.anchor) {
      bool found = false;
      for (uint32_t resource : scope_) {
        if (resource >= schema_.dynamic_anchors.size()) continue;
        for (const auto& [anchor, node] : schema_.dynamic_anchors[resource]) {
          if (anchor == *ref.anchor) {
            target = node;
            found = true;
            break;
          }
        }
        if (found) break;
      }
    }
    return FollowReference(keyword, target, instance, annotations);
  }

  bool Check(const Keyword&, const UnevaluatedPropertiesKeyword& unevaluated, const Json& instance,
             Annotations* annotations) {
    if (!instance.is_object()) return true;
    bool valid = true;
    size_t index = 0;
    for (auto it = instance.begin(); it != instance.end(); ++it, ++index) {
      if (annotations != nullptr && annotations->PropertyEvaluated(index)) continue;
      PathGuard path(path_, &it.key(), 0);
      if (!Eval(unevaluated.node, it.value(), nullptr)) {
        valid = false;
        if (!Collecting()) return false;
      }
    }
    if (annotations != nullptr) annotations->all_properties = true;
    return valid;
  }

  bool Check(const Keyword&, const UnevaluatedItemsKeyword& unevaluated, const Json& instance,
             Annotations* annotations) {
    if (!instance.is_array()) return true;
    bool valid = true;
    for (size_t i = 0; i < instance.size(); ++i) {
      if (annotations != nullptr && annotations->ItemEvaluated(i)) continue;
      PathGuard path(path_, nullptr, i);
      if (!Eval(unevaluated.node, instance[i], nullptr)) {
        valid = false;
        if (!Collecting()) return false;
      }
    }
    if (annotations != nullptr) annotations->all_items = true;
    return valid;
  }

  const CompiledSchema& schema_;
  std::vector<ValidationError>* errors_;
  size_t max_errors_;
  int quiet_ = 0;
  size_t depth_ = 0;
  size_t steps_ = 0;
  bool aborted_ = false;
  ValidationError abort_error_;
  std::vector<PathEntry> path_;
  std::vector<uint32_t> scope_;  // resources of the dynamic scope, outermost first
  std::vector<std::pair<uint32_t, const Json*>> references_;
};

}  // namespace

bool EvaluateInstance(const CompiledSchema& schema, const Json& instance,
                      std::vector<ValidationError>* errors, size_t max_errors) {
  Evaluator evaluator(schema, errors, max_errors);
  return evaluator.Run(instance);
}

}  // namespace mimic::schema::internal
