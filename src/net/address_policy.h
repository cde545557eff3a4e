#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

struct sockaddr;

namespace mimic {

// Decides which peer addresses outbound calls made on behalf of mocks (PROXY
// dispatchers) may reach. Loopback, private, link-local (cloud metadata
// included), unique-local and unspecified addresses are refused unless an
// allow-list entry covers them.
class AddressPolicy {
 public:
  // Entries are CIDR ranges ("127.0.0.0/8", "::1/128") or single addresses.
  static Result<AddressPolicy> Parse(const std::vector<std::string>& allowed);

  bool IsAllowed(const sockaddr* address) const;
  // For messages: "127.0.0.1 (loopback)".
  static std::string Describe(const sockaddr* address);

  // Checks a URL whose host is an IP literal or "localhost" before any call is
  // made, so that a registration can be rejected at once. Returns a
  // description of the refused address, or "" when the host is allowed or is
  // a name that only a later connection can check.
  std::string RefusedLiteralHost(std::string_view url) const;

 private:
  struct Range {
    int family = 0;
    unsigned char bytes[16] = {};
    int prefix = 0;
  };
  std::vector<Range> allowed_;
};

}  // namespace mimic
