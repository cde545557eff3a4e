#include "importer/openapi_importer.h"

#include <map>
#include <set>

#include "common/strings.h"
#include "dispatch/criteria.h"
#include "dispatch/path_template.h"
#include "importer/document.h"
#include "importer/ref_resolver.h"
#include "script/soapui_xpath.h"

namespace mimic {
namespace {

constexpr const char* kVerbs[] = {"get",     "put",  "post",  "delete",
                                  "options", "head", "patch", "trace"};
constexpr const char* kDefaultExampleName = "default-example";

// Example values are served as text: strings as written, objects and arrays as
// compact JSON, other scalars in their JSON form.
std::string SerializeExample(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  return DumpJson(value);
}

std::string TextOf(const Json& node, const char* key) {
  if (!node.is_object()) return "";
  auto it = node.find(key);
  if (it == node.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : DumpJson(*it);
}

bool PathHasParts(std::string_view path) {
  return path.find("/{") != std::string_view::npos || path.find("/:") != std::string_view::npos;
}

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// The values one named example gives to the parameters of an operation.
struct ParameterExamples {
  NameValueList path;
  NameValueList query;
  NameValueList headers;
};

struct ParameterInfo {
  std::string name;
  std::string in;
  bool required = false;
  std::vector<std::string> object_properties;  // names used for rules when the schema is an object
};

class OpenApiImporter {
 public:
  OpenApiImporter(const Json& document, std::string_view raw, const ImportSource& source)
      : document_(document),
        raw_(raw),
        source_(source),
        resolver_(document, source.base_uri, source.fetcher),
        swagger_(document.contains("swagger")) {}

  Result<ImportedServices> Run();

 private:
  // Follows $ref values; `uri` is the document that contains `node`, so relative
  // references resolve against the right file in multi-file specs.
  Result<LocatedNode> Deref(const Json& node, const std::string& uri) {
    return resolver_.Deref(node, uri);
  }

  Result<void> ImportOperation(const std::string& path, const std::string& verb,
                               const Json& operation_node, const Json& path_item,
                               const std::string& uri, bool webhook = false);
  Result<void> CollectParameters(const Json& list, const std::string& uri,
                                 std::vector<ParameterInfo>* infos,
                                 std::map<std::string, ParameterExamples>* examples,
                                 bool operation_level);
  Result<void> AddExampleValue(const std::string& example_name, const Json& example_node,
                               const std::string& uri, const ParameterInfo& info,
                               std::map<std::string, ParameterExamples>* examples);
  void ApplyExtension(const Json& extension, Operation* operation);
  // The served text of an Example Object: its value, or the content its externalValue
  // points to (a data: URI is kept as written).
  std::string ExampleContent(const Json& example, const std::string& uri) const;
  std::string ComputeCriteria(const Operation& operation, const ParameterExamples& values,
                              const PathTemplate& path_template) const;

  const Json& document_;
  std::string_view raw_;
  const ImportSource& source_;
  RefResolver resolver_;
  bool swagger_;
  Service service_;
  ImportedServices result_;
};

std::string OpenApiImporter::ExampleContent(const Json& example, const std::string& uri) const {
  if (example.contains("value")) return SerializeExample(example["value"]);
  std::string external = TextOf(example, "externalValue");
  if (external.empty() || StartsWith(external, "data:")) return external;
  const ExternalDocument* document = resolver_.FindExternal(external, uri);
  return document != nullptr ? document->content : external;
}

Result<void> OpenApiImporter::AddExampleValue(const std::string& example_name,
                                              const Json& example_node, const std::string& uri,
                                              const ParameterInfo& info,
                                              std::map<std::string, ParameterExamples>* examples) {
  auto example = Deref(example_node, uri);
  if (!example) return tl::unexpected(example.error());
  const Json& node = *example->node;
  if (!node.is_object() || !node.contains("value")) return {};
  const Json& value = node["value"];
  ParameterExamples& target = (*examples)[example_name];
  NameValueList* list = nullptr;
  if (info.in == "path") {
    list = &target.path;
  } else if (info.in == "query") {
    list = &target.query;
  } else if (info.in == "header") {
    list = &target.headers;
  } else {
    return {};
  }
  if (value.is_array()) {
    for (const Json& item : value) list->emplace_back(info.name, SerializeExample(item));
  } else if (value.is_object() && info.in == "query") {
    for (const auto& [key, item] : value.items()) list->emplace_back(key, SerializeExample(item));
  } else {
    list->emplace_back(info.name, SerializeExample(value));
  }
  return {};
}

Result<void> OpenApiImporter::CollectParameters(const Json& list, const std::string& uri,
                                                std::vector<ParameterInfo>* infos,
                                                std::map<std::string, ParameterExamples>* examples,
                                                bool operation_level) {
  if (!list.is_array()) return {};
  for (const Json& raw_parameter : list) {
    auto parameter = Deref(raw_parameter, uri);
    if (!parameter) return tl::unexpected(parameter.error());
    const Json& node = *parameter->node;
    const std::string& parameter_uri = parameter->document_uri;
    if (!node.is_object()) continue;
    ParameterInfo info;
    info.name = TextOf(node, "name");
    info.in = TextOf(node, "in");
    info.required = FieldOr(node, "required", false);
    if (info.name.empty()) continue;
    if (node.contains("schema")) {
      auto schema = Deref(node["schema"], parameter_uri);
      if (schema && schema->node->is_object() && TextOf(*schema->node, "type") == "object" &&
          schema->node->contains("properties") && (*schema->node)["properties"].is_object()) {
        for (const auto& [property, unused] : (*schema->node)["properties"].items()) {
          info.object_properties.push_back(property);
        }
      }
    }
    if (node.contains("examples") && node["examples"].is_object()) {
      for (const auto& [example_name, example_node] : node["examples"].items()) {
        auto added = AddExampleValue(example_name, example_node, parameter_uri, info, examples);
        if (!added) return added;
      }
    }
    // An operation-level parameter replaces a path-level one with the same name and location.
    auto same = std::find_if(infos->begin(), infos->end(), [&](const ParameterInfo& other) {
      return other.name == info.name && other.in == info.in;
    });
    if (same != infos->end() && operation_level) {
      *same = info;
    } else if (same == infos->end()) {
      infos->push_back(info);
    }
  }
  return {};
}

void OpenApiImporter::ApplyExtension(const Json& extension, Operation* operation) {
  if (!extension.is_object()) return;
  for (const char* key : {"delay", "frequency"}) {
    if (extension.contains(key) && extension[key].is_number()) {
      operation->default_delay = extension[key].get<int64_t>();
    }
  }
  std::string strategy = TextOf(extension, "delayStrategy");
  if (strategy.empty()) strategy = TextOf(extension, "frequencyStrategy");
  if (!strategy.empty()) operation->default_delay_strategy = strategy;
  std::string dispatcher = TextOf(extension, "dispatcher");
  if (!dispatcher.empty()) {
    operation->dispatcher = dispatcher;
    operation->dispatcher_rules = TextOf(extension, "dispatcherRules");
  }
  if (extension.contains("parameterConstraints") && extension["parameterConstraints"].is_array()) {
    for (const Json& item : extension["parameterConstraints"]) {
      if (!item.is_object()) continue;
      ParameterConstraint constraint;
      constraint.name = TextOf(item, "name");
      std::string in = TextOf(item, "in");
      if (!in.empty()) constraint.in = in;
      constraint.required = FieldOr(item, "required", false);
      constraint.recopy = FieldOr(item, "recopy", false);
      constraint.must_match_regexp = TextOf(item, "mustMatchRegexp");
      operation->parameter_constraints.push_back(std::move(constraint));
    }
  }
}

std::string OpenApiImporter::ComputeCriteria(const Operation& operation,
                                             const ParameterExamples& values,
                                             const PathTemplate& path_template) const {
  auto root = dispatch::ResolveRootDispatcher(operation.dispatcher, operation.dispatcher_rules);
  if (root.dispatcher == dispatch::kUriParts || root.dispatcher == dispatch::kSequence) {
    return dispatch::BuildPartsCriteria(root.rules, values.path);
  }
  if (root.dispatcher == dispatch::kUriParams) {
    return dispatch::BuildParamsCriteria(root.rules, values.query);
  }
  if (root.dispatcher == dispatch::kUriElements) {
    return dispatch::BuildPartsCriteria(dispatch::PartsRules(root.rules), values.path) +
           dispatch::BuildParamsCriteria(dispatch::ParamsRules(root.rules), values.query);
  }
  if (root.dispatcher == dispatch::kQueryHeader) {
    return dispatch::BuildHeadersCriteria(root.rules, values.headers);
  }
  if (root.dispatcher == dispatch::kQueryArgs) {
    return dispatch::BuildParamsCriteria(root.rules, values.query);
  }
  return "";
}

Result<void> OpenApiImporter::ImportOperation(const std::string& path, const std::string& verb,
                                              const Json& operation_node, const Json& path_item,
                                              const std::string& uri, bool webhook) {
  Operation operation;
  operation.method = Upper(verb);
  operation.name = webhook ? path + " WEBHOOK" : operation.method + " " + path;
  if (webhook) operation.action = "webhook";

  std::vector<ParameterInfo> parameters;
  std::map<std::string, ParameterExamples> parameter_examples;
  auto collected = CollectParameters(ArrayField(path_item, "parameters"), uri, &parameters,
                                     &parameter_examples, false);
  if (!collected) return collected;
  std::vector<ParameterInfo> operation_parameters;
  collected = CollectParameters(ArrayField(operation_node, "parameters"), uri,
                                &operation_parameters, &parameter_examples, true);
  if (!collected) return collected;
  for (const ParameterInfo& info : operation_parameters) {
    auto same = std::find_if(parameters.begin(), parameters.end(), [&](const ParameterInfo& p) {
      return p.name == info.name && p.in == info.in;
    });
    if (same != parameters.end()) {
      *same = info;
    } else {
      parameters.push_back(info);
    }
  }

  if (operation_node.contains("x-microcks-operation")) {
    ApplyExtension(operation_node["x-microcks-operation"], &operation);
  }

  // Dispatcher inference uses the operation-level parameters other than path ones,
  // in declaration order, like Microcks.
  if (operation.dispatcher.empty()) {
    std::vector<std::string> names;
    for (const ParameterInfo& info : operation_parameters) {
      if (info.in == "path" || info.in == "body" || info.in == "formData") continue;
      if (!info.object_properties.empty()) {
        names.insert(names.end(), info.object_properties.begin(), info.object_properties.end());
      } else {
        names.push_back(info.name);
      }
    }
    std::string params_rules;
    for (const std::string& name : names) {
      if (!params_rules.empty()) params_rules += " && ";
      params_rules += name;
    }
    PathTemplate path_template = PathTemplate::Parse(path);
    std::string parts_rules;
    for (const std::string& name : path_template.parameter_names()) {
      if (!parts_rules.empty()) parts_rules += " && ";
      parts_rules += name;
    }
    bool has_parts = PathHasParts(path);
    if (has_parts && !params_rules.empty()) {
      operation.dispatcher = std::string(dispatch::kUriElements);
      operation.dispatcher_rules = parts_rules + " ?? " + params_rules;
    } else if (!params_rules.empty()) {
      operation.dispatcher = std::string(dispatch::kUriParams);
      operation.dispatcher_rules = params_rules;
    } else if (has_parts) {
      operation.dispatcher = std::string(dispatch::kUriParts);
      operation.dispatcher_rules = parts_rules;
    } else {
      operation.resource_paths.push_back(path);
    }
  } else {
    operation.resource_paths.push_back(path);
  }

  for (const ParameterInfo& info : parameters) {
    if (info.in == "path" || !info.required) continue;
    if (info.in != "query" && info.in != "header" && info.in != "cookie") continue;
    bool declared = std::any_of(
        operation.parameter_constraints.begin(), operation.parameter_constraints.end(),
        [&](const ParameterConstraint& c) { return c.name == info.name && c.in == info.in; });
    if (!declared) {
      ParameterConstraint constraint;
      constraint.name = info.name;
      constraint.in = info.in;
      constraint.required = true;
      operation.parameter_constraints.push_back(std::move(constraint));
    }
  }

  // Request bodies by example name.
  std::map<std::string, Request> requests;
  if (operation_node.contains("requestBody")) {
    auto body = Deref(operation_node["requestBody"], uri);
    if (!body) return tl::unexpected(body.error());
    const Json& content = ObjectField(*body->node, "content");
    if (content.is_object()) {
      for (const auto& [media_type, media] : content.items()) {
        if (!media.is_object() || !media.contains("examples") || !media["examples"].is_object()) {
          continue;
        }
        for (const auto& [example_name, example_node] : media["examples"].items()) {
          auto example = Deref(example_node, body->document_uri);
          if (!example) return tl::unexpected(example.error());
          const Json& example_value = *example->node;
          if (!example_value.is_object()) continue;
          Request request;
          request.name = example_name;
          request.content = ExampleContent(example_value, example->document_uri);
          request.headers.push_back({"Content-Type", {media_type}});
          requests.emplace(example_name, std::move(request));
        }
      }
    }
  }

  PathTemplate path_template = PathTemplate::Parse(path);
  auto root = dispatch::ResolveRootDispatcher(operation.dispatcher, operation.dispatcher_rules);
  bool needs_parts =
      root.dispatcher == dispatch::kUriParts || root.dispatcher == dispatch::kUriElements;
  std::set<std::string> resource_paths(operation.resource_paths.begin(),
                                       operation.resource_paths.end());
  std::vector<Exchange> exchanges;
  std::vector<std::string> dropped;

  auto make_request = [&](const std::string& example_name, const std::string& accept) {
    Request request;
    auto found = requests.find(example_name);
    if (found != requests.end()) request = found->second;
    request.name = example_name;
    if (!accept.empty()) request.headers.push_back({"Accept", {accept}});
    auto values = parameter_examples.find(example_name);
    if (values != parameter_examples.end()) {
      for (const auto& [name, value] : values->second.path) {
        request.query_parameters.push_back({name, value});
      }
      for (const auto& [name, value] : values->second.query) {
        request.query_parameters.push_back({name, value});
      }
      for (const auto& [name, value] : values->second.headers) {
        request.headers.push_back({name, {value}});
      }
    }
    return request;
  };

  auto add_exchange = [&](Response response, const std::string& accept) {
    const std::string& example_name = response.name;
    ParameterExamples values;
    auto found = parameter_examples.find(example_name);
    if (found != parameter_examples.end()) values = found->second;
    if (needs_parts && values.path.empty()) {
      dropped.push_back(example_name);
      return;
    }
    response.dispatch_criteria = ComputeCriteria(operation, values, path_template);
    if (root.dispatcher == dispatch::kQueryMatch) {
      // QUERY_MATCH criteria are the XPath's value on the paired request body.
      auto body = requests.find(example_name);
      if (body != requests.end()) {
        std::string value = script::EvaluateSoapUiXPath(body->second.content, root.rules);
        if (!StartsWith(value, "error: ")) response.dispatch_criteria = std::move(value);
      }
    }
    if (needs_parts) {
      resource_paths.insert(path_template.Expand(values.path));
    } else if (root.dispatcher == dispatch::kUriParams ||
               root.dispatcher == dispatch::kQueryHeader) {
      resource_paths.insert(path);
    }
    Exchange exchange;
    exchange.request = make_request(example_name, accept);
    exchange.request.source_artifact = source_.artifact_name;
    exchange.response = std::move(response);
    exchange.response.source_artifact = source_.artifact_name;
    exchanges.push_back(std::move(exchange));
  };

  std::vector<Response> defaults;
  std::string default_code;
  const Json& responses = ObjectField(operation_node, "responses");
  if (responses.is_object()) {
    for (const auto& [code, raw_response] : responses.items()) {
      auto response_node = Deref(raw_response, uri);
      if (!response_node) return tl::unexpected(response_node.error());
      const Json& response = *response_node->node;
      const std::string& response_uri = response_node->document_uri;
      if (!response.is_object()) continue;
      std::string status = code == "default" ? "500" : code;
      bool fault = !StartsWith(status, "2");

      // Header examples by example name.
      std::map<std::string, std::vector<Header>> header_examples;
      if (response.contains("headers") && response["headers"].is_object()) {
        for (const auto& [header_name, raw_header] : response["headers"].items()) {
          auto header = Deref(raw_header, response_uri);
          if (!header) return tl::unexpected(header.error());
          const Json& header_node = *header->node;
          if (!header_node.is_object() || !header_node.contains("examples") ||
              !header_node["examples"].is_object()) {
            continue;
          }
          for (const auto& [example_name, example_node] : header_node["examples"].items()) {
            auto example = Deref(example_node, header->document_uri);
            if (!example) return tl::unexpected(example.error());
            const Json& example_value = *example->node;
            if (!example_value.is_object() || !example_value.contains("value")) continue;
            std::string value = SerializeExample(example_value["value"]);
            Header built{header_name, {}};
            // Comma-separated values become several values, except templates whose
            // function arguments contain commas.
            if (value.find("{{") == std::string::npos && value.find(',') != std::string::npos) {
              for (const std::string& part : Split(value, ",")) {
                built.values.emplace_back(Trim(part));
              }
            } else {
              built.values.push_back(value);
            }
            header_examples[example_name].push_back(std::move(built));
          }
        }
      }

      if (response.contains("content") && response["content"].is_object()) {
        for (const auto& [media_type, media] : response["content"].items()) {
          if (!media.is_object()) continue;
          if (media.contains("examples") && media["examples"].is_object()) {
            for (const auto& [example_name, example_node] : media["examples"].items()) {
              auto example = Deref(example_node, response_uri);
              if (!example) return tl::unexpected(example.error());
              const Json& example_value = *example->node;
              if (!example_value.is_object()) continue;
              Response built;
              built.name = example_name;
              built.status = status;
              built.fault = fault;
              built.media_type = media_type;
              built.content = ExampleContent(example_value, example->document_uri);
              auto headers = header_examples.find(example_name);
              if (headers != header_examples.end()) built.headers = headers->second;
              add_exchange(std::move(built), media_type);
            }
          }
          if (media.contains("example") && (default_code.empty() || default_code == code)) {
            default_code = code;
            Response built;
            built.name = kDefaultExampleName;
            built.status = status;
            built.fault = fault;
            built.media_type = media_type;
            built.content = SerializeExample(media["example"]);
            built.is_default = true;
            defaults.push_back(std::move(built));
          }
        }
      }
      // NOTE: Swagger 2.0 response `examples` (one per MIME type) are not served, as in
      // Microcks: Swagger services get their examples from a secondary artifact.
      // Responses without content are paired through x-microcks-refs.
      if (response.contains("x-microcks-refs") && response["x-microcks-refs"].is_array()) {
        for (const Json& ref : response["x-microcks-refs"]) {
          if (!ref.is_string()) continue;
          Response built;
          built.name = ref.get<std::string>();
          built.status = status;
          built.fault = fault;
          auto headers = header_examples.find(built.name);
          if (headers != header_examples.end()) built.headers = headers->second;
          add_exchange(std::move(built), "");
        }
      }
    }
  }

  // A webhook's requests are what gets sent, so each request example counts
  // even when no response example pairs with it.
  if (webhook) {
    std::string status = "200";
    for (const auto& [code, unused] : responses.items()) {
      if (StartsWith(code, "2")) {
        status = code;
        break;
      }
    }
    for (const auto& entry : requests) {
      const std::string& example_name = entry.first;
      bool paired = std::any_of(exchanges.begin(), exchanges.end(), [&](const Exchange& done) {
        return done.request.name == example_name;
      });
      if (paired) continue;
      Response response;
      response.name = example_name;
      response.status = status;
      add_exchange(std::move(response), "");
    }
  }

  // Defaults are served only when nothing named matches, so they sit after the named ones.
  for (Response& response : defaults) {
    Exchange exchange;
    exchange.request.name = response.name;
    exchange.request.source_artifact = source_.artifact_name;
    response.source_artifact = source_.artifact_name;
    exchange.response = std::move(response);
    exchanges.push_back(std::move(exchange));
  }

  operation.resource_paths.assign(resource_paths.begin(), resource_paths.end());
  if (!dropped.empty()) {
    std::string names;
    for (const std::string& name : dropped) names += (names.empty() ? "'" : ", '") + name + "'";
    result_.diagnostics.push_back(
        {operation.name, "examples " + names +
                             " were skipped: the operation dispatches on path "
                             "parameters and these examples give no path parameter value. Add a "
                             "parameter example with the same name."});
  }
  if (exchanges.empty()) {
    result_.diagnostics.push_back(
        {operation.name,
         "no mock response: the operation has no named example. Calls return 400 until one is "
         "added: give a response a named `examples` entry, or import an APIExamples artifact. "
         "A singular `example` also serves, as the default, unless the server runs with "
         "--ignore-singular-examples."});
  }
  service_.exchanges[operation.name] = std::move(exchanges);
  service_.operations.push_back(std::move(operation));
  return {};
}

Result<ImportedServices> OpenApiImporter::Run() {
  const Json* info = document_.contains("info") ? &document_["info"] : nullptr;
  if (info == nullptr || !info->is_object()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The document has no `info` object. Mimic names the service after "
                     "info.title and info.version: add both.");
  }
  service_.name = TextOf(*info, "title");
  service_.version = TextOf(*info, "version");
  if (service_.name.empty() || service_.version.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string("The document has no info.") +
                         (service_.name.empty() ? "title" : "version") +
                         ". Mimic names the service after info.title and info.version: add it.");
  }
  service_.type = ServiceType::kRest;
  service_.source_artifact = source_.artifact_name;
  if (info->contains("x-microcks") && (*info)["x-microcks"].is_object()) {
    const Json& extension = (*info)["x-microcks"];
    for (const char* key : {"labels", "annotations"}) {
      if (!extension.contains(key) || !extension[key].is_object()) continue;
      auto& target =
          std::string(key) == "labels" ? service_.metadata.labels : service_.metadata.annotations;
      for (const auto& [name, value] : extension[key].items()) {
        target[name] = value.is_string() ? value.get<std::string>() : DumpJson(value);
      }
    }
  }

