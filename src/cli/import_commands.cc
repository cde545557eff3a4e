#include "cli/import_commands.h"

#include <fnmatch.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "common/json.h"
#include "common/strings.h"

namespace mimic::cli {
namespace {

namespace fs = std::filesystem;

// APIExamples and APIMetadata files declare `kind` near the top, so only this much is read.
constexpr size_t kKindProbeBytes = 64 * 1024;
constexpr std::string_view kDiagnosticsHeader = "X-Mimic-Import-Diagnostics";

std::optional<bool> ParseMainFlag(std::string_view text) {
  std::string lowered = ToLower(text);
  if (lowered == "true") return true;
  if (lowered == "false") return false;
  return std::nullopt;
}

bool PathExists(const std::string& path) {
  std::error_code error;
  return fs::exists(path, error);
}

// Checks that `path` is a readable regular file before anything is sent.
CommandResult<void> CheckArtifactFile(const std::string& path) {
  std::error_code error;
  fs::file_status status = fs::status(path, error);
  if (!fs::exists(status)) {
    return Fail(ExitCode::kNotFound,
                "file not found: " + path +
                    ". Check the path; give several files as A.yaml,B.yml:false or as separate "
                    "arguments.");
  }
  if (fs::is_directory(status)) {
    return Fail(ExitCode::kUsage, path + " is a folder. Use `mimic import-dir " + path +
                                      "` to import the files in it.");
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return Fail(ExitCode::kOther, "cannot read " + path + ": " + std::strerror(errno) + ".");
  }
  return {};
}

CommandResult<std::string> ReadArtifactFile(const std::string& path) {
  auto readable = CheckArtifactFile(path);
  if (!readable) return tl::unexpected<CommandError>(readable.error());
  std::ifstream file(path, std::ios::binary);
  std::stringstream content;
  content << file.rdbuf();
  if (file.bad()) {
    return Fail(ExitCode::kOther, "cannot read " + path + ": " + std::strerror(errno) + ".");
  }
  return content.str();
}

std::string ReadHead(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::string head(kKindProbeBytes, '\0');
  file.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(std::max<std::streamsize>(file.gcount(), 0)));
  return head;
}

bool IsSecondaryKind(std::string_view kind) {
  return kind == "APIExamples" || kind == "APIMetadata";
}

// Finds a top-level YAML line `kind: VALUE`, quoted or not.
bool DeclaresSecondaryKindInYaml(std::string_view head) {
  for (const std::string& line : Split(head, "\n")) {
    if (!StartsWith(line, "kind:")) continue;
    std::string_view value = Trim(std::string_view(line).substr(5));
    size_t comment = value.find(" #");
    if (comment != std::string_view::npos) value = Trim(value.substr(0, comment));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    if (IsSecondaryKind(value)) return true;
  }
  return false;
}

// Finds a JSON member "kind": "VALUE" anywhere in the text.
bool DeclaresSecondaryKindInJson(std::string_view head) {
  constexpr std::string_view kKey = "\"kind\"";
  for (size_t pos = head.find(kKey); pos != std::string_view::npos;
       pos = head.find(kKey, pos + kKey.size())) {
    size_t cursor = pos + kKey.size();
    auto skip_spaces = [&] {
      while (cursor < head.size() && std::isspace(static_cast<unsigned char>(head[cursor]))) {
        ++cursor;
      }
    };
    skip_spaces();
    if (cursor >= head.size() || head[cursor] != ':') continue;
    ++cursor;
    skip_spaces();
    if (cursor >= head.size() || head[cursor] != '"') continue;
    size_t end = head.find('"', cursor + 1);
    if (end == std::string_view::npos) continue;
    if (IsSecondaryKind(head.substr(cursor + 1, end - cursor - 1))) return true;
  }
  return false;
}

bool MatchesAnyPattern(const std::string& name, const std::vector<std::string>& patterns,
                       bool ignore_case) {
  for (const std::string& pattern : patterns) {
    if (fnmatch(pattern.c_str(), name.c_str(), ignore_case ? FNM_CASEFOLD : 0) == 0) return true;
  }
  return false;
}

bool IsHidden(const fs::path& path) {
  std::string name = path.filename().string();
  return !name.empty() && name[0] == '.';
}

std::string JoinNames(const std::vector<std::string>& names, std::string_view separator) {
  std::string joined;
  for (const std::string& name : names) {
    if (!joined.empty()) joined += separator;
    joined += name;
  }
  return joined;
}

// The outcome of one artifact import, for human and JSON output.
enum class ArtifactStatus { kImported, kNothingImported, kFailed, kSkipped };

struct ImportDiagnostic {
  std::string operation;
  std::string message;
};

struct ArtifactResult {
  std::string source;  // file path or URL
  bool is_url = false;
  bool main_artifact = true;
  ArtifactStatus status = ArtifactStatus::kSkipped;
  long http_status = 0;
  std::vector<std::string> services;  // "name:version" references
  std::vector<ImportDiagnostic> diagnostics;
  CommandError error;  // set for kNothingImported and kFailed

