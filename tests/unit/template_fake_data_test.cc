#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>
#include <thread>

#include "template/fake_data.h"
#include "template/random_engine.h"

namespace mimic::tmpl {
namespace {

TEST(TemplateFakeData, UuidFormat) {
  std::mt19937_64 engine(7);
  std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string value = fake::Uuid(engine);
    ASSERT_TRUE(std::regex_match(value, uuid)) << value;
    seen.insert(value);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(TemplateFakeData, AlphaNumericLength) {
  std::mt19937_64 engine(7);
  EXPECT_EQ(fake::AlphaNumeric(engine, 0), "");
  std::string value = fake::AlphaNumeric(engine, 1000);
  EXPECT_EQ(value.size(), 1000u);
  EXPECT_EQ(
      value.find_first_not_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
      std::string::npos);
}

TEST(TemplateFakeData, NamesVary) {
  std::mt19937_64 engine(7);
  std::set<std::string> first_names;
  std::set<std::string> last_names;
  for (int i = 0; i < 200; ++i) {
    first_names.insert(fake::FirstName(engine));
    last_names.insert(fake::LastName(engine));
  }
  EXPECT_GT(first_names.size(), 30u);
  EXPECT_GT(last_names.size(), 30u);
}

TEST(TemplateFakeData, EmailUsesReservedDomains) {
  std::mt19937_64 engine(7);
  std::regex email("[a-z]+\\.[a-z]+@example\\.(com|org|net)");
  for (int i = 0; i < 100; ++i) {
    std::string value = fake::Email(engine);
    ASSERT_TRUE(std::regex_match(value, email)) << value;
  }
}

TEST(TemplateFakeData, CountryCodeIsTwoLetters) {
  std::mt19937_64 engine(7);
  std::regex code("[A-Z]{2}");
  for (int i = 0; i < 100; ++i) {
    std::string value = fake::CountryCode(engine);
    ASSERT_TRUE(std::regex_match(value, code)) << value;
  }
}

TEST(TemplateFakeData, PriceHasTwoDecimals) {
  std::mt19937_64 engine(7);
  std::regex price("[1-9][0-9]{0,2}\\.[0-9]{2}");
  for (int i = 0; i < 200; ++i) {
    std::string value = fake::Price(engine);
    ASSERT_TRUE(std::regex_match(value, price)) << value;
  }
}

TEST(TemplateFakeData, SameSeedSameSequence) {
  std::mt19937_64 first(99);
  std::mt19937_64 second(99);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(fake::FullName(first), fake::FullName(second));
}

TEST(TemplateRandomEngine, RangeIsInclusive) {
  std::mt19937_64 engine(3);
  std::set<int64_t> seen;
  for (int i = 0; i < 200; ++i) seen.insert(RandomInRange(engine, -1, 1));
  EXPECT_EQ(seen, (std::set<int64_t>{-1, 0, 1}));
}

TEST(TemplateRandomEngine, ThreadEnginesDiffer) {
  uint64_t main_value = ThreadRandomEngine()();
  uint64_t other_value = 0;
  std::thread thread([&other_value] { other_value = ThreadRandomEngine()(); });
  thread.join();
  EXPECT_NE(main_value, other_value);
}

}  // namespace
}  // namespace mimic::tmpl
