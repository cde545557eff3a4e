#pragma once

#include <string>
#include <vector>

namespace mimic::testing {

enum class ArchiveKind { kZip, kTarGzip };

// One entry to write. `link_target` non-empty makes a symbolic link, or a hard link
// when `hard_link` is set; `directory` makes a folder.
struct ArchiveEntrySpec {
  std::string path;
  std::string content;
  std::string link_target{};
  bool hard_link = false;
  bool directory = false;
};

// Writes a zip or tar.gz archive in memory with libarchive.
std::string BuildArchive(ArchiveKind kind, const std::vector<ArchiveEntrySpec>& entries);

}  // namespace mimic::testing
