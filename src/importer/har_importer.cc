#include "importer/har_importer.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <optional>
#include <set>

#include "common/base64.h"
#include "common/strings.h"
#include "dispatch/criteria.h"
#include "dispatch/path_template.h"
#include "importer/graphql_operation.h"
#include "importer/recorded_request.h"

namespace mimic {
namespace {

// Bounds on what one recording may hold, so that a hostile upload costs bounded time:
// merging similar paths compares each entry with the operations found so far.
constexpr size_t kMaxEntries = 10000;
constexpr size_t kMaxUnmatchedReports = 100;

// Two paths with the same verb and segment count are merged when their similarity
// score (see SimilarityScore) exceeds this, Microcks' threshold.
constexpr int kSimilarityThreshold = 70;

constexpr std::string_view kMicrocksIdMarker = "microcksId:";
constexpr std::string_view kApiPrefixMarker = "apiPrefix:";

// Entries whose URL path ends with one of these are page assets, not API calls.
// Microcks' list stops at ".woff2"; the rest are the other assets a browser records.
constexpr std::string_view kStaticExtensions[] = {
    ".ico", ".html", ".css", ".js",   ".png",  ".jpg",  ".ttf", ".woff2", ".htm", ".mjs",
    ".map", ".gif",  ".svg", ".webp", ".avif", ".jpeg", ".bmp", ".woff",  ".otf", ".eot"};

// Chrome's `_resourceType` of entries that load page assets. "document" is not one:
// an API URL opened in a browser tab is recorded as a document.
constexpr std::string_view kAssetResourceTypes[] = {"stylesheet", "script", "image",
                                                    "font",       "media",  "manifest"};

// Headers that describe the browser or the recorded connection rather than the API.
// The list up to "vary" is Microcks'. Beyond it, hop-by-hop headers are dropped too,
// because a mock that replays them would describe a connection it does not have.
constexpr std::string_view kDroppedHeaders[] = {"host",
                                                "sec-fetch-dest",
                                                "sec-fetch-mode",
                                                "sec-fetch-user",
                                                "sec-fetch-site",
                                                "sec-gpc",
                                                "sec-ch-ua",
                                                "sec-ch-ua-mobile",
                                                "sec-ch-ua-platform",
                                                "upgrade-insecure-requests",
                                                "user-agent",
                                                "date",
                                                "vary",
                                                "connection",
                                                "keep-alive",
                                                "transfer-encoding"};

// One recorded request and what the importer reads from it.
struct RecordedEntry {
  const Json* node = nullptr;
  std::string method;     // HTTP method
  std::string url;        // as recorded
  std::string short_url;  // scheme, host and API prefix removed, query kept
  std::string post_text;  // request body
};

struct HarLog {
  ServiceKey key;
  std::string api_prefix;
  ServiceType type = ServiceType::kRest;
  std::vector<RecordedEntry> entries;  // API entries, in recording order
  size_t incomplete = 0;  // entries whose call never completed (status 0 or no response)
  size_t malformed = 0;   // entries without a request object, a method or a URL
};

// An operation as the recording names it, with the entries it gathers.
struct DiscoveredOperation {
  std::string name;
  std::string method;
  std::string dispatcher;
  std::string rules;
  std::vector<size_t> entries;      // indexes into HarLog::entries
  std::vector<std::string> pieces;  // `name` split for SimilarityScore
};

struct HarComment {
  ServiceKey key;
  std::string api_prefix;
};

Result<const Json*> LogOf(const Json& document) {
  const Json* log = JsonMember(document, "log");
  if (log == nullptr || !log->is_object()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The artifact is not a HAR recording: it has no `log` object. Mimic reads "
                     "HAR 1.1 and 1.2 files as browsers and proxies export them.");
  }
  std::string version = JsonMemberText(*log, "version");
  if (version != "1.1" && version != "1.2") {
    return MakeError(ErrorCode::kUnsupported,
                     "HAR version '" + version +
                         "' is not supported. Mimic reads HAR 1.1 and 1.2 recordings: export "
                         "the recording again in one of these versions.");
  }
  return log;
}

Result<HarComment> ReadComment(const Json& log) {
  static const std::string kHowTo =
      "Add a line \"microcksId: <service name>:<version>\" to log.comment, e.g. "
      "\"microcksId: API Pastries:0.0.1\", to name the service the recording mocks.";
  const Json* comment_node = JsonMember(log, "comment");
  if (comment_node != nullptr && !comment_node->is_string() && !comment_node->is_null()) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        "The HAR log.comment must be a string, with one instruction per line. " + kHowTo);
  }
  std::string comment = JsonMemberText(log, "comment");
  if (Trim(comment).empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The HAR recording has no log.comment. " + kHowTo);
  }

  HarComment result;
  std::string text = ReplaceAll(ReplaceAll(comment, "\r\n", "\n"), "\r", "\n");
  for (const std::string& raw_line : Split(text, "\n")) {
    std::string_view line = Trim(raw_line);
    if (StartsWith(line, kMicrocksIdMarker)) {
      std::string_view identifiers = line.substr(kMicrocksIdMarker.size());
      std::vector<std::string> parts = Split(identifiers, ":");
      if (parts.size() < 2 || Trim(parts[0]).empty() || Trim(parts[1]).empty()) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "The microcksId line of log.comment is malformed: found '" +
                             std::string(line) + "'. " + kHowTo);
      }
      result.key.name = std::string(Trim(parts[0]));
      result.key.version = std::string(Trim(parts[1]));
    } else if (StartsWith(line, kApiPrefixMarker)) {
      result.api_prefix = std::string(Trim(line.substr(kApiPrefixMarker.size())));
    }
  }
  if (result.key.name.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The HAR log.comment has no microcksId line. " + kHowTo);
  }
  return result;
}

