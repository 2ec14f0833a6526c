#include "serve_command.hpp"

#include "admin.hpp"
#include "server.hpp"

#include <libsearch/error.hpp>

#include <boost/asio/signal_set.hpp>

#include <iostream>
#include <thread>
#include <vector>

namespace searchd {

namespace {

/// Stops the I/O context once every connection has closed, or at the deadline, whatever is
/// still busy then.
void wait_for_drain(net::io_context& io,
                    Server& server,
                    std::chrono::steady_clock::time_point deadline) {
    auto timer = std::make_shared<net::steady_timer>(io, std::chrono::milliseconds(20));
    timer->async_wait([&io, &server, deadline, timer](beast::error_code) {
        if (server.open_connections() == 0 || std::chrono::steady_clock::now() >= deadline) {
            io.stop();
        } else {
            wait_for_drain(io, server, deadline);
        }
    });
}

} // namespace

int run_serve(const libsearch::Config& config, const ServeOptions& options) {
    const std::string format =
        options.log_format.empty() ? config.server.log_format : options.log_format;
    AccessLog log(format == "json" ? AccessLog::Format::json : AccessLog::Format::text);
    Metrics metrics;
    ThreadSearchers searchers(config);
    const AdminAuth admin(config.server.admin_token_file);
    ReindexJobs jobs(config, metrics);
    Router router(Services{config, searchers, metrics, admin, jobs});

    const unsigned threads = config.server.threads > 0
                                 ? config.server.threads
                                 : std::max(1u, std::thread::hardware_concurrency());
    net::io_context io(static_cast<int>(threads));
    Server server(io, config.server, router, metrics, log);
    server.listen(parse_listen_address(config.server.listen));

    std::string error;
    if (searchers.for_this_thread(error) == nullptr) {
        std::cerr << "searchd: no index to serve yet (" << error
                  << "); answering 503 until one is published\n";
    }
    const auto endpoint = server.local_endpoint();
    std::cerr << "searchd: serving " << config.index.path.string() << " on http://"
              << endpoint.address().to_string() << ":" << endpoint.port() << "/ with " << threads
              << " I/O threads and " << server.search_threads() << " search threads\n";

    net::signal_set signals(io, SIGINT, SIGTERM, SIGHUP);
    std::function<void(beast::error_code, int)> on_signal = [&](beast::error_code signal_error,
                                                                int signal) {
        if (signal_error) {
            return;
        }
        if (signal == SIGHUP) {
            searchers.reload();
            std::cerr << "searchd: SIGHUP: reopening the index\n";
            signals.async_wait(on_signal);
            return;
        }
        std::cerr << "searchd: stopping: finishing requests in flight\n";
        server.stop();
        signals.cancel();
        wait_for_drain(io, server, std::chrono::steady_clock::now() + std::chrono::seconds(10));
    };
    signals.async_wait(on_signal);

    std::vector<std::thread> workers;
    for (unsigned i = 1; i < threads; ++i) {
        workers.emplace_back([&io] { io.run(); });
    }
    io.run();
    for (auto& worker : workers) {
        worker.join();
    }
    server.finish();
    std::cerr << "searchd: stopped\n";
    return 0;
}

} // namespace searchd
