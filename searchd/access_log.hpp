#pragma once

#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace searchd {

/// One line per request on stderr: method, target, status, milliseconds, hits. Never headers
/// (so never an Authorization token), and never a secret sent in the URL: see
/// redacted_target. `--log-format json` writes JSON lines instead.
class AccessLog {
public:
    enum class Format { text, json, off };

    explicit AccessLog(Format format, std::FILE* stream = stderr)
        : format_(format)
        , stream_(stream) {}

    void write(std::string_view method,
               std::string_view target,
               unsigned status,
               double milliseconds,
               long long hits);

    /// The target as logged: the query string of an admin route, and the value of any
    /// parameter named like a credential (token, access_token, api_key, key, password),
    /// become "[redacted]": a token someone put in a URL must not end up in the logs too.
    static std::string redacted_target(std::string_view target);

private:
    Format format_;
    std::FILE* stream_;
    std::mutex mutex_;
};

} // namespace searchd
