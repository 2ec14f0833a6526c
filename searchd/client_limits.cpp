#include "client_limits.hpp"

#include <algorithm>
#include <cmath>

namespace searchd {

namespace {

std::optional<ClientAddress> parse_address(std::string_view text) {
    beast::error_code error;
    const auto address = net::ip::make_address(std::string(text), error);
    if (error) {
        return std::nullopt;
    }
    return client_address(address);
}

bool in_network(const ClientAddress& address, const ClientAddress& network, unsigned bits) {
    for (unsigned i = 0; i < 16 && bits > 0; ++i, bits -= std::min(bits, 8u)) {
        const unsigned char mask =
            bits >= 8 ? 0xff : static_cast<unsigned char>(0xff << (8 - bits));
        if ((address[i] & mask) != (network[i] & mask)) {
            return false;
        }
    }
    return true;
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

} // namespace

ClientAddress client_address(const net::ip::address& address) {
    if (address.is_v4()) {
        return net::ip::make_address_v6(net::ip::v4_mapped, address.to_v4()).to_bytes();
    }
    return address.to_v6().to_bytes();
}

std::string to_string(const ClientAddress& address) {
    const net::ip::address_v6 v6(address);
    return v6.is_v4_mapped() ? net::ip::make_address_v4(net::ip::v4_mapped, v6).to_string()
                             : v6.to_string();
}

std::size_t ClientAddressHash::operator()(const ClientAddress& address) const noexcept {
    std::size_t hash = 14695981039346656037ull; // FNV-1a
    for (const unsigned char byte : address) {
        hash = (hash ^ byte) * 1099511628211ull;
    }
    return hash;
}

ClientLimits::ClientLimits(const libsearch::ServerConfig& config)
    : max_connections_(config.max_connections_per_client)
    , rate_(config.client_requests_per_second)
    , burst_(std::max<double>(config.client_request_burst, 1)) {
    for (const auto& proxy : config.trusted_proxies) {
        const auto slash = proxy.find('/');
        const auto address = parse_address(std::string_view(proxy).substr(0, slash));
        if (!address) {
            continue; // the config reader refused it already
        }
        Network network{*address, 128};
        if (slash != std::string::npos) {
            const unsigned bits = static_cast<unsigned>(std::stoul(proxy.substr(slash + 1)));
            const bool v4 = proxy.find(':') == std::string::npos;
            network.prefix_bits = v4 ? 96 + bits : bits;
        }
        trusted_.push_back(network);
    }
}

bool ClientLimits::is_trusted_proxy(const ClientAddress& address) const {
    return std::any_of(trusted_.begin(), trusted_.end(), [&](const Network& network) {
        return in_network(address, network.address, network.prefix_bits);
    });
}

ClientAddress ClientLimits::client_of(const ClientAddress& peer, const Request& request) const {
    if (trusted_.empty() || !is_trusted_proxy(peer)) {
        return peer;
    }
    // Every X-Forwarded-For field, right to left: each proxy appends the address it heard from.
    std::vector<std::string_view> hops;
    const auto [first, last] = request.equal_range("X-Forwarded-For");
    for (auto field = first; field != last; ++field) {
        std::string_view list = to_std(field->value());
        while (!list.empty()) {
            const auto comma = list.find(',');
            hops.push_back(trimmed(list.substr(0, comma)));
            list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
        }
    }
    ClientAddress client = peer;
    for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
        const auto address = parse_address(*hop);
        if (!address) {
            break; // garbage: trust nothing further left
        }
        client = *address;
        if (!is_trusted_proxy(client)) {
            break;
        }
    }
    return client;
}

bool ClientLimits::open_connection(const ClientAddress& peer) {
    if (max_connections_ == 0 || is_trusted_proxy(peer)) {
        return true;
    }
    const std::lock_guard lock(mutex_);
    unsigned& open = connections_[peer];
    if (open >= max_connections_) {
        return false; // max_connections_ > 0, so the entry counts open connections already
    }
    ++open;
    return true;
}

void ClientLimits::close_connection(const ClientAddress& peer) {
    if (max_connections_ == 0 || is_trusted_proxy(peer)) {
        return;
    }
    const std::lock_guard lock(mutex_);
    const auto found = connections_.find(peer);
    if (found != connections_.end() && --found->second == 0) {
        connections_.erase(found);
    }
}

std::optional<std::chrono::seconds> ClientLimits::take_request(const ClientAddress& client) {
    if (rate_ <= 0) {
        return std::nullopt;
    }
    const auto now = std::chrono::steady_clock::now();
    const std::lock_guard lock(mutex_);
    if (buckets_.size() > kMaxIdleBuckets) {
        // Forget the clients whose buckets have refilled: they start full again anyway.
        for (auto it = buckets_.begin(); it != buckets_.end();) {
            const double idle = std::chrono::duration<double>(now - it->second.updated).count();
            it = it->second.tokens + idle * rate_ >= burst_ ? buckets_.erase(it) : std::next(it);
        }
    }
    auto [found, created] = buckets_.try_emplace(client, Bucket{burst_, now});
    Bucket& bucket = found->second;
    if (!created) {
        const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
        bucket.tokens = std::min(burst_, bucket.tokens + elapsed * rate_);
        bucket.updated = now;
    }
    if (bucket.tokens < 1) {
        return std::chrono::seconds(
            static_cast<long>(std::max(1.0, std::ceil((1 - bucket.tokens) / rate_))));
    }
    bucket.tokens -= 1;
    return std::nullopt;
}

} // namespace searchd
