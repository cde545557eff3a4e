#include "front/rest_front.h"

#include <charconv>
#include <random>

#include "common/strings.h"
#include "dispatch/script_dispatch.h"
#include "script/soapui_xpath.h"
#include "spdlog/spdlog.h"

namespace mimic {
namespace {

thread_local std::mt19937_64 random_engine{std::random_device{}()};

std::optional<int64_t> ParseMillis(std::string_view text) {
  text = Trim(text);
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  // Cap at ten minutes so a typo cannot park a connection for hours.
  return std::min<int64_t>(value, 600000);
}

int64_t ApplyStrategy(int64_t base, std::string_view strategy) {
  std::string lowered = ToLower(Trim(strategy));
  if (lowered == "random") {
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    return static_cast<int64_t>(std::llround(base * uniform(random_engine)));
  }
  if (StartsWith(lowered, "random-")) {
    int percent = 0;
    std::string_view digits = std::string_view(lowered).substr(7);
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), percent);
    if (error == std::errc() && end == digits.data() + digits.size() && percent >= 0 &&
        percent <= 100) {
      std::uniform_real_distribution<double> uniform(0.0, 1.0);
      double factor = (uniform(random_engine) * 2 * percent + 100 - percent) / 100.0;
      return static_cast<int64_t>(std::llround(base * factor));
    }
  }
  return base;  // fixed, and unknown strategies like Microcks
}

std::string_view FindQuery(const NameValueList& query, std::string_view name) {
  for (const auto& [key, value] : query) {
    if (key == name) return value;
  }
  return {};
}

void AddCorsHeaders(const HttpRequestView& request, const CorsConfig& cors,
                    HttpResponseData* response) {
  std::string_view origin = request.Header("Origin");
  if (!cors.enabled || origin.empty()) return;
  response->SetHeader("Access-Control-Allow-Origin",
                      cors.allowed_origins == "*" ? std::string(origin) : cors.allowed_origins);
  response->SetHeader("Access-Control-Allow-Methods", "POST, PUT, GET, OPTIONS, DELETE, PATCH");
  response->SetHeader("Access-Control-Max-Age", "3600");
  std::string_view requested = request.Header("Access-Control-Request-Headers");
  response->SetHeader("Access-Control-Allow-Headers",
                      requested.empty() ? std::string("*") : std::string(requested));
  response->SetHeader("Access-Control-Expose-Headers", "*");
  if (cors.allow_credentials) response->SetHeader("Access-Control-Allow-Credentials", "true");
  response->SetHeader("Vary", "Origin");
}

HttpResponseData Preflight(const HttpRequestView& request, const CorsConfig& cors) {
  HttpResponseData response;
  response.status = 204;
  std::string_view origin = request.Header("Origin");
  response.SetHeader("Access-Control-Allow-Origin", !origin.empty() && cors.allowed_origins == "*"
                                                        ? std::string(origin)
                                                        : cors.allowed_origins);
  response.SetHeader("Access-Control-Allow-Methods", "POST, PUT, GET, OPTIONS, DELETE, PATCH");
  std::string_view requested = request.Header("Access-Control-Request-Headers");
  response.SetHeader("Access-Control-Allow-Headers",
                     requested.empty() ? std::string("*") : std::string(requested));
  response.SetHeader("Access-Control-Expose-Headers",
                     requested.empty() ? std::string("*") : std::string(requested));
  if (cors.allow_credentials) response.SetHeader("Access-Control-Allow-Credentials", "true");
  response.SetHeader("Access-Control-Max-Age", "3600");
  response.SetHeader("Vary", "Accept-Encoding, Origin");
  return response;
}

// Media type without parameters, lower-cased.
std::string BareMediaType(std::string_view value) {
  size_t semicolon = value.find(';');
  return ToLower(Trim(value.substr(0, semicolon)));
}

// Picks among candidates by Accept: an exact match of the whole header first
// (Microcks), then the media ranges of the header in order of quality.
const CompiledResponse* ChooseByAccept(const std::vector<const CompiledResponse*>& candidates,
                                       std::string_view accept) {
  if (candidates.empty()) return nullptr;
  if (accept.empty()) return candidates.front();
  for (const CompiledResponse* candidate : candidates) {
    if (candidate->exchange->response.media_type == accept) return candidate;
  }
  struct Range {
    std::string type;
    double quality;
  };
  std::vector<Range> ranges;
  for (const std::string& part : Split(accept, ",")) {
    Range range{BareMediaType(part), 1.0};
    size_t q = part.find("q=");
    if (q != std::string::npos) range.quality = std::atof(part.c_str() + q + 2);
    if (!range.type.empty()) ranges.push_back(std::move(range));
  }
  std::stable_sort(ranges.begin(), ranges.end(),
                   [](const Range& a, const Range& b) { return a.quality > b.quality; });
  for (const Range& range : ranges) {
    if (range.quality <= 0) continue;
    for (const CompiledResponse* candidate : candidates) {
      std::string type = BareMediaType(candidate->exchange->response.media_type);
      if (range.type == "*/*" || range.type == type) return candidate;
      if (EndsWith(range.type, "/*") &&
          StartsWith(type, range.type.substr(0, range.type.size() - 1))) {
        return candidate;
      }
    }
  }
  return candidates.front();
}

