#include "schema/schema_compiler.h"

#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "schema/format_checks.h"
#include "schema/json_pointer.h"
#include "schema/json_values.h"
#include "schema/metaschemas.h"
#include "schema/openapi_schema.h"
#include "schema/schema_regex.h"
#include "schema/schema_uri.h"

namespace mimic::schema::internal {
namespace {

using Status = tl::expected<void, Error>;

constexpr std::string_view kDraft4MetaschemaUri = "http://json-schema.org/draft-04/schema";
constexpr std::string_view k202012MetaschemaUri = "https://json-schema.org/draft/2020-12/schema";
constexpr std::string_view kVocabularyPrefix = "https://json-schema.org/draft/2020-12/vocab/";

// The keyword set in force for a schema resource: its dialect and, for 2020-12, the vocabularies
// its metaschema declares.
struct Flavor {
  Dialect dialect = Dialect::kDraft2020_12;
  bool applicator = true;
  bool unevaluated = true;
  bool validation = true;
  bool format_assertion = false;
};

bool IsModern(const Flavor& flavor) { return flavor.dialect == Dialect::kDraft2020_12; }

struct Location {
  uint32_t doc = 0;
  std::string pointer;
};

// The base URI and schema resource of one scanned schema position.
struct ScanInfo {
  uint32_t base = 0;
  uint32_t resource = 0;
};

struct Resource {
  uint32_t doc = 0;
  std::string pointer;
  Flavor flavor;
  std::unordered_map<std::string, std::string> anchors;          // name -> pointer
  std::unordered_map<std::string, std::string> dynamic_anchors;  // name -> pointer
};

struct Document {
  const Json* json = nullptr;
  std::unique_ptr<Json> owned;
  std::string uri;
  bool scanned = false;
  uint32_t root_resource = 0;
};

enum class Shape { kSingle, kArray, kMap, kSingleOrArray };

struct SubschemaKeyword {
  std::string_view name;
  Shape shape;
};

// Keywords whose values contain subschemas, which scanning descends into to find $id and anchors.
constexpr SubschemaKeyword kDraft4Subschemas[] = {
    {"definitions", Shape::kMap},
    {"properties", Shape::kMap},
    {"patternProperties", Shape::kMap},
    {"dependencies", Shape::kMap},
    {"items", Shape::kSingleOrArray},
    {"additionalItems", Shape::kSingle},
    {"additionalProperties", Shape::kSingle},
    {"allOf", Shape::kArray},
    {"anyOf", Shape::kArray},
    {"oneOf", Shape::kArray},
    {"not", Shape::kSingle},
};

constexpr SubschemaKeyword k202012Subschemas[] = {
    {"$defs", Shape::kMap},
    {"properties", Shape::kMap},
    {"patternProperties", Shape::kMap},
    {"dependentSchemas", Shape::kMap},
    {"prefixItems", Shape::kArray},
    {"items", Shape::kSingle},
    {"contains", Shape::kSingle},
    {"additionalProperties", Shape::kSingle},
    {"propertyNames", Shape::kSingle},
    {"if", Shape::kSingle},
    {"then", Shape::kSingle},
    {"else", Shape::kSingle},
    {"allOf", Shape::kArray},
    {"anyOf", Shape::kArray},
    {"oneOf", Shape::kArray},
    {"not", Shape::kSingle},
    {"unevaluatedItems", Shape::kSingle},
    {"unevaluatedProperties", Shape::kSingle},
    {"contentSchema", Shape::kSingle},
    {"dependencies", Shape::kMap},
};

bool IsSchemaValue(const Json& value) { return value.is_object() || value.is_boolean(); }

std::string ChildPointer(const std::string& pointer, std::string_view token) {
  std::string child = pointer;
  AppendPointerToken(child, token);
  return child;
}

std::string ChildPointer(const std::string& pointer, std::string_view token, size_t index) {
  std::string child = ChildPointer(pointer, token);
  AppendPointerIndex(child, index);
  return child;
}

std::string ChildPointer(const std::string& pointer, std::string_view token,
                         std::string_view name) {
  std::string child = ChildPointer(pointer, token);
  AppendPointerToken(child, name);
  return child;
}

// Reads a non-negative integer keyword value; 2.0 counts as 2.
bool ReadCount(const Json& value, uint64_t* count) {
  if (value.is_number_unsigned()) {
    *count = value.get<uint64_t>();
    return true;
  }
  if (value.is_number_integer()) {
    int64_t v = value.get<int64_t>();
    if (v < 0) return false;
    *count = static_cast<uint64_t>(v);
    return true;
  }
  if (value.is_number_float() && IsIntegral(value)) {
    double d = value.get<double>();
    if (d < 0) return false;
    *count = d >= 18446744073709551615.0 ? UINT64_MAX : static_cast<uint64_t>(d);
    return true;
  }
  return false;
}

std::optional<uint8_t> TypeBitFor(std::string_view name) {
  if (name == "null") return kNullBit;
  if (name == "boolean") return kBooleanBit;
  if (name == "integer") return kIntegerBit;
  if (name == "number") return kNumberBit;
  if (name == "string") return kStringBit;
  if (name == "array") return kArrayBit;
  if (name == "object") return kObjectBit;
  return std::nullopt;
}

// Per-node state while its keywords are compiled.
struct NodeContext {
  uint32_t index = 0;
  uint32_t doc = 0;
  std::string pointer;
  std::string location;
  uint32_t base = 0;
  Flavor flavor;
  const Json* schema = nullptr;
  std::vector<Keyword> keywords;
  std::vector<Keyword> unevaluated;  // compiled last: they read the others' annotations
  bool nullable = false;
  bool properties_done = false;
  bool items_done = false;
};

class Compiler {
 public:
  explicit Compiler(const CompileOptions& options) : options_(options) {}

  Result<std::shared_ptr<const CompiledSchema>> Run(const Json& root,
                                                    std::string_view schema_pointer);

 private:
  Flavor DefaultFlavor(Dialect dialect) const {
    Flavor flavor;
    flavor.dialect = dialect;
    flavor.format_assertion = options_.format_assertion.value_or(dialect == Dialect::kOpenApi30);
    return flavor;
  }

  std::string Display(uint32_t doc, const std::string& pointer) const {
    if (doc == 0) return pointer;
    return docs_[doc].uri + "#" + pointer;
  }

  uint32_t InternBase(const std::string& uri) {
    auto [it, inserted] = base_ids_.emplace(uri, static_cast<uint32_t>(bases_.size()));
    if (inserted) bases_.push_back(uri);
    return it->second;
  }