// Returns the path of a URL, without its query and fragment.
std::string_view UrlPath(std::string_view url) {
  size_t end = url.find_first_of("?#");
  return end == std::string_view::npos ? url : url.substr(0, end);
}

bool IsStaticAsset(std::string_view url, const Json& entry) {
  std::string resource_type = JsonMemberText(entry, "_resourceType");
  if (std::find(std::begin(kAssetResourceTypes), std::end(kAssetResourceTypes), resource_type) !=
      std::end(kAssetResourceTypes)) {
    return true;
  }
  std::string_view path = UrlPath(url);
  size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || path.find('/', dot) != std::string_view::npos) return false;
  std::string extension = ToLower(path.substr(dot));
  return std::find(std::begin(kStaticExtensions), std::end(kStaticExtensions), extension) !=
         std::end(kStaticExtensions);
}

// True for URLs with a scheme other than HTTP: data:, blob:, browser extensions.
bool IsNonHttpUrl(std::string_view url) {
  size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  if (colon + 1 < url.size() && std::isdigit(static_cast<unsigned char>(url[colon + 1]))) {
    return false;  // "host:8080/...", a host and port without a scheme
  }
  std::string_view scheme = url.substr(0, colon);
  for (char c : scheme) {
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != '-' && c != '+' && c != '.') {
      return false;  // not a scheme: a host with a port, or a relative path
    }
  }
  std::string lower = ToLower(scheme);
  return lower != "http" && lower != "https";
}

// A prefix matches whole path segments: "/api" covers "/api/items", not "/apiv2/items".
bool StartsWithSegments(std::string_view text, std::string_view prefix) {
  if (!StartsWith(text, prefix)) return false;
  if (prefix.empty() || prefix.back() == '/' || text.size() == prefix.size()) return true;
  char next = text[prefix.size()];
  return next == '/' || next == '?' || next == '#';
}

bool UnderPrefix(std::string_view url, std::string_view prefix) {
  return prefix.empty() || StartsWithSegments(url, prefix) ||
         StartsWithSegments(RemoveSchemeAndHost(url), prefix);
}

