#pragma once

#include <libsearch/config.hpp>

#include <string>

namespace searchd {

struct ServeOptions {
    std::string log_format; ///< overrides server.log_format when set
};

/// `searchd serve`: answers the HTTP API on server.listen with server.threads I/O threads
/// until SIGTERM or SIGINT (graceful: in-flight requests finish; exit 0). SIGHUP reopens the
/// index in every thread. Returns the process exit status.
int run_serve(const libsearch::Config& config, const ServeOptions& options);

} // namespace searchd
