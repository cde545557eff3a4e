#include "net/address_policy.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <gtest/gtest.h>

namespace mimic {
namespace {

sockaddr_storage Address(const char* text) {
  sockaddr_storage storage{};
  auto* v4 = reinterpret_cast<sockaddr_in*>(&storage);
  if (inet_pton(AF_INET, text, &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    return storage;
  }
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&storage);
  inet_pton(AF_INET6, text, &v6->sin6_addr);
  v6->sin6_family = AF_INET6;
  return storage;
}

bool Allowed(const AddressPolicy& policy, const char* text) {
  sockaddr_storage storage = Address(text);
  return policy.IsAllowed(reinterpret_cast<const sockaddr*>(&storage));
}

TEST(AddressPolicy, RefusesSpecialAddressesByDefault) {
  auto policy = AddressPolicy::Parse({});
  ASSERT_TRUE(policy);
  for (const char* address : {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1",
                              "169.254.169.254", "0.0.0.0", "::1", "fd00::1", "fe80::1",
                              "::ffff:127.0.0.1", "100.64.0.1"}) {
    EXPECT_FALSE(Allowed(*policy, address)) << address;
  }
  EXPECT_TRUE(Allowed(*policy, "93.184.216.34"));
  EXPECT_TRUE(Allowed(*policy, "2606:4700::1"));
}

TEST(AddressPolicy, AllowListOpensRanges) {
  auto policy = AddressPolicy::Parse({"127.0.0.0/8", "::1"});
  ASSERT_TRUE(policy);
  EXPECT_TRUE(Allowed(*policy, "127.0.0.1"));
  EXPECT_TRUE(Allowed(*policy, "127.9.9.9"));
  EXPECT_TRUE(Allowed(*policy, "::1"));
  EXPECT_TRUE(Allowed(*policy, "::ffff:127.0.0.1"));
  EXPECT_FALSE(Allowed(*policy, "10.0.0.1"));
  EXPECT_FALSE(Allowed(*policy, "169.254.169.254"));
}

TEST(AddressPolicy, InvalidEntries) {
  EXPECT_FALSE(AddressPolicy::Parse({"localhost"}));
  EXPECT_FALSE(AddressPolicy::Parse({"10.0.0.0/33"}));
  EXPECT_FALSE(AddressPolicy::Parse({"10.0.0.0/x"}));
}

TEST(AddressPolicy, DescribeNamesKind) {
  sockaddr_storage storage = Address("169.254.169.254");
  EXPECT_EQ(AddressPolicy::Describe(reinterpret_cast<const sockaddr*>(&storage)),
            "169.254.169.254 (link-local or cloud metadata)");
}

}  // namespace
}  // namespace mimic
