#pragma once

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/json.h"

namespace mimic {

// Fetches documents that an artifact refers to. Implementations decide which
// URIs they may reach (an HTTP client with limits, an uploaded bundle, a test map).
class DocumentFetcher {
 public:
  virtual ~DocumentFetcher() = default;
  virtual Result<std::string> Fetch(const std::string& absolute_uri) = 0;
};

struct RefLimits {
  size_t max_refs = 100000;        // $ref occurrences followed in total
  size_t max_documents = 256;      // distinct external documents
  int max_chain = 64;              // $ref -> $ref -> ... hops for one lookup
  size_t max_document_bytes = 16 * 1024 * 1024;
};

// A document reached through a non-local $ref.
struct ExternalDocument {
  std::string uri;       // absolute URI it was fetched from
  std::string ref;       // the $ref text as first written, e.g. ./schemas/pet.yaml
  std::string content;   // raw bytes
  Json document;         // parsed form, null when the content is not YAML or JSON
};

struct LocatedNode {
  const Json* node = nullptr;
  std::string document_uri;
};

// Resolves $ref values in OpenAPI and Swagger documents: local JSON pointers
// (with ~0, ~1 and percent escapes), path-item refs, and relative or absolute
// references to other documents, resolved against the document that contains
// them. Reference cycles end with an error instead of looping.
class RefResolver {
 public:
  RefResolver(const Json& root, std::string root_uri, DocumentFetcher* fetcher,
              RefLimits limits = {});

  // Fetches every external document reachable from the root, transitively.
  // Fails with a message naming the first reference that cannot be loaded.
  Result<void> LoadExternalDocuments();

  // Follows the $ref chain starting at `node`, which lives in `document_uri`.
  // A node without $ref resolves to itself.
  Result<LocatedNode> Deref(const Json& node, const std::string& document_uri) const;

  // The document fetched for `ref` (an externalValue or $ref without fragment) written
  // in `document_uri`, or null when it was not loaded.
  const ExternalDocument* FindExternal(const std::string& ref,
                                       const std::string& document_uri) const;

  const std::string& root_uri() const { return root_uri_; }
  const std::deque<ExternalDocument>& external_documents() const { return externals_; }

  // Resolves `ref` (without fragment) against `base`. Empty when it cannot be resolved.
  static std::string ResolveUri(const std::string& base, const std::string& ref);

 private:
  const Json* FindDocument(const std::string& uri) const;
  Result<void> CollectRefs(const Json& node, const std::string& document_uri, int depth);

  const Json& root_;
  std::string root_uri_;
  DocumentFetcher* fetcher_;
  RefLimits limits_;
  // A deque keeps references to earlier documents valid while later ones are added.
  std::deque<ExternalDocument> externals_;
  std::map<std::string, size_t> external_index_;
  size_t refs_seen_ = 0;
};

// Evaluates a JSON pointer (already without the leading '#') against a document.
const Json* EvaluatePointer(const Json& document, std::string_view pointer);

}  // namespace mimic