  uint32_t NewResource(const std::string& uri, uint32_t doc, const std::string& pointer,
                       const Flavor& flavor) {
    uint32_t index = static_cast<uint32_t>(resources_.size());
    Resource resource;
    resource.doc = doc;
    resource.pointer = pointer;
    resource.flavor = flavor;
    resources_.push_back(std::move(resource));
    resource_by_uri_.emplace(uri, index);
    return index;
  }

  uint32_t AddDocument(const std::string& uri, const Json* json, std::unique_ptr<Json> owned) {
    uint32_t index = static_cast<uint32_t>(docs_.size());
    Document document;
    document.json = owned ? owned.get() : json;
    document.owned = std::move(owned);
    document.uri = uri;
    docs_.push_back(std::move(document));
    scan_.emplace_back();
    node_by_pointer_.emplace_back();
    doc_by_uri_.emplace(uri, index);
    return index;
  }

  Result<uint32_t> LoadDocument(const std::string& uri);
  Status ScanDocument(uint32_t doc);
  Status Scan(uint32_t doc, const std::string& pointer, const Json& value, uint32_t base,
              uint32_t resource, size_t depth);
  Status ScanChildren(uint32_t doc, const std::string& pointer, const Json& value,
                      const Flavor& flavor, uint32_t base, uint32_t resource, size_t depth);
  Result<Flavor> FlavorForMetaschema(const std::string& base, const std::string& uri,
                                     const Flavor& inherited);
  Result<ScanInfo> EnsureScanned(uint32_t doc, const std::string& pointer);
  Result<uint32_t> FindResource(const std::string& uri);
  Result<Location> ResolveReference(uint32_t base, std::string_view reference);
  Result<uint32_t> NodeFor(const Location& location, std::string_view applied_by);
  Status DrainWorklist();
  Status CompileDynamicAnchors();

  // Keyword compilation, in schema_compiler.cc below.
  Status CompileNode(uint32_t index, const Location& location, const ScanInfo& info);
  Status CompileKeyword(NodeContext& ctx, const std::string& name, const Json& value);
  Status CompileReference(NodeContext& ctx, const std::string& name, const Json& value);
  Status CompileType(NodeContext& ctx, const Json& value);
  Status CompileBound(NodeContext& ctx, const std::string& name, const Json& value);
  Status CompileCount(NodeContext& ctx, const std::string& name, const Json& value,
                      CountTarget target, bool upper);
  Status CompileProperties(NodeContext& ctx);
  Status CompileItems(NodeContext& ctx);
  Status CompileContains(NodeContext& ctx);
  Status CompileCombinator(NodeContext& ctx, const std::string& name, const Json& value,
                           Combinator combinator);
  Status CompileDiscriminator(NodeContext& ctx, const std::vector<uint32_t>& branches,
                              const Json& branch_values, CombinatorKeyword& keyword);
  Status CompileDependencies(NodeContext& ctx, const std::string& name, const Json& value,
                             bool allow_arrays, bool allow_schemas);
  Status CompileRequiredNames(NodeContext& ctx, const std::string& name, const Json& value);

  Result<uint32_t> Child(NodeContext& ctx, std::string pointer, std::string_view applied_by) {
    return NodeFor(Location{ctx.doc, std::move(pointer)}, applied_by);
  }

  void AddKeyword(NodeContext& ctx, const std::string& name, KeywordData data) {
    ctx.keywords.push_back(Keyword{name, KeywordLocation(ctx, name), std::move(data)});
  }

  std::string KeywordLocation(const NodeContext& ctx, std::string_view name) const {
    std::string location = ctx.location;
    AppendPointerToken(location, name);
    return location;
  }

  // A keyword value of the wrong type or range. OpenAPI 3.0 documents in the wild often carry
  // such mistakes (a Swagger 2 `required: true`, a quoted number), so there the keyword is
  // skipped with a warning instead of failing the whole document.
  Status InvalidKeyword(const NodeContext& ctx, std::string_view name, std::string_view problem) {
    std::string message = "keyword '" + std::string(name) + "' at '" + KeywordLocation(ctx, name) +
                          "' " + std::string(problem);
    if (ctx.flavor.dialect == Dialect::kOpenApi30) {
      warnings_.push_back(message + "; the keyword is ignored");
      return {};
    }
    return tl::unexpected(Error{ErrorCode::kInvalidArgument, std::move(message)});
  }

  Status NestedTooDeeply(const NodeContext& ctx, std::string_view name) const {
    return MakeError(ErrorCode::kLimitExceeded,
                     "keyword '" + std::string(name) + "' at '" + KeywordLocation(ctx, name) +
                         "' nests values more than " + std::to_string(kMaxSchemaDepth) +
                         " levels deep");
  }

