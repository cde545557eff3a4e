#include "importer/postman_importer.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "common/strings.h"
#include "dispatch/criteria.h"
#include "dispatch/path_template.h"
#include "importer/recorded_request.h"

namespace mimic {
namespace {

// Bounds on what one collection may hold. Real collections stay far below them; they
// keep a hostile upload from costing unbounded time or memory.
constexpr size_t kMaxItems = 20000;           // requests and folders, counted over all levels
constexpr int kMaxFolderDepth = 64;           // folders inside folders
constexpr size_t kMaxExchanges = 50000;       // saved responses turned into exchanges
constexpr size_t kMaxUnmatchedReports = 100;  // diagnostics listing unmatched requests

constexpr char kResourceType[] = "POSTMAN_COLLECTION";
constexpr char kDefaultMethod[] = "GET";  // Postman's method when a request sets none

// A request of the collection, taken out of its folders.
struct CollectionItem {
  const Json* node = nullptr;  // the item; it has a `request`
  std::string operation_name;  // "GET /order/:id"
  std::string method;
  std::string url;  // the request URL as written, query included
};

// Returns the URL of a request or of a saved response's `originalRequest`. Postman
// writes it as a string, or as an object whose `raw` is that string. When `raw` is
// missing, the path and query arrays are joined instead.
std::string UrlText(const Json& url) {
  if (url.is_string()) return url.get<std::string>();
  if (!url.is_object()) return "";
  const Json* raw = JsonMember(url, "raw");
  const Json* path_list = JsonMember(url, "path");
  // A raw URL that starts with a variable ("{{baseUrl}}v1/calc") does not show where
  // the host ends, while the path array does.
  bool variable_host = raw != nullptr && raw->is_string() &&
                       StartsWith(raw->get<std::string>(), "{{") && path_list != nullptr &&
                       path_list->is_array();
  if (raw != nullptr && raw->is_string() && !variable_host) return raw->get<std::string>();

  std::string text;
  const Json* path = JsonMember(url, "path");
  if (path != nullptr && path->is_array()) {
    for (const Json& segment : *path) text += "/" + ScalarOrJsonText(segment);
  } else if (path != nullptr && path->is_string()) {
    text = path->get<std::string>();
  }
  const Json* query = JsonMember(url, "query");
  if (query != nullptr && query->is_array()) {
    std::string query_text;
    for (const Json& pair : *query) {
      if (!pair.is_object()) continue;
      query_text += (query_text.empty() ? "" : "&") + JsonMemberText(pair, "key") + "=" +
                    JsonMemberText(pair, "value");
    }
    if (!query_text.empty()) text += "?" + query_text;
  }
  return text;
}

// A request is an object with `url`, or (Postman v2.1) just the URL string.
std::string RequestUrl(const Json& request) {
  if (request.is_string()) return request.get<std::string>();
  const Json* url = JsonMember(request, "url");
  return url == nullptr ? "" : UrlText(*url);
}

// Returns the request's method in upper case, as HTTP sends it, whatever case the
// collection wrote it in.
std::string RequestMethod(const Json& request) {
  std::string method = JsonMemberText(request, "method");
  if (method.empty()) return kDefaultMethod;
  std::transform(method.begin(), method.end(), method.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return method;
}

// The path part of an operation name: scheme, host and query removed, Postman ":x"
// variables kept. A collection exercised against a Microcks or Mimic mock of the same
// service records URLs such as /rest/Test%20API/0.0.1/order, and that mock endpoint
// prefix is removed too.
// NOTE: Microcks keeps such a prefix in the operation name. Removing it lets requests
// to the operation's own path find the operation.
// Rewrites each whole path segment "{{name}}" (a Postman variable) as the path
// parameter ":name", because the operation could otherwise never be called. Microcks
// keeps the literal segment. The host and the query are left as written.
std::string VariableSegmentsAsParameters(const std::string& url) {
  if (url.find("{{") == std::string::npos) return url;
  std::string_view without_query = WithoutQuery(url);
  std::string path = RemoveSchemeAndHost(without_query);
  if (path.size() > without_query.size() || !EndsWith(without_query, path)) return url;
  std::string out(without_query.substr(0, without_query.size() - path.size()));
  std::vector<std::string> segments = Split(path, "/");
  for (size_t i = 0; i < segments.size(); ++i) {
    const std::string& segment = segments[i];
    if (i > 0) out += '/';
    if (segment.size() > 4 && StartsWith(segment, "{{") && EndsWith(segment, "}}") &&
        segment.find('}') == segment.size() - 2) {
      out += ":" + segment.substr(2, segment.size() - 4);
    } else {
      out += segment;
    }
  }
  return out + url.substr(without_query.size());
}

std::string OperationPath(std::string_view url, const ServiceKey& service) {
  std::string path = RemoveSchemeAndHost(WithoutQuery(url));
  return StripMockEndpointPrefix(path, service.name, service.version);
}

std::string ResourcePath(std::string_view url, const ServiceKey& service) {
  std::string path = ResourcePathOf(url);
  return StripMockEndpointPrefix(path, service.name, service.version);
}

class ItemCollector {
 public:
  explicit ItemCollector(const ServiceKey& service) : service_(service) {}

  // Appends the requests under `items`, depth first in document order.
  Result<void> Collect(const Json& items, int depth) {
    if (!items.is_array()) return {};
    if (depth > kMaxFolderDepth) {
      return MakeError(ErrorCode::kLimitExceeded,
                       "The Postman collection nests folders more than " +
                           std::to_string(kMaxFolderDepth) +
                           " levels deep. Mimic reads at most that many: flatten the folders.");
    }
    for (const Json& item : items) {
      if (++visited_ > kMaxItems) {
        return MakeError(ErrorCode::kLimitExceeded,
                         "The Postman collection has more than " + std::to_string(kMaxItems) +
                             " items and folders. Mimic imports at most that many: split the "
                             "collection.");
      }
      if (!item.is_object()) continue;
      const Json* request = JsonMember(item, "request");
      if (request == nullptr) {
        const Json* children = JsonMember(item, "item");
        if (children == nullptr) continue;
        auto collected = Collect(*children, depth + 1);
        if (!collected) return collected;
        continue;
      }
      CollectionItem collected;
      collected.node = &item;
      collected.method = RequestMethod(*request);
      collected.url = VariableSegmentsAsParameters(RequestUrl(*request));
      collected.operation_name = collected.method + " " + OperationPath(collected.url, service_);
      items_.push_back(std::move(collected));
    }
    return {};
  }

  std::vector<CollectionItem> Take() { return std::move(items_); }

 private:
  const ServiceKey& service_;
  size_t visited_ = 0;
  std::vector<CollectionItem> items_;
};

Result<std::vector<CollectionItem>> CollectItems(const Json& document, const ServiceKey& service) {
  ItemCollector collector(service);
  const Json* items = JsonMember(document, "item");
  if (items != nullptr) {
    auto collected = collector.Collect(*items, 0);
    if (!collected) return tl::unexpected(collected.error());
  }
  return collector.Take();
}

// Headers are a list of {key, value} objects, or (Postman v2.1) one "Name: value" line
// per header.
std::vector<Header> ReadHeaders(const Json* list) {
  std::vector<Header> headers;
  if (list == nullptr) return headers;
  if (list->is_string()) {
    for (const std::string& line : Split(list->get<std::string>(), "\n")) {
      size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string_view name = Trim(std::string_view(line).substr(0, colon));
      if (name.empty()) continue;
      headers.push_back({std::string(name), {std::string(Trim(line.substr(colon + 1)))}});
    }
    return headers;
  }
  if (!list->is_array()) return headers;
  for (const Json& item : *list) {
    if (!item.is_object()) continue;
    std::string name = JsonMemberText(item, "key");
    if (name.empty()) continue;
    headers.push_back({name, {JsonMemberText(item, "value")}});
  }
  return headers;
}

std::string FirstHeaderValue(const std::vector<Header>& headers, std::string_view name) {
  for (const Header& header : headers) {
    if (EqualsIgnoreCase(header.name, name) && !header.values.empty()) {
      return header.values.front();
    }
  }
  return "";
}

// GraphQL variables are stored as JSON text, or sometimes as an object.
Json ParseVariables(const Json* variables) {
  if (variables == nullptr) return Json();
  if (variables->is_object()) return *variables;
  if (!variables->is_string()) return Json();
  return ParseEmbeddedJson(variables->get<std::string>());
}

// The HTTP body of a GraphQL request: {"query": "...", "variables": {...}}, with the
// variables as written in the collection when they are a non-empty object.
std::string GraphqlRequestBody(const Json& graphql) {
  std::string body = "{\"query\": " + DumpJson(Json(JsonMemberText(graphql, "query")));
  const Json* variables = JsonMember(graphql, "variables");
  Json parsed = ParseVariables(variables);
  if (parsed.is_object() && !parsed.empty()) {
    body += ", \"variables\": ";
    body += variables->is_string() ? variables->get<std::string>() : DumpJson(parsed);
  }
  return body + "}";
}

NameValueList ScalarMembers(const Json& object) {
  NameValueList values;
  if (!object.is_object()) return values;
  for (const auto& [name, value] : object.items())
    values.emplace_back(name, ScalarOrJsonText(value));
  return values;
}

// Reads name and value pairs. Postman v2.0 may name a variable in `id` instead of `key`.
NameValueList NamedValues(const Json* list) {
  NameValueList values;
  if (list == nullptr || !list->is_array()) return values;
  for (const Json& item : *list) {
    if (!item.is_object()) continue;
    std::string name = JsonMemberText(item, "key");
    if (name.empty()) name = JsonMemberText(item, "id");
    values.emplace_back(std::move(name), JsonMemberText(item, "value"));
  }
  return values;
}

Request BuildRequest(const Json& original_request, const std::string& name,
                     const std::string& artifact_name) {
  Request request;
  request.name = name;
  request.source_artifact = artifact_name;
  if (!original_request.is_object()) return request;
  request.headers = ReadHeaders(JsonMember(original_request, "header"));
  if (const Json* body = JsonMember(original_request, "body")) {
    if (const Json* raw = JsonMember(*body, "raw")) {
      request.content = ScalarOrJsonText(*raw);
    } else if (const Json* graphql = JsonMember(*body, "graphql")) {
      request.content = GraphqlRequestBody(*graphql);
    }
  }
  if (const Json* url = JsonMember(original_request, "url")) {
    for (const auto& [key, value] : NamedValues(JsonMember(*url, "variable"))) {
      request.query_parameters.push_back({key, value});
    }
    for (const auto& [key, value] : NamedValues(JsonMember(*url, "query"))) {
      request.query_parameters.push_back({key, value});
    }
  }
  return request;
}

Response BuildResponse(const Json& saved, const std::string& artifact_name) {
  Response response;
  response.name = JsonMemberText(saved, "name");
  response.source_artifact = artifact_name;
  const Json* code = JsonMember(saved, "code");
  if (code != nullptr && !code->is_null()) response.status = ScalarOrJsonText(*code);
  response.headers = ReadHeaders(JsonMember(saved, "header"));
  if (const Json* body = JsonMember(saved, "body")) response.content = ScalarOrJsonText(*body);

  response.media_type = FirstHeaderValue(response.headers, "Content-Type");
  if (response.media_type.empty()) {
    std::string language = JsonMemberText(saved, "_postman_previewlanguage");
    if (language == "json") {
      response.media_type = "application/json";
    } else if (language == "xml") {
      response.media_type = "text/xml";
    } else if (language == "html" && !response.content.empty()) {
      response.media_type = "text/html";
    } else if ((language == "text" || language == "Text") && !response.content.empty()) {
      response.media_type = "text/plain";
    }
  }
  return response;
}

// Computes dispatch criteria for the exchanges of one operation and collects the
// resource paths they reveal.
class CriteriaBuilder {
 public:
  CriteriaBuilder(const Operation& operation, const ServiceKey& service)
      : service_(service),
        root_(dispatch::ResolveRootDispatcher(operation.dispatcher, operation.dispatcher_rules)) {
    std::string pattern = operation.name;
    size_t space = pattern.find(' ');
    if (space != std::string::npos) pattern = pattern.substr(space + 1);
    operation_path_ = PathTemplate::Parse(pattern);
  }

  std::string Criteria(const Json& original_request, const Request& request,
                       std::set<std::string>* resource_paths) const {
    std::string url = original_request.is_object() ? RequestUrl(original_request) : "";
    std::string path = ResourcePath(url, service_);
    const std::string& dispatcher = root_.dispatcher;

    if (dispatcher == dispatch::kUriParams) {
      AddPath(path, resource_paths);
      return dispatch::BuildParamsCriteria(root_.rules, QueryPairs(url));
    }
    if (dispatcher == dispatch::kUriParts || dispatcher == dispatch::kSequence) {
      NameValueList parts = PathValues(original_request, path);
      AddPath(PathTemplate::Parse(path).Expand(parts), resource_paths);
      return dispatch::BuildPartsCriteria(root_.rules, parts);
    }
    if (dispatcher == dispatch::kUriElements) {
      NameValueList parts = PathValues(original_request, path);
      AddPath(PathTemplate::Parse(path).Expand(parts), resource_paths);
      return dispatch::BuildPartsCriteria(dispatch::PartsRules(root_.rules), parts) +
             dispatch::BuildParamsCriteria(dispatch::ParamsRules(root_.rules), QueryPairs(url));
    }
    if (dispatcher == dispatch::kQueryHeader) {
      AddPath(path, resource_paths);
      NameValueList headers;
      for (const Header& header : request.headers) {
        if (!header.values.empty()) headers.emplace_back(header.name, header.values.front());
      }
      return dispatch::BuildHeadersCriteria(root_.rules, headers);
    }
    if (dispatcher == dispatch::kQueryArgs) {
      // NOTE: Microcks orders QUERY_ARGS criteria by Java HashSet iteration; they are
      // sorted here, as the other criteria are.
      return dispatch::BuildParamsCriteria(root_.rules, QueryArguments(original_request));
    }
    // Other dispatchers (SCRIPT, JSON_BODY, ...) read the live request; the path only
    // helps to find the operation.
    AddPath(path, resource_paths);
    return "";
  }

 private:
  static void AddPath(const std::string& path, std::set<std::string>* resource_paths) {
    if (!path.empty() && path != "/") resource_paths->insert(path);
  }

  // Path parameter values: the request's Postman `url.variable` list, or, beyond
  // Microcks, the values the operation path template reads from a literal URL such as
  // /beer/Weissbier.
  NameValueList PathValues(const Json& original_request, const std::string& path) const {
    const Json* url = JsonMember(original_request, "url");
    NameValueList values =
        url == nullptr ? NameValueList() : NamedValues(JsonMember(*url, "variable"));
    if (values.empty() && operation_path_.has_parameters()) {
      operation_path_.Match(SplitDecodedPath(path), &values);
    }
    return values;
  }

  // GraphQL variables, or the members of a raw JSON body (gRPC collections).
  static NameValueList QueryArguments(const Json& original_request) {
    const Json* body = JsonMember(original_request, "body");
    if (body == nullptr) return {};
    if (const Json* graphql = JsonMember(*body, "graphql")) {
      return ScalarMembers(ParseVariables(JsonMember(*graphql, "variables")));
    }
    if (const Json* raw = JsonMember(*body, "raw"); raw != nullptr && raw->is_string()) {
      return ScalarMembers(ParseEmbeddedJson(raw->get<std::string>()));
    }
    return {};
  }

  const ServiceKey& service_;
  dispatch::RootDispatcher root_;
  PathTemplate operation_path_;
};

class ExchangeBuilder {
 public:
  ExchangeBuilder(const ServiceKey& service, const std::string& artifact_name)
      : service_(service), artifact_name_(artifact_name) {}

  // Appends one exchange per saved response of `items` to `exchanges`, with criteria
  // from `operation`'s dispatcher, and adds the resource paths they reveal.
  Result<void> Build(const std::vector<const CollectionItem*>& items, Operation* operation,
                     std::vector<Exchange>* exchanges) {
    CriteriaBuilder criteria(*operation, service_);
    std::set<std::string> resource_paths(operation->resource_paths.begin(),
                                         operation->resource_paths.end());
    for (const CollectionItem* item : items) {
      const Json* responses = JsonMember(*item->node, "response");
      if (responses == nullptr || !responses->is_array()) continue;
      for (const Json& saved : *responses) {
        if (!saved.is_object()) continue;
        if (++built_ > kMaxExchanges) {
          return MakeError(ErrorCode::kLimitExceeded,
                           "The Postman collection has more than " + std::to_string(kMaxExchanges) +
                               " saved responses. Mimic imports at most that many: split the "
                               "collection.");
        }
        // Older exports and generated collections save responses without their request,
        // so the item's own request is used instead. Microcks gives such examples no
        // criteria, so they can never be chosen there.
        const Json* original = JsonMember(saved, "originalRequest");
        if (original == nullptr) original = JsonMember(*item->node, "request");
        const Json& original_request = original == nullptr ? kNull : *original;
        Exchange exchange;
        exchange.response = BuildResponse(saved, artifact_name_);
        exchange.request = BuildRequest(original_request, exchange.response.name, artifact_name_);
        exchange.response.dispatch_criteria =
            criteria.Criteria(original_request, exchange.request, &resource_paths);
        exchanges->push_back(std::move(exchange));
      }
    }
    operation->resource_paths.assign(resource_paths.begin(), resource_paths.end());
    return {};
  }

 private:
  static inline const Json kNull = Json();

  const ServiceKey& service_;
  const std::string& artifact_name_;
  size_t built_ = 0;
};

// Dispatcher inference from the URL of the first request of an operation: query
// parameters give URI_PARAMS, Postman ":x" variables give URI_PARTS, both give
// URI_ELEMENTS. Operations without either are found by their literal path.
Operation NewOperation(const CollectionItem& item, const ServiceKey& service) {
  Operation operation;
  operation.name = item.operation_name;
  operation.method = item.method;
  bool has_params = HasQueryParameters(item.url);
  bool has_parts = HasColonPathVariables(item.url);
  std::string path = ResourcePath(item.url, service);
  if (has_params && has_parts) {
    operation.dispatcher = std::string(dispatch::kUriElements);
    operation.dispatcher_rules =
        PartsRulesFromUrl(item.url) + " ?? " + ParamsRulesFromUrl(item.url);
  } else if (has_params) {
    operation.dispatcher = std::string(dispatch::kUriParams);
    operation.dispatcher_rules = ParamsRulesFromUrl(item.url);
    if (!path.empty()) operation.resource_paths.push_back(path);
  } else if (has_parts) {
    operation.dispatcher = std::string(dispatch::kUriParts);
    operation.dispatcher_rules = PartsRulesFromUrl(item.url);
  } else if (!path.empty()) {
    operation.resource_paths.push_back(path);
  }
  return operation;
}

ImportDiagnostic NoResponseDiagnostic(const std::string& operation_name) {
  return {operation_name,
          "no mock response: the collection saves no example response for this request, so "
          "calls to it get no mock. In Postman, send the request, save the response as an "
          "example, then import the collection again."};
}

ImportDiagnostic NoExchangeDiagnostic(const std::string& operation_name) {
  return {operation_name,
          "no mock response: neither this collection nor an earlier artifact gives this "
          "operation an example, so calls to it get no mock. Save a response for it in the "
          "collection, then import the collection again."};
}

Resource CollectionResource(const Json& document, const ServiceKey& service,
                            const std::string& artifact_name, std::string_view raw_content,
                            bool main_artifact) {
  Resource resource;
  resource.name = service.name + "-" + service.version + ".json";
  resource.type = kResourceType;
  resource.content = raw_content.empty()
                         ? document.dump(2, ' ', false, Json::error_handler_t::replace)
                         : std::string(raw_content);
  resource.source_artifact = artifact_name;
  resource.main_artifact = main_artifact;
  return resource;
}

std::string VersionFromStructure(const Json& version) {
  if (!version.is_object()) return ScalarOrJsonText(version);
  std::string identifier = JsonMemberText(version, "identifier");
  if (!identifier.empty()) return identifier;
  const Json* major = JsonMember(version, "major");
  const Json* minor = JsonMember(version, "minor");
  const Json* patch = JsonMember(version, "patch");
  if (major == nullptr || minor == nullptr || patch == nullptr) return "";
  return ScalarOrJsonText(*major) + "." + ScalarOrJsonText(*minor) + "." + ScalarOrJsonText(*patch);
}

// "version=1.2 - Orders API" gives "1.2": the text after "version=" up to the first
// whitespace or '='.
std::string VersionFromDescription(const Json& info) {
  const Json* description = JsonMember(info, "description");
  if (description == nullptr) return "";
  std::string text = description->is_object() ? JsonMemberText(*description, "content")
                                              : ScalarOrJsonText(*description);
  constexpr std::string_view kMarker = "version=";
  size_t start = text.find(kMarker);
  if (start == std::string::npos) return "";
  start += kMarker.size();
  size_t end = start;
  while (end < text.size() && text[end] != '=' &&
         !std::isspace(static_cast<unsigned char>(text[end]))) {
    ++end;
  }
  return text.substr(start, end - start);
}

// Returns the collection itself, also when it comes wrapped as {"collection": {...}},
// the way the Postman API and workspace exports write it.
const Json& CollectionRoot(const Json& document) {
  const Json* wrapped = JsonMember(document, "collection");
  if (JsonMember(document, "info") == nullptr && wrapped != nullptr && wrapped->is_object()) {
    return *wrapped;
  }
  return document;
}

Result<const Json*> CollectionInfo(const Json& document) {
  const Json* info = JsonMember(document, "info");
  if (info == nullptr || !info->is_object()) {
    return MakeError(ErrorCode::kUnsupported,
                     "The Postman collection has no `info` object. Mimic reads Postman "
                     "Collection v2.0 and v2.1: export the collection again in one of these "
                     "formats.");
  }
  return info;
}

}  // namespace

Result<ServiceKey> ReadPostmanServiceKey(const Json& wrapped) {
  const Json& document = CollectionRoot(wrapped);
  auto info = CollectionInfo(document);
  if (!info) return tl::unexpected(info.error());
  ServiceKey key;
  const Json* name = JsonMember(**info, "name");
  if (name != nullptr && !name->is_string() && !name->is_null()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The Postman collection's info.name must be a string; it names the "
                     "service. Give the collection a plain name.");
  }
  key.name = JsonMemberText(**info, "name");
  if (key.name.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The Postman collection has no info.name. Mimic names the service after "
                     "the collection: give the collection a name.");
  }
  const Json* version = JsonMember(**info, "version");
  if (version != nullptr && version->is_object() && VersionFromStructure(*version).empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The Postman collection '" + key.name +
                         "' has an info.version object without `identifier` or all of `major`, "
                         "`minor` and `patch`. Give one of these, or a version string.");
  }
  if (version != nullptr && !version->is_null()) key.version = VersionFromStructure(*version);
  // An empty info.version leaves the description's "version=" line in charge.
  if (key.version.empty()) key.version = VersionFromDescription(**info);
  if (key.version.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The Postman collection '" + key.name +
                         "' has no version. Set info.version (Postman v2.1), or start the "
                         "collection description with \"version=1.0.0 - \" followed by the "
                         "description, then import it again.");
  }
  return key;
}

