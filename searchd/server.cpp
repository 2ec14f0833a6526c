#include "server.hpp"

#include <libsearch/error.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <optional>
#include <thread>

#include <poll.h>

namespace searchd {

/// One connection: wait → read → answer → write, until the client or a limit ends it.
class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket&& socket, Server& server, ClientAddress peer, Server::Refusal refusal)
        : stream_(std::move(socket))
        , server_(server)
        , peer_(peer)
        , refusal_(refusal) {}

    ~Session() {
        release();
        if (refusal_ == Server::Refusal::none) {
            server_.clients_.close_connection(peer_);
        }
    }

    void run() {
        net::dispatch(stream_.get_executor(),
                      beast::bind_front_handler(&Session::read, shared_from_this()));
    }

    bool refused() const noexcept { return refusal_ != Server::Refusal::none; }

    /// Chosen to make room (Server::close_longest_idle): no longer counted against
    /// max_connections, and never chosen twice.
    bool leaving() const noexcept { return leaving_; }
    void set_leaving() noexcept { leaving_ = true; }

    /// Since when the connection has waited for a request (steady clock ticks), or 0 while
    /// it reads or answers one. Read by the acceptor to choose the longest idle.
    std::int64_t idle_since() const noexcept { return idle_since_.load(); }

    /// Called on stop, and to make room for a newcomer: a connection waiting for a request
    /// closes now; one reading or answering a request finishes it first.
    void close_if_idle() {
        // Posted, never run inline: the caller may hold the server's sessions mutex, which
        // close() takes.
        net::post(stream_.get_executor(), [self = shared_from_this()] {
            if (self->idle_since_ != 0) {
                self->close();
            }
        });
    }

    /// At the very end (Server::finish): closes whatever it is doing.
    void close_now() {
        net::post(stream_.get_executor(), [self = shared_from_this()] { self->close(); });
    }