  const CompileOptions& options_;
  std::vector<Document> docs_;
  std::unordered_map<std::string, uint32_t> doc_by_uri_;
  std::vector<std::unordered_map<std::string, ScanInfo>> scan_;  // per document, by pointer
  std::vector<std::string> bases_;
  std::unordered_map<std::string, uint32_t> base_ids_;
  std::vector<Resource> resources_;
  std::unordered_map<std::string, uint32_t> resource_by_uri_;
  std::vector<std::unordered_map<std::string, uint32_t>> node_by_pointer_;  // per document
  std::vector<Node> nodes_;
  struct WorkItem {
    uint32_t index;
    Location location;
    ScanInfo info;
  };
  std::deque<WorkItem> worklist_;
  std::unordered_map<std::string, uint32_t> anchor_ids_;  // names used by bookended $dynamicRef
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> dynamic_nodes_;  // per resource
  std::vector<std::string> warnings_;
};

Result<uint32_t> Compiler::LoadDocument(const std::string& uri) {
  auto known = doc_by_uri_.find(uri);
  if (known != doc_by_uri_.end()) return known->second;
  if (docs_.size() > kMaxDocuments) {
    return MakeError(ErrorCode::kLimitExceeded,
                     "cannot load '" + uri + "': the schema already references the maximum of " +
                         std::to_string(kMaxDocuments) + " documents");
  }
  if (const Json* builtin = FindBuiltinMetaschema(uri)) return AddDocument(uri, builtin, nullptr);
  if (!options_.loader) {
    return MakeError(ErrorCode::kNotFound, "cannot load '" + uri +
                                               "': the document is not known and no document "
                                               "loader is configured");
  }
  Result<Json> loaded = options_.loader(uri);
  if (!loaded) {
    return MakeError(loaded.error().code, "cannot load '" + uri + "': " + loaded.error().message);
  }
  return AddDocument(uri, nullptr, std::make_unique<Json>(std::move(*loaded)));
}

Status Compiler::ScanDocument(uint32_t doc) {
  if (docs_[doc].scanned) return {};
  docs_[doc].scanned = true;
  std::string uri = docs_[doc].uri;
  uint32_t base = InternBase(uri);
  uint32_t resource = NewResource(uri, doc, "", DefaultFlavor(options_.dialect));
  docs_[doc].root_resource = resource;
  const Json& json = *docs_[doc].json;
  if (auto status = Scan(doc, "", json, base, resource, 0); !status) return status;

  // OpenAPI documents keep their schemas under components/schemas, which is not a schema
  // keyword; scanning them up front registers any $id and $anchor they declare.
  if (doc == 0 && json.is_object() && json.contains("openapi")) {
    const Json* schemas = ResolvePointer(json, "/components/schemas");
    if (schemas != nullptr && schemas->is_object()) {
      for (auto it = schemas->begin(); it != schemas->end(); ++it) {
        std::string pointer = ChildPointer("/components/schemas", it.key());
        if (auto status = Scan(doc, pointer, it.value(), base, resource, 0); !status) {
          return status;
        }
      }
    }
  }
  return {};
}

Result<Flavor> Compiler::FlavorForMetaschema(const std::string& base, const std::string& uri,
                                             const Flavor& inherited) {
  auto resolved = ResolveUri(base, uri);
  if (!resolved) return inherited;
  auto parts = SplitUriFragment(*resolved);
  if (!parts) return inherited;
  if (parts->resource == kDraft4MetaschemaUri) return DefaultFlavor(Dialect::kDraft4);
  if (parts->resource == k202012MetaschemaUri) return DefaultFlavor(Dialect::kDraft2020_12);

  // A custom metaschema: its $vocabulary decides which keywords apply. One that cannot be loaded
  // or declares no vocabularies leaves the inherited keyword set in force.
  auto doc = LoadDocument(parts->resource);
  if (!doc) return inherited;
  const Json& metaschema = *docs_[*doc].json;
  if (!metaschema.is_object()) return inherited;
  auto vocabularies = metaschema.find("$vocabulary");
  if (vocabularies == metaschema.end() || !vocabularies->is_object()) return inherited;

  Flavor flavor = DefaultFlavor(Dialect::kDraft2020_12);
  flavor.applicator = false;
  flavor.unevaluated = false;
  flavor.validation = false;
  for (auto it = vocabularies->begin(); it != vocabularies->end(); ++it) {
    const std::string& vocabulary = it.key();
    bool required = it->is_boolean() && it->get<bool>();
    std::string_view name = vocabulary;
    bool known = name.substr(0, kVocabularyPrefix.size()) == kVocabularyPrefix;
    name.remove_prefix(known ? kVocabularyPrefix.size() : 0);
    if (known && name == "applicator") {
      flavor.applicator = true;
    } else if (known && name == "unevaluated") {
      flavor.unevaluated = true;
    } else if (known && name == "validation") {
      flavor.validation = true;
    } else if (known && name == "format-assertion") {
      flavor.format_assertion = true;
    } else if (known && (name == "core" || name == "meta-data" || name == "format-annotation" ||
                         name == "content")) {
      // Core is always on; the others only annotate.
    } else if (required) {
      return MakeError(ErrorCode::kUnsupported, "metaschema '" + parts->resource +
                                                    "' requires the vocabulary '" + vocabulary +
                                                    "', which Mimic does not implement");
    }
  }
  return flavor;
}

Status Compiler::Scan(uint32_t doc, const std::string& pointer, const Json& value, uint32_t base,
                      uint32_t resource, size_t depth) {
  if (depth > kMaxSchemaDepth) {
    return MakeError(ErrorCode::kLimitExceeded,
                     "schema at '" + Display(doc, pointer) + "' is nested more than " +
                         std::to_string(kMaxSchemaDepth) + " subschemas deep");
  }
  if (scan_[doc].count(pointer) > 0) return {};
  if (!value.is_object()) {
    if (value.is_boolean()) scan_[doc].emplace(pointer, ScanInfo{base, resource});
    return {};
  }

  Flavor inherited = resources_[resource].flavor;
  std::optional<Flavor> declared;
  auto schema_keyword = value.find("$schema");
  if (options_.dialect != Dialect::kOpenApi30 && schema_keyword != value.end() &&
      schema_keyword->is_string()) {
    auto flavor = FlavorForMetaschema(bases_[base], schema_keyword->get<std::string>(), inherited);
    if (!flavor) return tl::unexpected(flavor.error());
    declared = *flavor;
  }
  Flavor flavor = declared.value_or(inherited);
  bool resource_root = resources_[resource].doc == doc && resources_[resource].pointer == pointer;

  // In draft 4 and OpenAPI 3.0, $ref replaces every sibling keyword, `id` included.
  bool ref_replaces_siblings =
      !IsModern(flavor) && value.contains("$ref") && value["$ref"].is_string();
  const char* id_keyword = IsModern(flavor)                     ? "$id"
                           : flavor.dialect == Dialect::kDraft4 ? "id"
                                                                : nullptr;
  auto id = id_keyword != nullptr ? value.find(id_keyword) : value.end();
  if (!ref_replaces_siblings && id != value.end() && id->is_string()) {
    const std::string& id_text = id->get_ref<const std::string&>();
    auto resolved = ResolveUri(bases_[base], id_text);
    if (!resolved) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "'" + std::string(id_keyword) + "' at '" + Display(doc, pointer) +
                           "' is invalid: " + resolved.error().message);
    }
    auto parts = SplitUriFragment(*resolved);
    if (!parts) return tl::unexpected(parts.error());
    if (!id_text.empty() && id_text[0] != '#') {
      base = InternBase(parts->resource);
      if (resource_root) {
        resource_by_uri_.emplace(parts->resource, resource);
      } else {
        resource = NewResource(parts->resource, doc, pointer, flavor);
        resource_root = true;
      }
    }
    // A draft 4 `id` of "#name" (or "uri#name") is a location-independent identifier.
    if (!IsModern(flavor) && !parts->fragment.empty() && parts->fragment[0] != '/') {
      resources_[resource].anchors.emplace(parts->fragment, pointer);
    }
  }
  if (resource_root && declared) resources_[resource].flavor = *declared;
  if (!resource_root) flavor = inherited;

