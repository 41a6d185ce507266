// Who is on the other end: the socket's address, or, behind a trusted reverse proxy, the client
// that proxy names in X-Forwarded-For. Rate limits and connection caps key on a client key:
// the address for IPv4, the /64 network for IPv6 (one household or phone gets a whole /64).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace jiceng::core::http {

// True if address is one of the entries: an address ("10.0.0.1") or a CIDR range
// ("10.0.0.0/8", "fd00::/8"). Unparseable entries match nothing.
bool AddressIn(std::string_view address, const std::vector<std::string>& entries);

// The client's address: the socket address unless it is a trusted proxy; then the rightmost
// X-Forwarded-For entry that is not itself trusted (the ones left of it are client-written and
// may be forged). A malformed header falls back to the socket address.
std::string ClientAddress(std::string_view socket_address, std::string_view forwarded_for,
                          const std::vector<std::string>& trusted_proxies);

// The key limits count by: IPv4 (and IPv4-mapped IPv6) as is, IPv6 as its /64
// ("2001:db8:1:2::/64").
std::string ClientKey(std::string_view address);

}  // namespace jiceng::core::http