// Returns the URL relative to the service: scheme, host and API prefix removed, query
// kept.
// NOTE: Microcks drops one more character after an absolute ("http://...") prefix and
// keeps a path that the prefix leaves without a leading '/'. Here the result always
// starts with '/'.
std::string ShortenUrl(std::string_view url, std::string_view prefix) {
  std::string rest;
  if (!prefix.empty() && (StartsWith(prefix, "http://") || StartsWith(prefix, "https://")) &&
      StartsWith(url, prefix)) {
    rest = std::string(url.substr(prefix.size()));
  } else {
    rest = RemoveSchemeAndHost(url);
    if (!prefix.empty() && StartsWithSegments(rest, prefix)) rest = rest.substr(prefix.size());
  }
  if (rest.empty() || rest.front() != '/') rest.insert(rest.begin(), '/');
  return rest;
}

// Response content text, decoded when the recording stored it as base64. Text that is
// not valid base64 is kept as recorded.
std::string ContentText(const Json& content) {
  std::string text = JsonMemberText(content, "text");
  if (JsonMemberText(content, "encoding") != "base64") return text;
  auto decoded = DecodeBase64(text);
  return decoded ? *decoded : text;
}

bool IsDroppedHeader(std::string_view name) {
  if (!name.empty() && name.front() == ':') return true;  // HTTP/2 pseudo-headers
  std::string lower = ToLower(name);
  return std::find(std::begin(kDroppedHeaders), std::end(kDroppedHeaders), lower) !=
         std::end(kDroppedHeaders);
}

// Headers without the dropped ones; repeated names become one header with several values.
std::vector<Header> ReadHeaders(const Json* list) {
  std::vector<Header> headers;
  if (list == nullptr || !list->is_array()) return headers;
  for (const Json& item : *list) {
    std::string name = JsonMemberText(item, "name");
    if (name.empty() || IsDroppedHeader(name)) continue;
    std::string value = JsonMemberText(item, "value");
    auto same = std::find_if(headers.begin(), headers.end(),
                             [&](const Header& header) { return header.name == name; });
    if (same == headers.end()) {
      headers.push_back({name, {value}});
    } else if (std::find(same->values.begin(), same->values.end(), value) == same->values.end()) {
      same->values.push_back(value);
    }
  }
  return headers;
}

// Service type by majority, as Microcks guesses it: a JSON response with "data" to a
// request that mentions a query, mutation or fragment is GraphQL, an XML response with
// a SOAP envelope is SOAP, anything else REST.
ServiceType GuessServiceType(const std::vector<RecordedEntry>& entries) {
  size_t rest = 0;
  size_t graphql = 0;
  size_t soap = 0;
  for (const RecordedEntry& entry : entries) {
    const Json* response = JsonMember(*entry.node, "response");
    const Json* content = response == nullptr ? nullptr : JsonMember(*response, "content");
    std::string mime_type = content == nullptr ? "" : JsonMemberText(*content, "mimeType");
    std::string text = content == nullptr ? "" : ContentText(*content);
    const std::string& request = entry.post_text;
    if (mime_type == "application/json" && text.find("\"data\":") != std::string::npos &&
        (request.find("query") != std::string::npos ||
         request.find("mutation") != std::string::npos ||
         request.find("fragment") != std::string::npos)) {
      ++graphql;
    } else if (mime_type == "text/xml" && text.find(":Envelope") != std::string::npos &&
               text.find(":Body/>") != std::string::npos) {
      ++soap;
    } else {
      ++rest;
    }
  }
  if (graphql > rest && graphql > soap) return ServiceType::kGraphql;
  if (soap > rest && soap > graphql) return ServiceType::kSoapHttp;
  return ServiceType::kRest;
}

