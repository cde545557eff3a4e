#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "template/function_arguments.h"
#include "template/template_functions.h"
#include "template/template_limits.h"

namespace mimic::tmpl {
namespace {

using namespace std::chrono_literals;

// Calls a built-in function the way the engine does, with a fixed clock and seed.
class TemplateFunctionsTest : public ::testing::Test {
 protected:
  Result<std::string> Call(std::string_view name, std::string_view raw_args = "",
                           std::vector<std::string_view> extra = {}) {
    TemplateFunction function = FindFunction(name);
    if (function == nullptr) return MakeError(ErrorCode::kNotFound, "function not found");
    std::vector<std::string_view> values = SplitFunctionArguments(raw_args);
    values.insert(values.end(), extra.begin(), extra.end());
    FunctionEnvironment environment{context_, random_, now_};
    return function(FunctionArgs{values, raw_args}, environment);
  }

  std::string CallText(std::string_view name, std::string_view raw_args = "") {
    Result<std::string> result = Call(name, raw_args);
    EXPECT_TRUE(result) << name << "(" << raw_args << "): " << result.error().message;
    return result ? *result : std::string();
  }

  TemplateContext context_;
  std::mt19937_64 random_{12345};
  TimePoint now_ =
      std::chrono::sys_days{std::chrono::year{2024} / 3 / 15} + 9h + 30min + 15s + 250ms;
};

bool Matches(const std::string& text, const char* pattern) {
  return std::regex_match(text, std::regex(pattern));
}

TEST_F(TemplateFunctionsTest, NamesAreRegistered) {
  std::vector<std::string_view> names = FunctionNames();
  for (std::string_view expected : {"now",
                                    "timestamp",
                                    "uuid",
                                    "guid",
                                    "randomUUID",
                                    "randomInt",
                                    "randomString",
                                    "randomBoolean",
                                    "randomValue",
                                    "put",
                                    "randomFirstName",
                                    "randomLastName",
                                    "randomFullName",
                                    "randomNamePrefix",
                                    "randomNameSuffix",
                                    "randomCity",
                                    "randomCountry",
                                    "randomCountryCode",
                                    "randomStreetName",
                                    "randomStreetAddress",
                                    "randomLatitude",
                                    "randomLongitude",
                                    "randomPhoneNumber",
                                    "randomEmail",
                                    "isoTimestamp",
                                    "randomCompanyName",
                                    "randomJobTitle",
                                    "randomWord",
                                    "randomWords",
                                    "randomLoremSentence",
                                    "randomLoremParagraph",
                                    "randomIP",
                                    "randomUrl",
                                    "randomColor",
                                    "randomPrice",
                                    "randomAlphaNumeric"}) {
    EXPECT_TRUE(std::binary_search(names.begin(), names.end(), expected)) << expected;
  }
  EXPECT_EQ(FindFunction("Now"), nullptr);
  EXPECT_EQ(FindFunction("unknown"), nullptr);
}

TEST_F(TemplateFunctionsTest, NowWithoutArgsIsEpochMillis) {
  EXPECT_EQ(CallText("now"), "1710495015250");
}

TEST_F(TemplateFunctionsTest, TimestampIsNow) { EXPECT_EQ(CallText("timestamp"), "1710495015250"); }

TEST_F(TemplateFunctionsTest, NowWithPattern) {
  EXPECT_EQ(CallText("now", "dd/MM/yyyy HH:mm:ss"), "15/03/2024 09:30:15");
}

TEST_F(TemplateFunctionsTest, NowWithQuotedPattern) {
  EXPECT_EQ(CallText("now", "'yyyy-MM-dd'"), "2024-03-15");
}

TEST_F(TemplateFunctionsTest, NowWithIsoPattern) {
  EXPECT_EQ(CallText("now", "yyyy-MM-dd'T'HH:mm:ss.SSSZ"), "2024-03-15T09:30:15.250+0000");
}

TEST_F(TemplateFunctionsTest, NowWithMinutesDelta) {
  EXPECT_EQ(CallText("now", "HH:mm, 45m"), "10:15");
}

TEST_F(TemplateFunctionsTest, NowWithHoursDelta) {
  EXPECT_EQ(CallText("now", "dd HH, -10H"), "14 23");
}

TEST_F(TemplateFunctionsTest, NowWithDaysDelta) {
  EXPECT_EQ(CallText("now", "yyyy-MM-dd, -1d"), "2024-03-14");
  EXPECT_EQ(CallText("now", "yyyy-MM-dd, +20d"), "2024-04-04");
}

TEST_F(TemplateFunctionsTest, NowWithMonthsDelta) {
  EXPECT_EQ(CallText("now", "yyyy-MM-dd, 11M"), "2025-02-15");
}

TEST_F(TemplateFunctionsTest, NowWithYearsDelta) {
  EXPECT_EQ(CallText("now", "yyyy-MM-dd, -3y"), "2021-03-15");
}

TEST_F(TemplateFunctionsTest, NowPatternWithCommas) {
  EXPECT_EQ(CallText("now", "EEE, d MMM yyyy"), "Fri, 15 Mar 2024");
  EXPECT_EQ(CallText("now", "EEE, d MMM yyyy, 1d"), "Sat, 16 Mar 2024");
}

TEST_F(TemplateFunctionsTest, NowRejectsBadPattern) {
  Result<std::string> result = Call("now", "yyyy-MM-dd bb");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message,
            "invalid date pattern 'yyyy-MM-dd bb': unsupported letter 'bb'");
}

TEST_F(TemplateFunctionsTest, NowRejectsDeltaOutOfRange) {
  Result<std::string> result = Call("now", "yyyy, 999999999y");
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("outside years"), std::string::npos);
}

