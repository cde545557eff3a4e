#include "importer/artifact_type.h"

#include <gtest/gtest.h>

namespace mimic {
namespace {

ArtifactType TypeOf(const std::string& content) {
  auto detected = DetectArtifact(content);
  EXPECT_TRUE(detected) << (detected ? "" : detected.error().message);
  return detected ? detected->type : ArtifactType::kHar;
}

TEST(DetectArtifact, FromContentNotName) {
  EXPECT_EQ(TypeOf("openapi: 3.0.2\ninfo: {title: a, version: '1'}\n"), ArtifactType::kOpenApi);
  EXPECT_EQ(TypeOf("{\"openapi\": \"3.1.0\"}"), ArtifactType::kOpenApi);
  EXPECT_EQ(TypeOf("{\"swagger\": \"2.0\"}"), ArtifactType::kSwagger);
  EXPECT_EQ(TypeOf("asyncapi: 2.6.0\n"), ArtifactType::kAsyncApi);
  EXPECT_EQ(TypeOf("kind: APIMetadata\nmetadata: {}\n"), ArtifactType::kApiMetadata);
  EXPECT_EQ(TypeOf("kind: APIExamples\n"), ArtifactType::kApiExamples);
  EXPECT_EQ(TypeOf("{\"info\": {\"_postman_id\": \"x\"}, \"item\": []}"),
            ArtifactType::kPostmanCollection);
  EXPECT_EQ(TypeOf("{\"log\": {\"entries\": []}}"), ArtifactType::kHar);
  EXPECT_EQ(TypeOf("<?xml version=\"1.0\"?><con:soapui-project/>"), ArtifactType::kSoapUiProject);
  EXPECT_EQ(TypeOf("syntax = \"proto3\";\npackage a;\n"), ArtifactType::kProtobuf);
  EXPECT_EQ(TypeOf("# microcksId: Movies : 1.0\ntype Query {\n  a: String\n}\n"),
            ArtifactType::kGraphqlSchema);
}

TEST(DetectArtifact, UnknownListsAcceptedTypes) {
  auto detected = DetectArtifact("hello: world\n");
  ASSERT_FALSE(detected);
  EXPECT_EQ(detected.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(detected.error().message.find("Unknown artifact type"), std::string::npos);
  EXPECT_NE(detected.error().message.find("OpenAPI 3.0/3.1"), std::string::npos);
}

TEST(DetectArtifact, EmptyIsRejected) {
  auto detected = DetectArtifact("  \n ");
  ASSERT_FALSE(detected);
  EXPECT_NE(detected.error().message.find("empty"), std::string::npos);
}

TEST(DetectArtifact, OpenApiTwoIsRejected) {
  auto detected = DetectArtifact("openapi: 2.0\n");
  ASSERT_FALSE(detected);
  EXPECT_EQ(detected.error().code, ErrorCode::kUnsupported);
}

TEST(DetectArtifact, SyntaxErrorPropagates) {
  auto detected = DetectArtifact("openapi: 3.0.0\ninfo: [\n");
  ASSERT_FALSE(detected);
  EXPECT_NE(detected.error().message.find("line"), std::string::npos);
}

}  // namespace
}  // namespace mimic
