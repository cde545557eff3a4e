#include "catalog/bundle_import.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "common/strings.h"
#include "importer/document.h"
#include "importer/har_importer.h"
#include "importer/postman_importer.h"
#include "importer/ref_resolver.h"
#include "spdlog/spdlog.h"

namespace mimic {
namespace {

constexpr int kMaxScanDepth = 256;

struct BundleFile {
  std::string path;
  std::string content;
  std::optional<ArtifactType> type;  // set when the file is an artifact Mimic recognizes
  Json document;                     // parsed form of YAML and JSON files, else null
};

using FileMap = std::map<std::string, BundleFile>;

std::string BundleUri(const std::string& path) {
  return std::string(kBundleUriPrefix) + PercentEncode(path, "/");
}

// Serves the referenced documents of a bundle from memory. Nothing outside the
// archive is reachable.
class BundleFetcher : public DocumentFetcher {
 public:
  explicit BundleFetcher(const FileMap* files) : files_(files) {}

  Result<std::string> Fetch(const std::string& absolute_uri) override {
    if (!StartsWith(absolute_uri, kBundleUriPrefix)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "a bundle may refer only to files inside the archive");
    }
    std::string path = PercentDecode(absolute_uri.substr(kBundleUriPrefix.size()));
    auto it = files_->find(path);
    if (it == files_->end()) {
      return MakeError(
          ErrorCode::kNotFound,
          "'" + path + "' is not in the archive; add it to the archive or fix the path");
    }
    return it->second.content;
  }

 private:
  const FileMap* files_;
};

std::string FolderOf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

bool HasScheme(std::string_view ref) {
  size_t colon = ref.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  for (size_t i = 0; i < colon; ++i) {
    char c = ref[i];
    bool allowed = std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
    if (!allowed) return false;
  }
  return std::isalpha(static_cast<unsigned char>(ref[0])) != 0;
}

// Resolves `ref` (without fragment) written in the file `from`, or explains why the
// bundle cannot satisfy it.
Result<std::string> ResolveInBundle(const std::string& ref, const std::string& from,
                                    const FileMap& files) {
  std::string file_part = ref.substr(0, ref.find('#'));
  auto fix = [&](const std::string& target) {
    return "Add " + target + " to the archive or fix the path.";
  };
  if (HasScheme(file_part) || StartsWith(file_part, "//")) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The reference '" + ref + "' in " + from +
                         " is absolute, and a bundle resolves only relative references inside "
                         "the archive. " +
                         fix("the referenced file"));
  }
  std::string joined = FolderOf(from) + PercentDecode(file_part);
  std::vector<std::string> segments;
  for (const std::string& segment : Split(joined, "/")) {
    if (segment.empty() || segment == ".") continue;
    if (segment != "..") {
      segments.push_back(segment);
      continue;
    }
    if (segments.empty()) {
      return MakeError(ErrorCode::kInvalidArgument, "The reference '" + ref + "' in " + from +
                                                        " points outside the archive. " +
                                                        fix("the referenced file"));
    }
    segments.pop_back();
  }
  std::string target;
  for (const std::string& segment : segments) target += (target.empty() ? "" : "/") + segment;
  if (!files.count(target)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The reference '" + ref + "' in " + from + " names " + target +
                         ", which is not in the archive. " + fix(target));
  }
  return target;
}

// Checks every relative $ref and externalValue of `node` and records the files they name.
Result<void> CollectReferences(const Json& node, const std::string& from, const FileMap& files,
                               std::set<std::string>* referenced, int depth) {
  if (depth > kMaxScanDepth) return {};
  if (node.is_array()) {
    for (const Json& item : node) {
      auto collected = CollectReferences(item, from, files, referenced, depth + 1);
      if (!collected) return collected;
    }
    return {};
  }
  if (!node.is_object()) return {};
  for (const auto& [key, value] : node.items()) {
    if ((key == "$ref" || key == "externalValue") && value.is_string()) {
      const std::string& ref = value.get_ref<const std::string&>();
      if (ref.empty() || ref.front() == '#' || StartsWith(ref, "data:")) continue;
      auto target = ResolveInBundle(ref, from, files);
      if (!target) return tl::unexpected(target.error());
      if (*target != from) referenced->insert(*target);
      continue;
    }
    auto collected = CollectReferences(value, from, files, referenced, depth + 1);
    if (!collected) return collected;
  }
  return {};
}

bool IsSecondaryType(ArtifactType type) {
  return type == ArtifactType::kApiMetadata || type == ArtifactType::kApiExamples;
}

bool IsSpecType(ArtifactType type) {
  return type == ArtifactType::kOpenApi || type == ArtifactType::kSwagger ||
         type == ArtifactType::kAsyncApi;
}

bool IsYamlOrJsonName(const std::string& path) {
  std::string lowered = ToLower(path);
  return EndsWith(lowered, ".json") || EndsWith(lowered, ".yaml") || EndsWith(lowered, ".yml");
}

