// Formatting and argument parsing of the `mimic` client commands, without a server.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "cli/api_client.h"
#include "cli/import_commands.h"
#include "cli/output.h"

namespace mimic::cli {
namespace {

namespace fs = std::filesystem;

TEST(CliFormatProgress, FitsWithoutLimit) {
  EXPECT_EQ(FormatProgress(12, 100, "specs/foo.yaml", 0), "[12/100] importing specs/foo.yaml");
}

TEST(CliFormatProgress, CutsNameStartToFitTerminal) {
  std::string line = FormatProgress(3, 9, "very/long/folder/name/openapi.yaml", 30);
  EXPECT_EQ(line, "[3/9] importing ...enapi.yaml");
  EXPECT_EQ(line.size(), 29u);
  EXPECT_EQ(FormatProgress(3, 9, "short.yaml", 30), "[3/9] importing short.yaml");
}

TEST(CliFormatProgress, CountsUtf8AsOneColumn) {
  // "é" is two bytes but one column, so 13 columns fit in a terminal of 30.
  std::string line = FormatProgress(1, 1, "caf\xC3\xA9-api.yaml", 30);
  EXPECT_EQ(line, "[1/1] importing caf\xC3\xA9-api.yaml");
  std::string cut =
      FormatProgress(1, 1, "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9.yaml", 27);
  EXPECT_EQ(cut, "[1/1] importing ...\xC3\xA9\xC3\xA9.yaml");
}

TEST(CliFormatProgress, StripsControlCharacters) {
  EXPECT_EQ(FormatProgress(1, 2, "bad\033[2Jname\n.yaml", 0), "[1/2] importing bad?[2Jname?.yaml");
}

TEST(CliFormatProgress, TinyTerminalKeepsCounter) {
  EXPECT_EQ(FormatProgress(1, 2, "name.yaml", 8), "[1/2] i");
}

TEST(CliFormatResultLine, AlignsVerbColumn) {
  EXPECT_EQ(FormatResultLine("imported", "API Pastry - 2.0:2.0.0  from a.yaml"),
            "imported  API Pastry - 2.0:2.0.0  from a.yaml");
  EXPECT_EQ(FormatResultLine("completed", "X:1  from b.yaml"), "completed X:1  from b.yaml");
  EXPECT_EQ(FormatResultLine("deleted", "X:1"), "deleted   X:1");
  EXPECT_EQ(FormatResultLine("longer-than-ten", "X"), "longer-than-ten X");
}

TEST(CliFormatTable, AlignsColumnsWithoutTrailingSpaces) {
  std::string table =
      FormatTable({{"NAME", "VERSION", "ID"}, {"Pets", "1.0", "a1"}, {"B", "", ""}});
  EXPECT_EQ(table,
            "NAME  VERSION  ID\n"
            "Pets  1.0      a1\n"
            "B\n");
}

TEST(CliForTerminal, ReplacesControlCharacters) {
  EXPECT_EQ(ForTerminal("a\tb\x07"
                        "c\nd\x7f"),
            "a b?c\nd?");
}

TEST(CliProgressLine, RedrawsAndClearsInPlace) {
  std::ostringstream terminal;
  {
    ProgressLine progress(&terminal, 80);
    progress.Show("[1/2] importing a.yaml");
    progress.Show("[2/2] importing b.yaml");
    progress.Clear();
    progress.Clear();
  }
  EXPECT_EQ(terminal.str(), "\r\033[K[1/2] importing a.yaml\r\033[K[2/2] importing b.yaml\r\033[K");
}

TEST(CliProgressLine, DisabledPrintsNothing) {
  ProgressLine progress(nullptr, 80);
  progress.Show("[1/1] importing a.yaml");
  EXPECT_FALSE(progress.enabled());
}

TEST(CliNormalizeServerUrl, AcceptsApiSuffix) {
  EXPECT_EQ(NormalizeServerUrl("http://localhost:8080").value(), "http://localhost:8080");
  EXPECT_EQ(NormalizeServerUrl("http://localhost:8080/").value(), "http://localhost:8080");
  EXPECT_EQ(NormalizeServerUrl("http://localhost:8080/api").value(), "http://localhost:8080");
  EXPECT_EQ(NormalizeServerUrl("http://localhost:8080/api/").value(), "http://localhost:8080");
  EXPECT_EQ(NormalizeServerUrl(" https://mocks.example.com/mimic/api/ ").value(),
            "https://mocks.example.com/mimic");
  EXPECT_EQ(NormalizeServerUrl("HTTP://host:1/apis").value(), "HTTP://host:1/apis");
}

TEST(CliNormalizeServerUrl, RejectsOtherForms) {
  for (const char* text : {"localhost:8080", "ftp://host", "http://", "http:///api",
                           "http://host/a b", "http://host/?x=1", ""}) {
    auto url = NormalizeServerUrl(text);
    ASSERT_FALSE(url.has_value()) << text;
    EXPECT_EQ(url.error().code, ExitCode::kUsage) << text;
  }
}

TEST(CliParseArtifactSpecs, CommaListWithFlags) {
  auto specs = ParseArtifactSpecs({"a.yaml,b.yml:false, c.json:TRUE", "d.xml:false"});
  ASSERT_TRUE(specs.has_value()) << specs.error().message;
  ASSERT_EQ(specs->size(), 4u);
  EXPECT_EQ((*specs)[0].path, "a.yaml");
  EXPECT_TRUE((*specs)[0].main_artifact);
  EXPECT_EQ((*specs)[1].path, "b.yml");
  EXPECT_FALSE((*specs)[1].main_artifact);
  EXPECT_EQ((*specs)[2].path, "c.json");
  EXPECT_TRUE((*specs)[2].main_artifact);
  EXPECT_EQ((*specs)[3].path, "d.xml");
  EXPECT_FALSE((*specs)[3].main_artifact);
}

TEST(CliParseArtifactSpecs, ExistingFileWithCommaIsKept) {
  fs::path folder = fs::temp_directory_path() / ("mimic-cli-unit-" + std::to_string(getpid()));
  fs::create_directories(folder);
  std::string odd = (folder / "a,b:v1.yaml").string();
  std::ofstream(odd) << "x";
  std::string plain = (folder / "c.yaml").string();
  std::ofstream(plain) << "x";

  auto specs = ParseArtifactSpecs({odd});
  ASSERT_TRUE(specs.has_value());
  ASSERT_EQ(specs->size(), 1u);
  EXPECT_EQ((*specs)[0].path, odd);

  auto invalid_flag = ParseArtifactSpecs({plain + ":yes"});
  ASSERT_FALSE(invalid_flag.has_value());
  EXPECT_EQ(invalid_flag.error().code, ExitCode::kUsage);
  EXPECT_NE(invalid_flag.error().message.find("'yes'"), std::string::npos);
  fs::remove_all(folder);
}

TEST(CliParseArtifactSpecs, RejectsEmptyEntries) {
  for (const std::vector<std::string>& arguments :
       std::vector<std::vector<std::string>>{{"a.yaml,,b.yaml"}, {""}, {":false"}, {}}) {
    auto specs = ParseArtifactSpecs(arguments);
    ASSERT_FALSE(specs.has_value());
    EXPECT_EQ(specs.error().code, ExitCode::kUsage);
  }
}

TEST(CliParseUrlSpec, FlagAndSecret) {
  auto plain = ParseUrlSpec("https://host:8443/specs/api.yaml");
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(plain->url, "https://host:8443/specs/api.yaml");
  EXPECT_TRUE(plain->main_artifact);
  EXPECT_EQ(plain->secret_name, "");

  auto secondary = ParseUrlSpec("http://host:8080/examples.yaml:false");
  ASSERT_TRUE(secondary.has_value());
  EXPECT_EQ(secondary->url, "http://host:8080/examples.yaml");
  EXPECT_FALSE(secondary->main_artifact);

  auto with_secret = ParseUrlSpec("http://host/api.yaml:true:git-token");
  ASSERT_TRUE(with_secret.has_value());
  EXPECT_EQ(with_secret->url, "http://host/api.yaml");
  EXPECT_TRUE(with_secret->main_artifact);
  EXPECT_EQ(with_secret->secret_name, "git-token");

  auto port_only = ParseUrlSpec("http://host:1");
  ASSERT_TRUE(port_only.has_value());
  EXPECT_EQ(port_only->url, "http://host:1");
}

TEST(CliParseUrlSpec, RejectsOtherSchemes) {
  for (const char* text : {"ftp://host/a.yaml", "host/a.yaml", "http://", "http://:true"}) {
    auto spec = ParseUrlSpec(text);
    ASSERT_FALSE(spec.has_value()) << text;
    EXPECT_EQ(spec.error().code, ExitCode::kUsage) << text;
  }
}

TEST(CliSecondaryArtifact, ByNameOrKind) {
  EXPECT_TRUE(IsSecondaryArtifact("APIPastry-2.0-examples.yml", ""));
  EXPECT_TRUE(IsSecondaryArtifact("pets-Metadata.yaml", ""));
  EXPECT_TRUE(IsSecondaryArtifact("x.yaml",
                                  "apiVersion: mocks.microcks.io/v1alpha1\n"
                                  "kind: APIExamples\n"));
  EXPECT_TRUE(IsSecondaryArtifact("x.yaml", "kind: 'APIMetadata' # labels\n"));
  EXPECT_TRUE(IsSecondaryArtifact("x.json", R"({"apiVersion": "v1", "kind" : "APIExamples"})"));
  EXPECT_FALSE(IsSecondaryArtifact("examples.yaml", "openapi: 3.0.0\n"));
  EXPECT_FALSE(IsSecondaryArtifact("x.yaml", "openapi: 3.0.0\n  kind: APIExamples\n"));
  EXPECT_FALSE(IsSecondaryArtifact("x.json", R"({"kind": "Service"})"));
}

TEST(CliListFolderArtifacts, MainFirstThenSecondary) {
  fs::path folder = fs::temp_directory_path() / ("mimic-cli-scan-" + std::to_string(getpid()));
  fs::create_directories(folder / "sub");
  fs::create_directories(folder / ".hidden");
  auto write = [&](const fs::path& relative, const std::string& content) {
    std::ofstream(folder / relative) << content;
  };
  write("b.yaml", "openapi: 3.0.0\n");
  write("A.JSON", "{}");
  write("a-examples.yml", "kind: APIExamples\n");
  write("0.yaml", "kind: APIMetadata\n");
  write("notes.txt", "x");
  write(".secret.yaml", "openapi: 3.0.0\n");
  write("sub/c.proto", "syntax = \"proto3\";\n");
  write(".hidden/d.yaml", "openapi: 3.0.0\n");

  auto flat = ListFolderArtifacts(folder.string(), false, {});
  ASSERT_TRUE(flat.has_value()) << flat.error().message;
  std::vector<std::string> names;
  std::vector<bool> main_flags;
  for (const ArtifactSpec& spec : *flat) {
    names.push_back(fs::path(spec.path).lexically_relative(folder).string());
    main_flags.push_back(spec.main_artifact);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"A.JSON", "b.yaml", "0.yaml", "a-examples.yml"}));
  EXPECT_EQ(main_flags, (std::vector<bool>{true, true, false, false}));

  auto recursive = ListFolderArtifacts(folder.string(), true, {"*.proto"});
  ASSERT_TRUE(recursive.has_value()) << recursive.error().message;
  ASSERT_EQ(recursive->size(), 1u);
  EXPECT_EQ(fs::path((*recursive)[0].path).lexically_relative(folder).string(), "sub/c.proto");

  auto none = ListFolderArtifacts(folder.string(), false, {"*.graphql"});
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().code, ExitCode::kNotFound);
  fs::remove_all(folder);
}

}  // namespace
}  // namespace mimic::cli
