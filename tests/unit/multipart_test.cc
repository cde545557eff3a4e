#include "api/multipart.h"

#include <gtest/gtest.h>

namespace mimic {
namespace {

TEST(ParseMultipart, FileAndField) {
  std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"api.yaml\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\nopenapi: 3.0.0\n\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"mainArtifact\"\r\n\r\nfalse\r\n--XyZ--\r\n";
  auto parts = ParseMultipart("multipart/form-data; boundary=XyZ", body);
  ASSERT_TRUE(parts) << parts.error().message;
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "file");
  EXPECT_EQ((*parts)[0].filename, "api.yaml");
  EXPECT_EQ((*parts)[0].body, "openapi: 3.0.0\n");
  EXPECT_EQ((*parts)[1].name, "mainArtifact");
  EXPECT_EQ((*parts)[1].body, "false");
}

TEST(ParseMultipart, QuotedBoundary) {
  std::string body = "--a b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--a b--";
  auto parts = ParseMultipart("multipart/form-data; boundary=\"a b\"", body);
  ASSERT_TRUE(parts) << parts.error().message;
  EXPECT_EQ((*parts)[0].body, "1");
}

TEST(ParseMultipart, RejectsOtherContentTypes) {
  auto parts = ParseMultipart("application/json", "{}");
  ASSERT_FALSE(parts);
  EXPECT_NE(parts.error().message.find("multipart/form-data"), std::string::npos);
}

TEST(ParseMultipart, RejectsTruncatedBody) {
  auto parts = ParseMultipart("multipart/form-data; boundary=b",
                              "--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc");
  ASSERT_FALSE(parts);
}

}  // namespace
}  // namespace mimic