std::string RenderTemplate(const std::shared_ptr<const tmpl::CompiledTemplate>& compiled,
                           const std::string& raw, const tmpl::EvaluableRequest& evaluable,
                           tmpl::TemplateContext& context) {
  if (!compiled) return raw;
  return tmpl::Render(*compiled, evaluable, context);
}

// Builds a response whose deferred work forwards the call to `base_url` + resource path.
HttpResponseData ProxyResponse(const HttpRequestView& request, std::string_view base_url,
                               std::string_view resource_path, const RestFrontConfig& config,
                               int64_t delay_ms) {
  std::string url(base_url);
  while (!url.empty() && url.back() == '/') url.pop_back();
  url += resource_path;
  std::string_view query = request.query();
  if (!query.empty()) url += "?" + std::string(query);
  std::string self = "http://" + std::string(request.host) + std::string(request.target);
  if (url == self) {
    return TextResponse(508, "The proxy target " + url + " is this mock itself.");
  }
  ProxyRequest forward;
  forward.method = std::string(request.method);
  forward.url = std::move(url);
  for (const auto& [name, value] : request.headers) {
    forward.headers.emplace_back(std::string(name), std::string(value));
  }
  forward.body = std::string(request.body);
  HttpResponseData response;
  response.delay_ms = delay_ms;
  auto policy = config.proxy_policy;
  ProxyLimits limits = config.proxy_limits;
  response.deferred = [forward = std::move(forward), policy, limits] {
    return ForwardRequest(forward, *policy, limits);
  };
  return response;
}

}  // namespace