  if (IsModern(flavor)) {
    auto anchor = value.find("$anchor");
    if (anchor != value.end() && anchor->is_string()) {
      resources_[resource].anchors.emplace(anchor->get<std::string>(), pointer);
    }
    auto dynamic_anchor = value.find("$dynamicAnchor");
    if (dynamic_anchor != value.end() && dynamic_anchor->is_string()) {
      resources_[resource].anchors.emplace(dynamic_anchor->get<std::string>(), pointer);
      resources_[resource].dynamic_anchors.emplace(dynamic_anchor->get<std::string>(), pointer);
    }
  }
  scan_[doc].emplace(pointer, ScanInfo{base, resource});
  if (ref_replaces_siblings) return {};
  return ScanChildren(doc, pointer, value, flavor, base, resource, depth);
}

Status Compiler::ScanChildren(uint32_t doc, const std::string& pointer, const Json& value,
                              const Flavor& flavor, uint32_t base, uint32_t resource,
                              size_t depth) {
  auto scan_one = [&](std::string child_pointer, const Json& child) -> Status {
    if (!IsSchemaValue(child)) return {};
    return Scan(doc, child_pointer, child, base, resource, depth + 1);
  };
  const SubschemaKeyword* begin =
      IsModern(flavor) ? std::begin(k202012Subschemas) : std::begin(kDraft4Subschemas);
  const SubschemaKeyword* end =
      IsModern(flavor) ? std::end(k202012Subschemas) : std::end(kDraft4Subschemas);
  for (const SubschemaKeyword* keyword = begin; keyword != end; ++keyword) {
    auto it = value.find(keyword->name);
    if (it == value.end()) continue;
    const Json& child = *it;
    bool as_array = keyword->shape == Shape::kArray ||
                    (keyword->shape == Shape::kSingleOrArray && child.is_array());
    if (keyword->shape == Shape::kMap) {
      if (!child.is_object()) continue;
      for (auto member = child.begin(); member != child.end(); ++member) {
        auto status = scan_one(ChildPointer(pointer, keyword->name, member.key()), *member);
        if (!status) return status;
      }
    } else if (as_array) {
      if (!child.is_array()) continue;
      for (size_t i = 0; i < child.size(); ++i) {
        auto status = scan_one(ChildPointer(pointer, keyword->name, i), child[i]);
        if (!status) return status;
      }
    } else {
      auto status = scan_one(ChildPointer(pointer, keyword->name), child);
      if (!status) return status;
    }
  }
  return {};
}

Result<ScanInfo> Compiler::EnsureScanned(uint32_t doc, const std::string& pointer) {
  auto found = scan_[doc].find(pointer);
  if (found != scan_[doc].end()) return found->second;

  // A position that scanning did not reach, such as "#/components/schemas/Pet" or a subschema
  // under an unknown keyword: it takes the base URI and resource of its nearest scanned
  // ancestor.
  ScanInfo info{InternBase(docs_[doc].uri), docs_[doc].root_resource};
  std::string_view ancestor = pointer;
  while (!ancestor.empty()) {
    ancestor = ParentPointer(ancestor);
    auto known = scan_[doc].find(std::string(ancestor));
    if (known != scan_[doc].end()) {
      info = known->second;
      break;
    }
  }
  const Json* value = ResolvePointer(*docs_[doc].json, pointer);
  if (value == nullptr) {
    return MakeError(ErrorCode::kNotFound,
                     "'" + Display(doc, pointer) + "' does not exist in the document");
  }
  if (auto status = Scan(doc, pointer, *value, info.base, info.resource, 0); !status) {
    return tl::unexpected(status.error());
  }
  found = scan_[doc].find(pointer);
  return found != scan_[doc].end() ? found->second : info;
}

Result<uint32_t> Compiler::FindResource(const std::string& uri) {
  auto known = resource_by_uri_.find(uri);
  if (known != resource_by_uri_.end()) return known->second;
  auto doc = LoadDocument(uri);
  if (!doc) return tl::unexpected(doc.error());
  if (auto status = ScanDocument(*doc); !status) return tl::unexpected(status.error());
  known = resource_by_uri_.find(uri);
  if (known != resource_by_uri_.end()) return known->second;
  // The document was already loaded under another URI (for example as a metaschema).
  uint32_t resource = docs_[*doc].root_resource;
  resource_by_uri_.emplace(uri, resource);
  return resource;
}

Result<Location> Compiler::ResolveReference(uint32_t base, std::string_view reference) {
  auto absolute = ResolveUri(bases_[base], reference);
  if (!absolute) return tl::unexpected(absolute.error());
  auto parts = SplitUriFragment(*absolute);
  if (!parts) return tl::unexpected(parts.error());
  auto resource_index = FindResource(parts->resource);
  if (!resource_index) return tl::unexpected(resource_index.error());
  const Resource& resource = resources_[*resource_index];
  const std::string& fragment = parts->fragment;
  if (fragment.empty()) return Location{resource.doc, resource.pointer};
  if (fragment[0] == '/') {
    std::string pointer = resource.pointer + fragment;
    if (ResolvePointer(*docs_[resource.doc].json, pointer) == nullptr) {
      return MakeError(ErrorCode::kNotFound, "'" + *absolute + "' names nothing: there is no '" +
                                                 fragment + "' in '" + parts->resource + "'");
    }
    return Location{resource.doc, std::move(pointer)};
  }
  auto anchor = resource.anchors.find(fragment);
  if (anchor == resource.anchors.end()) {
    return MakeError(ErrorCode::kNotFound, "'" + *absolute + "' names the anchor '" + fragment +
                                               "', which '" + parts->resource +
                                               "' does not define");
  }
  return Location{resource.doc, anchor->second};
}

Result<uint32_t> Compiler::NodeFor(const Location& location, std::string_view applied_by) {
  auto& nodes = node_by_pointer_[location.doc];
  auto found = nodes.find(location.pointer);
  if (found != nodes.end()) return found->second;
  if (nodes_.size() >= kMaxSchemaNodes) {
    return MakeError(ErrorCode::kLimitExceeded,
                     "the schema has more than " + std::to_string(kMaxSchemaNodes) + " subschemas");
  }
  auto info = EnsureScanned(location.doc, location.pointer);
  if (!info) return tl::unexpected(info.error());
  uint32_t index = static_cast<uint32_t>(nodes_.size());
  nodes_.emplace_back();
  nodes_[index].location = Display(location.doc, location.pointer);
  nodes_[index].applied_by = std::string(applied_by);
  nodes_[index].resource = info->resource;
  node_by_pointer_[location.doc].emplace(location.pointer, index);
  worklist_.push_back(WorkItem{index, location, *info});
  return index;
}

