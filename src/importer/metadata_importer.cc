#include "importer/metadata_importer.h"

#include <optional>

#include "importer/secondary_target.h"

namespace mimic {
namespace {

// Longer than any HTTP client waits by default; a larger value is a typo (seconds
// written as milliseconds twice over) and would only make calls time out.
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

}  // namespace

Result<std::vector<ImportDiagnostic>> ApplyApiMetadata(const Json& document, Service* service) {
  std::vector<ImportDiagnostic> diagnostics;
  const Json& metadata = ObjectField(document, "metadata");
  for (const char* key : {"labels", "annotations"}) {
    if (!metadata.is_object() || !metadata.contains(key) || !metadata[key].is_object()) continue;
    auto& target =
        std::string(key) == "labels" ? service->metadata.labels : service->metadata.annotations;
    for (const auto& [name, value] : metadata[key].items()) target[name] = ScalarOrJsonText(value);
  }

  if (document.contains("operations") && !document["operations"].is_object() &&
      !document["operations"].is_null()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The APIMetadata `operations` must be a mapping from operation names (such "
                     "as 'GET /pets/{id}') to their settings.");
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
      diagnostics.push_back({operation_name, "the settings of this operation are not a mapping "
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
      operation->dispatcher = ScalarOrJsonText(settings["dispatcher"]);
      operation->dispatcher_rules =
          settings.contains("dispatcherRules") ? ScalarOrJsonText(settings["dispatcherRules"]) : "";
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
