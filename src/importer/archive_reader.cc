#include "importer/archive_reader.h"

#include <cctype>
#include <cstdint>
#include <memory>
#include <set>

#include <archive.h>
#include <archive_entry.h>

#include "common/strings.h"

namespace mimic {
namespace {

struct ArchiveDeleter {
  void operator()(archive* handle) const { archive_read_free(handle); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveDeleter>;

std::string LibarchiveMessage(archive* handle) {
  const char* message = archive_error_string(handle);
  return message != nullptr ? message : "unknown libarchive error";
}

std::string Quote(std::string_view path) { return "'" + std::string(path) + "'"; }

// Says why an entry of this type cannot be part of a bundle, or returns empty for
// regular files and folders.
std::string RejectedEntryKind(archive_entry* entry) {
  if (archive_entry_hardlink(entry) != nullptr) return "a hard link";
  switch (archive_entry_filetype(entry)) {
    case AE_IFREG:
    case AE_IFDIR:
      return "";
    case AE_IFLNK:
      return "a symbolic link";
    case AE_IFCHR:
    case AE_IFBLK:
      return "a device";
    case AE_IFIFO:
      return "a named pipe";
    case AE_IFSOCK:
      return "a socket";
    default:
      return "not a regular file";
  }
}

}  // namespace

ArchiveFormat DetectArchiveFormat(std::string_view content) {
  if (StartsWith(content, std::string_view("PK\x03\x04", 4)) ||
      StartsWith(content, std::string_view("PK\x05\x06", 4))) {
    return ArchiveFormat::kZip;
  }
  if (StartsWith(content, std::string_view("\x1f\x8b", 2))) return ArchiveFormat::kTarGzip;
  return ArchiveFormat::kNone;
}

Result<std::string> NormalizeArchivePath(std::string_view path) {
  std::string text(path);
  for (char& c : text) {
    if (c == '\\') c = '/';
  }
  bool drive_letter =
      text.size() >= 2 && text[1] == ':' && std::isalpha(static_cast<unsigned char>(text[0]));
  if (StartsWith(text, "/") || drive_letter) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The archive entry " + Quote(path) +
                         " has an absolute path. Build the archive with paths relative to its "
                         "root folder.");
  }
  std::string normalized;
  for (const std::string& segment : Split(text, "/")) {
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      return MakeError(ErrorCode::kInvalidArgument,
                       "The archive entry " + Quote(path) +
                           " contains a '..' segment. Build the archive with paths inside its "
                           "root folder.");
    }
    if (!normalized.empty()) normalized += '/';
    normalized += segment;
  }
  return normalized;
}

Result<std::vector<ArchiveFile>> ReadArchive(std::string_view content,
                                             const ArchiveLimits& limits) {
  ArchiveFormat format = DetectArchiveFormat(content);
  if (format == ArchiveFormat::kNone) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "The content is neither a zip nor a tar.gz archive.");
  }
  ArchivePtr handle(archive_read_new());
  if (!handle) return MakeError(ErrorCode::kInternal, "libarchive could not allocate a reader.");
  if (format == ArchiveFormat::kZip) {
    archive_read_support_format_zip(handle.get());
  } else {
    archive_read_support_filter_gzip(handle.get());
    archive_read_support_format_tar(handle.get());
  }
  const char* kind = format == ArchiveFormat::kZip ? "zip" : "tar.gz";
  if (archive_read_open_memory(handle.get(), content.data(), content.size()) != ARCHIVE_OK) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string("The ") + kind +
                         " archive cannot be read: " + LibarchiveMessage(handle.get()) + ".");
  }

  // The ratio check stops a decompression bomb early, long before the total limit.
  size_t ratio_limit = limits.ratio_free_bytes;
  if (content.size() <= (SIZE_MAX - ratio_limit) / limits.max_compression_ratio) {
    ratio_limit += content.size() * limits.max_compression_ratio;
  } else {
    ratio_limit = SIZE_MAX;
  }
  size_t total = 0;
  size_t entries = 0;
  std::set<std::string> seen;
  std::vector<ArchiveFile> files;
  char buffer[64 * 1024];
  while (true) {
    archive_entry* entry = nullptr;
    int status = archive_read_next_header(handle.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status != ARCHIVE_OK && status != ARCHIVE_WARN) {
      return MakeError(ErrorCode::kInvalidArgument,
                       std::string("The ") + kind +
                           " archive is damaged: " + LibarchiveMessage(handle.get()) + ".");
    }
    if (++entries > limits.max_entries) {
      return MakeError(ErrorCode::kLimitExceeded, std::string("The archive has more than ") +
                                                      std::to_string(limits.max_entries) +
                                                      " entries. Split it into several archives.");
    }
    const char* raw_name = archive_entry_pathname(entry);
    std::string name = raw_name != nullptr ? raw_name : "";
    std::string rejected = RejectedEntryKind(entry);
    if (!rejected.empty()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "The archive entry " + Quote(name) + " is " + rejected +
                           ". A bundle may contain only regular files and folders; replace it "
                           "with a copy of the file.");
    }
    auto path = NormalizeArchivePath(name);
    if (!path) return tl::unexpected(path.error());
    if (archive_entry_filetype(entry) == AE_IFDIR || path->empty() ||
        StartsWith(*path, "__MACOSX/")) {
      archive_read_data_skip(handle.get());
      continue;
    }
    if (!seen.insert(*path).second) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "The archive contains " + Quote(*path) + " twice. Keep one entry per path.");
    }
    ArchiveFile file;
    file.path = *path;
    while (true) {
      la_ssize_t read = archive_read_data(handle.get(), buffer, sizeof(buffer));
      if (read == 0) break;
      if (read < 0) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "The archive entry " + Quote(name) +
                             " cannot be read: " + LibarchiveMessage(handle.get()) + ".");
      }
      size_t count = static_cast<size_t>(read);
      total += count;
      if (file.content.size() + count > limits.max_entry_bytes) {
        return MakeError(ErrorCode::kLimitExceeded,
                         "The archive entry " + Quote(name) + " is larger than " +
                             std::to_string(limits.max_entry_bytes) + " bytes once uncompressed.");
      }
      if (total > limits.max_total_bytes) {
        return MakeError(ErrorCode::kLimitExceeded,
                         "The archive holds more than " + std::to_string(limits.max_total_bytes) +
                             " bytes once uncompressed. Split it into several archives.");
      }
      if (total > ratio_limit) {
        return MakeError(ErrorCode::kLimitExceeded,
                         "The archive expands more than " +
                             std::to_string(limits.max_compression_ratio) +
                             " times its size (at entry " + Quote(name) +
                             "), which looks like a decompression bomb.");
      }
      file.content.append(buffer, count);
    }
    files.push_back(std::move(file));
  }
  return files;
}

}  // namespace mimic
