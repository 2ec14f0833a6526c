#include "access_log.hpp"

#include <libsearch/json.hpp>

#include <chrono>

namespace searchd {

void AccessLog::write(std::string_view method,
                      std::string_view target,
                      unsigned status,
                      double milliseconds,
                      long long hits) {
    if (format_ == Format::off) {
        return;
    }
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    std::string line;
    if (format_ == Format::json) {
        nlohmann::json json = {
            {"time", libsearch::format_iso8601(now)},
            {"method", method},
            {"target", target.substr(0, 2048)},
            {"status", status},
            {"ms", static_cast<double>(static_cast<long long>(milliseconds * 1000)) / 1000}};
        if (hits >= 0) {
            json["hits"] = hits;
        }
        line = libsearch::dump_json(json);
    } else {
        char numbers[96];
        std::snprintf(numbers, sizeof numbers, " %u %.3fms", status, milliseconds);
        line = libsearch::format_iso8601(now) + " " + std::string(method) + " " +
               std::string(target.substr(0, 2048)) + numbers;
        if (hits >= 0) {
            line += " hits=" + std::to_string(hits);
        }
        // A target is percent-encoded on the wire, but a raw control byte must not split lines.
        for (char& c : line) {
            if (static_cast<unsigned char>(c) < 0x20) {
                c = '?';
            }
        }
    }
    line += '\n';
    const std::lock_guard lock(mutex_);
    std::fwrite(line.data(), 1, line.size(), stream_);
}

} // namespace searchd