Status Compiler::DrainWorklist() {
  while (!worklist_.empty()) {
    WorkItem item = std::move(worklist_.front());
    worklist_.pop_front();
    if (auto status = CompileNode(item.index, item.location, item.info); !status) return status;
  }
  return {};
}

// Compiles the $dynamicAnchor targets that a bookended $dynamicRef may jump to. Compiling them can
// reach new resources and new $dynamicRefs, so this repeats until nothing changes.
Status Compiler::CompileDynamicAnchors() {
  std::unordered_set<std::string> done;
  bool changed = true;
  while (changed) {
    changed = false;
    for (uint32_t r = 0; r < resources_.size(); ++r) {
      std::vector<std::pair<std::string, std::string>> anchors(
          resources_[r].dynamic_anchors.begin(), resources_[r].dynamic_anchors.end());
      for (const auto& [name, pointer] : anchors) {
        auto id = anchor_ids_.find(name);
        if (id == anchor_ids_.end()) continue;
        std::string key = std::to_string(r) + "#" + name;
        if (!done.insert(key).second) continue;
        auto node = NodeFor(Location{resources_[r].doc, pointer}, "$dynamicRef");
        if (!node) return tl::unexpected(node.error());
        if (dynamic_nodes_.size() <= r) dynamic_nodes_.resize(r + 1);
        dynamic_nodes_[r].emplace_back(id->second, *node);
        changed = true;
      }
    }
    if (auto status = DrainWorklist(); !status) return status;
  }
  return {};
}

Result<std::shared_ptr<const CompiledSchema>> Compiler::Run(const Json& root,
                                                            std::string_view schema_pointer) {
  std::string base_uri(options_.base_uri.empty() ? kDefaultBaseUri : options_.base_uri);
  auto normalized = ResolveUri(base_uri, "");
  if (!normalized) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "base URI '" + base_uri + "' must be an absolute URI");
  }
  uint32_t root_doc = AddDocument(*normalized, &root, nullptr);
  if (auto status = ScanDocument(root_doc); !status) return tl::unexpected(status.error());

  if (!IsValidPointer(schema_pointer)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "schema pointer '" + std::string(schema_pointer) + "' is not a JSON pointer");
  }
  auto root_node = NodeFor(Location{root_doc, std::string(schema_pointer)}, "");
  if (!root_node) return tl::unexpected(root_node.error());
  if (auto status = DrainWorklist(); !status) return tl::unexpected(status.error());
  if (auto status = CompileDynamicAnchors(); !status) return tl::unexpected(status.error());

  auto compiled = std::make_shared<CompiledSchema>();
  compiled->nodes = std::move(nodes_);
  compiled->root = *root_node;
  compiled->uses_dynamic_scope = !anchor_ids_.empty();
  dynamic_nodes_.resize(resources_.size());
  compiled->dynamic_anchors = std::move(dynamic_nodes_);
  compiled->warnings = std::move(warnings_);
  return std::shared_ptr<const CompiledSchema>(std::move(compiled));
}

// --- Keywords ---

Status Compiler::CompileNode(uint32_t index, const Location& location, const ScanInfo& info) {
  const Json* schema = ResolvePointer(*docs_[location.doc].json, location.pointer);
  if (schema == nullptr) {
    return MakeError(ErrorCode::kInternal,
                     "schema at '" + Display(location.doc, location.pointer) + "' vanished");
  }
  if (schema->is_boolean()) {
    nodes_[index].kind = schema->get<bool>() ? NodeKind::kAlwaysValid : NodeKind::kAlwaysInvalid;
    return {};
  }

  NodeContext ctx;
  ctx.index = index;
  ctx.doc = location.doc;
  ctx.pointer = location.pointer;
  ctx.location = Display(location.doc, location.pointer);
  ctx.base = info.base;
  ctx.flavor = resources_[info.resource].flavor;
  ctx.schema = schema;
  if (!schema->is_object()) {
    std::string message = "schema at '" + ctx.location + "' must be an object or a boolean, not " +
                          InstanceTypeName(*schema);
    if (ctx.flavor.dialect != Dialect::kOpenApi30) {
      return MakeError(ErrorCode::kInvalidArgument, std::move(message));
    }
    warnings_.push_back(message + "; it accepts every value");
    nodes_[index].kind = NodeKind::kAlwaysValid;
    return {};
  }

  if (ctx.flavor.dialect == Dialect::kOpenApi30) ctx.nullable = IsNullable(*schema);
  auto ref = schema->find("$ref");
  if (!IsModern(ctx.flavor) && ref != schema->end() && ref->is_string()) {
    if (auto status = CompileReference(ctx, "$ref", *ref); !status) return status;
  } else {
    for (auto it = schema->begin(); it != schema->end(); ++it) {
      if (auto status = CompileKeyword(ctx, it.key(), it.value()); !status) return status;
    }
  }

  Node& node = nodes_[index];
  node.nullable = ctx.nullable;
  node.collects_annotations = !ctx.unevaluated.empty();
  node.keywords = std::move(ctx.keywords);
  for (Keyword& keyword : ctx.unevaluated) node.keywords.push_back(std::move(keyword));
  return {};
}

