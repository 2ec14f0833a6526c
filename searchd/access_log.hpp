#pragma once

#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace searchd {

/// One line per request on stderr: method, target, status, milliseconds, hits. Never headers
/// (so never an Authorization token). `--log-format json` writes JSON lines instead.
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

private:
    Format format_;
    std::FILE* stream_;
    std::mutex mutex_;
};

} // namespace searchd
