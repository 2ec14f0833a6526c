#pragma once

#include "access_log.hpp"
#include "http.hpp"
#include "metrics.hpp"
#include "routes.hpp"

#include <libsearch/config.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <set>

namespace searchd {

class Session;

/// The listener and its sessions, in the shape of Beast's async HTTP server: each connection
/// reads a request (header and body limits, one timer for the whole read so a slow client
/// cannot hold it open), hands it to the Router, writes the response, and reads the next
/// (keep-alive; pipelined requests are answered in order, one at a time). Over
/// server.max_connections, a new connection is closed at once.
class Server {
public:
    Server(net::io_context& io,
           const libsearch::ServerConfig& limits,
           Router& router,
           Metrics& metrics,
           AccessLog& log);

    /// Binds and listens; throws libsearch::Error(invalid_config) when the address is unusable.
    void listen(const tcp::endpoint& endpoint);
    tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

    /// Graceful stop: no new connections; idle ones close now, busy ones after their
    /// response. Safe to call from any thread (it posts to the I/O context).
    void stop();

    std::size_t open_connections();

private:
    friend class Session;
    void accept();
    void on_accept(beast::error_code error, tcp::socket socket);
    void admit(tcp::socket socket);
    void forget(Session* session);

    net::io_context& io_;
    tcp::acceptor acceptor_;
    const libsearch::ServerConfig& limits_;
    Router& router_;
    Metrics& metrics_;
    AccessLog& log_;
    std::atomic<bool> stopping_{false};
    /// Bytes of request bodies being read, over all connections: at most
    /// kBodyBudgetRequests × server.body_limit_bytes (500 slow 1 MiB uploads held 500 MiB).
    std::atomic<std::uint64_t> body_bytes_held_{0};
    static constexpr std::uint64_t kBodyBudgetRequests = 8;
    std::mutex sessions_mutex_;
    std::set<std::weak_ptr<Session>, std::owner_less<std::weak_ptr<Session>>> sessions_;
};

/// "127.0.0.1:8080", "[::1]:8080", "localhost:8080" → an endpoint; throws libsearch::Error.
tcp::endpoint parse_listen_address(const std::string& listen);

} // namespace searchd
