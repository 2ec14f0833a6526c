#pragma once

#include "admin.hpp"
#include "http.hpp"
#include "metrics.hpp"
#include "thread_searcher.hpp"

#include <libsearch/config.hpp>
#include <libsearch/error.hpp>

#include <functional>
#include <string>

namespace searchd {

/// What the handlers need; owned by main() (or a test), shared by every I/O thread.
struct Services {
    const libsearch::Config& config;
    ThreadSearchers& searchers;
    Metrics& metrics;
    const AdminAuth& admin;
    ReindexJobs& jobs;
};

/// Asked between the stages of a search: true when nobody waits for the answer any more.
using Cancelled = std::function<bool()>;

/// A response, and what the access log and the metrics say about it.
struct Handled {
    Response response;
    std::string route = "other"; ///< the route's path, or "other" (bounded metric labels)
    long long hits = -1;         ///< hits returned, for /search
};

/// PRODUCT.md's HTTP API v1 in one route table, and a pure request → response function that
/// tests call without sockets (Beast's handle_request shape). Never throws: every failure is
/// a JSON error body with a 4xx/5xx status.
class Router {
public:
    explicit Router(Services services)
        : services_(services) {}

    /// Answers a request. A search asks `cancelled` between its stages and gives up (an
    /// empty 499 response, never sent) when it says the client has gone.
    Handled handle(const Request& request, const Cancelled& cancelled = {});

    /// Whether the request runs a search (/search, /suggest): work that grows with the query,
    /// for a search thread. Everything else is answered at once on the I/O thread.
    bool searches(const Request& request) const;

private:
    Services services_;
};

/// nginx's status for a request whose client went away before the answer: logged, never sent.
inline constexpr auto kClientClosedRequest = static_cast<http::status>(499);

/// The one table from libsearch error codes to HTTP statuses.
http::status status_for(libsearch::ErrorCode code) noexcept;

/// {"error": {"code", "message"}} with the right headers.
Response error_response(unsigned version,
                        http::status status,
                        std::string_view code,
                        std::string_view message);

} // namespace searchd
