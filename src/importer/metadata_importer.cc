#include "importer/metadata_importer.h"

#include "importer/secondary_target.h"

namespace mimic {

Result<std::vector<ImportDiagnostic>> ApplyApiMetadata(const Json& document, Service* service) {
  std::vector<ImportDiagnostic> diagnostics;
  const Json& metadata = ObjectField(document, "metadata");
  for (const char* key : {"labels", "annotations"}) {
    if (!metadata.is_object() || !metadata.contains(key) || !metadata[key].is_object()) continue;
    auto& target =
        std::string(key) == "labels" ? service->metadata.labels : service->metadata.annotations;
    for (const auto& [name, value] : metadata[key].items()) target[name] = ScalarOrJsonText(value);
  }

  const Json& operations = ObjectField(document, "operations");
  if (!operations.is_object()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The APIMetadata `operations` must be a mapping of operation names.");
  }
  for (const auto& [operation_name, settings] : operations.items()) {
    Operation* operation = service->FindOperation(operation_name);
    if (operation == nullptr) {
      diagnostics.push_back({operation_name, "the service has no operation named '" +
                                                 operation_name + "'; its metadata was ignored."});
      continue;
    }
    if (!settings.is_object()) continue;
    for (const char* key : {"delay", "frequency"}) {
      if (settings.contains(key) && settings[key].is_number()) {
        operation->default_delay = settings[key].get<int64_t>();
      }
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
