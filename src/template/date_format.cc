#include "template/date_format.h"

#include <array>
#include <charconv>
#include <cstdint>

namespace mimic::tmpl {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;

constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

// Indexed by std::chrono::weekday::c_encoding(), where 0 is Sunday.
constexpr std::array<std::string_view, 7> kWeekdayNames = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

// The calendar fields of one instant in UTC.
struct CalendarFields {
  int year = 0;
  unsigned month = 0;         // 1 to 12
  unsigned day = 0;           // 1 to 31
  int day_of_year = 0;        // 1 to 366
  unsigned weekday = 0;       // 0 is Sunday
  int week_of_year = 0;       // en-US weeks
  int week_year = 0;          // year that week_of_year belongs to
  int week_of_month = 0;      // en-US weeks
  int64_t millis_of_day = 0;  // 0 to 86'399'999
};

CalendarFields ToCalendarFields(TimePoint time) {
  sys_days day = std::chrono::floor<days>(time);
  std::chrono::year_month_day date{day};

  CalendarFields fields;
  fields.year = static_cast<int>(date.year());
  fields.month = static_cast<unsigned>(date.month());
  fields.day = static_cast<unsigned>(date.day());
  fields.weekday = std::chrono::weekday{day}.c_encoding();
  fields.millis_of_day = (time - day).count();

  sys_days january_first{date.year() / std::chrono::January / 1};
  fields.day_of_year = static_cast<int>((day - january_first).count()) + 1;
  unsigned january_first_weekday = std::chrono::weekday{january_first}.c_encoding();
  fields.week_of_year = (fields.day_of_year - 1 + static_cast<int>(january_first_weekday)) / 7 + 1;
  fields.week_year = fields.year;

  // The last days of December belong to week 1 of the next year when they share a
  // week with the next January 1.
  sys_days next_january_first{(date.year() + std::chrono::years{1}) / std::chrono::January / 1};
  unsigned next_weekday = std::chrono::weekday{next_january_first}.c_encoding();
  if (day >= next_january_first - days{next_weekday}) {
    fields.week_of_year = 1;
    fields.week_year = fields.year + 1;
  }

  sys_days first_of_month{date.year() / date.month() / 1};
  unsigned first_weekday = std::chrono::weekday{first_of_month}.c_encoding();
  fields.week_of_month = static_cast<int>((fields.day - 1 + first_weekday) / 7 + 1);
  return fields;
}

void AppendNumber(std::string& out, int64_t value, size_t min_digits) {
  std::array<char, 24> buffer{};
  auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  size_t length = static_cast<size_t>(end - buffer.data());
  if (error != std::errc()) return;
  if (length < min_digits) out.append(min_digits - length, '0');
  out.append(buffer.data(), length);
}

void AppendText(std::string& out, std::string_view full_name, size_t count) {
  out.append(count >= 4 ? full_name : full_name.substr(0, 3));
}

// Appends the year of era: year 0 is 1 BC in the proleptic Gregorian calendar.
void AppendYear(std::string& out, int year, size_t count) {
  int year_of_era = year > 0 ? year : 1 - year;
  if (count == 2) {
    AppendNumber(out, year_of_era % 100, 2);
  } else {
    AppendNumber(out, year_of_era, count);
  }
}

// Appends one run of `count` equal pattern letters. Returns false for a letter that
// SimpleDateFormat does not define.
bool AppendField(std::string& out, char letter, size_t count, const CalendarFields& fields) {
  int64_t hour = fields.millis_of_day / 3'600'000;
  switch (letter) {
    case 'G':
      out.append(fields.year > 0 ? "AD" : "BC");
      return true;
    case 'y':
      AppendYear(out, fields.year, count);
      return true;
    case 'Y':
      AppendYear(out, fields.week_year, count);
      return true;
    case 'M':
    case 'L':
      if (count >= 3) {
        AppendText(out, kMonthNames[fields.month - 1], count);
      } else {
        AppendNumber(out, fields.month, count);
      }
      return true;
    case 'w':
      AppendNumber(out, fields.week_of_year, count);
      return true;
    case 'W':
      AppendNumber(out, fields.week_of_month, count);
      return true;
    case 'D':
      AppendNumber(out, fields.day_of_year, count);
      return true;
    case 'd':
      AppendNumber(out, fields.day, count);
      return true;
    case 'F':
      AppendNumber(out, (fields.day - 1) / 7 + 1, count);
      return true;
    case 'E':
      AppendText(out, kWeekdayNames[fields.weekday], count);
      return true;
    case 'u':
      AppendNumber(out, fields.weekday == 0 ? 7 : fields.weekday, count);
      return true;
    case 'a':
      out.append(hour < 12 ? "AM" : "PM");
      return true;
    case 'H':
      AppendNumber(out, hour, count);
      return true;
    case 'k':
      AppendNumber(out, hour == 0 ? 24 : hour, count);
      return true;
    case 'K':
      AppendNumber(out, hour % 12, count);
      return true;
    case 'h':
      AppendNumber(out, hour % 12 == 0 ? 12 : hour % 12, count);
      return true;
    case 'm':
      AppendNumber(out, fields.millis_of_day / 60'000 % 60, count);
      return true;
    case 's':
      AppendNumber(out, fields.millis_of_day / 1000 % 60, count);
      return true;
    case 'S':
      AppendNumber(out, fields.millis_of_day % 1000, count);
      return true;
    case 'z':
      out.append(count >= 4 ? "Coordinated Universal Time" : "UTC");
      return true;
    case 'Z':
      out.append("+0000");
      return true;
    case 'X':
      // ISO 8601 zone: Java prints "Z" for a zero offset and rejects more than 3 letters.
      if (count > 3) return false;
      out.push_back('Z');
      return true;
    default:
      return false;
  }
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

Error InvalidPattern(std::string_view pattern, std::string_view reason) {
  return Error{ErrorCode::kInvalidArgument,
               "invalid date pattern '" + std::string(pattern) + "': " + std::string(reason)};
}

// Compares day counts rather than converting to year_month_day, whose year field would
// wrap for an instant millions of years away.
bool IsInSupportedYears(TimePoint time) {
  static const sys_days kFirstDay{std::chrono::year{kMinYear} / 1 / 1};
  static const sys_days kLastDay{std::chrono::year{kMaxYear} / 12 / 31};
  sys_days day = std::chrono::floor<days>(time);
  return day >= kFirstDay && day <= kLastDay;
}

Result<TimePoint> AddMonths(TimePoint time, int64_t months) {
  sys_days day = std::chrono::floor<days>(time);
  std::chrono::year_month_day date{day};

  int64_t month_index = static_cast<int64_t>(static_cast<int>(date.year())) * 12 +
                        (static_cast<unsigned>(date.month()) - 1) + months;
  int64_t year = month_index >= 0 ? month_index / 12 : (month_index - 11) / 12;
  if (year < kMinYear || year > kMaxYear) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "date delta moves the date outside years 1 to 9999");
  }
  unsigned month = static_cast<unsigned>(month_index - year * 12 + 1);
  std::chrono::year_month target{std::chrono::year{static_cast<int>(year)},
                                 std::chrono::month{month}};
  std::chrono::day last_day = (target / std::chrono::last).day();
  std::chrono::day day_of_month = std::min(date.day(), last_day);
  sys_days shifted{target / day_of_month};
  return TimePoint{shifted + (time - day)};
}

}  // namespace