Status Compiler::CompileKeyword(NodeContext& ctx, const std::string& name, const Json& value) {
  const Flavor& flavor = ctx.flavor;
  bool modern = IsModern(flavor);

  if (flavor.validation) {
    if (name == "type") return CompileType(ctx, value);
    if (name == "enum") {
      if (!value.is_array()) return InvalidKeyword(ctx, name, "must be an array");
      if (NestingExceeds(value, kMaxSchemaDepth)) return NestedTooDeeply(ctx, name);
      EnumKeyword keyword;
      keyword.only_strings = true;
      for (const Json& item : value) {
        keyword.values.push_back(item);
        if (!item.is_string()) keyword.only_strings = false;
      }
      if (keyword.only_strings) {
        for (const Json& item : value) keyword.strings.insert(item.get<std::string>());
      }
      AddKeyword(ctx, name, std::move(keyword));
      return {};
    }
    if (name == "const" && modern) {
      if (NestingExceeds(value, kMaxSchemaDepth)) return NestedTooDeeply(ctx, name);
      AddKeyword(ctx, name, ConstKeyword{value});
      return {};
    }
    if (name == "multipleOf") {
      if (!value.is_number() || CompareNumbers(value, Json(0)) <= 0) {
        return InvalidKeyword(ctx, name, "must be a number greater than 0");
      }
      AddKeyword(ctx, name, MultipleOfKeyword{value});
      return {};
    }
    if (name == "maximum" || name == "minimum" ||
        (modern && (name == "exclusiveMaximum" || name == "exclusiveMinimum"))) {
      return CompileBound(ctx, name, value);
    }
    if (name == "maxLength") return CompileCount(ctx, name, value, CountTarget::kLength, true);
    if (name == "minLength") return CompileCount(ctx, name, value, CountTarget::kLength, false);
    if (name == "maxItems") return CompileCount(ctx, name, value, CountTarget::kItems, true);
    if (name == "minItems") return CompileCount(ctx, name, value, CountTarget::kItems, false);
    if (name == "maxProperties") {
      return CompileCount(ctx, name, value, CountTarget::kProperties, true);
    }
    if (name == "minProperties") {
      return CompileCount(ctx, name, value, CountTarget::kProperties, false);
    }
    if (name == "pattern") {
      if (!value.is_string()) return InvalidKeyword(ctx, name, "must be a string");
      auto regex = EcmaRegex::Compile(value.get_ref<const std::string&>());
      if (!regex) {
        return InvalidKeyword(ctx, name,
                              "is not a valid regular expression: " + regex.error().message);
      }
      AddKeyword(ctx, name, PatternKeyword{*regex});
      return {};
    }
    if (name == "uniqueItems") {
      if (!value.is_boolean()) return InvalidKeyword(ctx, name, "must be a boolean");
      if (value.get<bool>()) AddKeyword(ctx, name, UniqueItemsKeyword{});
      return {};
    }
    if (name == "required") return CompileRequiredNames(ctx, name, value);
    if (name == "dependentRequired" && modern) {
      return CompileDependencies(ctx, name, value, /*allow_arrays=*/true,
                                 /*allow_schemas=*/false);
    }
  }

  if (name == "format") {
    if (!value.is_string()) return InvalidKeyword(ctx, name, "must be a string");
    const std::string& format = value.get_ref<const std::string&>();
    FormatCheck check = FindFormatCheck(format);
    bool asserted = flavor.format_assertion && check != nullptr &&
                    (flavor.dialect != Dialect::kOpenApi30 || IsOpenApi30AssertedFormat(format) ||
                     options_.format_assertion.value_or(false));
    if (asserted) AddKeyword(ctx, name, FormatKeyword{format, check});
    return {};
  }

  if (flavor.applicator) {
    if (name == "properties" || name == "patternProperties" || name == "additionalProperties") {
      return CompileProperties(ctx);
    }
    if (name == "prefixItems" || name == "items" || (!modern && name == "additionalItems")) {
      return CompileItems(ctx);
    }
    if (name == "allOf") return CompileCombinator(ctx, name, value, Combinator::kAllOf);
    if (name == "anyOf") return CompileCombinator(ctx, name, value, Combinator::kAnyOf);
    if (name == "oneOf") return CompileCombinator(ctx, name, value, Combinator::kOneOf);
    if (name == "not") {
      auto node = Child(ctx, ChildPointer(ctx.pointer, name), name);
      if (!node) return tl::unexpected(node.error());
      AddKeyword(ctx, name, NotKeyword{*node});
      return {};
    }
    // 2020-12 split "dependencies" into dependentRequired and dependentSchemas; the old form
    // is still honored there because OpenAPI 3.1 documents converted from 3.0 keep it.
    if (name == "dependencies") {
      return CompileDependencies(ctx, name, value, /*allow_arrays=*/true,
                                 /*allow_schemas=*/true);
    }
    if (modern && name == "dependentSchemas") {
      return CompileDependencies(ctx, name, value, /*allow_arrays=*/false,
                                 /*allow_schemas=*/true);
    }
    if (modern && name == "contains") return CompileContains(ctx);
    if (modern && name == "propertyNames") {
      auto node = Child(ctx, ChildPointer(ctx.pointer, name), name);
      if (!node) return tl::unexpected(node.error());
      AddKeyword(ctx, name, PropertyNamesKeyword{*node});
      return {};
    }
    if (modern && name == "if") {
      ConditionalKeyword keyword;
      auto if_node = Child(ctx, ChildPointer(ctx.pointer, "if"), "if");
      if (!if_node) return tl::unexpected(if_node.error());
      keyword.if_node = *if_node;
      for (std::string_view branch : {"then", "else"}) {
        if (!ctx.schema->contains(branch)) continue;
        auto node = Child(ctx, ChildPointer(ctx.pointer, branch), branch);
        if (!node) return tl::unexpected(node.error());
        (branch == "then" ? keyword.then_node : keyword.else_node) = *node;
      }
      AddKeyword(ctx, name, keyword);
      return {};
    }
  }

  if (modern && (name == "$ref" || name == "$dynamicRef")) {
    return CompileReference(ctx, name, value);
  }

  if (modern && flavor.unevaluated &&
      (name == "unevaluatedProperties" || name == "unevaluatedItems")) {
    auto node = Child(ctx, ChildPointer(ctx.pointer, name), name);
    if (!node) return tl::unexpected(node.error());
    KeywordData data = name == "unevaluatedProperties"
                           ? KeywordData(UnevaluatedPropertiesKeyword{*node})
                           : KeywordData(UnevaluatedItemsKeyword{*node});
    ctx.unevaluated.push_back(Keyword{name, KeywordLocation(ctx, name), std::move(data)});
    return {};
  }
  return {};
}

Status Compiler::CompileReference(NodeContext& ctx, const std::string& name, const Json& value) {
  if (!value.is_string()) return InvalidKeyword(ctx, name, "must be a string");
  const std::string& reference = value.get_ref<const std::string&>();
  auto context_error = [&](const Error& error) {
    return tl::unexpected(Error{error.code, "cannot resolve " + name + " '" + reference + "' at '" +
                                                KeywordLocation(ctx, name) +
                                                "': " + error.message});
  };
  auto target = ResolveReference(ctx.base, reference);
  if (!target) return context_error(target.error());
  auto node = NodeFor(*target, name);
  if (!node) return context_error(node.error());
  if (name == "$ref") {
    AddKeyword(ctx, name, RefKeyword{*node});
    return {};
  }

  // A $dynamicRef is dynamic only when its fragment is a plain name and the schema it resolves
  // to declares a $dynamicAnchor of that name (the "bookend"). Otherwise it acts as $ref.
  DynamicRefKeyword keyword;
  keyword.target = *node;
  auto absolute = ResolveUri(bases_[ctx.base], reference);
  auto parts = absolute ? SplitUriFragment(*absolute) : Result<UriParts>(UriParts{});
  if (parts && !parts->fragment.empty() && parts->fragment[0] != '/') {
    auto resource = FindResource(parts->resource);
    if (resource && resources_[*resource].dynamic_anchors.count(parts->fragment) > 0) {
      auto [it, inserted] =
          anchor_ids_.emplace(parts->fragment, static_cast<uint32_t>(anchor_ids_.size()));
      keyword.anchor = it->second;
    }
  }
  AddKeyword(ctx, name, keyword);
  return {};
}

