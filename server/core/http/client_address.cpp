#include "core/http/client_address.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>

namespace jiceng::core::http {

namespace ip = boost::asio::ip;

namespace {

std::string Trim(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  std::size_t e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

// v4-mapped v6 ("::ffff:10.0.0.1", as a dual-stack socket reports IPv4 peers) as plain v4.
ip::address Plain(const ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, a.to_v6());
  return a;
}

bool Parse(std::string_view text, ip::address& out) {
  boost::system::error_code ec;
  out = ip::make_address(Trim(text), ec);
  if (ec) return false;
  out = Plain(out);
  return true;
}

bool Matches(const ip::address& a, const std::string& entry) {
  boost::system::error_code ec;
  if (entry.find('/') == std::string::npos) {
    ip::address e;
    return Parse(entry, e) && e == a;
  }
  if (a.is_v4()) {
    auto net = ip::make_network_v4(entry, ec);
    if (ec) return false;
    return ip::make_network_v4(a.to_v4(), net.prefix_length()).canonical() == net.canonical();
  }
  auto net = ip::make_network_v6(entry, ec);
  if (ec) return false;
  return ip::make_network_v6(a.to_v6(), net.prefix_length()).canonical() == net.canonical();
}

}  // namespace

bool AddressIn(std::string_view address, const std::vector<std::string>& entries) {
  ip::address a;
  if (!Parse(address, a)) return false;
  for (const auto& e : entries)
    if (Matches(a, e)) return true;
  return false;
}

std::string ClientAddress(std::string_view socket_address, std::string_view forwarded_for,
                          const std::vector<std::string>& trusted_proxies) {
  std::string client(socket_address);
  if (trusted_proxies.empty() || forwarded_for.empty() ||
      !AddressIn(socket_address, trusted_proxies)) {
    return client;
  }
  // Right to left: each hop appended the address it saw.
  std::size_t end = forwarded_for.size();
  while (true) {
    std::size_t comma = forwarded_for.rfind(',', end == 0 ? 0 : end - 1);
    std::size_t start = (comma == std::string_view::npos || comma >= end) ? 0 : comma + 1;
    ip::address hop;
    if (!Parse(forwarded_for.substr(start, end - start), hop)) return client;
    client = hop.to_string();
    if (start == 0 || !AddressIn(client, trusted_proxies)) return client;
    end = start - 1;
  }
}

std::string ClientKey(std::string_view address) {
  ip::address a;
  if (!Parse(address, a)) return std::string(address);
  if (a.is_v4()) return a.to_string();
  return ip::make_network_v6(a.to_v6(), 64).canonical().to_string();
}

}  // namespace jiceng::core::http