Result<std::string> FormatSimpleDate(std::string_view pattern, TimePoint time) {
  CalendarFields fields = ToCalendarFields(time);
  std::string out;
  out.reserve(pattern.size() * 2);

  size_t i = 0;
  while (i < pattern.size()) {
    char c = pattern[i];
    if (c == '\'') {
      if (i + 1 < pattern.size() && pattern[i + 1] == '\'') {
        out.push_back('\'');
        i += 2;
        continue;
      }
      // Quoted text runs to the next lone quote. A doubled quote inside it is one quote.
      size_t j = i + 1;
      bool closed = false;
      while (j < pattern.size()) {
        if (pattern[j] == '\'') {
          if (j + 1 < pattern.size() && pattern[j + 1] == '\'') {
            out.push_back('\'');
            j += 2;
            continue;
          }
          closed = true;
          break;
        }
        out.push_back(pattern[j]);
        ++j;
      }
      if (!closed) return tl::unexpected(InvalidPattern(pattern, "unterminated quote"));
      i = j + 1;
      continue;
    }
    if (!IsAsciiLetter(c)) {
      out.push_back(c);
      ++i;
      continue;
    }
    size_t count = 1;
    while (i + count < pattern.size() && pattern[i + count] == c) ++count;
    if (!AppendField(out, c, count, fields)) {
      return tl::unexpected(
          InvalidPattern(pattern, "unsupported letter '" + std::string(count, c) + "'"));
    }
    i += count;
  }
  return out;
}

bool IsDateDelta(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  size_t digits_start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  size_t digits = i - digits_start;
  if (digits == 0 || digits > 9) return false;
  if (i + 1 != text.size()) return false;
  char unit = text[i];
  return unit == 'm' || unit == 'H' || unit == 'd' || unit == 'M' || unit == 'y';
}

Result<TimePoint> AddDateDelta(TimePoint time, std::string_view delta) {
  if (!IsDateDelta(delta)) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        "invalid date delta '" + std::string(delta) +
            "': expected a signed number and a unit among m, H, d, M and y, as in -1d");
  }
  bool negative = delta.front() == '-';
  size_t digits_start = (delta.front() == '+' || negative) ? 1 : 0;
  int64_t amount = 0;
  std::from_chars(delta.data() + digits_start, delta.data() + delta.size() - 1, amount);
  if (negative) amount = -amount;

  TimePoint shifted;
  switch (delta.back()) {
    case 'm':
      shifted = time + std::chrono::minutes{amount};
      break;
    case 'H':
      shifted = time + std::chrono::hours{amount};
      break;
    case 'd':
      shifted = time + days{amount};
      break;
    case 'M':
      return AddMonths(time, amount);
    default:  // 'y'
      return AddMonths(time, amount * 12);
  }
  if (!IsInSupportedYears(shifted)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "date delta moves the date outside years 1 to 9999");
  }
  return shifted;
}

}  // namespace mimic::tmpl