  bool failed() const {
    return status == ArtifactStatus::kFailed || status == ArtifactStatus::kNothingImported;
  }
};

std::string_view StatusName(ArtifactStatus status) {
  switch (status) {
    case ArtifactStatus::kImported:
      return "imported";
    case ArtifactStatus::kNothingImported:
      return "nothing-imported";
    case ArtifactStatus::kFailed:
      return "failed";
    case ArtifactStatus::kSkipped:
      break;
  }
  return "skipped";
}

std::vector<ImportDiagnostic> ParseDiagnostics(const HttpReply& reply) {
  std::string header = reply.Header(kDiagnosticsHeader);
  if (header.empty()) return {};
  Json list = Json::parse(header, nullptr, false);
  if (list.is_discarded() || !list.is_array()) {
    return {{"", "the server sent an unreadable " + std::string(kDiagnosticsHeader) + " header"}};
  }
  std::vector<ImportDiagnostic> diagnostics;
  for (const Json& item : list) {
    if (!item.is_object()) continue;
    ImportDiagnostic diagnostic;
    auto operation = item.find("operation");
    if (operation != item.end() && operation->is_string()) diagnostic.operation = *operation;
    auto message = item.find("message");
    if (message != item.end() && message->is_string()) diagnostic.message = *message;
    diagnostics.push_back(std::move(diagnostic));
  }
  return diagnostics;
}

// Reads the imported services from a 201 body: the upload endpoint returns the text
// "name:version" and the download endpoint the JSON {"name": "name:version"}. Several
// services are separated by commas.
std::vector<std::string> ParseServiceRefs(const std::string& body) {
  std::string refs = body;
  Json json = Json::parse(body, nullptr, false);
  if (!json.is_discarded() && json.is_object()) {
    auto name = json.find("name");
    refs = name != json.end() && name->is_string() ? name->get<std::string>() : "";
  }
  std::vector<std::string> services;
  for (const std::string& ref : Split(refs, ",")) {
    std::string_view trimmed = Trim(ref);
    if (!trimmed.empty()) services.emplace_back(trimmed);
  }
  return services;
}

void ApplyReply(const HttpReply& reply, ArtifactResult* result) {
  result->http_status = reply.status;
  result->diagnostics = ParseDiagnostics(reply);
  if (reply.status == 204) {
    result->status = ArtifactStatus::kNothingImported;
    std::string reason =
        result->main_artifact
            ? "the server found no service in it; check that it is an API specification, a "
              "Postman collection, a SoapUI project or a HAR file"
            : "the secondary artifact completes a service that does not exist; import its "
              "main artifact first";
    result->error = {ExitCode::kApi, "nothing imported from " + result->source + ": " + reason};
    return;
  }
  if (reply.status < 200 || reply.status >= 300) {
    result->status = ArtifactStatus::kFailed;
    result->error = ApiError(reply, result->source);
    return;
  }
  result->status = ArtifactStatus::kImported;
  result->services = ParseServiceRefs(reply.body);
}

ArtifactResult UploadFile(ApiClient& client, const ArtifactSpec& spec) {
  ArtifactResult result;
  result.source = spec.path;
  result.main_artifact = spec.main_artifact;
  auto content = ReadArtifactFile(spec.path);
  if (!content) {
    result.status = ArtifactStatus::kFailed;
    result.error = content.error();
    return result;
  }
  std::vector<FormPart> parts = {
      {"file", std::move(*content), fs::path(spec.path).filename().string()},
      {"mainArtifact", spec.main_artifact ? "true" : "false", ""}};
  auto reply = client.PostMultipart("/api/artifact/upload", parts);
  if (!reply) {
    result.status = ArtifactStatus::kFailed;
    result.error = reply.error();
    return result;
  }
  ApplyReply(*reply, &result);
  return result;
}

ArtifactResult DownloadUrl(ApiClient& client, const UrlSpec& spec) {
  ArtifactResult result;
  result.source = spec.url;
  result.is_url = true;
  result.main_artifact = spec.main_artifact;
  std::vector<FormPart> parts = {{"url", spec.url, ""},
                                 {"mainArtifact", spec.main_artifact ? "true" : "false", ""}};
  if (!spec.secret_name.empty()) parts.push_back({"secretName", spec.secret_name, ""});
  auto reply = client.PostMultipart("/api/artifact/download", parts);
  if (!reply) {
    result.status = ArtifactStatus::kFailed;
    result.error = reply.error();
    return result;
  }
  ApplyReply(*reply, &result);
  return result;
}

Json ToJson(const ArtifactResult& result) {
  Json json = Json::object();
  json[result.is_url ? "url" : "file"] = result.source;
  json["mainArtifact"] = result.main_artifact;
  json["status"] = StatusName(result.status);
  if (result.http_status != 0) json["httpStatus"] = result.http_status;
  if (result.status == ArtifactStatus::kImported) json["services"] = result.services;
  if (!result.diagnostics.empty()) {
    Json diagnostics = Json::array();
    for (const ImportDiagnostic& diagnostic : result.diagnostics) {
      diagnostics.push_back({{"operation", diagnostic.operation}, {"message", diagnostic.message}});
    }
    json["diagnostics"] = std::move(diagnostics);
  }
  if (result.failed()) {
    json["error"] = result.error.message;
    json["exitCode"] = ToInt(result.error.code);
  }
  return json;
}

std::string FormatDiagnostic(const ImportDiagnostic& diagnostic) {
  if (diagnostic.operation.empty()) return "  warning: " + diagnostic.message;
  return "  warning: " + diagnostic.operation + ": " + diagnostic.message;
}

// Prints one result: successes and their warnings on stdout (human output only),
// failures on stderr in both output formats.
void PrintResult(CommandContext& context, const ArtifactResult& result) {
  if (result.failed()) {
    context.PrintError(result.error.message);
    for (const ImportDiagnostic& diagnostic : result.diagnostics) {
      context.PrintErrorDetail(FormatDiagnostic(diagnostic));
    }
    return;
  }
  if (context.json() || result.status != ArtifactStatus::kImported) return;
  std::string verb = result.main_artifact ? "imported" : "completed";
  context.PrintLine(
      FormatResultLine(verb, JoinNames(result.services, ", ") + "  from " + result.source));
  for (const ImportDiagnostic& diagnostic : result.diagnostics) {
    context.PrintLine(FormatDiagnostic(diagnostic));
  }
}

// Uploads the artifacts in order and prints the results. A connection failure
// stops the run, because every later upload would fail the same way. Any other
// failure stops it only with stop_on_failure. Returns the exit code of the first
// failure, or 0.
int ImportFiles(CommandContext& context, const std::vector<ArtifactSpec>& specs,
                bool stop_on_failure, std::string_view folder) {
  std::vector<ArtifactResult> results(specs.size());
  for (size_t i = 0; i < specs.size(); ++i) {
    results[i].source = specs[i].path;
    results[i].main_artifact = specs[i].main_artifact;
  }
  ExitCode first_failure = ExitCode::kOk;
  size_t imported = 0;
  size_t failures = 0;
  size_t attempted = 0;
  for (size_t i = 0; i < specs.size(); ++i) {
    if (context.progress != nullptr) {
      context.progress->Show(
          FormatProgress(i + 1, specs.size(), specs[i].path, context.progress->columns()));
    }
    results[i] = UploadFile(*context.client, specs[i]);
    ++attempted;
    PrintResult(context, results[i]);
    if (!results[i].failed()) {
      ++imported;
      continue;
    }
    ++failures;
    if (first_failure == ExitCode::kOk) first_failure = results[i].error.code;
    if (results[i].error.code == ExitCode::kConnection || stop_on_failure) break;
  }
  if (context.progress != nullptr) context.progress->Clear();

  if (context.json()) {
    Json list = Json::array();
    for (const ArtifactResult& result : results) list.push_back(ToJson(result));
    context.PrintJson(list);
  } else if (!folder.empty()) {
    context.PrintLine("imported " + std::to_string(imported) + " of " +
                      std::to_string(specs.size()) + " artifacts from " + std::string(folder));
  }
  if (attempted < specs.size()) {
    std::vector<std::string> skipped;
    for (size_t i = attempted; i < specs.size(); ++i) skipped.push_back(specs[i].path);
    context.PrintErrorDetail("stopped; not imported: " + JoinNames(skipped, ", "));
  } else if (!folder.empty() && failures > 0) {
    context.PrintError(std::to_string(failures) + " of " + std::to_string(specs.size()) +
                       " artifacts failed to import; see the errors above");
  }
  return ToInt(first_failure);
}

}  // namespace

