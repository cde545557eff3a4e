#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "common/error.h"

namespace mimic::tmpl {

// Milliseconds since the Unix epoch, the resolution of java.util.Date.
using TimePoint = std::chrono::sys_time<std::chrono::milliseconds>;

// Formats `time` with a java.text.SimpleDateFormat pattern such as "dd/MM/yyyy HH:mm:ss" or
// "yyyy-MM-dd'T'HH:mm:ss.SSSZ". Supports the letters G y Y M L w W D d F E u a H k K h m s
// S z Z X, quoted text and '' for a quote. Weeks start on Sunday, and week 1 is the week
// that contains January 1.
// Returns kInvalidArgument for any other ASCII letter or an unterminated quote.
// NOTE: times are always UTC and names always English. SimpleDateFormat uses the JVM
// default time zone and locale, so Microcks on a JVM set up otherwise renders differently.
// Week-based fields (w, W, Y) also follow en-US rules only.
Result<std::string> FormatSimpleDate(std::string_view pattern, TimePoint time);

// Reports whether `text` is a date delta: an optional sign, 1 to 9 digits and one unit
// among m (minutes), H (hours), d (days), M (months) and y (years), as in "-1d" or "+2H".
bool IsDateDelta(std::string_view text);

// Adds a delta accepted by IsDateDelta to `time`. Adding months or years keeps the day of
// month, clamped to the last day of the target month as java.util.Calendar does.
// Returns kInvalidArgument for a malformed delta or a result outside years 1 to 9999.
Result<TimePoint> AddDateDelta(TimePoint time, std::string_view delta);

}  // namespace mimic::tmpl
