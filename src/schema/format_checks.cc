#include "schema/format_checks.h"

#include <string>
#include <utility>

#include "schema/json_pointer.h"
#include "schema/schema_regex.h"
#include "schema/schema_uri.h"

namespace mimic::schema {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHexDigit(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Reads exactly `count` decimal digits at `pos`.
bool ReadDigits(std::string_view text, size_t pos, size_t count, int* value) {
  if (pos + count > text.size()) return false;
  int result = 0;
  for (size_t i = 0; i < count; ++i) {
    if (!IsDigit(text[pos + i])) return false;
    result = result * 10 + (text[pos + i] - '0');
  }
  *value = result;
  return true;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && leap) return 29;
  return kDays[month - 1];
}

// RFC 3339 full-time: HH:MM:SS[.frac](Z|+HH:MM|-HH:MM). A leap second (SS = 60) is valid only
// when the time converted to UTC is 23:59:60.
bool IsFullTime(std::string_view text) {
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (text.size() < 9 || !ReadDigits(text, 0, 2, &hour) || text[2] != ':' ||
      !ReadDigits(text, 3, 2, &minute) || text[5] != ':' || !ReadDigits(text, 6, 2, &second)) {
    return false;
  }
  if (hour > 23 || minute > 59 || second > 60) return false;

  size_t pos = 8;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    size_t start = pos;
    while (pos < text.size() && IsDigit(text[pos])) ++pos;
    if (pos == start) return false;
  }
  if (pos >= text.size()) return false;

  int offset_minutes = 0;
  char zone = text[pos];
  if (zone == 'Z' || zone == 'z') {
    if (pos + 1 != text.size()) return false;
  } else if (zone == '+' || zone == '-') {
    int offset_hour = 0;
    int offset_minute = 0;
    if (text.size() != pos + 6 || !ReadDigits(text, pos + 1, 2, &offset_hour) ||
        text[pos + 3] != ':' || !ReadDigits(text, pos + 4, 2, &offset_minute)) {
      return false;
    }
    if (offset_hour > 23 || offset_minute > 59) return false;
    offset_minutes = (offset_hour * 60 + offset_minute) * (zone == '+' ? 1 : -1);
  } else {
    return false;
  }

  if (second == 60) {
    int utc_minutes = ((hour * 60 + minute - offset_minutes) % 1440 + 1440) % 1440;
    if (utc_minutes != 23 * 60 + 59) return false;
  }
  return true;
}

bool IsHostnameLabel(std::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  for (char c : label) {
    if (!IsAlpha(c) && !IsDigit(c) && c != '-') return false;
  }
  // NOTE: an A-label ("xn--...") is not decoded, so invalid Punycode and IDNA 2008 context
  // rules go unchecked.
  return true;
}

