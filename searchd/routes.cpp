#include "routes.hpp"

#include "api_error.hpp"
#include "search_params.hpp"
#include "url.hpp"
#include "web_assets.hpp"

#include <libsearch/error.hpp>
#include <libsearch/json.hpp>

#include <algorithm>
#include <array>

namespace searchd {

namespace {

/// One request as a handler sees it.
struct Call {
    const Request& request;
    const Target& target;
    Services& services;
    const Cancelled& cancelled;
};

using Handler = Handled (*)(const Call&);

struct Route {
    std::string_view path;
    http::verb method;
    Handler handler;
    /// Reads the index with work that grows with the query: runs on a search thread.
    bool searches = false;
};

Response json_response(unsigned version, http::status status, const nlohmann::json& body) {
    Response response{status, version};
    response.set(http::field::content_type, "application/json; charset=utf-8");
    response.set(http::field::cache_control, "no-store");
    response.set("X-Content-Type-Options", "nosniff");
    response.body() = libsearch::dump_json(body);
    response.prepare_payload();
    return response;
}

libsearch::Searcher& searcher_or_throw(Services& services) {
    std::string error;
    libsearch::Searcher* searcher = services.searchers.for_this_thread(error);
    if (searcher == nullptr) {
        throw ApiError(http::status::service_unavailable, "index_unavailable", error);
    }
    return *searcher;
}

Handled served_by(libsearch::Searcher& searcher, Response response) {
    response.set("X-Index-Generation", searcher.generation());
    return Handled{std::move(response)};
}

Handled search(const Call& call) {
    auto& searcher = searcher_or_throw(call.services);
    auto query =
        search_query_from(call.target.params, searcher.facet_names(), call.services.config.server);
    query.cancelled = call.cancelled;
    // After `locale`: what the browser says the visitor reads.
    const auto header = call.request.find(http::field::accept_language);
    if (header != call.request.end()) {
        for (auto& language : accepted_languages(to_std(header->value()))) {
            query.languages.push_back(std::move(language));
        }
    }
    const auto result = searcher.search(query);
    Response response =
        json_response(call.request.version(), http::status::ok, libsearch::to_json(result));
    // The stop words may depend on it (caches must keep answers per language).
    response.set(http::field::vary, "Accept-Language");
    Handled handled = served_by(searcher, std::move(response));
    handled.hits = static_cast<long long>(result.hits.size());
    return handled;
}

Handled suggest(const Call& call) {
    auto& searcher = searcher_or_throw(call.services);
    const auto query = suggest_query_from(call.target.params, searcher.facet_names());
    return served_by(searcher, json_response(call.request.version(), http::status::ok,
                                             libsearch::to_json(searcher.suggest(query))));
}

/// What makes an index that answers still not one a site should rely on: no pages at all,
/// or no update for longer than index.stale_after_hours (a reindex job that stopped).
nlohmann::json health_problems(const libsearch::Searcher& searcher,
                               const libsearch::Config& config) {
    auto problems = nlohmann::json::array();
    if (searcher.document_count() == 0) {
        problems.push_back("the index has no pages");
    }
    if (config.index.stale_after_hours > 0) {
        const auto age = std::chrono::system_clock::now() - searcher.updated_at();
        if (age > std::chrono::hours(config.index.stale_after_hours)) {
            problems.push_back(
                "the index was last updated " +
                std::to_string(std::chrono::duration_cast<std::chrono::hours>(age).count()) +
                " hours ago, over index.stale_after_hours (" +
                std::to_string(config.index.stale_after_hours) + ")");
        }
    }
    return problems;
}

Handled health(const Call& call) {
    const Request& request = call.request;
    Services& services = call.services;
    auto& searcher = searcher_or_throw(services);
    services.metrics.index_state(searcher.document_count(), searcher.generation());
    auto problems = health_problems(searcher, services.config);
    // Still 200: the index answers, and a load balancer must not take every replica out
    // for it; the status and the problems say what to look at.
    nlohmann::json body = {{"status", problems.empty() ? "ok" : "degraded"},
                           {"documents", searcher.document_count()},
                           {"generation", searcher.generation()},
                           {"indexed_at", searcher.indexed_at()}};
    if (!problems.empty()) {
        body["problems"] = std::move(problems);
    }
    return served_by(searcher, json_response(request.version(), http::status::ok, body));
}

Handled metrics(const Call& call) {
    const Request& request = call.request;
    Services& services = call.services;
    std::string ignored;
    if (auto* searcher = services.searchers.for_this_thread(ignored)) {
        services.metrics.index_state(searcher->document_count(), searcher->generation());
    }
    Response response{http::status::ok, request.version()};
    response.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
    response.body() = services.metrics.render();
    response.prepare_payload();
    return Handled{std::move(response)};
}

/// The search page allows only its own scripts and styles and talks only to this server:
/// whatever a page of the index holds can run nothing.
constexpr std::string_view kPageSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// GET of a web asset (the page, its scripts and styles, the widget), compiled into the
/// binary.
Handled web_asset(const Call& call) {
    const Request& request = call.request;
    const Target& target = call.target;
    for (const auto& asset : web_assets()) {
        if (asset.path != target.path) {
            continue;
        }
        Response response{http::status::ok, request.version()};
        response.set(http::field::content_type, std::string(asset.content_type));
        response.set(http::field::cache_control, "no-cache"); // revalidate: a new build is new
        response.set("X-Content-Type-Options", "nosniff");
        if (asset.path == "/") {
            response.set("Content-Security-Policy", std::string(kPageSecurityPolicy));
            response.set("Referrer-Policy", "same-origin");
        } else {
            // The widget and its module are loaded by other sites' pages.
            response.set("Cross-Origin-Resource-Policy", "cross-origin");
        }
        response.body() = std::string(asset.body);
        response.prepare_payload();
        return Handled{std::move(response)};
    }
    throw ApiError(http::status::not_found, "not_found", "no such page");
}

/// The admin routes want "Authorization: Bearer <token>", never a token in the URL (query
/// strings end up in logs and proxies).
void authorize(const Request& request, const Target& target, Services& services) {
    for (const auto& [name, value] : target.params) {
        if (name == "token" || name == "access_token" || name == "api_key") {
            throw ApiError(
                http::status::bad_request, "token_in_url",
                "send the admin token in an Authorization: Bearer header, not in the URL");
        }
    }
    if (!services.admin.enabled()) {
        throw ApiError(http::status::forbidden, "admin_disabled",
                       "admin routes are off: set server.admin_token_file to turn them on");
    }
    const auto authorization = request.find(http::field::authorization);
    if (authorization == request.end() || !services.admin.accepts(to_std(authorization->value()))) {
        throw ApiError(http::status::unauthorized, "unauthorized",
                       "a valid admin bearer token is required");
    }
}

/// The body of POST /admin/reindex: empty, or {"full": bool, "allow_mass_delete": bool}.
ReindexRequest reindex_request_of(const Request& request) {
    ReindexRequest wanted;
    if (request.body().empty()) {
        return wanted;
    }
    const auto body = nlohmann::json::parse(request.body(), nullptr, false);
    if (!body.is_object()) {
        throw ApiError(http::status::bad_request, "invalid_body",
                       "the body must be empty or a JSON object such as {\"full\": true}");
    }
    for (const auto& [key, value] : body.items()) {
        bool* flag = key == "full"                ? &wanted.full
                     : key == "allow_mass_delete" ? &wanted.allow_mass_delete
                                                  : nullptr;
        if (flag == nullptr || !value.is_boolean()) {
            throw ApiError(http::status::bad_request, "invalid_body",
                           "'" + key.substr(0, 40) +
                               "': the body takes full and allow_mass_delete, as booleans");
        }
        *flag = value.get<bool>();
    }
    return wanted;
}

Handled start_reindex(const Call& call) {
    const Request& request = call.request;
    Services& services = call.services;
    authorize(request, call.target, services);
    const auto job = services.jobs.start(reindex_request_of(request));
    if (!job) {
        throw ApiError(http::status::conflict, "reindex_running", "a reindex is already running");
    }
    return Handled{json_response(request.version(), http::status::accepted,
                                 {{"job", *job}, {"state", "running"}})};
}

Handled reindex_status(const Call& call) {
    authorize(call.request, call.target, call.services);
    return Handled{
        json_response(call.request.version(), http::status::ok, call.services.jobs.status())};
}

// The route table: every route of the daemon, in one place.
constexpr std::array kRoutes = {
    Route{"/search", http::verb::get, search, true},
    Route{"/suggest", http::verb::get, suggest, true},
    Route{"/health", http::verb::get, health},
    Route{"/metrics", http::verb::get, metrics},
    Route{"/admin/reindex", http::verb::post, start_reindex},
    Route{"/admin/reindex", http::verb::get, reindex_status},
};

/// The routes of `path`: the table's, or GET of a web asset (the page, its scripts and
/// styles, the widget), whose list is the one searchd/CMakeLists.txt embeds.
std::vector<Route> routes_of(std::string_view path) {
    std::vector<Route> found;
    for (const auto& route : kRoutes) {
        if (route.path == path) {
            found.push_back(route);
        }
    }
    const auto& assets = web_assets();
    if (std::any_of(assets.begin(), assets.end(),
                    [&](const WebAsset& asset) { return asset.path == path; })) {
        found.push_back(Route{path, http::verb::get, web_asset});
    }
    return found;
}

std::string allowed_methods(std::string_view path) {
    std::string allowed;
    for (const auto& route : routes_of(path)) {
        allowed += (allowed.empty() ? "" : ", ") + std::string(http::to_string(route.method));
        if (route.method == http::verb::get) {
            allowed += ", HEAD";
        }
    }
    return allowed + (allowed.empty() ? "" : ", OPTIONS");
}

/// CORS per server.cors_origins: the origin is echoed when listed ("*" allows any).
void add_cors(const Request& request, const libsearch::ServerConfig& server, Response& response) {
    const auto origin = request.find(http::field::origin);
    if (origin == request.end()) {
        return;
    }
    const auto& allowed = server.cors_origins;
    const bool any = std::find(allowed.begin(), allowed.end(), "*") != allowed.end();
    const bool listed = std::find(allowed.begin(), allowed.end(),
                                  std::string(to_std(origin->value()))) != allowed.end();
    if (any || listed) {
        response.set(http::field::access_control_allow_origin,
                     any ? std::string("*") : std::string(to_std(origin->value())));
        const auto vary = response.find(http::field::vary);
        response.set(http::field::vary, vary == response.end()
                                            ? std::string("Origin")
                                            : std::string(to_std(vary->value())) + ", Origin");
    }
}

} // namespace

http::status status_for(libsearch::ErrorCode code) noexcept {
    switch (code) {
    case libsearch::ErrorCode::invalid_argument:
        return http::status::bad_request;
    case libsearch::ErrorCode::index_busy:
    case libsearch::ErrorCode::mass_delete: // the request conflicts with the guard
        return http::status::conflict;
    case libsearch::ErrorCode::index_unavailable:
    case libsearch::ErrorCode::index_format:
    case libsearch::ErrorCode::io_error:
        return http::status::service_unavailable;
    case libsearch::ErrorCode::cancelled:
        return kClientClosedRequest;
    case libsearch::ErrorCode::invalid_config:
    case libsearch::ErrorCode::internal:
        return http::status::internal_server_error;
    }
    return http::status::internal_server_error;
}

Response error_response(unsigned version,
                        http::status status,
                        std::string_view code,
                        std::string_view message) {
    Response response =
        json_response(version, status, {{"error", {{"code", code}, {"message", message}}}});
    if (status == http::status::unauthorized) {
        response.set(http::field::www_authenticate, "Bearer");
    }
    if (status == http::status::service_unavailable || status == http::status::too_many_requests) {
        response.set(http::field::retry_after, "1");
    }
    return response;
}

bool Router::searches(const Request& request) const {
    const http::verb method =
        request.method() == http::verb::head ? http::verb::get : request.method();
    std::string path;
    try {
        path = parse_path(to_std(request.target())); // as handle() reads it: %-decoded
    } catch (const ApiError&) {
        return false; // a 400, answered at once
    }
    return std::any_of(kRoutes.begin(), kRoutes.end(), [&](const Route& route) {
        return route.searches && route.method == method && route.path == path;
    });
}

Handled Router::handle(const Request& request, const Cancelled& cancelled) {
    const unsigned version = request.version();
    Handled handled;
    try {
        if (version == 11 && request.find(http::field::host) == request.end()) {
            throw ApiError(http::status::bad_request, "bad_request",
                           "HTTP/1.1 requests need a Host header");
        }
        const Target target = parse_target(to_std(request.target()));
        const std::vector<Route> path_routes = routes_of(target.path);
        if (path_routes.empty()) {
            throw ApiError(http::status::not_found, "not_found",
                           "no route " + target.path.substr(0, 100));
        }
        handled.route = target.path;
        if (request.method() == http::verb::options) {
            handled.response = Response{http::status::no_content, version};
            handled.response.set(http::field::allow, allowed_methods(target.path));
            handled.response.set(http::field::access_control_allow_methods,
                                 allowed_methods(target.path));
            handled.response.set(http::field::access_control_allow_headers,
                                 "Authorization, Content-Type");
            handled.response.set(http::field::access_control_max_age, "600");
        } else {
            // HEAD is GET without the body (RFC 9110 §9.3.2) on every GET route.
            const http::verb method =
                request.method() == http::verb::head ? http::verb::get : request.method();
            const auto route =
                std::find_if(path_routes.begin(), path_routes.end(),
                             [&](const Route& candidate) { return candidate.method == method; });
            if (route == path_routes.end()) {
                throw ApiError(http::status::method_not_allowed, "method_not_allowed",
                               std::string(to_std(request.method_string())).substr(0, 20) +
                                   " is not allowed on " + target.path);
            }
            const std::string route_name = handled.route;
            handled = route->handler(Call{request, target, services_, cancelled});
            handled.route = route_name;
        }
    } catch (const ApiError& error) {
        handled.response = error_response(version, error.status(), error.code(), error.what());
        if (error.status() == http::status::method_not_allowed) {
            handled.response.set(http::field::allow,
                                 allowed_methods(parse_target(to_std(request.target())).path));
        }
    } catch (const libsearch::Error& error) {
        handled.response = error_response(
            version, status_for(error.code()), libsearch::to_string(error.code()),
            libsearch::is_user_error(error.code()) ? error.what() : "the index cannot answer now");
    } catch (const std::exception& error) {
        handled.response = error_response(version, http::status::internal_server_error, "internal",
                                          "internal error");
    }
    add_cors(request, services_.config.server, handled.response);
    if (request.method() == http::verb::head) {
        // The headers GET would send, Content-Length included, and no body: a body here
        // would be read as the start of the next response on a keep-alive connection.
        const auto length = handled.response.body().size();
        handled.response.body().clear();
        handled.response.content_length(length);
    }
    return handled;
}

} // namespace searchd
