#include "net/address_policy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

#include <boost/url/parse.hpp>

#include "common/strings.h"

namespace mimic {
namespace {

bool PrefixMatches(const unsigned char* address, const unsigned char* network, int prefix) {
  int full_bytes = prefix / 8;
  if (std::memcmp(address, network, static_cast<size_t>(full_bytes)) != 0) return false;
  int rest = prefix % 8;
  if (rest == 0) return true;
  unsigned char mask = static_cast<unsigned char>(0xFF << (8 - rest));
  return (address[full_bytes] & mask) == (network[full_bytes] & mask);
}

// Returns why an IPv4 address is special, or nullptr for a public address.
const char* SpecialIpv4(const unsigned char* a) {
  if (a[0] == 127) return "loopback";
  if (a[0] == 10) return "private";
  if (a[0] == 172 && (a[1] & 0xF0) == 16) return "private";
  if (a[0] == 192 && a[1] == 168) return "private";
  if (a[0] == 169 && a[1] == 254) return "link-local or cloud metadata";
  if (a[0] == 100 && (a[1] & 0xC0) == 64) return "shared address space";
  if (a[0] == 0) return "unspecified";
  if (a[0] >= 224) return "multicast or reserved";
  return nullptr;
}

const char* SpecialAddress(const sockaddr* address) {
  if (address->sa_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(address);
    return SpecialIpv4(reinterpret_cast<const unsigned char*>(&v4->sin_addr));
  }
  if (address->sa_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(address);
    const unsigned char* a = v6->sin6_addr.s6_addr;
    static const unsigned char kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    if (std::memcmp(a, kMappedPrefix, 12) == 0) return SpecialIpv4(a + 12);
    static const unsigned char kZero[16] = {};
    if (std::memcmp(a, kZero, 15) == 0) return a[15] == 1 ? "loopback" : "unspecified";
    if ((a[0] & 0xFE) == 0xFC) return "unique local";
    if (a[0] == 0xFE && (a[1] & 0xC0) == 0x80) return "link-local";
    if (a[0] == 0xFF) return "multicast";
    return nullptr;
  }
  return "not an IP address";
}

}  // namespace

Result<AddressPolicy> AddressPolicy::Parse(const std::vector<std::string>& allowed) {
  AddressPolicy policy;
  for (const std::string& entry : allowed) {
    std::string_view text = Trim(entry);
    if (text.empty()) continue;
    Range range;
    std::string host(text.substr(0, text.find('/')));
    if (inet_pton(AF_INET, host.c_str(), range.bytes) == 1) {
      range.family = AF_INET;
      range.prefix = 32;
    } else if (inet_pton(AF_INET6, host.c_str(), range.bytes) == 1) {
      range.family = AF_INET6;
      range.prefix = 128;
    } else {
      return MakeError(ErrorCode::kInvalidArgument,
                       "Invalid allow-list entry '" + entry +
                           "': expected an IP address or CIDR range such as 127.0.0.0/8.");
    }
    size_t slash = text.find('/');
    if (slash != std::string_view::npos) {
      int limit = range.prefix;
      std::string digits(text.substr(slash + 1));
      char* end = nullptr;
      long prefix = std::strtol(digits.c_str(), &end, 10);
      if (digits.empty() || *end != '\0' || prefix < 0 || prefix > limit) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "Invalid prefix length in allow-list entry '" + entry + "'.");
      }
      range.prefix = static_cast<int>(prefix);
    }
    policy.allowed_.push_back(range);
  }
  return policy;
}

bool AddressPolicy::IsAllowed(const sockaddr* address) const {
  if (SpecialAddress(address) == nullptr) return true;
  const unsigned char* bytes = nullptr;
  int family = address->sa_family;
  unsigned char mapped[4];
  if (family == AF_INET) {
    bytes = reinterpret_cast<const unsigned char*>(
        &reinterpret_cast<const sockaddr_in*>(address)->sin_addr);
  } else if (family == AF_INET6) {
    bytes = reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr.s6_addr;
    static const unsigned char kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    if (std::memcmp(bytes, kMappedPrefix, 12) == 0) {
      std::memcpy(mapped, bytes + 12, 4);
      bytes = mapped;
      family = AF_INET;
    }
  } else {
    return false;
  }
  for (const Range& range : allowed_) {
    if (range.family == family && PrefixMatches(bytes, range.bytes, range.prefix)) return true;
  }
  return false;
}

std::string AddressPolicy::Describe(const sockaddr* address) {
  char text[INET6_ADDRSTRLEN] = "?";
  if (address->sa_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, text,
              sizeof(text));
  } else if (address->sa_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, text,
              sizeof(text));
  }
  const char* kind = SpecialAddress(address);
  return kind ? std::string(text) + " (" + kind + ")" : std::string(text);
}

std::string AddressPolicy::RefusedLiteralHost(std::string_view url) const {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return "";
  std::string host = ToLower(std::string(parsed->host()));
  if (!host.empty() && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  if (host == "localhost") host = "127.0.0.1";
  sockaddr_in v4{};
  sockaddr_in6 v6{};
  const sockaddr* address = nullptr;
  if (inet_pton(AF_INET, host.c_str(), &v4.sin_addr) == 1) {
    v4.sin_family = AF_INET;
    address = reinterpret_cast<const sockaddr*>(&v4);
  } else if (inet_pton(AF_INET6, host.c_str(), &v6.sin6_addr) == 1) {
    v6.sin6_family = AF_INET6;
    address = reinterpret_cast<const sockaddr*>(&v6);
  }
  if (address == nullptr || IsAllowed(address)) return "";
  return Describe(address);
}

}  // namespace mimic