Status Compiler::CompileType(NodeContext& ctx, const Json& value) {
  std::vector<std::string> names;
  if (value.is_string()) {
    names.push_back(value.get<std::string>());
  } else if (value.is_array() && !value.empty()) {
    for (const Json& item : value) {
      if (!item.is_string()) return InvalidKeyword(ctx, "type", "must contain only strings");
      names.push_back(item.get<std::string>());
    }
  } else {
    return InvalidKeyword(ctx, "type", "must be a type name or a non-empty array of type names");
  }
  TypeKeyword keyword;
  keyword.integer_needs_integer_syntax = ctx.flavor.dialect == Dialect::kDraft4;
  for (size_t i = 0; i < names.size(); ++i) {
    std::optional<uint8_t> bit = TypeBitFor(names[i]);
    if (!bit) {
      return InvalidKeyword(ctx, "type", "names the unknown type '" + names[i] + "'");
    }
    keyword.allowed |= *bit;
    if (i > 0) keyword.expected += i + 1 == names.size() ? " or " : ", ";
    keyword.expected += names[i];
  }
  AddKeyword(ctx, "type", std::move(keyword));
  return {};
}

Status Compiler::CompileBound(NodeContext& ctx, const std::string& name, const Json& value) {
  if (!value.is_number()) return InvalidKeyword(ctx, name, "must be a number");
  BoundKeyword keyword;
  keyword.limit = value;
  keyword.upper = name == "maximum" || name == "exclusiveMaximum";
  if (IsModern(ctx.flavor)) {
    keyword.exclusive = name == "exclusiveMaximum" || name == "exclusiveMinimum";
  } else {
    // Draft 4 spells an exclusive bound as a boolean beside maximum or minimum.
    auto flag = ctx.schema->find(keyword.upper ? "exclusiveMaximum" : "exclusiveMinimum");
    keyword.exclusive = flag != ctx.schema->end() && flag->is_boolean() && flag->get<bool>();
  }
  std::string reported = name;
  if (keyword.exclusive && !IsModern(ctx.flavor)) {
    reported = keyword.upper ? "exclusiveMaximum" : "exclusiveMinimum";
  }
  ctx.keywords.push_back(Keyword{reported, KeywordLocation(ctx, name), std::move(keyword)});
  return {};
}

Status Compiler::CompileCount(NodeContext& ctx, const std::string& name, const Json& value,
                              CountTarget target, bool upper) {
  uint64_t limit = 0;
  if (!ReadCount(value, &limit)) return InvalidKeyword(ctx, name, "must be a non-negative integer");
  AddKeyword(ctx, name, CountKeyword{target, upper, limit});
  return {};
}

Status Compiler::CompileRequiredNames(NodeContext& ctx, const std::string& name,
                                      const Json& value) {
  if (!value.is_array()) return InvalidKeyword(ctx, name, "must be an array of property names");
  RequiredKeyword keyword;
  for (const Json& item : value) {
    if (!item.is_string()) return InvalidKeyword(ctx, name, "must contain only strings");
    keyword.names.push_back(item.get<std::string>());
  }
  if (!keyword.names.empty()) AddKeyword(ctx, name, std::move(keyword));
  return {};
}

Status Compiler::CompileDependencies(NodeContext& ctx, const std::string& name, const Json& value,
                                     bool allow_arrays, bool allow_schemas) {
  if (!value.is_object()) return InvalidKeyword(ctx, name, "must be an object");
  DependentRequiredKeyword required;
  DependentSchemasKeyword schemas;
  for (auto it = value.begin(); it != value.end(); ++it) {
    const Json& dependency = it.value();
    if (allow_arrays && dependency.is_array()) {
      std::vector<std::string> names;
      for (const Json& item : dependency) {
        if (!item.is_string()) return InvalidKeyword(ctx, name, "must list property names");
        names.push_back(item.get<std::string>());
      }
      required.entries.emplace_back(it.key(), std::move(names));
    } else if (allow_schemas && IsSchemaValue(dependency)) {
      auto node = Child(ctx, ChildPointer(ctx.pointer, name, it.key()), name);
      if (!node) return tl::unexpected(node.error());
      schemas.entries.emplace_back(it.key(), *node);
    } else {
      return InvalidKeyword(ctx, name,
                            allow_schemas ? "must map property names to schemas"
                                          : "must map property names to arrays of names");
    }
  }
  if (!required.entries.empty()) AddKeyword(ctx, name, std::move(required));
  if (!schemas.entries.empty()) AddKeyword(ctx, name, std::move(schemas));
  return {};
}

Status Compiler::CompileProperties(NodeContext& ctx) {
  if (ctx.properties_done) return {};
  ctx.properties_done = true;
  const Json& schema = *ctx.schema;
  PropertiesKeyword keyword;
  bool any = false;

  auto properties = schema.find("properties");
  if (properties != schema.end()) {
    if (!properties->is_object()) {
      if (auto status = InvalidKeyword(ctx, "properties", "must be an object"); !status) {
        return status;
      }
    } else {
      for (auto it = properties->begin(); it != properties->end(); ++it) {
        auto node = Child(ctx, ChildPointer(ctx.pointer, "properties", it.key()), "properties");
        if (!node) return tl::unexpected(node.error());
        keyword.properties.emplace(it.key(), *node);
        any = true;
      }
    }
  }

  auto patterns = schema.find("patternProperties");
  if (patterns != schema.end()) {
    if (!patterns->is_object()) {
      if (auto status = InvalidKeyword(ctx, "patternProperties", "must be an object"); !status) {
        return status;
      }
    } else {
      for (auto it = patterns->begin(); it != patterns->end(); ++it) {
        auto regex = EcmaRegex::Compile(it.key());
        if (!regex) {
          auto status = InvalidKeyword(ctx, "patternProperties",
                                       "contains the invalid regular expression '" + it.key() +
                                           "': " + regex.error().message);
          if (!status) return status;
          continue;
        }
        auto node = Child(ctx, ChildPointer(ctx.pointer, "patternProperties", it.key()),
                          "patternProperties");
        if (!node) return tl::unexpected(node.error());
        keyword.patterns.emplace_back(*regex, *node);
        any = true;
      }
    }
  }

  auto additional = schema.find("additionalProperties");
  if (additional != schema.end()) {
    if (!IsSchemaValue(*additional)) {
      auto status = InvalidKeyword(ctx, "additionalProperties", "must be a schema or a boolean");
      if (!status) return status;
    } else {
      auto node =
          Child(ctx, ChildPointer(ctx.pointer, "additionalProperties"), "additionalProperties");
      if (!node) return tl::unexpected(node.error());
      keyword.additional = *node;
      any = true;
    }
  }
  if (any) AddKeyword(ctx, "properties", std::move(keyword));
  return {};
}