Result<ImportedServices> ImportPostmanCollection(const Json& wrapped, const ImportSource& source,
                                                 std::string_view raw_content) {
  const Json& document = CollectionRoot(wrapped);
  auto key = ReadPostmanServiceKey(document);
  if (!key) return tl::unexpected(key.error());
  auto items = CollectItems(document, *key);
  if (!items) return tl::unexpected(items.error());

  Service service;
  service.name = key->name;
  service.version = key->version;
  service.type = ServiceType::kRest;
  service.source_artifact = source.artifact_name;

  // Requests with the same name are one operation; the first one sets its dispatcher.
  std::map<std::string, size_t> operation_index;
  std::vector<std::vector<const CollectionItem*>> operation_items;
  for (const CollectionItem& item : *items) {
    auto [it, inserted] = operation_index.emplace(item.operation_name, service.operations.size());
    if (inserted) {
      service.operations.push_back(NewOperation(item, *key));
      operation_items.emplace_back();
    }
    operation_items[it->second].push_back(&item);
  }

  ImportedServices result;
  ExchangeBuilder builder(*key, source.artifact_name);
  for (size_t i = 0; i < service.operations.size(); ++i) {
    Operation& operation = service.operations[i];
    std::vector<Exchange> exchanges;
    auto built = builder.Build(operation_items[i], &operation, &exchanges);
    if (!built) return tl::unexpected(built.error());
    if (exchanges.empty()) result.diagnostics.push_back(NoResponseDiagnostic(operation.name));
    service.exchanges[operation.name] = std::move(exchanges);
  }

  service.resources.push_back(
      CollectionResource(document, *key, source.artifact_name, raw_content, true));
  result.services.push_back(std::move(service));
  return result;
}

