// Format checks used when "format" asserts.

#include <gtest/gtest.h>

#include "schema/format_checks.h"

namespace mimic::schema {
namespace {

bool Check(const char* format, const char* value) {
  FormatCheck check = FindFormatCheck(format);
  EXPECT_NE(check, nullptr) << format;
  return check != nullptr && check(value);
}

TEST(SchemaFormats, Dates) {
  EXPECT_TRUE(Check("date", "2024-02-29"));
  EXPECT_FALSE(Check("date", "2023-02-29"));
  EXPECT_FALSE(Check("date", "2023-13-01"));
  EXPECT_FALSE(Check("date", "2023-1-01"));
  EXPECT_TRUE(Check("date-time", "2023-06-01T10:20:30Z"));
  EXPECT_TRUE(Check("date-time", "2023-06-01t10:20:30.123+02:00"));
  EXPECT_FALSE(Check("date-time", "2023-06-01 10:20:30Z"));
  EXPECT_FALSE(Check("date-time", "2023-06-01T10:20:30"));
  EXPECT_TRUE(Check("time", "23:59:60Z"));
  EXPECT_FALSE(Check("time", "22:59:60Z"));
  EXPECT_TRUE(Check("duration", "P1Y2M3DT4H5M6S"));
  EXPECT_TRUE(Check("duration", "P2W"));
  EXPECT_FALSE(Check("duration", "P1Y2D"));
  EXPECT_FALSE(Check("duration", "PT"));
}

TEST(SchemaFormats, NetworkNames) {
  EXPECT_TRUE(Check("email", "joe.bloggs@example.com"));
  EXPECT_TRUE(Check("email", "\"joe bloggs\"@example.com"));
  EXPECT_TRUE(Check("email", "joe@[127.0.0.1]"));
  EXPECT_FALSE(Check("email", "joe..bloggs@example.com"));
  EXPECT_FALSE(Check("email", "example.com"));
  EXPECT_TRUE(Check("hostname", "www.example.com"));
  EXPECT_FALSE(Check("hostname", "-bad.example.com"));
  EXPECT_TRUE(Check("ipv4", "192.168.0.1"));
  EXPECT_FALSE(Check("ipv4", "192.168.0.256"));
  EXPECT_FALSE(Check("ipv4", "01.2.3.4"));
  EXPECT_TRUE(Check("ipv6", "::1"));
  EXPECT_TRUE(Check("ipv6", "2001:db8::8a2e:370:7334"));
  EXPECT_TRUE(Check("ipv6", "::ffff:192.0.2.1"));
  EXPECT_FALSE(Check("ipv6", "1::2::3"));
  EXPECT_FALSE(Check("ipv6", "12345::"));
}

TEST(SchemaFormats, Identifiers) {
  EXPECT_TRUE(Check("uuid", "2eb8aa08-aa98-11ea-b4aa-73b441d16380"));
  EXPECT_FALSE(Check("uuid", "2eb8aa08aa9811eab4aa73b441d16380"));
  EXPECT_TRUE(Check("uri", "https://example.com/a?b=c#d"));
  EXPECT_TRUE(Check("uri", "urn:isbn:0451450523"));
  EXPECT_FALSE(Check("uri", "/relative/path"));
  EXPECT_FALSE(Check("uri", "http://example.com:abc/"));
  EXPECT_TRUE(Check("uri-reference", "/relative/path"));
  EXPECT_TRUE(Check("iri", "https://例子.测试/路径"));
  EXPECT_TRUE(Check("json-pointer", "/a~1b/0"));
  EXPECT_FALSE(Check("json-pointer", "/a~2"));
  EXPECT_TRUE(Check("relative-json-pointer", "1/a"));
  EXPECT_FALSE(Check("relative-json-pointer", "01/a"));
  EXPECT_TRUE(Check("uri-template", "https://example.com/{id}{?page,size}"));
  EXPECT_FALSE(Check("uri-template", "https://example.com/{id"));
  EXPECT_TRUE(Check("regex", "^[a-z]+\\d*$"));
  EXPECT_FALSE(Check("regex", "^(?P<name>a)$"));
  EXPECT_TRUE(Check("byte", "aGVsbG8="));
  EXPECT_FALSE(Check("byte", "aGVsbG8"));
}

TEST(SchemaFormats, UnknownFormatHasNoCheck) {
  EXPECT_EQ(FindFormatCheck("int32"), nullptr);
  EXPECT_EQ(FindFormatCheck("made-up"), nullptr);
}

}  // namespace
}  // namespace mimic::schema