Status Compiler::CompileItems(NodeContext& ctx) {
  if (ctx.items_done) return {};
  ctx.items_done = true;
  const Json& schema = *ctx.schema;
  bool modern = IsModern(ctx.flavor);
  ItemsKeyword keyword;
  bool any = false;

  // 2020-12 spells the positional schemas prefixItems; draft 4 uses an array under items.
  std::string prefix_name = modern ? "prefixItems" : "items";
  std::string rest_name = modern ? "items" : "additionalItems";
  auto prefix = schema.find(prefix_name);
  bool prefix_is_array = prefix != schema.end() && prefix->is_array();
  if (prefix_is_array) {
    for (size_t i = 0; i < prefix->size(); ++i) {
      auto node = Child(ctx, ChildPointer(ctx.pointer, prefix_name, i), prefix_name);
      if (!node) return tl::unexpected(node.error());
      keyword.prefix.push_back(*node);
      any = true;
    }
  } else if (modern && prefix != schema.end()) {
    if (auto status = InvalidKeyword(ctx, prefix_name, "must be an array of schemas"); !status) {
      return status;
    }
  }

  // Without an array under draft 4 items, items itself is the schema for every item and
  // additionalItems does nothing.
  if (!modern && !prefix_is_array) rest_name = "items";
  auto rest = schema.find(rest_name);
  if (rest != schema.end()) {
    if (IsSchemaValue(*rest)) {
      auto node = Child(ctx, ChildPointer(ctx.pointer, rest_name), rest_name);
      if (!node) return tl::unexpected(node.error());
      keyword.rest = *node;
      any = true;
    } else {
      auto status = InvalidKeyword(ctx, rest_name, "must be a schema or a boolean");
      if (!status) return status;
    }
  }
  if (!any) return {};
  const std::string& reported = keyword.prefix.empty() ? rest_name : prefix_name;
  AddKeyword(ctx, reported, std::move(keyword));
  return {};
}

Status Compiler::CompileContains(NodeContext& ctx) {
  ContainsKeyword keyword;
  auto node = Child(ctx, ChildPointer(ctx.pointer, "contains"), "contains");
  if (!node) return tl::unexpected(node.error());
  keyword.node = *node;
  if (ctx.flavor.validation) {
    auto min = ctx.schema->find("minContains");
    if (min != ctx.schema->end() && !ReadCount(*min, &keyword.min)) {
      return InvalidKeyword(ctx, "minContains", "must be a non-negative integer");
    }
    auto max = ctx.schema->find("maxContains");
    if (max != ctx.schema->end()) {
      uint64_t limit = 0;
      if (!ReadCount(*max, &limit)) {
        return InvalidKeyword(ctx, "maxContains", "must be a non-negative integer");
      }
      keyword.max = limit;
    }
  }
  AddKeyword(ctx, "contains", std::move(keyword));
  return {};
}

Status Compiler::CompileCombinator(NodeContext& ctx, const std::string& name, const Json& value,
                                   Combinator combinator) {
  if (!value.is_array() || value.empty()) {
    return InvalidKeyword(ctx, name, "must be a non-empty array of schemas");
  }
  CombinatorKeyword keyword;
  keyword.combinator = combinator;
  for (size_t i = 0; i < value.size(); ++i) {
    auto node = Child(ctx, ChildPointer(ctx.pointer, name, i), name);
    if (!node) return tl::unexpected(node.error());
    keyword.nodes.push_back(*node);
  }
  if (ctx.flavor.dialect == Dialect::kOpenApi30 && combinator != Combinator::kAllOf) {
    if (auto status = CompileDiscriminator(ctx, keyword.nodes, value, keyword); !status) {
      return status;
    }
  }
  AddKeyword(ctx, name, std::move(keyword));
  return {};
}

// Maps discriminator values to branch indexes: explicit `mapping` entries first, then the schema
// name at the end of each branch's $ref.
Status Compiler::CompileDiscriminator(NodeContext& ctx, const std::vector<uint32_t>& branches,
                                      const Json& branch_values, CombinatorKeyword& keyword) {
  std::optional<Discriminator> discriminator = ParseDiscriminator(*ctx.schema);
  if (!discriminator) return {};
  DiscriminatorChoice choice;
  choice.property = discriminator->property_name;

  std::vector<std::optional<Location>> branch_targets(branches.size());
  for (size_t i = 0; i < branches.size(); ++i) {
    const Json& branch = branch_values[i];
    if (!branch.is_object() || !branch.contains("$ref") || !branch["$ref"].is_string()) continue;
    auto target = ResolveReference(ctx.base, branch["$ref"].get<std::string>());
    if (target) branch_targets[i] = *target;
  }
  for (const auto& [value, ref] : discriminator->mapping) {
    auto target = ResolveReference(ctx.base, ref);
    if (!target) {
      warnings_.push_back("discriminator mapping '" + value + "' at '" + ctx.location +
                          "' is ignored: " + target.error().message);
      continue;
    }
    for (size_t i = 0; i < branches.size(); ++i) {
      if (branch_targets[i] && branch_targets[i]->doc == target->doc &&
          branch_targets[i]->pointer == target->pointer) {
        choice.branch_by_value.emplace(value, i);
        break;
      }
    }
  }
  for (size_t i = 0; i < branches.size(); ++i) {
    const Json& branch = branch_values[i];
    if (!branch.is_object() || !branch.contains("$ref") || !branch["$ref"].is_string()) continue;
    choice.branch_by_value.emplace(ImplicitDiscriminatorValue(branch["$ref"].get<std::string>()),
                                   i);
  }
  if (!choice.branch_by_value.empty()) keyword.discriminator = std::move(choice);
  return {};
}

}  // namespace

Result<std::shared_ptr<const CompiledSchema>> CompileSchema(const Json& root,
                                                            std::string_view schema_pointer,
                                                            const CompileOptions& options) {
  Compiler compiler(options);
  return compiler.Run(root, schema_pointer);
}

}  // namespace mimic::schema::internal
