#include "server.hpp"

#include <libsearch/error.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <optional>

namespace searchd {

/// One connection: read → handle → write, until the client or a limit ends it.
class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket&& socket, Server& server)
        : stream_(std::move(socket))
        , server_(server) {}

    void run() {
        net::dispatch(stream_.get_executor(),
                      beast::bind_front_handler(&Session::read, shared_from_this()));
    }

    /// Called on stop: an idle connection closes now; a busy one after its response.
    void close_if_idle() {
        net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
            if (self->idle_) {
                beast::error_code ignored;
                self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
                self->stream_.close();
            }
        });
    }

private:
    void read() {
        // A keep-alive connection whose response was under way when the stop came: its
        // close_if_idle found it busy, so it closes here instead of waiting out
        // read_timeout_ms for a request it will not serve.
        if (server_.stopping_) {
            return close();
        }
        parser_.emplace();
        parser_->header_limit(server_.limits_.header_limit_bytes);
        parser_->body_limit(server_.limits_.body_limit_bytes);
        // One deadline for waiting and reading the whole request: slow-loris clients that
        // drip a byte at a time are cut off like idle ones.
        stream_.expires_after(std::chrono::milliseconds(server_.limits_.read_timeout_ms));
        idle_ = true;
        http::async_read_header(stream_, buffer_, *parser_,
                                beast::bind_front_handler(&Session::on_header, shared_from_this()));
    }

    /// Only a POST (the admin routes) carries a body, and the bodies being read share one
    /// budget: a client cannot make the server hold its memory with unfinished uploads.
    void on_header(beast::error_code error, std::size_t bytes) {
        if (error) {
            return on_read(error, bytes);
        }
        if (parser_->get().method() != http::verb::post) {
            // A body where none is read (the header's length was checked against the
            // limit already; a later limit would not be): refused from its header.
            if (parser_->content_length().value_or(0) > 0 || parser_->chunked()) {
                return refuse(http::status::payload_too_large, "body_too_large",
                              "this method takes no request body");
            }
        } else {
            const std::uint64_t limit = server_.limits_.body_limit_bytes;
            const std::uint64_t wanted = std::min<std::uint64_t>(
                parser_->content_length().value_or(limit), limit); // over: 413 as it comes
            if (!reserve(wanted)) {
                return refuse(http::status::service_unavailable, "busy",
                              "too many request bodies are being read; retry in a moment");
            }
        }
        http::async_read(stream_, buffer_, *parser_,
                         beast::bind_front_handler(&Session::on_read, shared_from_this()));
    }

    /// Answers from the header alone, then closes (the body is not read).
    void refuse(http::status status, std::string_view code, std::string_view message) {
        idle_ = false;
        Response response = error_response(11, status, code, message);
        if (status == http::status::service_unavailable) {
            response.set(http::field::retry_after, "1");
        }
        response.keep_alive(false);
        server_.metrics_.request_started();
        server_.metrics_.request_finished("other", response.result_int(), 0);
        server_.log_.write(to_std(parser_->get().method_string()), to_std(parser_->get().target()),
                           response.result_int(), 0, -1);
        write(std::move(response), false, /*linger=*/true);
    }

    bool reserve(std::uint64_t bytes) {
        const std::uint64_t budget = Server::kBodyBudgetRequests *
                                     std::max<std::uint64_t>(server_.limits_.body_limit_bytes, 1);
        std::uint64_t held = server_.body_bytes_held_.load();
        do {
            if (held + bytes > budget) {
                return false;
            }
        } while (!server_.body_bytes_held_.compare_exchange_weak(held, held + bytes));
        held_ = bytes;
        return true;
    }

    void release() {
        server_.body_bytes_held_ -= held_;
        held_ = 0;
    }

    void on_read(beast::error_code error, std::size_t /*bytes*/) {
        idle_ = false;
        release();
        if (error == http::error::end_of_stream || error == net::error::operation_aborted ||
            error == beast::error::timeout || error == net::error::connection_reset ||
            error == net::error::eof) {
            return close();
        }
        if (error) {
            // A request that cannot be parsed gets its status, then the connection closes
            // (its framing cannot be trusted).
            http::status status = http::status::bad_request;
            std::string code = "bad_request";
            if (error == http::error::header_limit) {
                status = http::status::request_header_fields_too_large;
                code = "headers_too_large";
            } else if (error == http::error::body_limit) {
                status = http::status::payload_too_large;
                code = "body_too_large";
            }
            Response response = error_response(11, status, code, error.message());
            response.keep_alive(false);
            server_.metrics_.request_started();
            server_.metrics_.request_finished("other", response.result_int(), 0);
            server_.log_.write("-", "(unparsable request)", response.result_int(), 0, -1);
            return write(std::move(response), false, /*linger=*/true);
        }
        const Request& request = parser_->get();
        const auto started = std::chrono::steady_clock::now();
        server_.metrics_.request_started();
        Handled handled = server_.router_.handle(request);
        const bool keep_alive = request.keep_alive() && !server_.stopping_ &&
                                ++requests_ < server_.limits_.max_requests_per_connection;
        handled.response.keep_alive(keep_alive);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        server_.metrics_.request_finished(handled.route, handled.response.result_int(), seconds);
        server_.log_.write(to_std(request.method_string()), to_std(request.target()),
                           handled.response.result_int(), seconds * 1000, handled.hits);
        write(std::move(handled.response), keep_alive);
    }

    void write(Response&& response, bool keep_alive, bool linger = false) {
        response_ = std::make_shared<Response>(std::move(response));
        stream_.expires_after(std::chrono::milliseconds(server_.limits_.read_timeout_ms));
        http::async_write(
            stream_, *response_,
            [self = shared_from_this(), keep_alive, linger](beast::error_code error, std::size_t) {
                self->response_.reset();
                if (!error && linger) {
                    return self->linger();
                }
                if (error || !keep_alive) {
                    return self->close();
                }
                self->read();
            });
    }

    /// After an error response to a request whose body was not read (413, 400): stop
    /// sending, then read and drop what the client is still sending for a moment before
    /// closing. Closing with unread bytes makes the kernel send a reset, which can destroy
    /// the response before the client reads it (nginx's "lingering close").
    void linger() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.expires_after(kLingerTime);
        drain(0);
    }

    void drain(std::size_t drained) {
        if (drained > kLingerBytes) {
            return close();
        }
        stream_.async_read_some(
            net::buffer(discard_),
            [self = shared_from_this(), drained](beast::error_code error, std::size_t bytes) {
                if (error) {
                    return self->close(); // the client is done (EOF), or the deadline passed
                }
                self->drain(drained + bytes);
            });
    }

    static constexpr auto kLingerTime = std::chrono::seconds(2);
    static constexpr std::size_t kLingerBytes = 8 * 1024 * 1024;

    void close() {
        release();
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.close();
        server_.forget(this);
    }

    beast::tcp_stream stream_;
    Server& server_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    std::shared_ptr<Response> response_;
    std::array<char, 16 * 1024> discard_{};
    std::uint32_t requests_ = 0;
    bool idle_ = true;
    std::uint64_t held_ = 0; ///< of Server::body_bytes_held_, while this body is read

