#include "importer/examples_importer.h"

#include <set>

#include "common/strings.h"
#include "dispatch/criteria.h"
#include "dispatch/path_template.h"
#include "importer/secondary_target.h"
#include "script/soapui_xpath.h"

namespace mimic {
namespace {

std::vector<Header> ReadHeaders(const Json& node) {
  std::vector<Header> headers;
  if (!node.is_object()) return headers;
  for (const auto& [name, value] : node.items()) {
    Header header{name, {}};
    if (value.is_array()) {
      for (const Json& item : value) header.values.push_back(ScalarOrJsonText(item));
    } else {
      header.values.push_back(ScalarOrJsonText(value));
    }
    headers.push_back(std::move(header));
  }
  return headers;
}

}  // namespace

Result<std::vector<ImportDiagnostic>> ApplyApiExamples(const Json& document,
                                                       const std::string& artifact_name,
                                                       Service* service) {
  std::vector<ImportDiagnostic> diagnostics;
  const Json& operations = ObjectField(document, "operations");
  if (!operations.is_object()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The APIExamples `operations` must be a mapping of operation names to "
                     "examples.");
  }
  for (const auto& [operation_name, examples] : operations.items()) {
    Operation* operation = service->FindOperation(operation_name);
    if (operation == nullptr) {
      diagnostics.push_back({operation_name, "the service has no operation named '" +
                                                 operation_name + "'; its examples were ignored."});
      continue;
    }
    if (!examples.is_object()) continue;
    auto root = dispatch::ResolveRootDispatcher(operation->dispatcher, operation->dispatcher_rules);
    std::string pattern = operation->name;
    size_t space = pattern.find(' ');
    if (space != std::string::npos) pattern = pattern.substr(space + 1);
    PathTemplate path_template = PathTemplate::Parse(pattern);
    std::set<std::string> path_names(path_template.parameter_names().begin(),
                                     path_template.parameter_names().end());
    std::set<std::string> resource_paths(operation->resource_paths.begin(),
                                         operation->resource_paths.end());
    auto& target = service->exchanges[operation->name];

    for (const auto& [example_name, example] : examples.items()) {
      if (!example.is_object()) continue;
      const Json& request_node = ObjectField(example, "request");
      const Json& response_node = ObjectField(example, "response");

      Exchange exchange;
      exchange.request.name = example_name;
      exchange.request.source_artifact = artifact_name;
      NameValueList path_values;
      NameValueList query_values;
      NameValueList all_values;
      if (request_node.is_object()) {
        if (request_node.contains("body")) {
          exchange.request.content = ScalarOrJsonText(request_node["body"]);
        }
        exchange.request.headers = ReadHeaders(ObjectField(request_node, "headers"));
        const Json& parameters = ObjectField(request_node, "parameters");
        if (parameters.is_object()) {
          for (const auto& [name, value] : parameters.items()) {
            std::string text = ScalarOrJsonText(value);
            exchange.request.query_parameters.push_back({name, text});
            all_values.emplace_back(name, text);
            (path_names.count(name) ? path_values : query_values).emplace_back(name, text);
          }
        }
      }

      Response& response = exchange.response;
      response.name = example_name;
      response.source_artifact = artifact_name;
      if (response_node.is_object()) {
        if (response_node.contains("status")) {
          response.status = ScalarOrJsonText(response_node["status"]);
        }
        if (response_node.contains("mediaType")) {
          response.media_type = ScalarOrJsonText(response_node["mediaType"]);
        }
        if (response_node.contains("body")) {
          response.content = ScalarOrJsonText(response_node["body"]);
        }
        response.headers = ReadHeaders(ObjectField(response_node, "headers"));
      }
      response.fault = !StartsWith(response.status, "2") && !StartsWith(response.status, "3");

      if (root.dispatcher == dispatch::kUriParts || root.dispatcher == dispatch::kSequence) {
        response.dispatch_criteria = dispatch::BuildPartsCriteria(root.rules, all_values);
        resource_paths.insert(path_template.Expand(path_values));
      } else if (root.dispatcher == dispatch::kUriParams) {
        response.dispatch_criteria = dispatch::BuildParamsCriteria(root.rules, all_values);
      } else if (root.dispatcher == dispatch::kUriElements) {
        response.dispatch_criteria =
            dispatch::BuildPartsCriteria(dispatch::PartsRules(root.rules), path_values) +
            dispatch::BuildParamsCriteria(dispatch::ParamsRules(root.rules), query_values);
        resource_paths.insert(path_template.Expand(path_values));
      } else if (root.dispatcher == dispatch::kQueryArgs) {
        response.dispatch_criteria = dispatch::BuildParamsCriteria(root.rules, all_values);
      } else if (root.dispatcher == dispatch::kQueryMatch && !exchange.request.content.empty()) {
        std::string value = script::EvaluateSoapUiXPath(exchange.request.content, root.rules);
        if (!StartsWith(value, "error: ")) response.dispatch_criteria = std::move(value);
      } else if (root.dispatcher == dispatch::kQueryHeader) {
        NameValueList headers;
        for (const Header& header : exchange.request.headers) {
          if (!header.values.empty()) headers.emplace_back(header.name, header.values.front());
        }
        response.dispatch_criteria = dispatch::BuildHeadersCriteria(root.rules, headers);
      } else if (response_node.is_object() && response_node.contains("dispatchCriteria")) {
        response.dispatch_criteria = ScalarOrJsonText(response_node["dispatchCriteria"]);
      }
      target.push_back(std::move(exchange));
    }
    operation->resource_paths.assign(resource_paths.begin(), resource_paths.end());
  }
  return diagnostics;
}

}  // namespace mimic
