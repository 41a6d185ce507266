// The client behind a reverse proxy, and the keys limits count by: X-Forwarded-For is believed
// only from a trusted proxy, and only its rightmost untrusted entry; IPv6 counts by /64.
#include "core/http/client_address.hpp"

#include <gtest/gtest.h>

namespace jiceng::core::http {
namespace {

const std::vector<std::string> kProxies = {"127.0.0.1", "10.0.0.0/8", "fd00::/8"};

TEST(ClientAddress, HeaderIgnoredUnlessTheSocketIsATrustedProxy) {
  EXPECT_EQ(ClientAddress("203.0.113.7", "198.51.100.1", kProxies), "203.0.113.7");
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.1", {}), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "", kProxies), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.1", kProxies), "198.51.100.1");
  EXPECT_EQ(ClientAddress("::ffff:127.0.0.1", "198.51.100.1", kProxies), "198.51.100.1");
}

TEST(ClientAddress, TheRightmostUntrustedHopWinsSoForgedEntriesDoNot) {
  // The client wrote "1.2.3.4" itself; the proxy appended what it saw.
  EXPECT_EQ(ClientAddress("127.0.0.1", "1.2.3.4, 198.51.100.1", kProxies), "198.51.100.1");
  // Two proxies in a row (10.1.2.3 is trusted): the hop before them.
  EXPECT_EQ(ClientAddress("127.0.0.1", "1.2.3.4, 198.51.100.1, 10.1.2.3", kProxies),
            "198.51.100.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", " 2001:db8::5 ", kProxies), "2001:db8::5");
  // Garbage falls back to the socket address rather than to a made-up client.
  EXPECT_EQ(ClientAddress("127.0.0.1", "not-an-ip", kProxies), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "1.2.3.4, <script>", kProxies), "127.0.0.1");
}

TEST(ClientAddress, RangesMatchAtTheirEdges) {
  EXPECT_TRUE(AddressIn("10.0.0.0", kProxies));
  EXPECT_TRUE(AddressIn("10.255.255.255", kProxies));
  EXPECT_FALSE(AddressIn("11.0.0.0", kProxies));
  EXPECT_FALSE(AddressIn("9.255.255.255", kProxies));
  EXPECT_TRUE(AddressIn("fdff:ffff::1", kProxies));
  EXPECT_FALSE(AddressIn("fe00::1", kProxies));
  EXPECT_FALSE(AddressIn("127.0.0.2", kProxies));
  EXPECT_FALSE(AddressIn("10.0.0.1", {"bogus/8", "10.0.0.0/99"}));
}

TEST(ClientKey, IPv6CountsByItsSlash64) {
  EXPECT_EQ(ClientKey("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
  EXPECT_EQ(ClientKey("2001:db8:1:2:ffff:ffff:ffff:ffff"), "2001:db8:1:2::/64");
  EXPECT_NE(ClientKey("2001:db8:1:3::1"), ClientKey("2001:db8:1:2::1"));
  EXPECT_EQ(ClientKey("198.51.100.1"), "198.51.100.1");
  EXPECT_EQ(ClientKey("::ffff:198.51.100.1"), "198.51.100.1");
}

}  // namespace
}  // namespace jiceng::core::http