public:
    ~Session() { release(); }
};

Server::Server(net::io_context& io,
               const libsearch::ServerConfig& limits,
               Router& router,
               Metrics& metrics,
               AccessLog& log)
    : io_(io)
    , acceptor_(net::make_strand(io))
    , limits_(limits)
    , router_(router)
    , metrics_(metrics)
    , log_(log) {}

void Server::listen(const tcp::endpoint& endpoint) {
    beast::error_code error;
    acceptor_.open(endpoint.protocol(), error);
    if (!error) {
        acceptor_.set_option(net::socket_base::reuse_address(true), error);
    }
    if (!error) {
        acceptor_.bind(endpoint, error);
    }
    if (!error) {
        acceptor_.listen(net::socket_base::max_listen_connections, error);
    }
    if (error) {
        throw libsearch::Error(libsearch::ErrorCode::invalid_config,
                               "cannot listen on " + endpoint.address().to_string() + ":" +
                                   std::to_string(endpoint.port()) + ": " + error.message());
    }
    accept();
}

void Server::accept() {
    acceptor_.async_accept(net::make_strand(io_),
                           beast::bind_front_handler(&Server::on_accept, this));
}

void Server::on_accept(beast::error_code error, tcp::socket socket) {
    if (stopping_) {
        return;
    }
    if (!error) {
        admit(std::move(socket));
    }
    // Take every connection already waiting, not one per turn of the event loop: under load
    // a turn lasts as long as the searches queued in it, and a burst of new connections (a
    // client opening its pool) would wait for one turn each, up to seconds for the last.
    beast::error_code ignored;
    acceptor_.non_blocking(true, ignored);
    for (;;) {
        tcp::socket waiting(net::make_strand(io_));
        beast::error_code none_left;
        acceptor_.accept(waiting, none_left); // would_block once the backlog is empty
        if (none_left) {
            break;
        }
        admit(std::move(waiting));
    }
    accept();
}