  auto loaded = resolver_.LoadExternalDocuments();
  if (!loaded) return tl::unexpected(loaded.error());

  const Json& paths = ObjectField(document_, "paths");
  if (paths.is_object()) {
    for (const auto& [path, raw_item] : paths.items()) {
      if (!StartsWith(path, "/")) continue;  // x- extensions
      auto item = Deref(raw_item, source_.base_uri);
      if (!item) return tl::unexpected(item.error());
      const Json& path_item = *item->node;
      if (!path_item.is_object()) continue;
      for (const char* verb : kVerbs) {
        if (!path_item.contains(verb) || !path_item[verb].is_object()) continue;
        auto imported = ImportOperation(path, verb, path_item[verb], path_item, item->document_uri);
        if (!imported) return tl::unexpected(imported.error());
      }
    }
  }
  // OpenAPI 3.1 webhooks are calls the API makes, not paths it serves: they
  // become operations named "<webhook> WEBHOOK" whose examples the webhook
  // registrations send out.
  const Json& webhooks = FieldOr(document_, "webhooks", Json::object());
  for (const auto& [name, raw_item] : webhooks.items()) {
    auto item = Deref(raw_item, source_.base_uri);
    if (!item) return tl::unexpected(item.error());
    const Json& path_item = *item->node;
    if (!path_item.is_object()) continue;
    for (const char* verb : kVerbs) {
      if (!path_item.contains(verb) || !path_item[verb].is_object()) continue;
      auto imported = ImportOperation(name, verb, path_item[verb], path_item, item->document_uri,
                                      /*webhook=*/true);
      if (!imported) return tl::unexpected(imported.error());
    }
  }

