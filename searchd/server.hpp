#pragma once

#include "access_log.hpp"
#include "client_limits.hpp"
#include "http.hpp"
#include "metrics.hpp"
#include "routes.hpp"
#include "search_pool.hpp"

#include <libsearch/config.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace searchd {

class Session;

/// The listener and its sessions, in the shape of Beast's async HTTP server: each connection
/// waits for a request (server.first_byte_timeout_ms on a new connection, read_timeout_ms
/// between keep-alive requests), reads it (header and body limits, one deadline for the
/// whole request so a slow client cannot hold it open), answers it, and waits for the next.
/// Searches run on the SearchPool, everything else on the I/O thread that read it, so
/// /health and /metrics answer at once however busy the searches are.
///
/// Nobody is locked out: over server.max_connections the longest-idle connection is closed
/// to make room, and when none is idle the newcomer gets 503 with Retry-After, never a
/// reset; one client address holds at most max_connections_per_client connections and sends
/// at most client_requests_per_second (429 beyond).
class Server {
public:
    Server(net::io_context& io,
           const libsearch::ServerConfig& limits,
           Router& router,
           Metrics& metrics,
           AccessLog& log);
    ~Server();

    /// Binds and listens; throws libsearch::Error(invalid_config) when the address is unusable.
    void listen(const tcp::endpoint& endpoint);
    tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

    /// Graceful stop: no new connections; idle ones close now, busy ones after their
    /// response. Safe to call from any thread (it posts to the I/O context).
    void stop();

    /// After the I/O threads have returned: finishes the searches still queued, then closes
    /// every connection left, so that nothing refers to the server once it is gone.
    void finish();

    std::size_t open_connections();
    unsigned search_threads() const noexcept { return pool_->threads(); }

private:
    friend class Session;
    /// Why a connection is answered with an error and closed instead of served.
    enum class Refusal { none, server_full, client_full };

    void accept();
    void on_accept(beast::error_code error, tcp::socket socket);
    void admit(tcp::socket socket);
    /// Closes the connection idle longest; false when none is idle. With sessions_mutex_ held.
    bool close_longest_idle();
    void forget(Session* session);

    net::io_context& io_;
    tcp::acceptor acceptor_;
    const libsearch::ServerConfig& limits_;
    Router& router_;
    Metrics& metrics_;
    AccessLog& log_;
    ClientLimits clients_;
    std::optional<SearchPool> pool_;
    std::atomic<bool> stopping_{false};
    /// Bytes of request bodies being read, over all connections: at most
    /// kBodyBudgetRequests × server.body_limit_bytes (500 slow 1 MiB uploads held 500 MiB).
    std::atomic<std::uint64_t> body_bytes_held_{0};
    static constexpr std::uint64_t kBodyBudgetRequests = 8;
    /// Connections being refused (answered 503/429, then closed) at once; past this they
    /// are closed unanswered, as a flood is not owed a reply.
    static constexpr std::size_t kMaxRefusing = 64;
    std::mutex sessions_mutex_;
    std::unordered_map<const Session*, std::weak_ptr<Session>> sessions_;
    std::size_t refusing_ = 0; ///< of sessions_, those being refused
    std::size_t leaving_ = 0;  ///< of sessions_, those closed to make room (Session::leaving)
};

/// "127.0.0.1:8080", "[::1]:8080", "localhost:8080" → an endpoint; throws libsearch::Error.
tcp::endpoint parse_listen_address(const std::string& listen);

} // namespace searchd
