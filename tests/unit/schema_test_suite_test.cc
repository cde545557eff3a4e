// Runs the official JSON-Schema-Test-Suite against the validator. Every test in the required
// files of draft 4 and draft 2020-12 must pass; the optional/ files are run and counted for
// information only.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/json.h"
#include "schema/json_schema.h"
#include "support/test_paths.h"

namespace mimic::schema {
namespace {

namespace fs = std::filesystem;

const fs::path kSuiteDir =
    fs::path(mimic::testing::SourceDir() + "/../shared/reference/json-schema-test-suite");
constexpr std::string_view kRemotePrefix = "http://localhost:1234/";

Result<Json> ReadJsonFile(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return MakeError(ErrorCode::kNotFound, "cannot open " + path.string());
  std::stringstream text;
  text << in.rdbuf();
  Json parsed = Json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return MakeError(ErrorCode::kInvalidArgument, path.string() + " is not valid JSON");
  }
  return parsed;
}

// Serves the suite's remotes/ folder for the URLs the tests reference, without any network.
Result<Json> LoadRemote(const std::string& uri) {
  if (uri.compare(0, kRemotePrefix.size(), kRemotePrefix) != 0) {
    return MakeError(ErrorCode::kNotFound, "no test document for " + uri);
  }
  fs::path path = kSuiteDir / "remotes" / uri.substr(kRemotePrefix.size());
  if (!fs::is_regular_file(path)) return MakeError(ErrorCode::kNotFound, "no such remote: " + uri);
  return ReadJsonFile(path);
}

struct SuiteResult {
  int passed = 0;
  int total = 0;
  std::vector<std::string> failures;
};

std::vector<fs::path> JsonFiles(const fs::path& dir, bool recursive) {
  std::vector<fs::path> files;
  if (!fs::is_directory(dir)) return files;
  auto add = [&](const fs::directory_entry& entry) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      files.push_back(entry.path());
    }
  };
  if (recursive) {
    for (const auto& entry : fs::recursive_directory_iterator(dir)) add(entry);
  } else {
    for (const auto& entry : fs::directory_iterator(dir)) add(entry);
  }
  std::sort(files.begin(), files.end());
  return files;
}

void RunFile(const fs::path& file, const fs::path& draft_dir, Dialect dialect,
             SuiteResult& result) {
  std::string name = fs::relative(file, draft_dir).string();
  auto groups = ReadJsonFile(file);
  if (!groups || !groups->is_array()) {
    result.failures.push_back(name + ": cannot read the test file");
    return;
  }
  // The optional format tests expect format to assert, which 2020-12 makes opt-in.
  bool format_file = name.rfind("optional/format/", 0) == 0;
  for (const Json& group : *groups) {
    CompileOptions options;
    options.dialect = dialect;
    options.loader = LoadRemote;
    if (format_file) options.format_assertion = true;
    auto validator = Validator::CompileWithOptions(group["schema"], "", options);
    std::string group_name = name + ": " + group.value("description", "");
    for (const Json& test : group["tests"]) {
      ++result.total;
      bool expected = test["valid"].get<bool>();
      std::string case_name = group_name + " / " + test.value("description", "") +
                              (expected ? " (expected valid)" : " (expected invalid)");
      if (!validator) {
        result.failures.push_back(case_name + ": compile failed: " + validator.error().message);
        continue;
      }
      std::vector<ValidationError> errors = validator->Validate(test["data"]);
      bool quick_verdict = validator->IsValid(test["data"]);
      if (errors.empty() != quick_verdict) {
        result.failures.push_back(case_name + ": Validate and IsValid disagree");
        continue;
      }
      if (quick_verdict != expected) {
        std::string detail = errors.empty() ? "no errors" : FormatValidationError(errors[0]);
        result.failures.push_back(case_name + ": got " + detail);
        continue;
      }
      ++result.passed;
    }
  }
}

SuiteResult RunDraft(std::string_view draft, Dialect dialect, bool optional) {
  SuiteResult result;
  fs::path draft_dir = kSuiteDir / "tests" / std::string(draft);
  std::vector<fs::path> files =
      optional ? JsonFiles(draft_dir / "optional", true) : JsonFiles(draft_dir, false);
  for (const fs::path& file : files) RunFile(file, draft_dir, dialect, result);
  return result;
}

std::string JoinFailures(const std::vector<std::string>& failures) {
  std::string text;
  for (const std::string& failure : failures) text += "  " + failure + "\n";
  return text;
}

void ExpectRequiredPass(std::string_view draft, Dialect dialect) {
  if (!fs::is_directory(kSuiteDir / "tests" / std::string(draft))) {
    GTEST_SKIP() << "JSON-Schema-Test-Suite not found at " << kSuiteDir.string();
  }
  SuiteResult result = RunDraft(draft, dialect, /*optional=*/false);
  std::cout << "json-schema-test-suite " << draft << ": " << result.passed << "/" << result.total
            << " required passed" << std::endl;
  EXPECT_GT(result.total, 0);
  EXPECT_EQ(result.passed, result.total) << "failing cases:\n" << JoinFailures(result.failures);
}

void ReportOptional(std::string_view draft, Dialect dialect) {
  if (!fs::is_directory(kSuiteDir / "tests" / std::string(draft) / "optional")) {
    GTEST_SKIP() << "no optional tests for " << draft << " under " << kSuiteDir.string();
  }
  SuiteResult result = RunDraft(draft, dialect, /*optional=*/true);
  std::cout << "json-schema-test-suite " << draft << " optional: " << result.passed << "/"
            << result.total << " passed (informational)" << std::endl;
  if (std::getenv("MIMIC_SCHEMA_SUITE_VERBOSE") != nullptr) {
    std::cout << JoinFailures(result.failures);
  }
}

TEST(SchemaTestSuite, Draft4Required) { ExpectRequiredPass("draft4", Dialect::kDraft4); }

TEST(SchemaTestSuite, Draft2020_12Required) {
  ExpectRequiredPass("draft2020-12", Dialect::kDraft2020_12);
}

TEST(SchemaTestSuite, Draft4Optional) { ReportOptional("draft4", Dialect::kDraft4); }

TEST(SchemaTestSuite, Draft2020_12Optional) {
  ReportOptional("draft2020-12", Dialect::kDraft2020_12);
}

}  // namespace
}  // namespace mimic::schema