  Resource spec;
  spec.name = service_.name + "-" + service_.version + (LooksLikeJson(raw_) ? ".json" : ".yaml");
  spec.type = swagger_ ? "SWAGGER" : "OPEN_API_SPEC";
  spec.content = std::string(raw_);
  spec.source_artifact = source_.artifact_name;
  service_.resources.push_back(std::move(spec));
  for (const ExternalDocument& external : resolver_.external_documents()) {
    Resource resource;
    std::string ref = external.ref;
    size_t hash = ref.find('#');
    if (hash != std::string::npos) ref = ref.substr(0, hash);
    bool absolute = ref.find("://") != std::string::npos;
    size_t slash = ref.rfind('/');
    std::string file = slash == std::string::npos ? ref : ref.substr(slash + 1);
    if (absolute) {
      resource.name = service_.name + "-" + service_.version + "-" + file;
    } else {
      std::string context = slash == std::string::npos ? "" : ref.substr(0, slash);
      if (StartsWith(context, "./")) context = context.substr(2);
      if (context == ".") context.clear();
      context = ReplaceAll(ReplaceAll(context, "../", ""), "/", "-");
      resource.name = service_.name + "-" + service_.version + "-" + context + "-" + file;
    }
    resource.path = external.uri;
    resource.content = external.content;
    const Json& document = external.document;
    resource.type = EndsWith(file, ".avsc")    ? "AVRO_SCHEMA"
                    : EndsWith(file, ".proto") ? "PROTOBUF_SCHEMA"
                    : (document.is_object() &&
                       (document.contains("$schema") || document.contains("properties")))
                        ? "JSON_SCHEMA"
                        : "JSON_FRAGMENT";
    resource.source_artifact = source_.artifact_name;
    service_.resources.push_back(std::move(resource));
  }

  result_.services.push_back(std::move(service_));
  return std::move(result_);
}

}  // namespace

Result<ImportedServices> ImportOpenApi(const Json& document, std::string_view raw_content,
                                       const ImportSource& source) {
  OpenApiImporter importer(document, raw_content, source);
  return importer.Run();
}

}  // namespace mimic
