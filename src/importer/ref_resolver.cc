#include "importer/ref_resolver.h"

#include <set>

#include <boost/url.hpp>

#include "common/strings.h"
#include "importer/document.h"

namespace mimic {
namespace {

constexpr int kMaxWalkDepth = 512;

std::pair<std::string, std::string> SplitRef(const std::string& ref) {
  size_t hash = ref.find('#');
  if (hash == std::string::npos) return {ref, ""};
  return {ref.substr(0, hash), ref.substr(hash + 1)};
}

}  // namespace

const Json* EvaluatePointer(const Json& document, std::string_view pointer) {
  std::string decoded = PercentDecode(pointer);
  if (decoded.empty()) return &document;
  if (decoded.front() != '/') return nullptr;
  const Json* current = &document;
  size_t start = 1;
  while (true) {
    size_t end = decoded.find('/', start);
    std::string token =
        decoded.substr(start, end == std::string::npos ? std::string::npos : end - start);
    token = ReplaceAll(ReplaceAll(std::move(token), "~1", "/"), "~0", "~");
    if (current->is_object()) {
      auto it = current->find(token);
      if (it == current->end()) return nullptr;
      current = &*it;
    } else if (current->is_array()) {
      if (token.empty() || token.size() > 9 ||
          token.find_first_not_of("0123456789") != std::string::npos) {
        return nullptr;
      }
      size_t index = std::stoul(token);
      if (index >= current->size()) return nullptr;
      current = &(*current)[index];
    } else {
      return nullptr;
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return current;
}

RefResolver::RefResolver(const Json& root, std::string root_uri, DocumentFetcher* fetcher,
                         RefLimits limits)
    : root_(root), root_uri_(std::move(root_uri)), fetcher_(fetcher), limits_(limits) {}

std::string RefResolver::ResolveUri(const std::string& base, const std::string& ref) {
  auto ref_url = boost::urls::parse_uri_reference(ref);
  if (!ref_url) return "";
  if (ref_url->has_scheme()) return std::string(ref_url->buffer());
  if (base.empty()) return "";
  auto base_url = boost::urls::parse_uri(base);
  if (!base_url) return "";
  boost::urls::url result;
  auto resolved = boost::urls::resolve(*base_url, *ref_url, result);
  if (!resolved) return "";
  result.remove_fragment();
  return std::string(result.buffer());
}

const Json* RefResolver::FindDocument(const std::string& uri) const {
  if (uri.empty() || uri == root_uri_) return &root_;
  auto it = external_index_.find(uri);
  if (it == external_index_.end()) return nullptr;
  const ExternalDocument& external = externals_[it->second];
  return external.document.is_null() ? nullptr : &external.document;
}

Result<void> RefResolver::CollectRefs(const Json& node, const std::string& document_uri,
                                      int depth) {
  if (depth > kMaxWalkDepth) return {};
  if (node.is_array()) {
    for (const Json& item : node) {
      auto collected = CollectRefs(item, document_uri, depth + 1);
      if (!collected) return collected;
    }
    return {};
  }
  if (!node.is_object()) return {};
  for (const auto& [key, value] : node.items()) {
    bool is_reference = (key == "$ref" || key == "externalValue") && value.is_string();
    if (!is_reference) {
      auto collected = CollectRefs(value, document_uri, depth + 1);
      if (!collected) return collected;
      continue;
    }
    std::string ref = value.get<std::string>();
    if (ref.empty() || ref.front() == '#' || StartsWith(ref, "data:")) continue;
    if (++refs_seen_ > limits_.max_refs) {
      return MakeError(ErrorCode::kLimitExceeded, "The artifact has more than " +
                                                      std::to_string(limits_.max_refs) +
                                                      " external references.");
    }
    auto [file_part, fragment] = SplitRef(ref);
    std::string uri = ResolveUri(document_uri, file_part);
    if (uri.empty()) {
      return MakeError(
          ErrorCode::kInvalidArgument,
          "Cannot resolve the reference '" + ref +
              "': the artifact was uploaded as a single file, so relative references have no "
              "base. Import it from its URL with POST /api/artifact/download, or inline the "
              "referenced content.");
    }
    if (uri == root_uri_ || external_index_.count(uri)) continue;
    if (externals_.size() >= limits_.max_documents) {
      return MakeError(ErrorCode::kLimitExceeded, "The artifact refers to more than " +
                                                      std::to_string(limits_.max_documents) +
                                                      " external documents.");
    }
    if (fetcher_ == nullptr) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "Cannot resolve the reference '" + ref + "' (" + uri +
                           "): fetching external documents is not available for this import.");
    }
    auto content = fetcher_->Fetch(uri);
    if (!content) {
      return MakeError(ErrorCode::kInvalidArgument, "Cannot resolve the reference '" + ref + "' (" +
                                                        uri + "): " + content.error().message);
    }
    if (content->size() > limits_.max_document_bytes) {
      return MakeError(ErrorCode::kLimitExceeded,
                       "The referenced document '" + ref + "' is larger than " +
                           std::to_string(limits_.max_document_bytes) + " bytes.");
    }
    ExternalDocument external;
    external.uri = uri;
    external.ref = ref;
    external.content = std::move(*content);
    if (key == "$ref") {
      auto parsed = ParseDocument(external.content);
      if (parsed) {
        external.document = std::move(*parsed);
      } else if (!fragment.empty()) {
        return MakeError(
            ErrorCode::kInvalidArgument,
            "The referenced document '" + ref + "' is not valid: " + parsed.error().message);
      }
    }
    external_index_[uri] = externals_.size();
    externals_.push_back(std::move(external));
    const Json& added = externals_.back().document;
    auto collected = CollectRefs(added, uri, depth + 1);
    if (!collected) return collected;
  }
  return {};
}

const ExternalDocument* RefResolver::FindExternal(const std::string& ref,
                                                  const std::string& document_uri) const {
  std::string uri = ResolveUri(document_uri, SplitRef(ref).first);
  auto it = external_index_.find(uri);
  return it == external_index_.end() ? nullptr : &externals_[it->second];
}

Result<void> RefResolver::LoadExternalDocuments() { return CollectRefs(root_, root_uri_, 0); }

Result<LocatedNode> RefResolver::Deref(const Json& node, const std::string& document_uri) const {
  LocatedNode current{&node, document_uri};
  std::set<std::string> visited;
  for (int hop = 0; hop <= limits_.max_chain; ++hop) {
    if (!current.node->is_object()) return current;
    auto it = current.node->find("$ref");
    if (it == current.node->end() || !it->is_string()) return current;
    std::string ref = it->get<std::string>();
    auto [file_part, fragment] = SplitRef(ref);
    std::string uri =
        file_part.empty() ? current.document_uri : ResolveUri(current.document_uri, file_part);
    if (!file_part.empty() && uri.empty()) {
      return MakeError(ErrorCode::kInvalidArgument, "Cannot resolve the reference '" + ref +
                                                        "': it is relative and the "
                                                        "artifact has no base URL.");
    }
    std::string key = uri + "#" + fragment;
    if (!visited.insert(key).second) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "The reference '" + ref +
                           "' is part of a cycle of $ref values that never "
                           "reaches a definition.");
    }
    const Json* document = FindDocument(uri);
    if (document == nullptr) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "Cannot resolve the reference '" + ref + "': the document " +
                           (uri.empty() ? std::string("it names") : uri) + " was not loaded.");
    }
    const Json* target = EvaluatePointer(*document, fragment);
    if (target == nullptr) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "Cannot resolve the reference '" + ref + "': the JSON pointer '" + fragment +
                           "' matches nothing in " +
                           (uri == root_uri_ || uri.empty() ? std::string("the artifact") : uri) +
                           ".");
    }
    current = LocatedNode{target, uri};
  }
  return MakeError(ErrorCode::kLimitExceeded, "A chain of $ref values is longer than " +
                                                  std::to_string(limits_.max_chain) + " hops.");
}

}  // namespace mimic
