#include "importer/artifact_type.h"

#include "common/strings.h"
#include "importer/document.h"

namespace mimic {
namespace {

// Format hints from the first non-blank characters of each line, found in one pass
// over the text, because a large YAML spec is scanned here before it is parsed.
struct LineStarts {
  bool protobuf = false;
  bool graphql = false;
};

LineStarts ScanLineStarts(std::string_view content) {
  LineStarts found;
  size_t start = 0;
  while (start < content.size()) {
    size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    size_t first = start;
    while (first < end && (content[first] == ' ' || content[first] == '\t')) ++first;
    std::string_view line = content.substr(first, end - first);
    if (!line.empty() && line[0] == 's') {
      found.protobuf = found.protobuf || StartsWith(line, "syntax = \"proto3\"") ||
                       StartsWith(line, "syntax=\"proto3\"") ||
                       StartsWith(line, "syntax = 'proto3'") ||
                       StartsWith(line, "syntax = \"proto2\"");
      found.graphql = found.graphql || StartsWith(line, "schema {");
    } else if (!line.empty() && line[0] == '#') {
      found.graphql = found.graphql || StartsWith(line, "# microcksId:");
    }
    start = end + 1;
  }
  return found;
}

bool LooksLikeGraphql(std::string_view content, const LineStarts& starts) {
  return starts.graphql || content.find("type Query {") != std::string_view::npos ||
         content.find("type Mutation {") != std::string_view::npos ||
         content.find("type Query{") != std::string_view::npos;
}

std::string StringField(const Json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  if (it == object.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return "";
}

}  // namespace

const char* ArtifactTypeName(ArtifactType type) {
  switch (type) {
    case ArtifactType::kOpenApi:
      return "an OpenAPI document";
    case ArtifactType::kSwagger:
      return "a Swagger 2.0 document";
    case ArtifactType::kAsyncApi:
      return "an AsyncAPI document";
    case ArtifactType::kPostmanCollection:
      return "a Postman collection";
    case ArtifactType::kSoapUiProject:
      return "a SoapUI project";
    case ArtifactType::kProtobuf:
      return "a Protobuf schema";
    case ArtifactType::kGraphqlSchema:
      return "a GraphQL schema";
    case ArtifactType::kHar:
      return "a HAR recording";
    case ArtifactType::kApiMetadata:
      return "a Microcks APIMetadata file";
    case ArtifactType::kApiExamples:
      return "a Microcks APIExamples file";
  }
  return "unknown";
}

std::string AcceptedArtifactTypes() {
  // NOTE: AsyncAPI, SoapUI, Protobuf and GraphQL are recognized but not imported yet;
  // they get their own message naming the type.
  return "OpenAPI 3.0/3.1 (YAML or JSON), Swagger 2.0, Postman collection v2.0/v2.1, HAR, "
         "Microcks APIMetadata and APIExamples";
}

Result<DetectedArtifact> DetectArtifact(std::string_view content) {
  std::string_view trimmed = Trim(content);
  if (trimmed.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The artifact is empty. Upload a non-empty file of one of these types: " +
                         AcceptedArtifactTypes() + ".");
  }
  if (trimmed.front() == '<') {
    return DetectedArtifact{ArtifactType::kSoapUiProject, nullptr};
  }
  // JSON is never Protobuf or GraphQL, and skipping the line scans matters for large files.
  bool json = LooksLikeJson(content);
  if (!json) {
    LineStarts starts = ScanLineStarts(content);
    if (starts.protobuf) return DetectedArtifact{ArtifactType::kProtobuf, nullptr};
    if (LooksLikeGraphql(content, starts)) {
      return DetectedArtifact{ArtifactType::kGraphqlSchema, nullptr};
    }
  }

  auto document = ParseDocument(content);
  if (!document) return tl::unexpected(document.error());
  Json& doc = *document;
  if (!doc.is_object()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "Unknown artifact type: the document is not a mapping of known keys. "
                     "Accepted types: " +
                         AcceptedArtifactTypes() + ".");
  }

  std::string openapi = StringField(doc, "openapi");
  if (!openapi.empty()) {
    if (!StartsWith(openapi, "3.")) {
      return MakeError(ErrorCode::kUnsupported,
                       "Unsupported OpenAPI version '" + openapi +
                           "': Mimic reads OpenAPI 3.0 and 3.1, and Swagger 2.0.");
    }
    return DetectedArtifact{ArtifactType::kOpenApi, std::move(doc)};
  }
  if (doc.contains("swagger")) return DetectedArtifact{ArtifactType::kSwagger, std::move(doc)};
  if (doc.contains("asyncapi")) return DetectedArtifact{ArtifactType::kAsyncApi, std::move(doc)};

  std::string kind = StringField(doc, "kind");
  if (kind == "APIMetadata") return DetectedArtifact{ArtifactType::kApiMetadata, std::move(doc)};
  if (kind == "APIExamples") return DetectedArtifact{ArtifactType::kApiExamples, std::move(doc)};

  if (doc.contains("info") && doc["info"].is_object() &&
      (doc["info"].contains("_postman_id") ||
       StringField(doc["info"], "schema").find("postman") != std::string::npos)) {
    return DetectedArtifact{ArtifactType::kPostmanCollection, std::move(doc)};
  }
  if (doc.contains("collection") && doc["collection"].is_object()) {
    return DetectedArtifact{ArtifactType::kPostmanCollection, std::move(doc)};
  }
  if (doc.contains("log") && doc["log"].is_object() && doc["log"].contains("entries")) {
    return DetectedArtifact{ArtifactType::kHar, std::move(doc)};
  }
  if (StringField(doc, "format") == "mimic-snapshot" ||
      (doc.contains("services") && doc["services"].is_array() &&
       (doc.contains("requests") || doc.contains("responses")))) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The file is a repository snapshot (an export of services), not an API "
                     "artifact. Send it to POST /api/import as the multipart field 'file'.");
  }
  if (StringField(doc, "_postman_variable_scope") == "environment" ||
      StringField(doc, "_postman_variable_scope") == "globals") {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The artifact is a Postman " + StringField(doc, "_postman_variable_scope") +
                         " file (variables only), not a collection. Export the collection "
                         "itself from Postman (Export, Collection v2.1) and import that.");
  }
  return MakeError(
      ErrorCode::kInvalidArgument,
      "Unknown artifact type: the document has none of the keys that identify a "
      "known format (openapi, swagger, asyncapi, kind, info._postman_id, log.entries). "
      "Accepted types: " +
          AcceptedArtifactTypes() + ".");
}

}  // namespace mimic
