#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "template/date_format.h"

namespace mimic::tmpl {
namespace {

using namespace std::chrono_literals;
using std::chrono::sys_days;
using std::chrono::year;

TimePoint At(int y, unsigned m, unsigned d, std::chrono::milliseconds time_of_day = 0ms) {
  return sys_days{year{y} / m / d} + time_of_day;
}

std::string Format(std::string_view pattern, TimePoint time) {
  Result<std::string> result = FormatSimpleDate(pattern, time);
  EXPECT_TRUE(result) << pattern << ": " << result.error().message;
  return result ? *result : std::string();
}

const TimePoint kMorning = At(2024, 3, 5, 9h + 7min + 3s + 45ms);
const TimePoint kEvening = At(2024, 3, 5, 21h + 7min);
const TimePoint kMidnight = At(2024, 3, 5);

TEST(TemplateDateFormat, DayMonthYear) {
  EXPECT_EQ(Format("dd/MM/yyyy HH:mm:ss", kMorning), "05/03/2024 09:07:03");
  EXPECT_EQ(Format("d/M/yy", kMorning), "5/3/24");
  EXPECT_EQ(Format("y", kMorning), "2024");
  EXPECT_EQ(Format("yyyyy", kMorning), "02024");
}

TEST(TemplateDateFormat, IsoWithMillisAndZone) {
  EXPECT_EQ(Format("yyyy-MM-dd'T'HH:mm:ss.SSSZ", kMorning), "2024-03-05T09:07:03.045+0000");
  EXPECT_EQ(Format("yyyy-MM-dd'T'HH:mm:ssXXX", kMorning), "2024-03-05T09:07:03Z");
}

TEST(TemplateDateFormat, Milliseconds) {
  EXPECT_EQ(Format("S", kMorning), "45");
  EXPECT_EQ(Format("SSS", kMorning), "045");
}

TEST(TemplateDateFormat, MonthNames) {
  EXPECT_EQ(Format("MMM", kMorning), "Mar");
  EXPECT_EQ(Format("MMMM", kMorning), "March");
  EXPECT_EQ(Format("LLL", At(2024, 9, 1)), "Sep");
}

TEST(TemplateDateFormat, WeekdayNames) {
  EXPECT_EQ(Format("EEE", kMorning), "Tue");
  EXPECT_EQ(Format("EEEE", kMorning), "Tuesday");
  EXPECT_EQ(Format("E", At(2024, 3, 10)), "Sun");
}

TEST(TemplateDateFormat, DayNumberOfWeek) {
  EXPECT_EQ(Format("u", kMorning), "2");
  EXPECT_EQ(Format("u", At(2024, 3, 10)), "7");
}

TEST(TemplateDateFormat, TwelveHourClock) {
  EXPECT_EQ(Format("hh:mm a", kMorning), "09:07 AM");
  EXPECT_EQ(Format("h:mm a", kEvening), "9:07 PM");
  EXPECT_EQ(Format("h a K", kMidnight), "12 AM 0");
}

TEST(TemplateDateFormat, TwentyFourHourVariants) {
  EXPECT_EQ(Format("H k", kMidnight), "0 24");
  EXPECT_EQ(Format("HH kk", kEvening), "21 21");
}

TEST(TemplateDateFormat, DayOfYearAndWeeks) {
  EXPECT_EQ(Format("D", kMorning), "65");
  EXPECT_EQ(Format("DDD", At(2024, 1, 9)), "009");
  EXPECT_EQ(Format("w", kMorning), "10");
  EXPECT_EQ(Format("W F", kMorning), "2 1");
}

TEST(TemplateDateFormat, WeekYearAtYearEnd) {
  // January 1, 2025 is a Wednesday, so the week from Sunday, December 29, 2024 is week 1.
  EXPECT_EQ(Format("w Y y", At(2024, 12, 30)), "1 2025 2024");
  EXPECT_EQ(Format("w Y", At(2024, 12, 28)), "52 2024");
}

TEST(TemplateDateFormat, EraAndZoneNames) {
  EXPECT_EQ(Format("G", kMorning), "AD");
  EXPECT_EQ(Format("z", kMorning), "UTC");
  EXPECT_EQ(Format("zzzz", kMorning), "Coordinated Universal Time");
}

TEST(TemplateDateFormat, QuotedText) {
  EXPECT_EQ(Format("'Day' d 'of' MMMM", kMorning), "Day 5 of March");
  EXPECT_EQ(Format("HH'h'mm", kMorning), "09h07");
  EXPECT_EQ(Format("''yy''", kMorning), "'24'");
  EXPECT_EQ(Format("'o''clock'", kMorning), "o'clock");
}

TEST(TemplateDateFormat, NonLettersCopied) {
  EXPECT_EQ(Format("[yyyy] #1 ~ ", kMorning), "[2024] #1 ~ ");
  EXPECT_EQ(Format("", kMorning), "");
}

TEST(TemplateDateFormat, RejectsUnknownLetter) {
  Result<std::string> result = FormatSimpleDate("yyyy-MM-dd T", kMorning);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().message, "invalid date pattern 'yyyy-MM-dd T': unsupported letter 'T'");
}

TEST(TemplateDateFormat, RejectsUnterminatedQuote) {
  Result<std::string> result = FormatSimpleDate("yyyy 'at", kMorning);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "invalid date pattern 'yyyy 'at': unterminated quote");
}

