#include "url.hpp"

#include "api_error.hpp"

#include <libsearch/utf8.hpp>

namespace searchd {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

std::string decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            const int high = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
            const int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
            if (high < 0 || low < 0) {
                throw ApiError(http::status::bad_request, "invalid_percent_encoding",
                               "'%' must be followed by two hexadecimal digits");
            }
            out += static_cast<char>(high * 16 + low);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += c;
        }
    }
    if (!libsearch::is_valid_utf8(out) || out.find('\0') != std::string::npos) {
        throw ApiError(http::status::bad_request, "invalid_utf8", "parameters must be UTF-8 text");
    }
    return out;
}

} // namespace

std::string parse_path(std::string_view target) {
    return decode(target.substr(0, target.find('?')), false);
}

Target parse_target(std::string_view target) {
    Target parsed;
    const auto question = target.find('?');
    parsed.path = parse_path(target);
    if (question == std::string_view::npos) {
        return parsed;
    }
    std::string_view query = target.substr(question + 1);
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        if (!pair.empty()) {
            const auto equals = pair.find('=');
            parsed.params.emplace_back(decode(pair.substr(0, equals), true),
                                       equals == std::string_view::npos
                                           ? std::string()
                                           : decode(pair.substr(equals + 1), true));
        }
        if (amp == std::string_view::npos) {
            break;
        }
        query.remove_prefix(amp + 1);
    }
    return parsed;
}

} // namespace searchd