void Merge(const std::string& path, ImportOutcome&& from, ImportOutcome* into) {
  for (std::string& ref : from.service_refs) {
    if (std::find(into->service_refs.begin(), into->service_refs.end(), ref) ==
        into->service_refs.end()) {
      into->service_refs.push_back(std::move(ref));
    }
  }
  for (ImportDiagnostic& diagnostic : from.diagnostics) {
    diagnostic.message = path + ": " + diagnostic.message;
    into->diagnostics.push_back(std::move(diagnostic));
  }
}

Result<ImportOutcome> ImportFile(ServiceCatalog& catalog, const BundleFile& file, bool main,
                                 BundleFetcher* fetcher) {
  ImportRequest request;
  request.artifact_name = file.path;
  request.main_artifact = main;
  request.base_uri = BundleUri(file.path);
  request.fetcher = fetcher;
  auto outcome = catalog.Import(file.content, request);
  if (!outcome) {
    Error error = outcome.error();
    error.message = "Cannot import " + file.path + " from the archive: " + error.message;
    return tl::unexpected(std::move(error));
  }
  return outcome;
}

// Reads the service key that a Postman collection or HAR recording declares, if any.
std::optional<std::string> CompletedServiceKey(const BundleFile& file) {
  Result<ServiceKey> key = MakeError(ErrorCode::kNotFound, "");
  if (file.type == ArtifactType::kPostmanCollection) key = ReadPostmanServiceKey(file.document);
  if (file.type == ArtifactType::kHar) key = ReadHarServiceKey(file.document);
  if (!key) return std::nullopt;
  return key->name + ":" + key->version;
}

Result<ImportOutcome> ImportFiles(ServiceCatalog& catalog, std::vector<ArchiveFile> entries) {
  FileMap files;
  for (ArchiveFile& entry : entries) {
    BundleFile file;
    file.path = std::move(entry.path);
    file.content = std::move(entry.content);
    auto detected = DetectArtifact(file.content);
    if (detected) {
      file.type = detected->type;
      file.document = std::move(detected->document);
    } else if (IsYamlOrJsonName(file.path)) {
      // Shared schemas and examples are plain documents that may hold references too.
      auto parsed = ParseDocument(file.content);
      if (parsed) file.document = std::move(*parsed);
    }
    std::string path = file.path;
    files.emplace(std::move(path), std::move(file));
  }

  std::set<std::string> referenced;
  for (const auto& [path, file] : files) {
    auto collected = CollectReferences(file.document, path, files, &referenced, 0);
    if (!collected) return tl::unexpected(collected.error());
  }

  std::vector<const BundleFile*> specs;
  std::vector<const BundleFile*> collections;
  std::vector<const BundleFile*> secondaries;
  for (const auto& [path, file] : files) {
    if (!file.type) continue;
    if (IsSecondaryType(*file.type)) {
      secondaries.push_back(&file);
    } else if (!referenced.count(path)) {
      (IsSpecType(*file.type) ? specs : collections).push_back(&file);
    }
  }
  if (specs.empty() && collections.empty() && secondaries.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The archive contains no artifact to import. Put at least one of these in "
                     "it: " +
                         AcceptedArtifactTypes() + ".");
  }

  // NOTE: each root is one catalog transaction, so a root that fails after others were
  // imported leaves those in place. References are checked for every file first, so the
  // common failure (a missing file) changes nothing.
  BundleFetcher fetcher(&files);
  ImportOutcome total;
  bool anything_imported = false;
  std::set<std::string> bundle_services;
  auto import = [&](const BundleFile& file, bool main) -> Result<void> {
    auto outcome = ImportFile(catalog, file, main, &fetcher);
    if (!outcome) return tl::unexpected(outcome.error());
    if (!outcome->nothing_imported) anything_imported = true;
    for (const std::string& ref : outcome->service_refs) bundle_services.insert(ref);
    Merge(file.path, std::move(*outcome), &total);
    return {};
  };
  for (const BundleFile* file : specs) {
    auto imported = import(*file, true);
    if (!imported) return tl::unexpected(imported.error());
  }
  for (const BundleFile* file : collections) {
    auto key = CompletedServiceKey(*file);
    bool completes_spec = key && bundle_services.count(*key) && !specs.empty();
    auto imported = import(*file, !completes_spec);
    if (!imported) return tl::unexpected(imported.error());
  }
  for (const BundleFile* file : secondaries) {
    auto imported = import(*file, false);
    if (!imported) return tl::unexpected(imported.error());
  }
  total.nothing_imported = !anything_imported;
  return total;
}

}  // namespace

Result<ImportOutcome> ImportBundle(ServiceCatalog& catalog, std::string_view archive,
                                   const ArchiveLimits& limits) {
  auto entries = ReadArchive(archive, limits);
  if (!entries) return tl::unexpected(entries.error());
  try {
    return ImportFiles(catalog, std::move(*entries));
  } catch (const std::exception& exception) {
    spdlog::error("event=bundle.import_failed error={}", LogValue(exception.what()));
    return MakeError(ErrorCode::kInternal,
                     std::string(kImportBugPrefix) + "a bundle: " + exception.what());
  }
}

}  // namespace mimic
