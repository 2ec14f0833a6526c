// Fuzz target: one HTTP request as a client may send it, through what searchd does with it
// before any index is read: Beast's parser with the server's limits, the request target
// (percent-decoding, UTF-8 checks), the strict /search and /suggest parameters, and who the
// client is behind a trusted proxy (X-Forwarded-For).
#include "api_error.hpp"
#include "client_limits.hpp"
#include "http.hpp"
#include "search_params.hpp"
#include "url.hpp"

#include <libsearch/error.hpp>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace searchd;
    static const libsearch::ServerConfig server = [] {
        libsearch::ServerConfig config;
        config.trusted_proxies = {"127.0.0.1", "10.0.0.0/8"};
        return config;
    }();
    static ClientLimits clients(server);
    static const std::vector<std::string> facets = {"topic", "brand", "lang"};

    http::request_parser<http::string_body> parser;
    parser.header_limit(server.header_limit_bytes);
    parser.body_limit(server.body_limit_bytes);
    parser.eager(true);
    beast::error_code error;
    parser.put(net::buffer(data, size), error);
    if (error || !parser.is_header_done()) {
        return 0;
    }
    const Request& request = parser.get();
    clients.client_of(client_address(net::ip::make_address("127.0.0.1")), request);
    try {
        const Target target = parse_target(to_std(request.target()));
        try {
            search_query_from(target.params, facets, server);
        } catch (const ApiError&) {
        } catch (const libsearch::Error&) {
        }
        try {
            suggest_query_from(target.params, facets);
        } catch (const ApiError&) {
        } catch (const libsearch::Error&) {
        }
    } catch (const ApiError&) {
        // a 400 with its reason: the expected answer to a bad target
    }
    return 0;
}