TEST_F(TemplateFunctionsTest, NowRejectsUnknownDeltaUnit) {
  Result<std::string> result = Call("now", "yyyy-MM-dd, 2w");
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("invalid date delta '2w'"), std::string::npos);
}

TEST_F(TemplateFunctionsTest, IsoTimestamp) {
  EXPECT_EQ(CallText("isoTimestamp"), "2024-03-15T09:30:15.250Z");
}

TEST_F(TemplateFunctionsTest, UuidIsVersion4) {
  const char* kUuid = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
  EXPECT_TRUE(Matches(CallText("uuid"), kUuid));
  EXPECT_TRUE(Matches(CallText("guid"), kUuid));
  EXPECT_TRUE(Matches(CallText("randomUUID"), kUuid));
  EXPECT_NE(CallText("uuid"), CallText("uuid"));
}

TEST_F(TemplateFunctionsTest, RandomIntWithoutArgs) {
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) {
    std::string value = CallText("randomInt");
    long long number = std::stoll(value);
    EXPECT_GE(number, -2147483648LL);
    EXPECT_LE(number, 2147483647LL);
    seen.insert(value);
  }
  EXPECT_GT(seen.size(), 10u);
}

TEST_F(TemplateFunctionsTest, RandomIntWithMax) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) seen.insert(CallText("randomInt", "3"));
  EXPECT_EQ(seen, (std::set<std::string>{"0", "1", "2"}));
}

TEST_F(TemplateFunctionsTest, RandomIntWithMinAndMax) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) seen.insert(CallText("randomInt", "-2, 1"));
  EXPECT_EQ(seen, (std::set<std::string>{"-2", "-1", "0"}));
}

TEST_F(TemplateFunctionsTest, RandomIntRejectsBadArgs) {
  EXPECT_FALSE(Call("randomInt", "ten"));
  EXPECT_FALSE(Call("randomInt", "0"));
  EXPECT_FALSE(Call("randomInt", "5, 5"));
  EXPECT_FALSE(Call("randomInt", "x, 5"));
}