private:
    void read() {
        // A keep-alive connection whose response was under way when the stop came: its
        // close_if_idle found it busy, so it closes here instead of waiting out
        // read_timeout_ms for a request it will not serve.
        if (server_.stopping_) {
            return close();
        }
        if (buffer_.size() > 0) {
            return read_request(); // the next pipelined request is here already
        }
        // A new connection gets a short wait for its first byte: one that says nothing holds
        // a connection for first_byte_timeout_ms, not the keep-alive time.
        stream_.expires_after(std::chrono::milliseconds(requests_ == 0
                                                            ? server_.limits_.first_byte_timeout_ms
                                                            : server_.limits_.read_timeout_ms));
        idle_since_ = std::chrono::steady_clock::now().time_since_epoch().count();
        stream_.async_read_some(
            buffer_.prepare(kFirstRead),
            beast::bind_front_handler(&Session::on_first_bytes, shared_from_this()));
    }

    void on_first_bytes(beast::error_code error, std::size_t bytes) {
        idle_since_ = 0;
        if (error) {
            return close(); // timed out, closed by the client, or closed to make room
        }
        buffer_.commit(bytes);
        read_request();
    }

    void read_request() {
        idle_since_ = 0;
        parser_.emplace();
        parser_->header_limit(server_.limits_.header_limit_bytes);
        parser_->body_limit(server_.limits_.body_limit_bytes);
        // One deadline for the whole request: slow-loris clients that drip a byte at a time
        // are cut off like idle ones.
        stream_.expires_after(std::chrono::milliseconds(server_.limits_.read_timeout_ms));
        http::async_read_header(stream_, buffer_, *parser_,
                                beast::bind_front_handler(&Session::on_header, shared_from_this()));
    }

    /// Only a POST (the admin routes) carries a body, and the bodies being read share one
    /// budget: a client cannot make the server hold its memory with unfinished uploads.
    void on_header(beast::error_code error, std::size_t bytes) {
        if (error) {
            return on_read(error, bytes);
        }
        if (refusal_ == Server::Refusal::server_full) {
            return refuse(http::status::service_unavailable, "busy",
                          "the server has all the connections it can hold; retry in a moment");
        }
        if (refusal_ == Server::Refusal::client_full) {
            return refuse(http::status::too_many_requests, "too_many_connections",
                          "this client has too many connections open; reuse them");
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
        Response response = error_response(11, status, code, message);
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
        const ClientAddress client = server_.clients_.client_of(peer_, request);
        if (const auto wait = server_.clients_.take_request(client)) {
            server_.metrics_.protected_by(Metrics::Protection::client_rate_limit);
            Handled limited{error_response(request.version(), http::status::too_many_requests,
                                           "rate_limited",
                                           "too many requests from this client; slow down")};
            limited.response.set(http::field::retry_after, std::to_string(wait->count()));
            return answer(std::move(limited), started);
        }
        if (!server_.router_.searches(request)) {
            return answer(server_.router_.handle(request), started);
        }
        auto self = shared_from_this();
        SearchPool::Job job{[self, started] { self->search(started); },
                            [self, started] {
                                net::post(self->stream_.get_executor(), [self, started] {
                                    self->answer(self->queue_full(self->version()), started);
                                });
                            }};
        if (!server_.pool_->submit(client, std::move(job))) {
            answer(queue_full(request.version()), started);
        }
    }

    unsigned version() const { return parser_->get().version(); }

    Handled queue_full(unsigned version) {
        server_.metrics_.protected_by(Metrics::Protection::search_queue_full);
        return Handled{error_response(version, http::status::service_unavailable, "busy",
                                      "too many searches are waiting; retry in a moment")};
    }

    /// On a search thread, while the connection waits with nothing under way on it: the
    /// search, unless the client has gone (asked before it starts and between its stages).
    void search(std::chrono::steady_clock::time_point started) {
        const int socket = stream_.socket().native_handle();
        const auto client_gone = [socket] {
            // The client closed its side: nobody will read the answer. (A client may only
            // half-close after its request; as nginx does, that counts as gone too.)
            pollfd watched{socket, POLLRDHUP, 0};
            return ::poll(&watched, 1, 0) > 0 &&
                   (watched.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
        };
        Handled handled;
        if (client_gone()) {
            handled.response = Response{kClientClosedRequest, version()};
        } else {
            handled = server_.router_.handle(parser_->get(), client_gone);
        }
        net::post(stream_.get_executor(),
                  [self = shared_from_this(), handled = std::move(handled), started]() mutable {
                      self->answer(std::move(handled), started);
                  });
    }

    void answer(Handled handled, std::chrono::steady_clock::time_point started) {
        const Request& request = parser_->get();
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const unsigned status = handled.response.result_int();
        server_.metrics_.request_finished(handled.route, status, seconds);
        server_.log_.write(to_std(request.method_string()), to_std(request.target()), status,
                           seconds * 1000, handled.hits);
        if (handled.response.result() == kClientClosedRequest) {
            server_.metrics_.protected_by(Metrics::Protection::search_cancelled);
            return close();
        }
        const bool keep_alive = request.keep_alive() && !server_.stopping_ &&
                                ++requests_ < server_.limits_.max_requests_per_connection;
        handled.response.keep_alive(keep_alive);
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
    /// What the first read of a request asks for: a typical request line and headers.
    static constexpr std::size_t kFirstRead = 2048;

    void close() {
        idle_since_ = 0;
        release();
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.close();
        server_.forget(this);
    }

    beast::tcp_stream stream_;
    Server& server_;
    const ClientAddress peer_;
    const Server::Refusal refusal_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    std::shared_ptr<Response> response_;
    std::array<char, 16 * 1024> discard_{};
    std::uint32_t requests_ = 0;
    std::atomic<std::int64_t> idle_since_{0};
    std::atomic<bool> leaving_{false};
    std::uint64_t held_ = 0; ///< of Server::body_bytes_held_, while this body is read
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
    , log_(log)
    , clients_(limits) {
    // One more than the cores: a client keeps at most all but one thread (SearchPool), so
    // one client alone still uses every core.
    const unsigned threads = limits.search_threads > 0
                                 ? limits.search_threads
                                 : std::max(1u, std::thread::hardware_concurrency()) + 1;
    pool_.emplace(threads, limits.search_queue_limit);
}

Server::~Server() {
    finish();
}

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
    beast::error_code error;
    const auto endpoint = socket.remote_endpoint(error);
    if (error) {
        return; // gone already
    }
    const ClientAddress peer = client_address(endpoint.address());
    std::shared_ptr<Session> session;
    {
        const std::lock_guard lock(sessions_mutex_);
        Refusal refusal = Refusal::none;
        if (sessions_.size() - refusing_ - leaving_ >= limits_.max_connections) {
            if (close_longest_idle()) {
                metrics_.protected_by(Metrics::Protection::idle_connection_closed);
            } else {
                refusal = Refusal::server_full;
                metrics_.protected_by(Metrics::Protection::connection_refused);
            }
        }
        if (refusal == Refusal::none && !clients_.open_connection(peer)) {
            refusal = Refusal::client_full;
            metrics_.protected_by(Metrics::Protection::client_connection_limit);
        }
        if (refusal != Refusal::none) {
            if (refusing_ >= kMaxRefusing) {
                socket.close(error); // a flood: not answered
                return;
            }
            ++refusing_;
        }
        session = std::make_shared<Session>(std::move(socket), *this, peer, refusal);
        sessions_.emplace(session.get(), session);
    }
    session->run();
}

bool Server::close_longest_idle() {
    std::shared_ptr<Session> longest;
    std::int64_t since = 0;
    for (const auto& [key, weak] : sessions_) {
        auto session = weak.lock();
        if (!session || session->refused() || session->leaving()) {
            continue;
        }
        const std::int64_t idle_since = session->idle_since();
        if (idle_since != 0 && (since == 0 || idle_since < since)) {
            since = idle_since;
            longest = std::move(session);
        }
    }
    if (!longest) {
        return false;
    }
    // The newcomer takes its place at once; it closes on its own strand (unless a request
    // arrived meanwhile: then it answers that first, and closes at the stop or its timeout).
    longest->set_leaving();
    ++leaving_;
    longest->close_if_idle();
    return true;
}

void Server::forget(Session* session) {
    const std::lock_guard lock(sessions_mutex_);
    const auto found = sessions_.find(session);
    if (found == sessions_.end()) {
        return; // closed twice
    }
    if (session->refused()) {
        --refusing_;
    } else if (session->leaving()) {
        --leaving_;
    }
    sessions_.erase(found);
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
            for (const auto& [key, weak] : sessions_) {
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

void Server::finish() {
    if (!pool_) {
        return;
    }
    stopping_ = true;
    pool_.reset(); // the searches still queued run; their answers are posted, not written
    // Whatever is still open (busy past the drain deadline) closes now: run the I/O context
    // once more so that every pending operation completes and releases its connection.
    io_.restart();
    {
        const std::lock_guard lock(sessions_mutex_);
        for (const auto& [key, weak] : sessions_) {
            if (auto session = weak.lock()) {
                session->close_now();
            }
        }
    }
    io_.run_for(std::chrono::seconds(2));
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
