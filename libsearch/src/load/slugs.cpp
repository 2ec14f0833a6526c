#include "load/slugs.hpp"

#include "load/path_parts.hpp"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace libsearch::detail {

namespace {

bool is_letter_mark_or_digit(UChar32 c) {
    const auto category = U_GET_GC_MASK(c);
    return (category & (U_GC_L_MASK | U_GC_M_MASK | U_GC_ND_MASK)) != 0;
}

bool is_pretty_keep(UChar32 c) {
    switch (c) {
    case '.':
    case '_':
    case '~':
    case '!':
    case '$':
    case '&':
    case '\'':
    case '(':
    case ')':
    case '+':
    case ',':
    case ';':
    case '=':
    case '@':
        return true;
    default:
        return false;
    }
}

} // namespace

std::string lower_case(std::string_view text) {
    std::string out;
    icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())))
        .toLower(icu::Locale::getRoot())
        .toUTF8String(out);
    return out;
}

std::string jekyll_slugify(std::string_view text, JekyllSlugMode mode, bool cased) {
    std::string out;
    bool in_run = false;
    int32_t i = 0;
    const auto length = static_cast<int32_t>(text.size());
    while (i < length) {
        const int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(text.data(), i, length, c);
        const bool keep = c >= 0 && (is_letter_mark_or_digit(c) ||
                                     (mode == JekyllSlugMode::pretty && is_pretty_keep(c)));
        if (keep) {
            out.append(
                text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
            in_run = false;
        } else if (!in_run) {
            out += '-';
            in_run = true;
        }
    }
    if (!out.empty() && out.front() == '-') {
        out.erase(0, 1);
    }
    if (!out.empty() && out.back() == '-') {
        out.pop_back();
    }
    return cased ? out : lower_case(out);
}

std::string jekyll_escape_path(std::string_view value) {
    const auto plain = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '/' || c == '-';
    };
    bool all_plain = true;
    for (const char c : value) {
        all_plain = all_plain && plain(c);
    }
    if (all_plain) {
        return std::string(value);
    }
    static constexpr std::string_view kKept = "-._~!$&'()*+,;=:@/?";
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            kKept.find(c) != std::string_view::npos) {
            out += c;
        } else {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 15];
        }
    }
    return out;
}

std::string jekyll_sanitize_url(std::string_view url) {
    std::string text = "/";
    text += url;
    // Every ".." becomes '/', every "./" goes: Jekyll's two gsubs, in that order.
    std::string step;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "..") == 0) {
            step += '/';
            ++i;
        } else {
            step += text[i];
        }
    }
    std::string removed;
    for (std::size_t i = 0; i < step.size(); ++i) {
        if (step.compare(i, 2, "./") == 0) {
            ++i;
        } else {
            removed += step[i];
        }
    }
    std::string out;
    for (const char c : removed) {
        if (c == '/' && !out.empty() && out.back() == '/') {
            continue;
        }
        out += c;
    }
    return out;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            const int high = hex_digit_value(text[i + 1]);
            const int low = hex_digit_value(text[i + 2]);
            if (high >= 0 && low >= 0) {
                out += static_cast<char>(high * 16 + low);
                i += 2;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

} // namespace libsearch::detail
