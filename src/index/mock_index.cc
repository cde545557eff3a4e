#include "index/mock_index.h"

#include <algorithm>

#include "common/strings.h"
#include "dispatch/script_dispatch.h"
#include "spdlog/spdlog.h"

namespace mimic {
namespace {

std::string Key(std::string_view name, std::string_view version) {
  std::string key;
  key.reserve(name.size() + version.size() + 1);
  key.append(name);
  key.push_back('\n');
  key.append(version);
  return key;
}

std::shared_ptr<const tmpl::CompiledTemplate> CompileIfTemplated(const std::string& text) {
  if (!tmpl::HasExpressions(text)) return nullptr;
  auto compiled = tmpl::Compile(text);
  if (!compiled) return nullptr;  // served as written; the renderer marks nothing
  return std::make_shared<const tmpl::CompiledTemplate>(std::move(*compiled));
}

CompiledResponse CompileResponse(const Exchange& exchange) {
  CompiledResponse compiled;
  compiled.exchange = &exchange;
  const Response& response = exchange.response;
  compiled.status = 200;
  if (!response.status.empty()) {
    int status = std::atoi(response.status.c_str());
    if (status >= 100 && status <= 599) compiled.status = status;
  }
  if (!response.media_type.empty()) {
    compiled.content_type = response.media_type;
    if (ToLower(response.media_type).find("charset") == std::string::npos) {
      compiled.content_type += ";charset=UTF-8";
    }
  }
  compiled.body_template = CompileIfTemplated(response.content);
  for (const Header& header : response.headers) {
    // The server frames the body, dates the response and manages the connection
    // itself. Recorded bodies (HAR, Postman) are stored decoded, and Mimic never
    // compresses, so a recorded Content-Encoding would make clients decode plain text.
    if (IsTransportHeader(header.name)) continue;
    // An example's own Content-Type replaces the one built from its media type, as
    // header names are case-insensitive: a response carries one Content-Type.
    if (EqualsIgnoreCase(header.name, "Content-Type")) {
      if (!header.values.empty()) compiled.content_type = header.values.front();
      continue;
    }
    for (const std::string& value : header.values) {
      compiled.headers.push_back({header.name, value, CompileIfTemplated(value)});
    }
  }
  return compiled;
}

CompiledOperation CompileOperation(const Service& service, const Operation& operation,
                                   const std::shared_ptr<const ServiceSpec>& spec,
                                   const IndexOptions& options) {
  CompiledOperation compiled;
  compiled.operation = &operation;
  std::string pattern = operation.name;
  size_t space = pattern.find(' ');
  pattern = space == std::string::npos ? pattern : pattern.substr(space + 1);
  compiled.path = PathTemplate::Parse(pattern);
  compiled.validator = std::make_shared<const RequestValidator>(spec, operation.method, pattern);
  compiled.root = dispatch::ResolveRootDispatcher(operation.dispatcher, operation.dispatcher_rules);
  if (IsScriptDispatcher(compiled.root.dispatcher)) {
    auto script =
        CompileDispatchScript(compiled.root.dispatcher, compiled.root.rules, operation.name);
    if (script) {
      compiled.script = std::move(*script);
    } else {
      // The import reported this; the operation then serves as if it had no dispatcher.
      spdlog::warn("event=dispatcher.script_rejected service={} operation={} error={}",
                   LogValue(service.name), LogValue(operation.name),
                   LogValue(script.error().message));
    }
  }
  if (compiled.root.dispatcher == dispatch::kJsonBody) {
    auto rules = dispatch::JsonBodyRules::Parse(compiled.root.rules);
    if (rules) {
      compiled.json_body = std::move(*rules);
    } else {
      spdlog::warn("event=dispatcher.invalid_rules service={} operation={} error={}",
                   LogValue(service.name), LogValue(operation.name),
                   LogValue(rules.error().message));
    }
  }

  auto exchanges = service.exchanges.find(operation.name);
  if (exchanges != service.exchanges.end()) {
    for (const Exchange& exchange : exchanges->second) {
      if (!exchange.response.is_default) compiled.responses.push_back(CompileResponse(exchange));
    }
    compiled.named_count = compiled.responses.size();
    for (const Exchange& exchange : exchanges->second) {
      if (exchange.response.is_default && options.serve_singular_examples) {
        compiled.responses.push_back(CompileResponse(exchange));
      }
    }
  }
  for (const ParameterConstraint& constraint : operation.parameter_constraints) {
    CompiledConstraint item;
    item.constraint = &constraint;
    if (!constraint.must_match_regexp.empty()) {
      auto regex = Regex::Compile(constraint.must_match_regexp);
      if (regex) {
        item.regex = std::move(*regex);
      } else {
        spdlog::warn("event=constraint.invalid_regex service={} operation={} error={}",
                     LogValue(service.name), LogValue(operation.name),
                     LogValue(regex.error().message));
      }
    }
    if (constraint.in == "header" && constraint.recopy) {
      compiled.recopied_headers.push_back(constraint.name);
    }
    compiled.constraints.push_back(std::move(item));
  }
  return compiled;
}

}  // namespace

std::shared_ptr<const MockIndex> MockIndex::Build(
    std::vector<std::shared_ptr<const Service>> services, const IndexOptions& options) {
  auto index = std::make_shared<MockIndex>();
  index->services_ = std::move(services);
  for (const auto& service : index->services_) {
    CompiledService compiled;
    compiled.service = service;
    auto spec = std::make_shared<const ServiceSpec>(service);
    for (const Operation& operation : service->operations) {
      compiled.operations.push_back(CompileOperation(*service, operation, spec, options));
    }
    index->by_key_[Key(service->name, service->version)] = std::move(compiled);
  }
  return index;
}

const CompiledService* MockIndex::FindService(std::string_view name,
                                              std::string_view version) const {
  auto it = by_key_.find(Key(name, version));
  return it == by_key_.end() ? nullptr : &it->second;
}

const CompiledOperation* MockIndex::FindOperation(const CompiledService& service,
                                                  std::string_view method,
                                                  const std::vector<std::string>& segments,
                                                  NameValueList* path_params) const {
  const CompiledOperation* best = nullptr;
  size_t best_weight = 0;
  size_t best_parameters = 0;
  for (const CompiledOperation& operation : service.operations) {
    if (operation.operation->method != method) continue;
    if (operation.path.segment_count() != segments.size()) continue;
    if (!operation.path.Match(segments, nullptr)) continue;
    size_t weight = operation.path.literal_weight();
    size_t parameters = operation.path.parameter_names().size();
    if (best == nullptr || parameters < best_parameters ||
        (parameters == best_parameters && weight > best_weight)) {
      best = &operation;
      best_weight = weight;
      best_parameters = parameters;
    }
  }
  if (best != nullptr && path_params != nullptr) best->path.Match(segments, path_params);
  return best;
}

bool MockIndex::HasPath(const CompiledService& service,
                        const std::vector<std::string>& segments) const {
  return std::any_of(service.operations.begin(), service.operations.end(),
                     [&](const CompiledOperation& operation) {
                       return operation.path.segment_count() == segments.size() &&
                              operation.path.Match(segments, nullptr);
                     });
}

}  // namespace mimic
