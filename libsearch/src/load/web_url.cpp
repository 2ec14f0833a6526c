#include "load/web_url.hpp"

#include "text/text_util.hpp"

#include <string>

namespace libsearch::detail {

namespace {

bool is_scheme_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_scheme_char(char c) {
    return is_scheme_start(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

} // namespace

bool is_web_url(std::string_view url) {
    // What the WHATWG URL parser removes before it reads the scheme.
    while (!url.empty() && static_cast<unsigned char>(url.front()) <= 0x20) {
        url.remove_prefix(1);
    }
    std::string scheme;
    for (const char c : url) {
        if (c == '\t' || c == '\n' || c == '\r') {
            continue;
        }
        if (c == ':') {
            const std::string lower = ascii_lower(scheme);
            return lower == "http" || lower == "https";
        }
        if (scheme.empty() ? !is_scheme_start(c) : !is_scheme_char(c)) {
            return true; // no scheme: a path or a network-path reference
        }
        scheme += c;
    }
    return true;
}

} // namespace libsearch::detail