TEST(TemplateDateFormat, RejectsFourIsoZoneLetters) {
  EXPECT_FALSE(FormatSimpleDate("XXXX", kMorning));
}

TEST(TemplateDateFormat, BeforeEpoch) {
  EXPECT_EQ(Format("yyyy-MM-dd HH:mm:ss.SSS", At(1969, 12, 31, 23h + 59min + 59s + 999ms)),
            "1969-12-31 23:59:59.999");
}

TEST(TemplateDateDelta, RecognizesForms) {
  EXPECT_TRUE(IsDateDelta("1d"));
  EXPECT_TRUE(IsDateDelta("-1d"));
  EXPECT_TRUE(IsDateDelta("+12H"));
  EXPECT_TRUE(IsDateDelta("30m"));
  EXPECT_TRUE(IsDateDelta("2M"));
  EXPECT_TRUE(IsDateDelta("999999999y"));
  EXPECT_FALSE(IsDateDelta("d"));
  EXPECT_FALSE(IsDateDelta("1"));
  EXPECT_FALSE(IsDateDelta("1w"));
  EXPECT_FALSE(IsDateDelta("1dd"));
  EXPECT_FALSE(IsDateDelta("1000000000d"));
  EXPECT_FALSE(IsDateDelta("- 1d"));
  EXPECT_FALSE(IsDateDelta(""));
}

TEST(TemplateDateDelta, AddsMinutesHoursDays) {
  TimePoint start = At(2024, 3, 5, 23h + 50min);
  EXPECT_EQ(Format("yyyy-MM-dd HH:mm", *AddDateDelta(start, "15m")), "2024-03-06 00:05");
  EXPECT_EQ(Format("yyyy-MM-dd HH:mm", *AddDateDelta(start, "-24H")), "2024-03-04 23:50");
  EXPECT_EQ(Format("yyyy-MM-dd HH:mm", *AddDateDelta(start, "+30d")), "2024-04-04 23:50");
}

TEST(TemplateDateDelta, AddsMonthsClampingDay) {
  EXPECT_EQ(Format("yyyy-MM-dd", *AddDateDelta(At(2024, 1, 31), "1M")), "2024-02-29");
  EXPECT_EQ(Format("yyyy-MM-dd", *AddDateDelta(At(2024, 3, 31), "-1M")), "2024-02-29");
  EXPECT_EQ(Format("yyyy-MM-dd", *AddDateDelta(At(2024, 11, 15), "3M")), "2025-02-15");
  EXPECT_EQ(Format("yyyy-MM-dd", *AddDateDelta(At(2024, 1, 15), "-13M")), "2022-12-15");
}

TEST(TemplateDateDelta, AddsYearsKeepingTime) {
  TimePoint start = At(2024, 2, 29, 10h + 20min);
  EXPECT_EQ(Format("yyyy-MM-dd HH:mm", *AddDateDelta(start, "1y")), "2025-02-28 10:20");
  EXPECT_EQ(Format("yyyy-MM-dd HH:mm", *AddDateDelta(start, "-4y")), "2020-02-29 10:20");
}

TEST(TemplateDateDelta, RejectsOutOfRange) {
  EXPECT_FALSE(AddDateDelta(At(2024, 1, 1), "999999999d"));
  EXPECT_FALSE(AddDateDelta(At(2024, 1, 1), "-999999999M"));
  EXPECT_FALSE(AddDateDelta(At(2024, 1, 1), "8000y"));
  EXPECT_TRUE(AddDateDelta(At(2024, 1, 1), "7975y"));
}

TEST(TemplateDateDelta, RejectsMalformed) {
  Result<TimePoint> result = AddDateDelta(At(2024, 1, 1), "tomorrow");
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("invalid date delta 'tomorrow'"), std::string::npos);
}

}  // namespace
}  // namespace mimic::tmpl