Result<HarLog> ReadHarLog(const Json& document) {
  auto log = LogOf(document);
  if (!log) return tl::unexpected(log.error());
  auto comment = ReadComment(**log);
  if (!comment) return tl::unexpected(comment.error());

  HarLog result;
  result.key = comment->key;
  result.api_prefix = comment->api_prefix;
  const Json* entries = JsonMember(**log, "entries");
  if (entries != nullptr && !entries->is_array() && !entries->is_null()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The HAR log.entries must be an array of recorded calls. Export the "
                     "recording again from the browser or proxy.");
  }
  if (entries != nullptr && entries->is_array()) {
    if (entries->size() > kMaxEntries) {
      return MakeError(ErrorCode::kLimitExceeded,
                       "The HAR recording has " + std::to_string(entries->size()) +
                           " entries. Mimic imports at most " + std::to_string(kMaxEntries) +
                           ": split the recording, or set an apiPrefix and remove other calls.");
    }
    for (const Json& node : *entries) {
      const Json* request = JsonMember(node, "request");
      if (request == nullptr || !request->is_object()) {
        ++result.malformed;
        continue;
      }
      RecordedEntry entry;
      entry.node = &node;
      entry.url = JsonMemberText(*request, "url");
      entry.method = JsonMemberText(*request, "method");
      if (Trim(entry.url).empty() || Trim(entry.method).empty()) {
        ++result.malformed;
        continue;
      }
      if (IsNonHttpUrl(entry.url) || IsStaticAsset(entry.url, node) ||
          !UnderPrefix(entry.url, result.api_prefix)) {
        continue;
      }
      // A call the browser blocked or that failed has status 0 and no real response.
      const Json* response = JsonMember(node, "response");
      const Json* status = response == nullptr ? nullptr : JsonMember(*response, "status");
      if (response == nullptr || !response->is_object() ||
          (status != nullptr && status->is_number() && status->get<double>() == 0)) {
        ++result.incomplete;
        continue;
      }
      entry.short_url = ShortenUrl(entry.url, result.api_prefix);
      if (const Json* post_data = JsonMember(*request, "postData")) {
        entry.post_text = JsonMemberText(*post_data, "text");
      }
      result.entries.push_back(std::move(entry));
    }
  }
  result.type = GuessServiceType(result.entries);
  return result;
}

std::string PathOfName(std::string_view operation_name) {
  size_t space = operation_name.find(' ');
  return std::string(space == std::string_view::npos ? operation_name
                                                     : operation_name.substr(space + 1));
}

// Splits on '/' and drops trailing empty pieces, as Java's String.split does; the
// similarity score counts pieces this way.
std::vector<std::string> SplitLikeJava(std::string_view text) {
  std::vector<std::string> pieces = Split(text, "/");
  while (!pieces.empty() && pieces.back().empty()) pieces.pop_back();
  return pieces;
}

// Microcks' similarity of two operation names with the same number of pieces: each
// equal piece adds 100 / pieces, and each piece of the common leading run adds the
// piece count again. "GET /pastries/Millefeuille" and "GET /pastries/Eclair+Cafe"
// score 33 + 33 + 3 * 2 = 72.
int SimilarityScore(const std::vector<std::string>& base,
                    const std::vector<std::string>& candidate) {
  if (base.empty() || base.size() != candidate.size()) return 0;
  int step = 100 / static_cast<int>(base.size());
  int score = 0;
  int common_prefix = 0;
  bool still_common = true;
  for (size_t i = 0; i < base.size(); ++i) {
    if (base[i] == candidate[i]) {
      if (still_common) ++common_prefix;
      score += step;
    } else {
      still_common = false;
    }
  }
  return score + static_cast<int>(base.size()) * common_prefix;
}

struct PathTemplateMerge {
  std::string path;  // "/pastries/{part1}"
  size_t part_count = 0;
};

