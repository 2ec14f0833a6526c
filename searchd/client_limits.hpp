#pragma once

#include "http.hpp"

#include <libsearch/config.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

namespace searchd {

/// A client address in one form for both families (IPv4 as IPv4-mapped IPv6), to key tables.
using ClientAddress = std::array<unsigned char, 16>;
ClientAddress client_address(const net::ip::address& address);
std::string to_string(const ClientAddress& address);
struct ClientAddressHash {
    std::size_t operator()(const ClientAddress& address) const noexcept;
};

/// How much of the server one client may hold, as nginx's limit_conn and limit_req: open
/// connections per address, and requests per second from a token bucket. Behind a trusted
/// reverse proxy the client is the address X-Forwarded-For names, and the proxy's own
/// connections are not limited (it carries everyone's). Thread-safe: one small mutex, held for
/// a table look-up.
class ClientLimits {
public:
    /// server.trusted_proxies must already be valid (the config reader checked them).
    explicit ClientLimits(const libsearch::ServerConfig& config);

    bool is_trusted_proxy(const ClientAddress& address) const;

    /// Who sent `request` over a connection from `peer`: the peer itself, or when the peer is a
    /// trusted proxy, the last address of X-Forwarded-For that is not one (the ones before it
    /// were written by whoever the proxy heard from, and may be forged).
    ClientAddress client_of(const ClientAddress& peer, const Request& request) const;

    /// Counts a new connection from `peer`; false (and nothing counted) when it holds
    /// server.max_connections_per_client already.
    bool open_connection(const ClientAddress& peer);
    void close_connection(const ClientAddress& peer);

    /// Spends one request of the client's bucket: nullopt when it may go ahead, else how long
    /// until it could (for Retry-After).
    std::optional<std::chrono::seconds> take_request(const ClientAddress& client);

private:
    struct Network {
        ClientAddress address{};
        unsigned prefix_bits = 128;
    };
    struct Bucket {
        double tokens = 0;
        std::chrono::steady_clock::time_point updated;
    };
    /// Buckets of clients quiet long enough to be full again are forgotten past this many.
    static constexpr std::size_t kMaxIdleBuckets = 10'000;

    const unsigned max_connections_;
    const double rate_;
    const double burst_;
    std::vector<Network> trusted_;
    std::mutex mutex_;
    std::unordered_map<ClientAddress, unsigned, ClientAddressHash> connections_;
    std::unordered_map<ClientAddress, Bucket, ClientAddressHash> buckets_;
};

} // namespace searchd
