#include "cli/output.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>

namespace mimic::cli {
namespace {

constexpr size_t kVerbColumns = 10;
constexpr std::string_view kEllipsis = "...";

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Counts terminal columns as UTF-8 code points, so a wide character counts as one.
size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (char c : text) {
    if (!IsContinuationByte(c)) ++width;
  }
  return width;
}

// Returns the end of `text` that fits in `columns`, starting on a code point boundary.
std::string_view KeepTail(std::string_view text, size_t columns) {
  size_t width = 0;
  size_t start = text.size();
  while (start > 0) {
    size_t previous = start - 1;
    while (previous > 0 && IsContinuationByte(text[previous])) --previous;
    if (width + 1 > columns) break;
    ++width;
    start = previous;
  }
  return text.substr(start);
}

}  // namespace

std::string ForTerminal(std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  for (char c : text) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      clean.push_back(c);
    } else if (c == '\t') {
      clean.push_back(' ');
    } else if (byte < 0x20 || byte == 0x7f) {
      clean.push_back('?');
    } else {
      clean.push_back(c);
    }
  }
  return clean;
}

std::string FormatProgress(size_t position, size_t total, std::string_view name,
                           size_t max_columns) {
  std::string prefix = "[";
  prefix += std::to_string(position);
  prefix += '/';
  prefix += std::to_string(total);
  prefix += "] importing ";
  std::string clean_name = ForTerminal(name);
  std::replace(clean_name.begin(), clean_name.end(), '\n', '?');
  if (max_columns == 0) return prefix + clean_name;

  size_t available = max_columns - 1;  // the last column would make some terminals wrap
  size_t prefix_width = DisplayWidth(prefix);
  if (prefix_width + DisplayWidth(clean_name) <= available) return prefix + clean_name;
  if (prefix_width + kEllipsis.size() >= available) {
    return prefix.substr(0, std::min(prefix.size(), available));
  }
  size_t name_columns = available - prefix_width - kEllipsis.size();
  return prefix + std::string(kEllipsis) + std::string(KeepTail(clean_name, name_columns));
}

std::string FormatResultLine(std::string_view verb, std::string_view details) {
  std::string line(verb);
  line.append(verb.size() < kVerbColumns ? kVerbColumns - verb.size() : 1, ' ');
  line += details;
  return line;
}

std::string FormatTable(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], DisplayWidth(row[i]));
  }
  std::string text;
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line.append(widths[i] - DisplayWidth(row[i]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    text += line;
    text += '\n';
  }
  return text;
}

std::string FormatJson(const Json& document) {
  return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

bool IsTerminal(int fd) { return isatty(fd) == 1; }

size_t TerminalColumns(int fd) {
  if (!IsTerminal(fd)) return 0;
  winsize size{};
  if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_col == 0) return 80;
  return size.ws_col;
}

void ProgressLine::Show(const std::string& text) {
  if (terminal_ == nullptr) return;
  // \r returns to the line start and ESC [ K erases the old text up to the line end.
  *terminal_ << "\r\033[K" << text << std::flush;
  visible_ = true;
}

void ProgressLine::Clear() {
  if (terminal_ == nullptr || !visible_) return;
  *terminal_ << "\r\033[K" << std::flush;
  visible_ = false;
}

}  // namespace mimic::cli