// Keeps the leading and trailing segments two paths share and replaces the segments in
// between with {part1}, {part2}, ...
// NOTE: Microcks compares characters rather than segments, and writes "//" before a
// shared trailing segment; the templates agree otherwise.
std::optional<PathTemplateMerge> MergePaths(std::string_view first, std::string_view second) {
  std::vector<std::string> a = SplitLikeJava(first);
  std::vector<std::string> b = SplitLikeJava(second);
  if (a.size() != b.size() || a.empty()) return std::nullopt;
  size_t prefix = 0;
  while (prefix < a.size() && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  PathTemplateMerge merge;
  merge.part_count = a.size() - prefix - suffix;
  for (size_t i = 0; i < a.size(); ++i) {
    if (i > 0) merge.path += "/";
    if (i < prefix || i >= a.size() - suffix) {
      merge.path += a[i];
    } else {
      merge.path += "{part" + std::to_string(i - prefix + 1) + "}";
    }
  }
  return merge;
}

std::string PartRules(size_t count) {
  std::string rules;
  for (size_t i = 1; i <= count; ++i) {
    if (!rules.empty()) rules += " && ";
    rules += "part" + std::to_string(i);
  }
  return rules;
}

// Groups entries into operations the way Microcks does: by "VERB /path" (GraphQL: by
// first root field), merging a new path into the most similar operation with the same
// verb and segment count.
class OperationDiscovery {
 public:
  explicit OperationDiscovery(ServiceType type) : type_(type) {}

  void Add(size_t index, const RecordedEntry& entry) {
    std::string method = entry.method;
    std::string base = std::string(WithoutQuery(entry.short_url));
    bool has_query = entry.short_url.find('?') != std::string::npos;
    std::string dispatcher(has_query ? dispatch::kUriParams : dispatch::kUriParts);
    std::string name = method + " " + base;
    if (type_ == ServiceType::kGraphql) {
      Json body = ParseEmbeddedJson(entry.post_text);
      auto head = ReadGraphqlOperationHead(JsonMemberText(body, "query"));
      if (head) {
        method = head->type;
        name = head->field;
        // NOTE: Microcks keeps the URL's dispatcher for mutations; no GraphQL
        // runtime reads it, so they get none here.
        dispatcher = method == "QUERY" ? std::string(dispatch::kQueryArgs) : "";
      }
    }

    auto known = by_first_name_.find(name);
    if (known != by_first_name_.end()) {
      operations_[known->second].entries.push_back(index);
      return;
    }
    DiscoveredOperation* similar = MostSimilar(method, name);
    if (similar != nullptr && Merge(similar, method, name)) {
      similar->entries.push_back(index);
      return;
    }

    DiscoveredOperation operation;
    operation.name = name;
    operation.method = method;
    operation.dispatcher = dispatcher;
    if (dispatcher == dispatch::kUriParams) operation.rules = ParamsRulesFromUrl(entry.url);
    operation.entries.push_back(index);
    operation.pieces = SplitLikeJava(name);
    by_first_name_.emplace(name, operations_.size());
    operations_.push_back(std::move(operation));
  }

  std::vector<DiscoveredOperation>& operations() { return operations_; }

 private:
  DiscoveredOperation* MostSimilar(const std::string& method, const std::string& name) {
    std::vector<std::string> candidate = SplitLikeJava(name);
    DiscoveredOperation* best = nullptr;
    int best_score = 0;
    for (DiscoveredOperation& operation : operations_) {
      if (operation.method != method || operation.pieces.size() != candidate.size()) continue;
      int score = SimilarityScore(operation.pieces, candidate);
      if (score > kSimilarityThreshold && score > best_score) {
        best_score = score;
        best = &operation;
      }
    }
    return best;
  }

  // Renames `operation` to the template of its path and the new one, and makes it
  // dispatch on the templated parts.
  static bool Merge(DiscoveredOperation* operation, const std::string& method,
                    const std::string& name) {
    auto merged = MergePaths(PathOfName(operation->name), PathOfName(name));
    if (!merged) return false;
    if (merged->part_count == 0) return true;
    operation->name = method + " " + merged->path;
    operation->pieces = SplitLikeJava(operation->name);
    std::string parts = PartRules(merged->part_count);
    if (operation->dispatcher == dispatch::kUriParams) {
      // NOTE: Microcks switches to URI_ELEMENTS but keeps only the query rules, so its
      // criteria ignore the parts. Rules here list both, as URI_ELEMENTS rules do.
      operation->dispatcher = std::string(dispatch::kUriElements);
      operation->rules = parts + " ?? " + operation->rules;
    } else if (operation->dispatcher == dispatch::kUriElements) {
      operation->rules = parts + " ?? " + std::string(dispatch::ParamsRules(operation->rules));
    } else {
      operation->dispatcher = std::string(dispatch::kUriParts);
      operation->rules = parts;
    }
    return true;
  }

  ServiceType type_;
  std::vector<DiscoveredOperation> operations_;
  // Operations by the name they were created with: Microcks keeps that key after a
  // merge renames the operation.
  std::map<std::string, size_t> by_first_name_;
};

std::vector<DiscoveredOperation> DiscoverOperations(const HarLog& log) {
  OperationDiscovery discovery(log.type);
  for (size_t i = 0; i < log.entries.size(); ++i) discovery.Add(i, log.entries[i]);
  return std::move(discovery.operations());
}

// Builds exchanges of one operation with criteria from its current dispatcher.
class ExchangeBuilder {
 public:
  ExchangeBuilder(const Operation& operation, const std::string& artifact_name,
                  const std::string& api_prefix)
      : artifact_name_(artifact_name),
        api_prefix_(api_prefix),
        root_(dispatch::ResolveRootDispatcher(operation.dispatcher, operation.dispatcher_rules)),
        pattern_(PathTemplate::Parse(PathOfName(operation.name))) {}

  Exchange Build(const RecordedEntry& entry, std::set<std::string>* resource_paths) const {
    const Json& node = *entry.node;
    std::string name = JsonMemberText(node, "startedDateTime");
    Exchange exchange;
    exchange.request = BuildRequest(entry, name);
    exchange.response = BuildResponse(node, name);
    exchange.response.dispatch_criteria = Criteria(entry, exchange.request, resource_paths);
    return exchange;
  }

 private:
  Request BuildRequest(const RecordedEntry& entry, const std::string& name) const {
    Request request;
    request.name = name;
    request.source_artifact = artifact_name_;
    request.content = entry.post_text;
    const Json* node = JsonMember(*entry.node, "request");
    if (node == nullptr) return request;
    request.headers = ReadHeaders(JsonMember(*node, "headers"));
    const Json* query = JsonMember(*node, "queryString");
    if (query != nullptr && query->is_array()) {
      for (const Json& pair : *query) {
        if (!pair.is_object()) continue;
        request.query_parameters.push_back(
            {JsonMemberText(pair, "name"), JsonMemberText(pair, "value")});
      }
    }
    return request;
  }

  Response BuildResponse(const Json& entry, const std::string& name) const {
    Response response;
    response.name = name;
    response.source_artifact = artifact_name_;
    const Json* node = JsonMember(entry, "response");
    if (node == nullptr) return response;
    const Json* status = JsonMember(*node, "status");
    if (status != nullptr && !status->is_null()) response.status = ScalarOrJsonText(*status);
    response.headers = ReadHeaders(JsonMember(*node, "headers"));
    // A redirect into the recorded API loses the prefix, as operation paths do. The
    // mock then adds its own base to the relative location.
    for (Header& header : response.headers) {
      if (!EqualsIgnoreCase(header.name, "Location") || api_prefix_.empty()) continue;
      for (std::string& value : header.values) {
        if (UnderPrefix(value, api_prefix_)) value = ShortenUrl(value, api_prefix_);
      }
    }
    const Json* content = JsonMember(*node, "content");
    if (content != nullptr) response.content = ContentText(*content);
    for (const Header& header : response.headers) {
      if (EqualsIgnoreCase(header.name, "Content-Type") && !header.values.empty()) {
        response.media_type = header.values.front();
        break;
      }
    }
    // Beyond Microcks: a recording without a Content-Type header still states the
    // content's MIME type.
    if (response.media_type.empty() && content != nullptr) {
      response.media_type = JsonMemberText(*content, "mimeType");
    }
    return response;
  }

  std::string Criteria(const RecordedEntry& entry, const Request& request,
                       std::set<std::string>* resource_paths) const {
    const std::string& dispatcher = root_.dispatcher;
    std::string path = std::string(WithoutQuery(entry.short_url));
    if (dispatcher == dispatch::kUriParams) {
      return dispatch::BuildParamsCriteria(root_.rules, QueryPairs(entry.short_url));
    }
    if (dispatcher == dispatch::kUriParts || dispatcher == dispatch::kSequence) {
      resource_paths->insert(path);
      return dispatch::BuildPartsCriteria(root_.rules, PathValues(path));
    }
    if (dispatcher == dispatch::kUriElements) {
      resource_paths->insert(path);
      return dispatch::BuildPartsCriteria(dispatch::PartsRules(root_.rules), PathValues(path)) +
             dispatch::BuildParamsCriteria(dispatch::ParamsRules(root_.rules),
                                           QueryPairs(entry.short_url));
    }
    if (dispatcher == dispatch::kQueryArgs) {
      Json body = ParseEmbeddedJson(entry.post_text);
      NameValueList arguments;
      if (const Json* variables = JsonMember(body, "variables");
          variables && variables->is_object()) {
        for (const auto& [key, value] : variables->items()) {
          arguments.emplace_back(key, ScalarOrJsonText(value));
        }
      }
      return dispatch::BuildParamsCriteria(root_.rules, arguments);
    }
    if (dispatcher == dispatch::kQueryHeader) {
      // Beyond Microcks, which computes no criteria for this dispatcher from a HAR.
      NameValueList headers;
      for (const Header& header : request.headers) {
        if (!header.values.empty()) headers.emplace_back(header.name, header.values.front());
      }
      return dispatch::BuildHeadersCriteria(root_.rules, headers);
    }
    resource_paths->insert(path);
    return "";
  }

  NameValueList PathValues(const std::string& path) const {
    NameValueList values;
    pattern_.Match(SplitDecodedPath(path), &values);
    return values;
  }

  const std::string& artifact_name_;
  const std::string& api_prefix_;
  dispatch::RootDispatcher root_;
  PathTemplate pattern_;
};

void AppendExchanges(const HarLog& log, const std::vector<size_t>& entries,
                     const std::string& artifact_name, Operation* operation,
                     std::vector<Exchange>* exchanges) {
  ExchangeBuilder builder(*operation, artifact_name, log.api_prefix);
  std::set<std::string> resource_paths(operation->resource_paths.begin(),
                                       operation->resource_paths.end());
  for (size_t index : entries) {
    exchanges->push_back(builder.Build(log.entries[index], &resource_paths));
  }
  operation->resource_paths.assign(resource_paths.begin(), resource_paths.end());
}

// Beyond Microcks: the REST operation whose path template matches an entry, preferring
// fewer parameters and then more literal text, as request routing does.
const Operation* MatchByTemplate(const Service& service, const RecordedEntry& entry) {
  std::vector<std::string> segments = SplitDecodedPath(WithoutQuery(entry.short_url));
  const Operation* best = nullptr;
  size_t best_parameters = 0;
  size_t best_weight = 0;
  for (const Operation& operation : service.operations) {
    if (operation.method != entry.method) continue;
    PathTemplate pattern = PathTemplate::Parse(PathOfName(operation.name));
    if (!pattern.Match(segments, nullptr)) continue;
    size_t parameters = pattern.parameter_names().size();
    size_t weight = pattern.literal_weight();
    if (best == nullptr || parameters < best_parameters ||
        (parameters == best_parameters && weight > best_weight)) {
      best = &operation;
      best_parameters = parameters;
      best_weight = weight;
    }
  }
  return best;
}

}  // namespace