TEST_F(TemplateFunctionsTest, RandomStringDefaultLength) {
  EXPECT_TRUE(Matches(CallText("randomString"), "[0-9A-Za-z]{32}"));
}

TEST_F(TemplateFunctionsTest, RandomStringWithLength) {
  EXPECT_TRUE(Matches(CallText("randomString", "64"), "[0-9A-Za-z]{64}"));
  EXPECT_EQ(CallText("randomString", "0"), "");
}

TEST_F(TemplateFunctionsTest, RandomStringRejectsBadLength) {
  EXPECT_FALSE(Call("randomString", "-1"));
  EXPECT_FALSE(Call("randomString", "abc"));
  EXPECT_FALSE(Call("randomString", std::to_string(kMaxRandomStringLength + 1)));
}

TEST_F(TemplateFunctionsTest, RandomAlphaNumeric) {
  EXPECT_TRUE(Matches(CallText("randomAlphaNumeric"), "[0-9A-Za-z]"));
  EXPECT_TRUE(Matches(CallText("randomAlphaNumeric", "5"), "[0-9A-Za-z]{5}"));
}

TEST_F(TemplateFunctionsTest, RandomBoolean) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) seen.insert(CallText("randomBoolean"));
  EXPECT_EQ(seen, (std::set<std::string>{"false", "true"}));
}

TEST_F(TemplateFunctionsTest, RandomValue) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) seen.insert(CallText("randomValue", "red, 'light blue', green"));
  EXPECT_EQ(seen, (std::set<std::string>{"red", "light blue", "green"}));
}

TEST_F(TemplateFunctionsTest, RandomValueWithoutArgsIsEmpty) {
  EXPECT_EQ(CallText("randomValue"), "");
}

TEST_F(TemplateFunctionsTest, PutStoresValue) {
  EXPECT_EQ(CallText("put", "name, 'Jane Doe'"), "");
  ASSERT_NE(context_.Get("name"), nullptr);
  EXPECT_EQ(*context_.Get("name"), "Jane Doe");
}

TEST_F(TemplateFunctionsTest, PutStoresRedirectedValue) {
  Result<std::string> result = Call("put", "id", {"abc-123"});
  ASSERT_TRUE(result);
  EXPECT_EQ(*context_.Get("id"), "abc-123");
}

TEST_F(TemplateFunctionsTest, PutRejectsMissingValue) {
  EXPECT_FALSE(Call("put", "name"));
  EXPECT_FALSE(Call("put"));
  EXPECT_FALSE(Call("put", "'', value"));
}

TEST_F(TemplateFunctionsTest, FakePersonData) {
  EXPECT_TRUE(Matches(CallText("randomFirstName"), "[A-Z][a-z]+"));
  EXPECT_TRUE(Matches(CallText("randomLastName"), "[A-Z][a-z]+"));
  EXPECT_TRUE(Matches(CallText("randomFullName"), "[A-Z][a-z]+ [A-Z][a-z]+"));
  EXPECT_TRUE(Matches(CallText("randomNamePrefix"), "(Mr\\.|Mrs\\.|Ms\\.|Miss|Dr\\.|Prof\\.)"));
  EXPECT_TRUE(Matches(CallText("randomNameSuffix"), "(Jr\\.|Sr\\.|II|III|IV|PhD|MD)"));
  EXPECT_TRUE(Matches(CallText("randomEmail"), "[a-z]+\\.[a-z]+@example\\.(com|org|net)"));
  EXPECT_TRUE(Matches(CallText("randomUserName"), "[a-z]+\\.[a-z]+[0-9]{1,2}"));
}

