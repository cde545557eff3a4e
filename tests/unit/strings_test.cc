#include "common/strings.h"

#include <gtest/gtest.h>

namespace mimic {
namespace {

TEST(PercentDecode, PlusAsSpace) {
  EXPECT_EQ(PercentDecode("API+Pastry+-+2.0", true), "API Pastry - 2.0");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
}

TEST(PercentDecode, Utf8Escapes) { EXPECT_EQ(PercentDecode("caf%C3%A9"), "caf\xC3\xA9"); }

TEST(PercentDecode, MalformedEscapeKept) {
  EXPECT_EQ(PercentDecode("100%"), "100%");
  EXPECT_EQ(PercentDecode("%zz"), "%zz");
  EXPECT_EQ(PercentDecode("%4"), "%4");
}

TEST(PercentEncode, ReservedCharacters) {
  EXPECT_EQ(PercentEncode("a b/c"), "a%20b%2Fc");
  EXPECT_EQ(PercentEncode("a b/c", "/"), "a%20b/c");
}

TEST(LineAndColumn, CountsNewlines) {
  int line = 0;
  int column = 0;
  LineAndColumn("ab\ncd\nef", 4, &line, &column);
  EXPECT_EQ(line, 2);
  EXPECT_EQ(column, 2);
}

}  // namespace
}  // namespace mimic

namespace mimic {
namespace {

TEST(EscapeUnsafeUrlBytes, EncodesOnlyUnsafeBytes) {
  EXPECT_EQ(EscapeUnsafeUrlBytes("http://h/a b?q=1&r=%20"), "http://h/a%20b?q=1&r=%20");
  EXPECT_EQ(EscapeUnsafeUrlBytes("http://h/{x}|\"\xc3\xa9"), "http://h/%7Bx%7D%7C%22%C3%A9");
  EXPECT_EQ(EscapeUnsafeUrlBytes(""), "");
}

}  // namespace
}  // namespace mimic
