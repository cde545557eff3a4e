#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cli/command_context.h"
#include "cli/command_error.h"

namespace mimic::cli {

// A local artifact file and whether the server imports it as a main artifact
// (it defines services) or as a secondary one (it adds examples or metadata).
struct ArtifactSpec {
  std::string path;
  bool main_artifact = true;
};

// A remote artifact for POST /api/artifact/download.
struct UrlSpec {
  std::string url;
  bool main_artifact = true;
  std::string secret_name;  // name of a secret stored on the server, or empty
};

// Parses the arguments of `import`: each one is FILE[:true|false], or several such
// entries separated by commas as microcks-cli takes them. An argument that names an
// existing file as a whole is taken as is, even with commas or colons in its name.
CommandResult<std::vector<ArtifactSpec>> ParseArtifactSpecs(
    const std::vector<std::string>& arguments);

// Parses URL[:true|false[:SECRET]], the argument of `import-url`.
CommandResult<UrlSpec> ParseUrlSpec(std::string_view argument);

// File name patterns that import-dir uses without --pattern.
const std::vector<std::string>& DefaultArtifactPatterns();

// Tells whether a file is a secondary artifact: its name contains "-examples" or
// "-metadata", or `head` (the start of its content) declares kind APIExamples or
// APIMetadata in YAML or JSON.
bool IsSecondaryArtifact(std::string_view file_name, std::string_view head);

// Lists the files of `folder` whose names match one of `patterns` (shell globs on
// the file name), main artifacts first, then secondary ones, each group sorted by
// path. Hidden files and folders (names starting with '.') are skipped.
CommandResult<std::vector<ArtifactSpec>> ListFolderArtifacts(
    const std::string& folder, bool recursive, const std::vector<std::string>& patterns);

// Each Run function prints its results and returns the process exit code.
int RunImport(CommandContext& context, const std::vector<std::string>& arguments);
int RunImportUrl(CommandContext& context, const std::string& argument);
int RunImportDir(CommandContext& context, const std::string& folder, bool recursive,
                 const std::vector<std::string>& patterns);

}  // namespace mimic::cli