bool IsHostnameWith(std::string_view value, bool allow_unicode) {
  if (value.empty() || value.size() > 253) return false;
  size_t start = 0;
  while (true) {
    size_t dot = value.find('.', start);
    std::string_view label = value.substr(start, dot == std::string_view::npos ? dot : dot - start);
    bool valid = allow_unicode && !IsAscii(label)
                     ? !label.empty() && label.front() != '-' && label.back() != '-'
                     : IsHostnameLabel(label);
    if (!valid) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool IsIdnHostname(std::string_view value) { return IsHostnameWith(value, true); }

// Local part of an address: a dot-atom (RFC 5322 atext separated by single dots) or a quoted
// string.
bool IsEmailLocalPart(std::string_view local, bool allow_unicode) {
  if (local.empty() || local.size() > 64) return false;
  if (local.front() == '"') {
    if (local.size() < 2 || local.back() != '"') return false;
    for (size_t i = 1; i + 1 < local.size(); ++i) {
      char c = local[i];
      if (c == '\\') {
        if (++i + 1 >= local.size()) return false;
      } else if (c == '"') {
        return false;
      }
    }
    return true;
  }
  static constexpr std::string_view kAtextPunctuation = "!#$%&'*+-/=?^_`{|}~";
  if (local.front() == '.' || local.back() == '.') return false;
  for (size_t i = 0; i < local.size(); ++i) {
    char c = local[i];
    if (c == '.') {
      if (local[i + 1] == '.') return false;
      continue;
    }
    bool unicode = allow_unicode && static_cast<unsigned char>(c) >= 0x80;
    if (!IsAlpha(c) && !IsDigit(c) && !unicode &&
        kAtextPunctuation.find(c) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

bool IsEmailWith(std::string_view value, bool allow_unicode) {
  size_t at = value.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= value.size()) return false;
  std::string_view local = value.substr(0, at);
  std::string_view domain = value.substr(at + 1);
  if (!IsEmailLocalPart(local, allow_unicode)) return false;
  if (domain.front() == '[') {
    if (domain.back() != ']') return false;
    std::string_view literal = domain.substr(1, domain.size() - 2);
    if (literal.substr(0, 5) == "IPv6:") return IsIpv6(literal.substr(5));
    return IsIpv4(literal);
  }
  return IsHostnameWith(domain, allow_unicode);
}

bool IsIdnEmail(std::string_view value) { return IsEmailWith(value, true); }

// Every non-ASCII byte of an IRI is part of a ucschar or iprivate character, which maps to a
// percent-encoded octet in the equivalent URI (RFC 3987 section 3.1).
std::string EncodeNonAscii(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  encoded.reserve(value.size());
  for (char c : value) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      encoded.push_back(c);
      continue;
    }
    encoded.push_back('%');
    encoded.push_back(kHex[byte >> 4]);
    encoded.push_back(kHex[byte & 15]);
  }
  return encoded;
}

bool IsIri(std::string_view value) { return IsAbsoluteUri(EncodeNonAscii(value)); }
bool IsIriReference(std::string_view value) { return IsUriReference(EncodeNonAscii(value)); }

bool IsUri(std::string_view value) { return IsAscii(value) && IsAbsoluteUri(value); }
bool IsUriRef(std::string_view value) { return IsAscii(value) && IsUriReference(value); }

bool IsUriTemplateVarspec(std::string_view spec) {
  size_t colon = spec.find(':');
  std::string_view name = spec.substr(0, colon);
  if (colon == std::string_view::npos && !name.empty() && name.back() == '*') {
    name.remove_suffix(1);
  }
  if (name.empty() || name.front() == '.' || name.back() == '.') return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == '%') {
      if (i + 2 >= name.size() || !IsHexDigit(name[i + 1]) || !IsHexDigit(name[i + 2])) {
        return false;
      }
      i += 2;
    } else if (c == '.') {
      if (name[i + 1] == '.') return false;
    } else if (!IsAlpha(c) && !IsDigit(c) && c != '_') {
      return false;
    }
  }
  if (colon == std::string_view::npos) return true;
  // A prefix modifier is 1 to 9999 without a leading zero.
  std::string_view length = spec.substr(colon + 1);
  if (length.empty() || length.size() > 4 || length[0] == '0') return false;
  for (char c : length) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// RFC 6570: literals, and expressions made of an optional operator and a comma-separated list
// of variable names with optional prefix (":3") or explode ("*") modifiers.
bool IsUriTemplate(std::string_view value) {
  static constexpr std::string_view kOperators = "+#./;?&=,!@|";
  static constexpr std::string_view kForbiddenLiterals = " \"<>\\^`|}";
  size_t pos = 0;
  while (pos < value.size()) {
    char c = value[pos];
    if (c != '{') {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f ||
          kForbiddenLiterals.find(c) != std::string_view::npos) {
        return false;
      }
      ++pos;
      continue;
    }
    size_t close = value.find('}', pos + 1);
    if (close == std::string_view::npos) return false;
    std::string_view expression = value.substr(pos + 1, close - pos - 1);
    if (!expression.empty() && kOperators.find(expression[0]) != std::string_view::npos) {
      expression.remove_prefix(1);
    }
    if (expression.empty()) return false;
    size_t start = 0;
    while (true) {
      size_t comma = expression.find(',', start);
      std::string_view spec = expression.substr(
          start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
      if (!IsUriTemplateVarspec(spec)) return false;
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    pos = close + 1;
  }
  return true;
}

bool IsJsonPointer(std::string_view value) { return IsValidPointer(value); }

// A non-negative integer without leading zeros, followed by "#" or a JSON Pointer.
bool IsRelativeJsonPointer(std::string_view value) {
  size_t pos = 0;
  while (pos < value.size() && IsDigit(value[pos])) ++pos;
  if (pos == 0 || (pos > 1 && value[0] == '0')) return false;
  std::string_view rest = value.substr(pos);
  return rest == "#" || IsValidPointer(rest);
}

bool IsRegexFormat(std::string_view value) { return IsEcmaRegex(value); }

bool IsBase64(std::string_view value) {
  if (value.size() % 4 != 0) return false;
  size_t padding = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == '=') {
      ++padding;
      if (padding > 2) return false;
      continue;
    }
    if (padding > 0) return false;
    if (!IsAlpha(c) && !IsDigit(c) && c != '+' && c != '/') return false;
  }
  return true;
}

}  // namespace