CommandResult<std::vector<ArtifactSpec>> ParseArtifactSpecs(
    const std::vector<std::string>& arguments) {
  std::vector<ArtifactSpec> specs;
  for (const std::string& argument : arguments) {
    if (Trim(argument).empty()) {
      return Fail(ExitCode::kUsage, "empty artifact argument; give FILE[:true|false]");
    }
    if (PathExists(argument)) {
      specs.push_back({argument, true});
      continue;
    }
    for (const std::string& piece : Split(argument, ",")) {
      std::string entry(Trim(piece));
      if (entry.empty()) {
        return Fail(ExitCode::kUsage, "empty entry in '" + argument +
                                          "'; separate files with single commas, e.g. "
                                          "a.yaml,b-examples.yml:false");
      }
      ArtifactSpec spec{entry, true};
      size_t colon = entry.rfind(':');
      if (colon != std::string::npos && !PathExists(entry)) {
        std::string flag = entry.substr(colon + 1);
        if (auto main_artifact = ParseMainFlag(flag)) {
          spec.path = entry.substr(0, colon);
          spec.main_artifact = *main_artifact;
        } else if (PathExists(entry.substr(0, colon))) {
          return Fail(ExitCode::kUsage, "invalid main artifact flag '" + flag + "' in '" + entry +
                                            "'; use :true (main artifact, the default) or "
                                            ":false (secondary artifact)");
        }
      }
      if (spec.path.empty()) {
        return Fail(ExitCode::kUsage, "missing file name in '" + entry + "'");
      }
      specs.push_back(std::move(spec));
    }
  }
  if (specs.empty()) return Fail(ExitCode::kUsage, "no artifact file given");
  return specs;
}