Result<ServiceKey> ReadHarServiceKey(const Json& document) {
  auto log = LogOf(document);
  if (!log) return tl::unexpected(log.error());
  auto comment = ReadComment(**log);
  if (!comment) return tl::unexpected(comment.error());
  return comment->key;
}

// Reports the entries the reader left out, so that every missing call is explained.
void ReportSkippedEntries(const HarLog& log, std::vector<ImportDiagnostic>* diagnostics) {
  if (log.incomplete > 0) {
    diagnostics->push_back(
        {"",
         std::to_string(log.incomplete) +
             " recorded call(s) never completed (status 0 or no response, e.g. blocked "
             "by the browser) and were skipped. Record them again once they return a response."});
  }
  if (log.malformed > 0) {
    diagnostics->push_back(
        {"", std::to_string(log.malformed) +
                 " entr(ies) of log.entries have no request object, method or URL and were "
                 "skipped. Export the recording again from the browser or proxy."});
  }
}

Result<ImportedServices> ImportHar(const Json& document, const ImportSource& source) {
  auto log = ReadHarLog(document);
  if (!log) return tl::unexpected(log.error());

  Service service;
  service.name = log->key.name;
  service.version = log->key.version;
  service.type = log->type;
  service.source_artifact = source.artifact_name;
  for (const DiscoveredOperation& discovered : DiscoverOperations(*log)) {
    Operation operation;
    operation.name = discovered.name;
    operation.method = discovered.method;
    operation.dispatcher = discovered.dispatcher;
    operation.dispatcher_rules = discovered.rules;
    std::vector<Exchange> exchanges;
    AppendExchanges(*log, discovered.entries, source.artifact_name, &operation, &exchanges);
    service.exchanges[operation.name] = std::move(exchanges);
    service.operations.push_back(std::move(operation));
  }

  ImportedServices result;
  ReportSkippedEntries(*log, &result.diagnostics);
  if (service.type == ServiceType::kGraphql) {
    // NOTE: GraphQL mocks are not served yet. The service is kept so that it serves
    // once they are, and the import reports the gap now.
    result.diagnostics.push_back(
        {"",
         "the recording looks like GraphQL calls, so the service has type GRAPHQL, and "
         "this version of Mimic does not serve GraphQL mocks yet: calls to it get 404."});
  }
  if (service.operations.empty()) {
    result.diagnostics.push_back(
        {"", "the recording has no API call" +
                 std::string(log->api_prefix.empty() ? "" : " under apiPrefix " + log->api_prefix) +
                 ", so the service has no operation. Record calls to the API, or fix the "
                 "apiPrefix line of log.comment."});
  }
  result.services.push_back(std::move(service));
  return result;
}