namespace {

// Returns a hint that names the leading segments (such as a server base path "/v2")
// that keep a request path from matching an operation, or an empty string.
std::string BasePathHint(const std::string& request_name, const Service& service) {
  size_t space = request_name.find(' ');
  if (space == std::string::npos) return "";
  std::string method = request_name.substr(0, space);
  std::string path = request_name.substr(space + 1);
  std::string prefix;
  for (int stripped = 0; stripped < 3; ++stripped) {
    size_t next = path.find('/', 1);
    if (next == std::string::npos) return "";
    prefix += path.substr(0, next);
    path = path.substr(next);
    for (const Operation& operation : service.operations) {
      if (AreOperationNamesEquivalent(operation.name, method + " " + path)) {
        return "Without its leading '" + prefix + "' it would match operation '" + operation.name +
               "': operation paths do not include the server's base path, so remove it from "
               "the request URLs (or from the collection's base URL variable).";
      }
    }
  }
  return "";
}

}  // namespace

Result<std::vector<ImportDiagnostic>> ApplyPostmanCollection(const Json& wrapped,
                                                             const std::string& artifact_name,
                                                             Service* service,
                                                             std::string_view raw_content) {
  const Json& document = CollectionRoot(wrapped);
  auto info = CollectionInfo(document);
  if (!info) return tl::unexpected(info.error());
  ServiceKey key{service->name, service->version};
  auto items = CollectItems(document, key);
  if (!items) return tl::unexpected(items.error());

  std::vector<ImportDiagnostic> diagnostics;
  std::vector<bool> matched(items->size(), false);
  ExchangeBuilder builder(key, artifact_name);
  for (Operation& operation : service->operations) {
    std::vector<const CollectionItem*> chosen;
    for (size_t i = 0; i < items->size(); ++i) {
      if (AreOperationNamesEquivalent(operation.name, (*items)[i].operation_name)) {
        chosen.push_back(&(*items)[i]);
        matched[i] = true;
      }
    }
    if (chosen.empty()) continue;
    auto built = builder.Build(chosen, &operation, &service->exchanges[operation.name]);
    if (!built) return tl::unexpected(built.error());
  }

  std::set<std::string> reported;
  for (size_t i = 0; i < items->size(); ++i) {
    const std::string& name = (*items)[i].operation_name;
    if (matched[i] || reported.size() >= kMaxUnmatchedReports) continue;
    if (!reported.insert(name).second) continue;
    std::string hint = BasePathHint(name, *service);
    diagnostics.push_back(
        {name, "no operation of service '" + service->name + "' version '" + service->version +
                   "' matches this collection request, so its saved responses were ignored. " +
                   (hint.empty() ? "Name the request URL after an operation path, e.g. "
                                   "/beer/:name for /beer/{name}."
                                 : hint)});
  }
  for (const Operation& operation : service->operations) {
    auto exchanges = service->exchanges.find(operation.name);
    if (exchanges == service->exchanges.end() || exchanges->second.empty()) {
      diagnostics.push_back(NoExchangeDiagnostic(operation.name));
    }
  }

  auto& resources = service->resources;
  resources.erase(std::remove_if(resources.begin(), resources.end(),
                                 [&](const Resource& resource) {
                                   return resource.source_artifact == artifact_name;
                                 }),
                  resources.end());
  resources.push_back(CollectionResource(document, key, artifact_name, raw_content, false));
  return diagnostics;
}

}  // namespace mimic
