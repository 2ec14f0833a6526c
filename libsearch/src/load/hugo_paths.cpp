#include "load/hugo_paths.hpp"

#include "load/path_parts.hpp"
#include "load/slugs.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <vector>

namespace libsearch::detail {

namespace {

bool is_hex(UChar32 c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/// Go's unicode.IsSpace.
bool is_go_space(UChar32 c) {
    switch (c) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
        return true;
    default:
        return c > 0xFF && u_charType(c) == U_SPACE_SEPARATOR;
    }
}

std::vector<UChar32> code_points(std::string_view text) {
    std::vector<UChar32> out;
    int32_t i = 0;
    const auto length = static_cast<int32_t>(text.size());
    while (i < length) {
        UChar32 c = 0;
        U8_NEXT(text.data(), i, length, c);
        out.push_back(c < 0 ? 0xFFFD : c);
    }
    return out;
}

void append(std::string& out, UChar32 c) {
    char buffer[4];
    int32_t length = 0;
    UBool error = false;
    U8_APPEND(buffer, length, 4, c, error);
    if (!error) {
        out.append(buffer, static_cast<std::size_t>(length));
    }
}

std::string without_marks(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) {
        return std::string(text);
    }
    const icu::UnicodeString decomposed =
        nfd->normalize(icu::UnicodeString::fromUTF8(
                           icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))),
                       status);
    icu::UnicodeString kept;
    for (int32_t i = 0; i < decomposed.length();) {
        const UChar32 c = decomposed.char32At(i);
        if (u_charType(c) != U_NON_SPACING_MARK) {
            kept.append(c);
        }
        i += U16_LENGTH(c);
    }
    std::string out;
    nfc->normalize(kept, status).toUTF8String(out);
    return U_SUCCESS(status) ? out : std::string(text);
}

} // namespace

std::string hugo_sanitize(std::string_view text, bool remove_accents) {
    const std::string source = remove_accents ? without_marks(text) : std::string(text);
    const auto runes = code_points(source);
    std::string out;
    bool prepend_hyphen = false;
    bool was_hyphen = false;
    for (std::size_t i = 0; i < runes.size(); ++i) {
        const UChar32 r = runes[i];
        const auto category = U_GET_GC_MASK(r);
        const bool allowed =
            r == '.' || r == '/' || r == '\\' || r == '_' || r == '#' || r == '+' || r == '~' ||
            r == '-' || r == '@' || (category & (U_GC_L_MASK | U_GC_M_MASK | U_GC_ND_MASK)) != 0 ||
            (r == '%' && i + 2 < runes.size() && is_hex(runes[i + 1]) && is_hex(runes[i + 2]));
        if (allowed) {
            if (prepend_hyphen && r != '-') {
                out += '-';
            }
            prepend_hyphen = false;
            append(out, r);
            was_hyphen = r == '-';
        } else if (!out.empty() && !was_hyphen && is_go_space(r)) {
            prepend_hyphen = true;
        }
    }
    return out;
}

std::string hugo_make_path(std::string_view text, bool keep_case, bool remove_accents) {
    std::string path = hugo_sanitize(text, remove_accents);
    return keep_case ? path : lower_case(path);
}

std::string hugo_escape_link(std::string_view text) {
    std::string_view rest = text;
    std::string_view fragment;
    std::string_view query;
    if (const auto hash = rest.find('#'); hash != std::string_view::npos) {
        fragment = rest.substr(hash);
        rest = rest.substr(0, hash);
    }
    if (const auto mark = rest.find('?'); mark != std::string_view::npos) {
        query = rest.substr(mark);
        rest = rest.substr(0, mark);
    }
    static constexpr std::string_view kValid = "-._~!$&'()*+,;=:@/";
    static constexpr std::string_view kUnescaped = "-._~$&+,;=:@/";
    bool valid = true;
    for (std::size_t i = 0; i < rest.size() && valid; ++i) {
        const char c = rest[i];
        if (c == '%') {
            valid = i + 2 < rest.size() && hex_digit_value(rest[i + 1]) >= 0 &&
                    hex_digit_value(rest[i + 2]) >= 0;
            i += 2;
        } else {
            valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    kValid.find(c) != std::string_view::npos;
        }
    }
    std::string out;
    if (valid) {
        out = rest;
    } else {
        static constexpr char kHex[] = "0123456789ABCDEF";
        for (const char c : percent_decode(rest)) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                kUnescaped.find(c) != std::string_view::npos) {
                out += c;
            } else {
                const auto byte = static_cast<unsigned char>(c);
                out += '%';
                out += kHex[byte >> 4];
                out += kHex[byte & 15];
            }
        }
    }
    out += query;
    out += fragment;
    return out;
}

std::string query_unescape(std::string_view text, bool& ok) {
    ok = true;
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%') {
            if (i + 2 >= text.size() || hex_digit_value(text[i + 1]) < 0 ||
                hex_digit_value(text[i + 2]) < 0) {
                ok = false;
                return {};
            }
            out +=
                static_cast<char>(hex_digit_value(text[i + 1]) * 16 + hex_digit_value(text[i + 2]));
            i += 2;
        } else {
            out += text[i] == '+' ? ' ' : text[i];
        }
    }
    return out;
}

std::string clean_url_path(std::string_view path) {
    const bool trailing = path.ends_with('/');
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        const auto end = slash == std::string_view::npos ? path.size() : slash;
        const auto part = path.substr(start, end - start);
        if (part == "..") {
            if (!parts.empty()) {
                parts.pop_back();
            }
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        if (slash == std::string_view::npos) {
            break;
        }
        start = slash + 1;
    }
    std::string out;
    for (const auto part : parts) {
        out += '/';
        out += part;
    }
    if (out.empty() || trailing) {
        out += '/';
    }
    return out;
}

} // namespace libsearch::detail
