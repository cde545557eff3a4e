#include "importer/metadata_importer.h"

#include <algorithm>
#include <map>
#include <optional>

#include "importer/secondary_target.h"

namespace mimic {
namespace {

// Longer than HTTP clients wait by default. A larger value is most likely a unit
// mistake, and it would only make calls time out.
constexpr int64_t kMaxDelayMillis = 300000;

// Reads a delay in milliseconds: a non-negative integer, or its decimal text.
std::optional<int64_t> DelayValue(const Json& value) {
  if (value.is_number_integer()) return value.get<int64_t>();
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (text.empty() || text.size() > 12 ||
        text.find_first_not_of("0123456789") != std::string::npos) {
      return std::nullopt;
    }
    return std::stoll(text);
  }
  return std::nullopt;
}

constexpr const char* kLabelKinds[] = {"labels", "annotations"};

std::map<std::string, std::string>& LabelMap(Service* service, std::string_view kind) {
  return kind == "labels" ? service->metadata.labels : service->metadata.annotations;
}

// The current values of everything `document` sets: each label and annotation
// (null when absent) and the whole settings of each operation it names.
Json CaptureBefore(const Json& document, Service* service) {
  Json before = {
      {"labels", Json::object()}, {"annotations", Json::object()}, {"operations", Json::object()}};
  const Json& metadata = ObjectField(document, "metadata");
  for (const char* kind : kLabelKinds) {
    const auto& current = LabelMap(service, kind);
    for (const auto& [name, value] : ObjectField(metadata, kind).items()) {
      auto found = current.find(name);
      before[kind][name] = found == current.end() ? Json() : Json(found->second);
    }
  }
  for (const auto& [operation_name, settings] : ObjectField(document, "operations").items()) {
    if (const Operation* operation = service->FindOperation(operation_name)) {
      before["operations"][operation_name] = ToJson(*operation);
    }
  }
  return before;
}

void RestoreBefore(const Json& before, Service* service) {
  for (const char* kind : kLabelKinds) {
    auto& current = LabelMap(service, kind);
    for (const auto& [name, value] : ObjectField(before, kind).items()) {
      if (value.is_string()) {
        current[name] = value.get<std::string>();
      } else {
        current.erase(name);
      }
    }
  }
  for (const auto& [operation_name, saved_json] : ObjectField(before, "operations").items()) {
    Operation* operation = service->FindOperation(operation_name);
    if (operation == nullptr) continue;
    Operation saved = OperationFromJson(saved_json);
    operation->dispatcher = saved.dispatcher;
    operation->dispatcher_rules = saved.dispatcher_rules;
    operation->default_delay = saved.default_delay;
    operation->default_delay_strategy = saved.default_delay_strategy;
    operation->parameter_constraints = saved.parameter_constraints;
  }
}

}  // namespace

Result<std::vector<ImportDiagnostic>> ApplyApiMetadata(const Json& document,
                                                       const std::string& artifact_name,
                                                       Service* service) {
  if (document.contains("operations") && !document["operations"].is_object() &&
      !document["operations"].is_null()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The APIMetadata `operations` must be a mapping from operation names (such "
                     "as 'GET /pets/{id}') to their settings.");
  }
  auto& applied = service->applied_metadata;
  auto earlier = std::find_if(applied.begin(), applied.end(), [&](const AppliedMetadata& item) {
    return item.artifact == artifact_name;
  });
  if (earlier != applied.end()) {
    RestoreBefore(earlier->before, service);
    applied.erase(earlier);
  }
  applied.push_back({artifact_name, document, CaptureBefore(document, service)});

  std::vector<ImportDiagnostic> diagnostics;
  const Json& metadata = ObjectField(document, "metadata");
  for (const char* key : {"labels", "annotations"}) {
    if (!metadata.is_object() || !metadata.contains(key) || !metadata[key].is_object()) continue;
    auto& target =
        std::string(key) == "labels" ? service->metadata.labels : service->metadata.annotations;
    for (const auto& [name, value] : metadata[key].items()) target[name] = ScalarOrJsonText(value);
  }

  const Json& operations = ObjectField(document, "operations");
  for (const auto& [operation_name, settings] : operations.items()) {
    Operation* operation = service->FindOperation(operation_name);
    if (operation == nullptr) {
      diagnostics.push_back({operation_name, "the service has no operation named '" +
                                                 operation_name + "'; its metadata was ignored."});
      continue;
    }
    if (!settings.is_object()) {
      diagnostics.push_back({operation_name,
                             "the settings of this operation are not a mapping "
                             "and were ignored."});
      continue;
    }
    for (const char* key : {"delay", "frequency"}) {
      if (!settings.contains(key) || settings[key].is_null()) continue;
      std::optional<int64_t> delay = DelayValue(settings[key]);
      if (!delay || *delay < 0 || *delay > kMaxDelayMillis) {
        diagnostics.push_back(
            {operation_name, std::string(key) + " '" + ScalarOrJsonText(settings[key]) +
                                 "' was ignored: give a whole number of milliseconds from 0 to " +
                                 std::to_string(kMaxDelayMillis) + "."});
        continue;
      }
      operation->default_delay = *delay;
    }
    for (const char* key : {"delayStrategy", "frequencyStrategy"}) {
      if (settings.contains(key)) {
        operation->default_delay_strategy = ScalarOrJsonText(settings[key]);
      }
    }
    if (settings.contains("dispatcher")) {
      std::string dispatcher = ScalarOrJsonText(settings["dispatcher"]);
      std::string rules =
          settings.contains("dispatcherRules") ? ScalarOrJsonText(settings["dispatcherRules"]) : "";
      auto exchanges = service->exchanges.find(operation_name);
      bool has_examples = exchanges != service->exchanges.end() && !exchanges->second.empty();
      if (has_examples &&
          (dispatcher != operation->dispatcher || rules != operation->dispatcher_rules)) {
        // As in Microcks, criteria are computed when examples are imported.
        diagnostics.push_back(
            {operation_name, "the dispatcher changed to " + dispatcher +
                                 ", but the examples imported before keep the dispatch "
                                 "criteria of the previous one. Import the artifacts that "
                                 "bring the examples again so that they match."});
      }
      operation->dispatcher = std::move(dispatcher);
      operation->dispatcher_rules = std::move(rules);
    }
    if (settings.contains("parameterConstraints") && settings["parameterConstraints"].is_array()) {
      for (const Json& item : settings["parameterConstraints"]) {
        if (!item.is_object()) continue;
        ParameterConstraint constraint;
        constraint.name = ScalarOrJsonText(FieldOr(item, "name", Json("")));
        if (item.contains("in")) constraint.in = ScalarOrJsonText(item["in"]);
        constraint.required = FieldOr(item, "required", false);
        constraint.recopy = FieldOr(item, "recopy", false);
        if (item.contains("mustMatchRegexp")) {
          constraint.must_match_regexp = ScalarOrJsonText(item["mustMatchRegexp"]);
        }
        // A constraint on the same parameter replaces the earlier one.
        auto& list = operation->parameter_constraints;
        list.erase(std::remove_if(list.begin(), list.end(),
                                  [&](const ParameterConstraint& existing) {
                                    return existing.name == constraint.name &&
                                           existing.in == constraint.in;
                                  }),
                   list.end());
        list.push_back(std::move(constraint));
      }
    }
  }
  return diagnostics;
}

}  // namespace mimic
