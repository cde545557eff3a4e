#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"

namespace mimic::cli {

enum class OutputFormat { kHuman, kJson };

// Replaces control characters (except newlines) with '?' and tabs with spaces, so that
// file names and server messages cannot move the cursor or change terminal colors.
std::string ForTerminal(std::string_view text);

// Formats the progress line "[12/100] importing foo.yaml". With max_columns above
// zero, the name loses its start ("...") so that the line fits in max_columns - 1
// columns and the terminal never wraps it.
std::string FormatProgress(size_t position, size_t total, std::string_view name,
                           size_t max_columns);

// Formats a result line: the verb padded to a 10-column field, then the details,
// e.g. "imported  API Pastry - 2.0:2.0.0  from APIPastry-openapi.yaml".
std::string FormatResultLine(std::string_view verb, std::string_view details);

// Aligns cells in columns separated by two spaces, one line per row. The last
// column is not padded, so lines carry no trailing spaces.
std::string FormatTable(const std::vector<std::vector<std::string>>& rows);

// Serializes a document for --output json: indented by two spaces, invalid UTF-8
// replaced with U+FFFD, and a final newline.
std::string FormatJson(const Json& document);

bool IsTerminal(int fd);
// Returns the width of the terminal open on fd, or 0 when fd is not a terminal.
size_t TerminalColumns(int fd);

// A status line redrawn in place at the bottom of a terminal. Call Clear() before
// printing a regular line on the same terminal, then Show() again.
class ProgressLine {
 public:
  // A null terminal disables the line: Show() and Clear() then print nothing.
  ProgressLine(std::ostream* terminal, size_t columns) : terminal_(terminal), columns_(columns) {}
  ~ProgressLine() { Clear(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  bool enabled() const { return terminal_ != nullptr; }
  size_t columns() const { return columns_; }
  void Show(const std::string& text);
  void Clear();

 private:
  std::ostream* terminal_;
  size_t columns_;
  bool visible_ = false;
};

}  // namespace mimic::cli