NameValueList ParseQuery(std::string_view query) {
  NameValueList pairs;
  size_t start = 0;
  while (start <= query.size() && !query.empty()) {
    size_t end = query.find('&', start);
    std::string_view pair =
        query.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!pair.empty()) {
      size_t equals = pair.find('=');
      if (equals == std::string_view::npos) {
        pairs.emplace_back(PercentDecode(pair, true), "");
      } else {
        pairs.emplace_back(PercentDecode(pair.substr(0, equals), true),
                           PercentDecode(pair.substr(equals + 1), true));
      }
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return pairs;
}

int64_t ComputeDelay(const HttpRequestView& request, const NameValueList& query,
                     const Operation* operation) {
  std::string_view header_delay = request.Header("x-microcks-delay");
  if (!header_delay.empty()) {
    if (auto value = ParseMillis(header_delay)) {
      return ApplyStrategy(*value, request.Header("x-microcks-delay-strategy"));
    }
  }
  std::string_view query_delay = FindQuery(query, "delay");
  if (!query_delay.empty()) {
    if (auto value = ParseMillis(query_delay)) {
      return ApplyStrategy(*value, FindQuery(query, "delayStrategy"));
    }
  }
  if (operation != nullptr && operation->default_delay && *operation->default_delay > 0) {
    return ApplyStrategy(std::min<int64_t>(*operation->default_delay, 600000),
                         operation->default_delay_strategy);
  }
  return 0;
}

// Chooses the response for computed criteria and renders it: by criteria, then
// by name, then the FALLBACK response, any response when there is no dispatcher,
// and finally the default built from a singular example.
static HttpResponseData SelectAndRender(const HttpRequestView& request,
                                        const CompiledService* service,
                                        const CompiledOperation* operation,
                                        const std::vector<std::string>& segments,
                                        std::string_view resource_path, const NameValueList& query,
                                        const std::string& criteria, bool has_dispatcher,
                                        const RestFrontConfig& config, MockCallInfo* info,
                                        tmpl::TemplateContext& context) {
  const dispatch::RootDispatcher& root = operation->root;
  std::vector<const CompiledResponse*> candidates;
  for (size_t i = 0; i < operation->named_count; ++i) {
    const CompiledResponse& response = operation->responses[i];
    if (response.exchange->response.dispatch_criteria == criteria) candidates.push_back(&response);
  }
  if (candidates.empty() && !criteria.empty()) {
    for (size_t i = 0; i < operation->named_count; ++i) {
      const CompiledResponse& response = operation->responses[i];
      if (response.exchange->response.name == criteria) candidates.push_back(&response);
    }
  }
  std::string_view accept = request.Header("Accept");
  const CompiledResponse* chosen = ChooseByAccept(candidates, accept);
  if (chosen == nullptr && !root.fallback.empty()) {
    for (size_t i = 0; i < operation->named_count; ++i) {
      const CompiledResponse& response = operation->responses[i];
      if (response.exchange->response.name == root.fallback) candidates.push_back(&response);
    }
    chosen = ChooseByAccept(candidates, accept);
  }
  if (chosen == nullptr && !root.proxy_url.empty()) {
    if (info) info->response_name = "(proxied)";
    return ProxyResponse(request, root.proxy_url, resource_path, config,
                         ComputeDelay(request, query, operation->operation));
  }
  if (chosen == nullptr && !has_dispatcher) {
    for (size_t i = 0; i < operation->named_count; ++i) {
      candidates.push_back(&operation->responses[i]);
    }
    chosen = ChooseByAccept(candidates, accept);
  }
  if (chosen == nullptr && operation->named_count < operation->responses.size()) {
    for (size_t i = operation->named_count; i < operation->responses.size(); ++i) {
      candidates.push_back(&operation->responses[i]);
    }
    chosen = ChooseByAccept(candidates, accept);
  }
  if (chosen == nullptr) {
    HttpResponseData response =
        has_dispatcher ? TextResponse(400, "The response " + criteria + " does not exist!")
                       : TextResponse(400, "");
    if (!has_dispatcher) response.headers.clear();
    AddCorsHeaders(request, config.cors, &response);
    return response;
  }
  if (info) info->response_name = chosen->exchange->response.name;

  HttpResponseData response;
  response.status = chosen->status;
  if (!chosen->content_type.empty()) {
    response.headers.emplace_back("Content-Type", chosen->content_type);
  }

  bool needs_templates = chosen->body_template != nullptr;
  for (const auto& header : chosen->headers) {
    if (header.value_template) needs_templates = true;
  }
  tmpl::EvaluableRequest evaluable;
  if (needs_templates) {
    evaluable.body = request.body;
    evaluable.path.push_back("");
    for (const std::string& segment : segments) evaluable.path.push_back(segment);
    evaluable.params = query;
    for (const auto& [name, value] : request.headers) {
      evaluable.headers.emplace_back(std::string(name), std::string(value));
    }
  }

  for (const auto& header : chosen->headers) {
    std::string value = RenderTemplate(header.value_template, header.value, evaluable, context);
    if (EqualsIgnoreCase(header.name, "Location") && value.find("://") == std::string::npos) {
      std::string base = "http://" + std::string(request.host) + "/rest/" +
                         PercentEncode(service->service->name, "") + "/" +
                         PercentEncode(service->service->version, "");
      value = base + value;
    }
    response.headers.emplace_back(header.name, std::move(value));
  }
  for (const std::string& name : operation->recopied_headers) {
    std::string_view value = request.Header(name);
    if (!value.empty()) response.headers.emplace_back(name, std::string(value));
  }
  response.body =
      RenderTemplate(chosen->body_template, chosen->exchange->response.content, evaluable, context);
  response.delay_ms = ComputeDelay(request, query, operation->operation);
  AddCorsHeaders(request, config.cors, &response);
  return response;
}

// A copy of a request that outlives the server's buffers, for deferred work.
namespace {

struct OwnedRequest {
  std::string method;
  std::string target;
  std::string body;
  std::string host;
  std::vector<std::pair<std::string, std::string>> headers;

  explicit OwnedRequest(const HttpRequestView& view)
      : method(view.method), target(view.target), body(view.body), host(view.host) {
    for (const auto& [name, value] : view.headers) headers.emplace_back(name, value);
  }
  HttpRequestView View() const {
    HttpRequestView view;
    view.method = method;
    view.target = target;
    view.body = body;
    view.host = host;
    for (const auto& [name, value] : headers) view.headers.emplace_back(name, value);
    return view;
  }
};

}  // namespace

// Runs the operation's dispatch script, then selects and renders the response the
// script named, with the script's requestContext entries as template variables.
static HttpResponseData RunScriptAndRender(
    const OwnedRequest& owned, const CompiledService* service, const CompiledOperation* operation,
    const std::vector<std::string>& segments, const std::string& resource_path,
    const NameValueList& query, const NameValueList& path_params, const RestFrontConfig& config) {
  HttpRequestView request = owned.View();
  script::ScriptRequest script_request;
  script_request.method = owned.method;
  script_request.request_uri = std::string(request.path());
  script_request.query_string = std::string(request.query());
  script_request.body = owned.body;
  script_request.headers = owned.headers;
  script_request.query_params = query;
  script_request.uri_params = path_params;
  auto outcome = operation->script->Run(script_request, ScriptStoreFor(service->service->id));
  if (!outcome) {
    spdlog::warn("event=dispatcher.script_failed service={} operation={} error={}",
                 LogValue(service->service->name), LogValue(operation->operation->name),
                 LogValue(outcome.error().message));
    HttpResponseData response =
        TextResponse(500, "The dispatch script of operation '" + operation->operation->name +
                              "' failed: " + outcome.error().message);
    AddCorsHeaders(request, config.cors, &response);
    return response;
  }
  tmpl::TemplateContext context;
  for (const auto& [name, value] : outcome->context) context.Set(name, value);
  MockCallInfo ignored;
  return SelectAndRender(request, service, operation, segments, resource_path, query,
                         outcome->result, /*has_dispatcher=*/true, config, &ignored, context);
}

HttpResponseData HandleRestMock(const HttpRequestView& request, const MockIndex& index,
                                const RestFrontConfig& config, MockCallInfo* info,
                                std::shared_ptr<const MockIndex> owner) {
  std::string_view path = request.path();
  // Strip "/rest/" or "/rest-valid/".
  size_t prefix_end = path.find('/', 1);
  if (prefix_end == std::string_view::npos) return TextResponse(404, "");
  std::string_view rest = path.substr(prefix_end + 1);
  size_t service_end = rest.find('/');
  std::string_view raw_service = rest.substr(0, service_end);
  std::string_view raw_version;
  std::string_view resource_path;
  if (service_end != std::string_view::npos) {
    std::string_view after = rest.substr(service_end + 1);
    size_t version_end = after.find('/');
    raw_version = after.substr(0, version_end);
    resource_path =
        version_end == std::string_view::npos ? std::string_view() : after.substr(version_end);
  }
  std::string service_name = PercentDecode(raw_service, /*plus_as_space=*/true);
  std::string version = PercentDecode(raw_version);

  const CompiledService* service = index.FindService(service_name, version);
  if (service == nullptr) {
    HttpResponseData response =
        TextResponse(404, "The service " + std::string(raw_service) + " with version " +
                              std::string(raw_version) + " does not exist!");
    AddCorsHeaders(request, config.cors, &response);
    return response;
  }
  if (info) info->service = service->service.get();

  std::vector<std::string> segments = SplitDecodedPath(resource_path);
  NameValueList path_params;
  const CompiledOperation* operation =
      index.FindOperation(*service, request.method, segments, &path_params);
  if (operation == nullptr) {
    if (request.method == "OPTIONS" && config.cors.enabled) return Preflight(request, config.cors);
    HttpResponseData response;
    response.status = 404;
    // Microcks sends an empty body here. The reason goes in a header, so
    // clients comparing bodies see no difference.
    response.headers.emplace_back("X-Mimic-Reason", "no operation of " + service->service->name +
                                                        ":" + service->service->version +
                                                        " matches " + std::string(request.method) +
                                                        " " + std::string(resource_path));
    AddCorsHeaders(request, config.cors, &response);
    return response;
  }
  if (info) info->operation = operation->operation;

  NameValueList query = ParseQuery(request.query());

  if (StartsWith(path, "/rest-valid/")) {
    BodyValidation validation =
        operation->validator->ValidateBody(request.Header("Content-Type"), request.body);
    if (!validation.has_spec) {
      HttpResponseData response = TextResponse(
          412, "The service " + service->service->name + " with version " +
                   service->service->version + " does not have an OpenAPI/Swagger schema!");
      AddCorsHeaders(request, config.cors, &response);
      return response;
    }
    std::vector<schema::ValidationError> parameter_errors =
        operation->validator->ValidateParameters(path_params, query, request.headers);
    validation.errors.insert(validation.errors.begin(), parameter_errors.begin(),
                             parameter_errors.end());
    if (!validation.errors.empty()) {
      // The body is Microcks' list form, "[message, message]"; the header adds where each
      // error is and which keyword failed.
      std::string body = "[";
      Json details = Json::array();
      for (const schema::ValidationError& error : validation.errors) {
        if (body.size() > 1) body += ", ";
        body += error.message;
        details.push_back({{"location", error.instance_location},
                           {"keyword", error.keyword},
                           {"message", error.message}});
      }
      body += "]";
      HttpResponseData response = TextResponse(400, std::move(body));
      std::string header = DumpJson(details);
      if (header.size() <= 8192) response.headers.emplace_back("X-Mimic-Validation-Errors", header);
      AddCorsHeaders(request, config.cors, &response);
      return response;
    }
  }

  // Parameter constraints apply to headers, query and cookies.
  for (const CompiledConstraint& compiled : operation->constraints) {
    const ParameterConstraint& constraint = *compiled.constraint;
    std::string_view value;
    bool present = false;
    if (constraint.in == "header") {
      for (const auto& [name, header_value] : request.headers) {
        if (EqualsIgnoreCase(name, constraint.name)) {
          value = header_value;
          present = true;
          break;
        }
      }
    } else if (constraint.in == "query") {
      for (const auto& [name, query_value] : query) {
        if (name == constraint.name) {
          value = query_value;
          present = true;
          break;
        }
      }
    } else if (constraint.in == "cookie") {
      std::string_view cookies = request.Header("Cookie");
      for (const std::string& cookie : Split(cookies, ";")) {
        std::string_view item = Trim(cookie);
        if (StartsWith(item, constraint.name + "=")) {
          present = true;
          break;
        }
      }
    } else {
      continue;
    }
    if (constraint.required && !present) {
      HttpResponseData response = TextResponse(
          400, "Parameter " + constraint.name + " is required. Check parameter constraints.");
      AddCorsHeaders(request, config.cors, &response);
      return response;
    }
    if (present && compiled.regex && !compiled.regex->FullMatch(value)) {
      HttpResponseData response =
          TextResponse(400, "Parameter " + constraint.name + " should match " +
                                constraint.must_match_regexp + ". Check parameter constraints.");
      AddCorsHeaders(request, config.cors, &response);
      return response;
    }
  }

  // Dispatch criteria from the root dispatcher.
  const dispatch::RootDispatcher& root = operation->root;
  if (root.dispatcher == dispatch::kProxy) {
    if (info) info->response_name = "(proxied)";
    return ProxyResponse(request, root.rules, resource_path, config,
                         ComputeDelay(request, query, operation->operation));
  }
  if (IsScriptDispatcher(root.dispatcher) && operation->script) {
    if (info) info->response_name = "(script)";
    auto owned = std::make_shared<OwnedRequest>(request);
    auto run = [owned, service, operation, segments, resource = std::string(resource_path), query,
                path_params, config, owner] {
      return RunScriptAndRender(*owned, service, operation, segments, resource, query, path_params,
                                config);
    };
    if (!owner) return run();
    HttpResponseData response;
    response.deferred = std::move(run);
    return response;
  }
  std::string criteria;
  // A script that failed to compile leaves the operation without a working dispatcher.
  bool has_dispatcher =
      !root.dispatcher.empty() && !(IsScriptDispatcher(root.dispatcher) && !operation->script);
  if (root.dispatcher == dispatch::kUriParts || root.dispatcher == dispatch::kSequence) {
    criteria = dispatch::BuildPartsCriteria(root.rules, path_params);
  } else if (root.dispatcher == dispatch::kUriParams) {
    criteria = dispatch::BuildParamsCriteria(root.rules, query);
  } else if (root.dispatcher == dispatch::kUriElements) {
    criteria = dispatch::BuildPartsCriteria(dispatch::PartsRules(root.rules), path_params) +
               dispatch::BuildParamsCriteria(dispatch::ParamsRules(root.rules), query);
  } else if (root.dispatcher == dispatch::kQueryHeader) {
    NameValueList headers;
    for (const auto& [name, value] : request.headers) headers.emplace_back(name, value);
    criteria = dispatch::BuildHeadersCriteria(root.rules, headers);
  } else if (root.dispatcher == dispatch::kQueryArgs) {
    // Arguments are the query parameters for REST calls.
    criteria = dispatch::BuildParamsCriteria(root.rules, query);
  } else if (root.dispatcher == dispatch::kQueryMatch) {
    std::string value = script::EvaluateSoapUiXPath(request.body, root.rules);
    if (!StartsWith(value, "error: ")) criteria = std::move(value);
  } else if (root.dispatcher == dispatch::kJsonBody) {
    if (operation->json_body) criteria = operation->json_body->Evaluate(request.body).value_or("");
  } else if (root.dispatcher == dispatch::kRandom && operation->named_count > 0) {
    std::uniform_int_distribution<size_t> pick(0, operation->named_count - 1);
    criteria = operation->responses[pick(random_engine)].exchange->response.name;
  }

  tmpl::TemplateContext context;
  return SelectAndRender(request, service, operation, segments, resource_path, query, criteria,
                         has_dispatcher, config, info, context);
}

}  // namespace mimic
