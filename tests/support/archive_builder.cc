#include "support/archive_builder.h"

#include <archive.h>
#include <archive_entry.h>

namespace mimic::testing {
namespace {

la_ssize_t WriteCallback(archive*, void* data, const void* buffer, size_t length) {
  static_cast<std::string*>(data)->append(static_cast<const char*>(buffer), length);
  return static_cast<la_ssize_t>(length);
}

}  // namespace

std::string BuildArchive(ArchiveKind kind, const std::vector<ArchiveEntrySpec>& entries) {
  std::string output;
  archive* writer = archive_write_new();
  if (kind == ArchiveKind::kZip) {
    archive_write_set_format_zip(writer);
  } else {
    archive_write_set_format_pax_restricted(writer);
    archive_write_add_filter_gzip(writer);
  }
  archive_write_set_bytes_in_last_block(writer, 1);
  archive_write_open(writer, &output, nullptr, WriteCallback, nullptr);
  for (const ArchiveEntrySpec& spec : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, spec.path.c_str());
    archive_entry_set_perm(entry, 0644);
    if (spec.directory) {
      archive_entry_set_filetype(entry, AE_IFDIR);
      archive_entry_set_perm(entry, 0755);
    } else if (!spec.link_target.empty() && spec.hard_link) {
      archive_entry_set_filetype(entry, AE_IFREG);
      archive_entry_set_hardlink(entry, spec.link_target.c_str());
    } else if (!spec.link_target.empty()) {
      archive_entry_set_filetype(entry, AE_IFLNK);
      archive_entry_set_symlink(entry, spec.link_target.c_str());
    } else {
      archive_entry_set_filetype(entry, AE_IFREG);
      archive_entry_set_size(entry, static_cast<la_int64_t>(spec.content.size()));
    }
    archive_write_header(writer, entry);
    if (!spec.directory && spec.link_target.empty() && !spec.content.empty()) {
      archive_write_data(writer, spec.content.data(), spec.content.size());
    }
    archive_entry_free(entry);
  }
  archive_write_close(writer);
  archive_write_free(writer);
  return output;
}

}  // namespace mimic::testing