CommandResult<UrlSpec> ParseUrlSpec(std::string_view argument) {
  std::string text(Trim(argument));
  std::string lowered = ToLower(text);
  size_t host_start = 0;
  if (StartsWith(lowered, "http://")) {
    host_start = 7;
  } else if (StartsWith(lowered, "https://")) {
    host_start = 8;
  } else {
    return Fail(ExitCode::kUsage, "invalid artifact URL '" + text +
                                      "': it must start with http:// or https://, e.g. "
                                      "https://example.com/openapi.yaml[:true|false[:SECRET]]");
  }
  UrlSpec spec{text, true, ""};
  size_t last = text.rfind(':');
  if (last != std::string::npos && last >= host_start) {
    if (auto main_artifact = ParseMainFlag(text.substr(last + 1))) {
      spec.url = text.substr(0, last);
      spec.main_artifact = *main_artifact;
    } else if (last > host_start) {
      size_t before = text.rfind(':', last - 1);
      if (before != std::string::npos && before >= host_start) {
        if (auto flag = ParseMainFlag(text.substr(before + 1, last - before - 1))) {
          spec.url = text.substr(0, before);
          spec.main_artifact = *flag;
          spec.secret_name = text.substr(last + 1);
        }
      }
    }
  }
  if (spec.url.size() <= host_start || spec.url[host_start] == '/' || spec.url[host_start] == ':') {
    return Fail(ExitCode::kUsage, "invalid artifact URL '" + text + "': the host is missing");
  }
  return spec;
}

const std::vector<std::string>& DefaultArtifactPatterns() {
  static const std::vector<std::string> kPatterns = {"*.yaml",  "*.yml",     "*.json", "*.xml",
                                                     "*.proto", "*.graphql", "*.har"};
  return kPatterns;
}

bool IsSecondaryArtifact(std::string_view file_name, std::string_view head) {
  std::string name = ToLower(file_name);
  if (name.find("-examples") != std::string::npos || name.find("-metadata") != std::string::npos) {
    return true;
  }
  return DeclaresSecondaryKindInYaml(head) || DeclaresSecondaryKindInJson(head);
}