TEST_F(TemplateFunctionsTest, FakeAddressData) {
  EXPECT_TRUE(Matches(CallText("randomCity"), "[A-Z][A-Za-z ]+"));
  EXPECT_TRUE(Matches(CallText("randomCountry"), "[A-Z][A-Za-z ]+"));
  EXPECT_TRUE(Matches(CallText("randomCountryCode"), "[A-Z]{2}"));
  EXPECT_TRUE(Matches(CallText("randomStreetName"), "[A-Z][a-z]+ [A-Z][a-z]+"));
  EXPECT_TRUE(Matches(CallText("randomStreetAddress"), "[0-9]{1,4} [A-Z][a-z]+ [A-Z][a-z]+"));
  EXPECT_TRUE(Matches(CallText("randomPhoneNumber"), "[2-9][0-9]{2}-555-01[0-9]{2}"));
}

TEST_F(TemplateFunctionsTest, FakeCoordinates) {
  for (int i = 0; i < 50; ++i) {
    std::string latitude = CallText("randomLatitude");
    std::string longitude = CallText("randomLongitude");
    ASSERT_TRUE(Matches(latitude, "-?[0-9]{1,2}\\.[0-9]{6}")) << latitude;
    ASSERT_TRUE(Matches(longitude, "-?[0-9]{1,3}\\.[0-9]{6}")) << longitude;
    EXPECT_LE(std::abs(std::stod(latitude)), 90.0);
    EXPECT_LE(std::abs(std::stod(longitude)), 180.0);
  }
}

TEST_F(TemplateFunctionsTest, PostmanCompanyAndText) {
  EXPECT_TRUE(Matches(CallText("randomCompanyName"), "[A-Z][a-z]+ [A-Za-z ]+"));
  EXPECT_TRUE(Matches(CallText("randomJobTitle"), "[A-Z][a-z]+ [A-Z][a-z]+ [A-Z][a-z]+"));
  EXPECT_TRUE(Matches(CallText("randomWord"), "[a-z]+"));
  EXPECT_TRUE(Matches(CallText("randomWords"), "[a-z]+( [a-z]+){1,3}"));
  EXPECT_TRUE(Matches(CallText("randomLoremSentence"), "[A-Z][a-z]*( [a-z]+){4,11}\\."));
  EXPECT_TRUE(Matches(CallText("randomLoremParagraph"), "[A-Z][a-z ]+\\.( [A-Z][a-z ]+\\.){2,5}"));
}

TEST_F(TemplateFunctionsTest, PostmanInternetData) {
  EXPECT_TRUE(Matches(CallText("randomIP"), "[0-9]{1,3}(\\.[0-9]{1,3}){3}"));
  EXPECT_TRUE(Matches(CallText("randomIPV6"), "[0-9a-f]{4}(:[0-9a-f]{4}){7}"));
  EXPECT_TRUE(Matches(CallText("randomMACAddress"), "[0-9a-f]{2}(:[0-9a-f]{2}){5}"));
  EXPECT_TRUE(Matches(CallText("randomUrl"), "https://www\\.example\\.(com|org|net)/[a-z]+"));
  EXPECT_TRUE(Matches(CallText("randomColor"), "[a-z]+"));
  EXPECT_TRUE(Matches(CallText("randomHexColor"), "#[0-9a-f]{6}"));
  EXPECT_TRUE(Matches(CallText("randomPrice"), "[0-9]{1,3}\\.[0-9]{2}"));
  EXPECT_TRUE(Matches(CallText("randomSemver"), "[0-9]+\\.[0-9]+\\.[0-9]+"));
}

TEST_F(TemplateFunctionsTest, ArgumentsSplitOutsideQuotes) {
  std::vector<std::string_view> args = SplitFunctionArguments(" a, 'b, c' , ,'d' ");
  ASSERT_EQ(args.size(), 4u);
  EXPECT_EQ(args[0], "a");
  EXPECT_EQ(args[1], "b, c");
  EXPECT_EQ(args[2], "");
  EXPECT_EQ(args[3], "d");
  EXPECT_TRUE(SplitFunctionArguments("   ").empty());
  EXPECT_EQ(FindLastArgumentSeparator("a, 'b, c'"), 1u);
}

}  // namespace
}  // namespace mimic::tmpl
