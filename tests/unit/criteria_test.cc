#include "dispatch/criteria.h"

#include <gtest/gtest.h>

namespace mimic::dispatch {
namespace {

TEST(Criteria, PartsSortedAndFiltered) {
  EXPECT_EQ(BuildPartsCriteria("owner && car", {{"owner", "laurent"}, {"car", "307"}, {"x", "1"}}),
            "/car=307/owner=laurent");
  EXPECT_EQ(BuildPartsCriteria("petId", {{"petId", "2"}}), "/petId=2");
}

TEST(Criteria, ParamsSortedByKeyThenValue) {
  EXPECT_EQ(BuildParamsCriteria("page && limit", {{"page", "1"}, {"limit", "20"}}),
            "?limit=20?page=1");
  EXPECT_EQ(BuildParamsCriteria("status && page",
                                {{"status", "busy"}, {"page", "1"}, {"status", "available"}}),
            "?page=1?status=available?status=busy");
}

TEST(Criteria, ParamsDropEmptyValuesAndUnknownNames) {
  EXPECT_EQ(BuildParamsCriteria("page", {{"page", ""}, {"other", "1"}}), "");
}

TEST(Criteria, ParamsMatchWholeNamesOnly) {
  EXPECT_EQ(BuildParamsCriteria("page", {{"p", "1"}, {"page", "2"}}), "?page=2");
  EXPECT_EQ(BuildParamsCriteria("user-id", {{"user", "1"}}), "");
}

TEST(Criteria, ElementsSplitOnQuestionMarks) {
  EXPECT_EQ(PartsRules("owner ?? page && limit"), "owner");
  EXPECT_EQ(ParamsRules("owner ?? page && limit"), "page && limit");
  EXPECT_EQ(ParamsRules("owner"), "");
}

TEST(Criteria, HeadersIgnoreCase) {
  EXPECT_EQ(BuildHeadersCriteria("x-tenant", {{"X-Tenant", "acme"}}), "?x-tenant=acme");
}

TEST(Criteria, FallbackUnwrapped) {
  auto root = ResolveRootDispatcher(
      "FALLBACK", R"({"dispatcher": "URI_PARAMS", "dispatcherRules": "type", "fallback": "gen"})");
  EXPECT_TRUE(root.valid);
  EXPECT_EQ(root.dispatcher, "URI_PARAMS");
  EXPECT_EQ(root.rules, "type");
  EXPECT_EQ(root.fallback, "gen");
}

TEST(Criteria, BrokenFallbackRules) {
  auto root = ResolveRootDispatcher("FALLBACK", "not json");
  EXPECT_FALSE(root.valid);
}

}  // namespace
}  // namespace mimic::dispatch