void Server::admit(tcp::socket socket) {
    std::shared_ptr<Session> session;
    {
        const std::lock_guard lock(sessions_mutex_);
        if (sessions_.size() >= limits_.max_connections) {
            metrics_.connection_rejected();
            beast::error_code ignored;
            socket.close(ignored); // over the limit: closed at once, never queued
            return;
        }
        session = std::make_shared<Session>(std::move(socket), *this);
        sessions_.insert(session);
    }
    session->run();
}

void Server::forget(Session* session) {
    const std::lock_guard lock(sessions_mutex_);
    for (auto it = sessions_.begin(); it != sessions_.end();) {
        const auto locked = it->lock();
        if (!locked || locked.get() == session) {
            it = sessions_.erase(it);
        } else {
            ++it;
        }
    }
}

std::size_t Server::open_connections() {
    const std::lock_guard lock(sessions_mutex_);
    return sessions_.size();
}

void Server::stop() {
    net::post(acceptor_.get_executor(), [this] {
        stopping_ = true;
        beast::error_code ignored;
        acceptor_.close(ignored);
        std::vector<std::shared_ptr<Session>> open;
        {
            const std::lock_guard lock(sessions_mutex_);
            for (const auto& weak : sessions_) {
                if (auto session = weak.lock()) {
                    open.push_back(std::move(session));
                }
            }
        }
        for (const auto& session : open) {
            session->close_if_idle();
        }
    });
}

tcp::endpoint parse_listen_address(const std::string& listen) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon + 1 >= listen.size()) {
        throw libsearch::Error(libsearch::ErrorCode::invalid_config,
                               "server.listen: expected address:port, got '" + listen + "'");
    }
    std::string host = listen.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    if (host == "localhost") {
        host = "127.0.0.1";
    }
    const std::string port_text = listen.substr(colon + 1);
    unsigned long port = 0;
    try {
        std::size_t used = 0;
        port = std::stoul(port_text, &used);
        if (used != port_text.size() || port > 65535) {
            throw std::invalid_argument("port");
        }
    } catch (const std::exception&) {
        throw libsearch::Error(libsearch::ErrorCode::invalid_config,
                               "server.listen: bad port in '" + listen + "'");
    }
    beast::error_code error;
    const auto address = net::ip::make_address(host, error);
    if (error) {
        throw libsearch::Error(libsearch::ErrorCode::invalid_config,
                               "server.listen: '" + host + "' is not an IP address");
    }
    return {address, static_cast<unsigned short>(port)};
}

} // namespace searchd
