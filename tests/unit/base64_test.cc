#include "common/base64.h"

#include <gtest/gtest.h>

namespace mimic {
namespace {

TEST(Base64, EncodesWithPadding) {
  EXPECT_EQ(EncodeBase64(""), "");
  EXPECT_EQ(EncodeBase64("f"), "Zg==");
  EXPECT_EQ(EncodeBase64("fo"), "Zm8=");
  EXPECT_EQ(EncodeBase64("foo"), "Zm9v");
  EXPECT_EQ(EncodeBase64(std::string("\xff\x00\x10", 3)), "/wAQ");
}

TEST(Base64, DecodesWrappedText) {
  EXPECT_EQ(DecodeBase64("Zm9v\r\nYmFy"), "foobar");
  EXPECT_EQ(DecodeBase64("Zg=="), "f");
  EXPECT_EQ(DecodeBase64(EncodeBase64(std::string("\x89PNG\x00", 5))),
            std::string("\x89PNG\x00", 5));
  EXPECT_FALSE(DecodeBase64("not*base64"));
}

}  // namespace
}  // namespace mimic
