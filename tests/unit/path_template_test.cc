#include "dispatch/path_template.h"

#include <gtest/gtest.h>

namespace mimic {
namespace {

TEST(SplitDecodedPath, DecodesSegments) {
  auto segments = SplitDecodedPath("/pastry/Eclair%20Cafe/");
  ASSERT_EQ(segments.size(), 2u);
  EXPECT_EQ(segments[1], "Eclair Cafe");
  EXPECT_EQ(SplitDecodedPath("/a+b")[0], "a b");
  EXPECT_TRUE(SplitDecodedPath("").empty());
  EXPECT_TRUE(SplitDecodedPath("/").empty());
}

TEST(SplitDecodedPath, EncodedSlashStaysInSegment) {
  auto segments = SplitDecodedPath("/files/a%2Fb");
  ASSERT_EQ(segments.size(), 2u);
  EXPECT_EQ(segments[1], "a/b");
}

TEST(PathTemplate, MatchesBracesAndColons) {
  NameValueList params;
  EXPECT_TRUE(PathTemplate::Parse("/owner/{owner}/car/{car}")
                  .Match(SplitDecodedPath("/owner/laurent/car/307"), &params));
  ASSERT_EQ(params.size(), 2u);
  EXPECT_EQ(params[0], (std::pair<std::string, std::string>{"owner", "laurent"}));
  params.clear();
  EXPECT_TRUE(PathTemplate::Parse("/order/:id").Match(SplitDecodedPath("/order/42"), &params));
  EXPECT_EQ(params[0].second, "42");
}

TEST(PathTemplate, SegmentCountRespected) {
  auto path = PathTemplate::Parse("/pastry/{name}");
  EXPECT_FALSE(path.Match(SplitDecodedPath("/pastry"), nullptr));
  EXPECT_FALSE(path.Match(SplitDecodedPath("/pastry/a/b"), nullptr));
  EXPECT_TRUE(path.Match(SplitDecodedPath("/pastry/a/"), nullptr));
}

TEST(PathTemplate, ParameterWithSuffix) {
  NameValueList params;
  auto path = PathTemplate::Parse("/deployment/byComponent/{component}/{version}.json");
  EXPECT_TRUE(path.Match(SplitDecodedPath("/deployment/byComponent/myComp/1.2.json"), &params));
  ASSERT_EQ(params.size(), 2u);
  EXPECT_EQ(params[1].second, "1.2");
}

TEST(PathTemplate, AnyCharacterInValue) {
  NameValueList params;
  EXPECT_TRUE(PathTemplate::Parse("/pets/{id}").Match(SplitDecodedPath("/pets/a:b@c!$"), &params));
  EXPECT_EQ(params[0].second, "a:b@c!$");
}

TEST(PathTemplate, ExpandEncodes) {
  auto path = PathTemplate::Parse("/pastry/{name}");
  EXPECT_EQ(path.Expand({{"name", "Eclair Cafe"}}), "/pastry/Eclair%20Cafe");
}

TEST(PathTemplate, RootPath) {
  auto path = PathTemplate::Parse("/");
  EXPECT_EQ(path.segment_count(), 0u);
  EXPECT_TRUE(path.Match(SplitDecodedPath("/"), nullptr));
}

}  // namespace
}  // namespace mimic