CommandResult<std::vector<ArtifactSpec>> ListFolderArtifacts(
    const std::string& folder, bool recursive, const std::vector<std::string>& patterns) {
  std::error_code error;
  fs::file_status status = fs::status(folder, error);
  if (!fs::exists(status)) {
    return Fail(ExitCode::kNotFound, "folder not found: " + folder + ". Check the path.");
  }
  if (!fs::is_directory(status)) {
    return Fail(ExitCode::kUsage,
                folder + " is not a folder. Use `mimic import " + folder + "` for a single file.");
  }
  bool defaults = patterns.empty();
  const std::vector<std::string>& globs = defaults ? DefaultArtifactPatterns() : patterns;

  std::vector<fs::path> files;
  auto consider = [&](const fs::directory_entry& entry) {
    std::error_code ignored;
    if (IsHidden(entry.path()) || !entry.is_regular_file(ignored)) return;
    if (MatchesAnyPattern(entry.path().filename().string(), globs, defaults)) {
      files.push_back(entry.path());
    }
  };
  auto list_error = [&](const std::error_code& code) {
    return Fail(ExitCode::kOther, "cannot list folder " + folder + ": " + code.message() + ".");
  };
  if (recursive) {
    fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied,
                                        error);
    if (error) return list_error(error);
    for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
      if (error) return list_error(error);
      std::error_code ignored;
      if (it->is_directory(ignored) && IsHidden(it->path())) {
        it.disable_recursion_pending();
        continue;
      }
      consider(*it);
    }
    if (error) return list_error(error);
  } else {
    fs::directory_iterator it(folder, fs::directory_options::skip_permission_denied, error);
    if (error) return list_error(error);
    for (; it != fs::directory_iterator(); it.increment(error)) {
      if (error) return list_error(error);
      consider(*it);
    }
    if (error) return list_error(error);
  }
  if (files.empty()) {
    return Fail(ExitCode::kNotFound,
                "no artifact files matching " + JoinNames(globs, ",") + " in " + folder +
                    (recursive ? "" : "; add --recursive to search its sub-folders too"));
  }

  std::sort(files.begin(), files.end());
  std::vector<ArtifactSpec> main_artifacts;
  std::vector<ArtifactSpec> secondary_artifacts;
  for (const fs::path& file : files) {
    if (IsSecondaryArtifact(file.filename().string(), ReadHead(file))) {
      secondary_artifacts.push_back({file.string(), false});
    } else {
      main_artifacts.push_back({file.string(), true});
    }
  }
  main_artifacts.insert(main_artifacts.end(), secondary_artifacts.begin(),
                        secondary_artifacts.end());
  return main_artifacts;
}

int RunImport(CommandContext& context, const std::vector<std::string>& arguments) {
  auto specs = ParseArtifactSpecs(arguments);
  if (!specs) return context.Report(specs.error());
  for (const ArtifactSpec& spec : *specs) {
    auto readable = CheckArtifactFile(spec.path);
    if (!readable) return context.Report(readable.error());
  }
  auto ready = CheckAuthentication(context);
  if (!ready) return context.Report(ready.error());
  // Later artifacts often complete earlier ones, so the first failure stops the list.
  return ImportFiles(context, *specs, /*stop_on_failure=*/true, "");
}

int RunImportUrl(CommandContext& context, const std::string& argument) {
  auto spec = ParseUrlSpec(argument);
  if (!spec) return context.Report(spec.error());
  auto ready = CheckAuthentication(context);
  if (!ready) return context.Report(ready.error());
  ArtifactResult result = DownloadUrl(*context.client, *spec);
  PrintResult(context, result);
  if (context.json()) context.PrintJson(Json::array({ToJson(result)}));
  return result.failed() ? ToInt(result.error.code) : ToInt(ExitCode::kOk);
}

int RunImportDir(CommandContext& context, const std::string& folder, bool recursive,
                 const std::vector<std::string>& patterns) {
  auto specs = ListFolderArtifacts(folder, recursive, patterns);
  if (!specs) return context.Report(specs.error());
  auto ready = CheckAuthentication(context);
  if (!ready) return context.Report(ready.error());
  return ImportFiles(context, *specs, /*stop_on_failure=*/false, folder);
}

}  // namespace mimic::cli