Result<std::vector<ImportDiagnostic>> ApplyHar(const Json& document,
                                               const std::string& artifact_name, Service* service) {
  auto log = ReadHarLog(document);
  if (!log) return tl::unexpected(log.error());
  std::vector<DiscoveredOperation> discovered = DiscoverOperations(*log);

  // Entries per existing operation: first the operation the recording names the same
  // way (Microcks' rule), then, for REST services, by path template.
  std::map<std::string, std::vector<size_t>> assigned;
  std::vector<bool> used(log->entries.size(), false);
  for (const Operation& operation : service->operations) {
    for (const DiscoveredOperation& candidate : discovered) {
      if (candidate.name != operation.name || candidate.method != operation.method) continue;
      for (size_t index : candidate.entries) {
        assigned[operation.name].push_back(index);
        used[index] = true;
      }
    }
  }
  if (service->type != ServiceType::kGraphql) {
    for (size_t i = 0; i < log->entries.size(); ++i) {
      if (used[i]) continue;
      const Operation* operation = MatchByTemplate(*service, log->entries[i]);
      if (operation == nullptr) continue;
      assigned[operation->name].push_back(i);
      used[i] = true;
    }
  }

  for (Operation& operation : service->operations) {
    auto entries = assigned.find(operation.name);
    if (entries == assigned.end()) continue;
    std::sort(entries->second.begin(), entries->second.end());
    AppendExchanges(*log, entries->second, artifact_name, &operation,
                    &service->exchanges[operation.name]);
  }

  std::vector<ImportDiagnostic> diagnostics;
  ReportSkippedEntries(*log, &diagnostics);
  for (const DiscoveredOperation& candidate : discovered) {
    size_t ignored = std::count_if(candidate.entries.begin(), candidate.entries.end(),
                                   [&](size_t index) { return !used[index]; });
    if (ignored == 0 || diagnostics.size() >= kMaxUnmatchedReports) continue;
    diagnostics.push_back(
        {candidate.name, std::to_string(ignored) +
                             " recorded request(s) match no operation of "
                             "service '" +
                             service->name + "' version '" + service->version +
                             "' and were ignored. Check the apiPrefix line of log.comment, or "
                             "import the recording as a main artifact."});
  }
  for (const Operation& operation : service->operations) {
    auto exchanges = service->exchanges.find(operation.name);
    if (exchanges == service->exchanges.end() || exchanges->second.empty()) {
      diagnostics.push_back(
          {operation.name,
           "no mock response: neither this recording nor an earlier artifact gives this "
           "operation an example, so calls to it get no mock."});
    }
  }
  return diagnostics;
}

}  // namespace mimic
