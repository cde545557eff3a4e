#include "importer/archive_reader.h"

#include <gtest/gtest.h>

#include "support/archive_builder.h"

namespace mimic {
namespace {

using testing::ArchiveKind;
using testing::BuildArchive;

class ArchiveReaderKinds : public ::testing::TestWithParam<ArchiveKind> {};

TEST_P(ArchiveReaderKinds, ReadsFilesAndSkipsFolders) {
  std::string archive = BuildArchive(GetParam(), {{"specs/", "", "", false, true},
                                                  {"./specs/api.yaml", "openapi: 3.0.0"},
                                                  {"specs//schemas/pet.json", "{}"},
                                                  {"__MACOSX/._api.yaml", "junk"}});
  auto files = ReadArchive(archive);
  ASSERT_TRUE(files) << files.error().message;
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ((*files)[0].path, "specs/api.yaml");
  EXPECT_EQ((*files)[0].content, "openapi: 3.0.0");
  EXPECT_EQ((*files)[1].path, "specs/schemas/pet.json");
}

TEST_P(ArchiveReaderKinds, RejectsParentSegment) {
  auto files = ReadArchive(BuildArchive(GetParam(), {{"a/../../evil.yaml", "x"}}));
  ASSERT_FALSE(files);
  EXPECT_EQ(files.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(files.error().message.find("'a/../../evil.yaml'"), std::string::npos);
  EXPECT_NE(files.error().message.find("'..'"), std::string::npos);
}

TEST_P(ArchiveReaderKinds, RejectsAbsolutePath) {
  auto files = ReadArchive(BuildArchive(GetParam(), {{"/etc/passwd", "x"}}));
  ASSERT_FALSE(files);
  EXPECT_NE(files.error().message.find("absolute"), std::string::npos);
}

TEST_P(ArchiveReaderKinds, RejectsSymbolicLink) {
  auto files = ReadArchive(BuildArchive(GetParam(), {{"link.yaml", "", "/etc/passwd"}}));
  ASSERT_FALSE(files);
  EXPECT_NE(files.error().message.find("'link.yaml' is a symbolic link"), std::string::npos);
}

TEST_P(ArchiveReaderKinds, RejectsDuplicatePath) {
  auto files = ReadArchive(BuildArchive(GetParam(), {{"a.yaml", "1"}, {"./a.yaml", "2"}}));
  ASSERT_FALSE(files);
  EXPECT_NE(files.error().message.find("'a.yaml' twice"), std::string::npos);
}

TEST_P(ArchiveReaderKinds, EnforcesLimits) {
  std::string archive = BuildArchive(
      GetParam(),
      {{"a.txt", std::string(3000, 'a')}, {"b.txt", std::string(3000, 'b')}, {"c.txt", "c"}});
  ArchiveLimits entries;
  entries.max_entries = 2;
  EXPECT_EQ(ReadArchive(archive, entries).error().code, ErrorCode::kLimitExceeded);
  ArchiveLimits per_entry;
  per_entry.max_entry_bytes = 2000;
  EXPECT_NE(ReadArchive(archive, per_entry).error().message.find("'a.txt' is larger"),
            std::string::npos);
  ArchiveLimits total;
  total.max_total_bytes = 5000;
  EXPECT_NE(ReadArchive(archive, total).error().message.find("more than 5000 bytes"),
            std::string::npos);
  EXPECT_TRUE(ReadArchive(archive));
}

TEST_P(ArchiveReaderKinds, StopsDecompressionBomb) {
  std::string archive = BuildArchive(GetParam(), {{"zeros.txt", std::string(4 << 20, '\0')}});
  ArchiveLimits limits;
  limits.ratio_free_bytes = 64 * 1024;
  limits.max_compression_ratio = 20;
  auto files = ReadArchive(archive, limits);
  ASSERT_FALSE(files);
  EXPECT_NE(files.error().message.find("decompression bomb"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Formats, ArchiveReaderKinds,
                         ::testing::Values(ArchiveKind::kZip, ArchiveKind::kTarGzip),
                         [](const ::testing::TestParamInfo<ArchiveKind>& info) {
                           return info.param == ArchiveKind::kZip ? "Zip" : "TarGzip";
                         });

TEST(ArchiveReader, RejectsTarHardLink) {
  auto files = ReadArchive(
      BuildArchive(ArchiveKind::kTarGzip, {{"a.yaml", "x"}, {"b.yaml", "", "a.yaml", true}}));
  ASSERT_FALSE(files);
  EXPECT_NE(files.error().message.find("'b.yaml' is a hard link"), std::string::npos);
}

TEST(ArchiveReader, DetectsFormatByMagicBytes) {
  EXPECT_EQ(DetectArchiveFormat(BuildArchive(ArchiveKind::kZip, {{"a", "b"}})),
            ArchiveFormat::kZip);
  EXPECT_EQ(DetectArchiveFormat(BuildArchive(ArchiveKind::kTarGzip, {{"a", "b"}})),
            ArchiveFormat::kTarGzip);
  EXPECT_EQ(DetectArchiveFormat("openapi: 3.0.0"), ArchiveFormat::kNone);
  EXPECT_EQ(DetectArchiveFormat("PK"), ArchiveFormat::kNone);
}

TEST(ArchiveReader, RejectsDamagedArchive) {
  std::string archive = BuildArchive(ArchiveKind::kTarGzip, {{"a.txt", std::string(5000, 'x')}});
  archive.resize(archive.size() / 2);
  auto files = ReadArchive(archive);
  ASSERT_FALSE(files);
  EXPECT_EQ(files.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(ReadArchive(std::string("PK\x03\x04garbage", 11)));
}

}  // namespace
}  // namespace mimic
