#include "access_log.hpp"

#include <libsearch/json.hpp>

#include <algorithm>
#include <chrono>

namespace searchd {

namespace {

bool is_credential_name(std::string_view name) {
    for (const std::string_view secret : {"token", "access_token", "api_key", "key", "password"}) {
        if (name.size() == secret.size() &&
            std::equal(name.begin(), name.end(), secret.begin(), [](char a, char b) {
                return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
            })) {
            return true;
        }
    }
    return false;
}

} // namespace

std::string AccessLog::redacted_target(std::string_view target) {
    const auto question = target.find('?');
    if (question == std::string_view::npos) {
        return std::string(target);
    }
    const std::string_view path = target.substr(0, question);
    if (path.starts_with("/admin/") || path == "/admin") {
        return std::string(path) + "?[redacted]";
    }
    std::string out(target.substr(0, question + 1));
    std::string_view rest = target.substr(question + 1);
    bool first = true;
    while (true) {
        const auto amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        const auto equals = pair.find('=');
        out += first ? "" : "&";
        first = false;
        if (equals != std::string_view::npos && is_credential_name(pair.substr(0, equals))) {
            out += std::string(pair.substr(0, equals)) + "=[redacted]";
        } else {
            out += pair;
        }
        if (amp == std::string_view::npos) {
            break;
        }
        rest = rest.substr(amp + 1);
    }
    return out;
}

void AccessLog::write(std::string_view method,
                      std::string_view target,
                      unsigned status,
                      double milliseconds,
                      long long hits) {
    if (format_ == Format::off) {
        return;
    }
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const std::string logged = redacted_target(target.substr(0, 2048));
    std::string line;
    if (format_ == Format::json) {
        nlohmann::json json = {
            {"time", libsearch::format_iso8601(now)},
            {"method", method},
            {"target", logged},
            {"status", status},
            {"ms", static_cast<double>(static_cast<long long>(milliseconds * 1000)) / 1000}};
        if (hits >= 0) {
            json["hits"] = hits;
        }
        line = libsearch::dump_json(json);
    } else {
        char numbers[96];
        std::snprintf(numbers, sizeof numbers, " %u %.3fms", status, milliseconds);
        line = libsearch::format_iso8601(now) + " " + std::string(method) + " " + logged + numbers;
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