bool IsDate(std::string_view value) {
  int year = 0;
  int month = 0;
  int day = 0;
  if (value.size() != 10 || !ReadDigits(value, 0, 4, &year) || value[4] != '-' ||
      !ReadDigits(value, 5, 2, &month) || value[7] != '-' || !ReadDigits(value, 8, 2, &day)) {
    return false;
  }
  return month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

bool IsTime(std::string_view value) { return IsFullTime(value); }

bool IsDateTime(std::string_view value) {
  if (value.size() < 11 || (value[10] != 'T' && value[10] != 't')) return false;
  return IsDate(value.substr(0, 10)) && IsFullTime(value.substr(11));
}

// RFC 3339 appendix A: P followed by date elements in Y, M, D order and an optional T with H, M,
// S elements, or a number of weeks alone.
bool IsDuration(std::string_view value) {
  if (value.size() < 3 || value[0] != 'P') return false;
  std::string_view rest = value.substr(1);
  if (rest.back() == 'W') {
    if (rest.size() < 2) return false;
    for (size_t i = 0; i + 1 < rest.size(); ++i) {
      if (!IsDigit(rest[i])) return false;
    }
    return true;
  }
  auto read_elements = [](std::string_view part, std::string_view designators) {
    size_t next_designator = 0;
    size_t pos = 0;
    size_t count = 0;
    while (pos < part.size()) {
      size_t start = pos;
      while (pos < part.size() && IsDigit(part[pos])) ++pos;
      if (pos == start || pos == part.size()) return size_t{0};
      // Elements are contiguous: P1Y2D (years and days without months) is invalid.
      size_t found = designators.find(part[pos], next_designator);
      if (found == std::string_view::npos || (count > 0 && found != next_designator)) {
        return size_t{0};
      }
      next_designator = found + 1;
      ++pos;
      ++count;
    }
    return count == 0 ? size_t{0} : count;
  };
  size_t t = rest.find('T');
  std::string_view date_part = rest.substr(0, t);
  if (!date_part.empty() && read_elements(date_part, "YMD") == 0) return false;
  if (t == std::string_view::npos) return !date_part.empty();
  std::string_view time_part = rest.substr(t + 1);
  return read_elements(time_part, "HMS") > 0;
}

bool IsEmail(std::string_view value) { return IsEmailWith(value, false); }

bool IsHostname(std::string_view value) { return IsHostnameWith(value, false); }

bool IsIpv4(std::string_view value) {
  int parts = 0;
  size_t pos = 0;
  while (parts < 4) {
    size_t start = pos;
    int number = 0;
    while (pos < value.size() && IsDigit(value[pos]) && pos - start < 3) {
      number = number * 10 + (value[pos] - '0');
      ++pos;
    }
    size_t length = pos - start;
    if (length == 0 || number > 255 || (length > 1 && value[start] == '0')) return false;
    ++parts;
    if (parts == 4) break;
    if (pos >= value.size() || value[pos] != '.') return false;
    ++pos;
  }
  return pos == value.size();
}

bool IsIpv6(std::string_view value) {
  if (value.empty() || value.size() > 45) return false;
  int groups = 0;
  bool compressed = false;
  size_t pos = 0;
  if (value.substr(0, 2) == "::") {
    compressed = true;
    pos = 2;
    if (pos == value.size()) return true;
  } else if (value[0] == ':') {
    return false;
  }
  while (pos < value.size()) {
    size_t start = pos;
    while (pos < value.size() && IsHexDigit(value[pos])) ++pos;
    size_t length = pos - start;
    if (pos < value.size() && value[pos] == '.') {
      // An embedded IPv4 address takes the place of the last two groups.
      if (!IsIpv4(value.substr(start))) return false;
      groups += 2;
      pos = value.size();
      break;
    }
    if (length == 0 || length > 4) return false;
    ++groups;
    if (pos == value.size()) break;
    if (value[pos] != ':') return false;
    ++pos;
    if (pos < value.size() && value[pos] == ':') {
      if (compressed) return false;
      compressed = true;
      ++pos;
      if (pos == value.size()) break;
    } else if (pos == value.size()) {
      return false;
    }
  }
  return compressed ? groups < 8 : groups == 8;
}

bool IsUuid(std::string_view value) {
  if (value.size() != 36) return false;
  for (size_t i = 0; i < value.size(); ++i) {
    bool dash_position = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash_position ? value[i] != '-' : !IsHexDigit(value[i])) return false;
  }
  return true;
}

FormatCheck FindFormatCheck(std::string_view format) {
  static constexpr std::pair<std::string_view, FormatCheck> kChecks[] = {
      {"date", IsDate},
      {"time", IsTime},
      {"date-time", IsDateTime},
      {"duration", IsDuration},
      {"email", IsEmail},
      {"idn-email", IsIdnEmail},
      {"hostname", IsHostname},
      {"idn-hostname", IsIdnHostname},
      {"ipv4", IsIpv4},
      {"ipv6", IsIpv6},
      {"uri", IsUri},
      {"uri-reference", IsUriRef},
      {"iri", IsIri},
      {"iri-reference", IsIriReference},
      {"uri-template", IsUriTemplate},
      {"uuid", IsUuid},
      {"json-pointer", IsJsonPointer},
      {"relative-json-pointer", IsRelativeJsonPointer},
      {"regex", IsRegexFormat},
      {"byte", IsBase64},
  };
  for (const auto& [name, check] : kChecks) {
    if (name == format) return check;
  }
  return nullptr;
}

}  // namespace mimic::schema
