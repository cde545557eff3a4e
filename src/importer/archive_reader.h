#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace mimic {

enum class ArchiveFormat { kNone, kZip, kTarGzip };

// Detects the archive format from the first bytes: a zip local-file or
// end-of-archive header, or a gzip member header. Anything else is kNone.
ArchiveFormat DetectArchiveFormat(std::string_view content);

struct ArchiveLimits {
  size_t max_entries = 2000;                  // every header counts, folders included
  size_t max_total_bytes = 64 * 1024 * 1024;  // uncompressed, all files together
  size_t max_entry_bytes = 16 * 1024 * 1024;  // uncompressed, one file
  size_t max_compression_ratio = 200;         // uncompressed total / archive size
  size_t ratio_free_bytes = 4 * 1024 * 1024;  // output allowed before the ratio applies
};

// A regular file of an archive. `path` is relative, uses '/' and has no '.', '..'
// or empty segments.
struct ArchiveFile {
  std::string path;
  std::string content;
};

// Reads every regular file of a zip or tar.gz archive into memory. Folders and
// macOS resource forks (__MACOSX/) are skipped. An absolute path, a '..' segment,
// a link, a device, a duplicate path or a limit overrun rejects the whole archive
// with a message naming the entry.
Result<std::vector<ArchiveFile>> ReadArchive(std::string_view content,
                                             const ArchiveLimits& limits = {});

// Normalizes a relative path: '\' becomes '/', empty and '.' segments go away.
// Fails on an absolute path or a '..' segment.
Result<std::string> NormalizeArchivePath(std::string_view path);

}  // namespace mimic
