#include "text/utf8.hpp"

#include <libsearch/utf8.hpp>

#include <array>

namespace libsearch::detail {

namespace {

/// Length of the well-formed sequence starting at `pos`, or 0 with `bad_length` set to the
/// length of the maximal ill-formed subpart to replace (Unicode Table 3-7).
std::size_t sequence_length(std::string_view text, std::size_t pos, std::size_t& bad_length) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    bad_length = 1;
    if (lead < 0x80) {
        return 1;
    }
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if (pos + i >= text.size()) {
            bad_length = i;
            return 0;
        }
        const unsigned char c = byte(pos + i);
        const unsigned char lo = i == 1 ? low : 0x80;
        const unsigned char hi = i == 1 ? high : 0xBF;
        if (c < lo || c > hi) {
            bad_length = i;
            return 0;
        }
    }
    return length;
}

} // namespace

bool is_valid_utf8(std::string_view text) noexcept {
    std::size_t bad_length = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t length = sequence_length(text, pos, bad_length);
        if (length == 0) {
            return false;
        }
        pos += length;
    }
    return true;
}

Utf8Repair repair_utf8(std::string& text) {
    Utf8Repair repair;
    if (is_valid_utf8(text)) {
        return repair;
    }
    static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
    std::string out;
    out.reserve(text.size() + 16);
    std::size_t bad_length = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t length = sequence_length(text, pos, bad_length);
        if (length == 0) {
            if (repair.replaced++ == 0) {
                repair.first_bad_offset = pos;
            }
            out += kReplacement;
            pos += bad_length;
        } else {
            out.append(text, pos, length);
            pos += length;
        }
    }
    text = std::move(out);
    return repair;
}

std::string escape_path(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    std::size_t bad_length = 0;
    for (std::size_t pos = 0; pos < bytes.size();) {
        std::size_t length = sequence_length(bytes, pos, bad_length);
        const auto first = static_cast<unsigned char>(bytes[pos]);
        if (length == 1 && (first < 0x20 || first == 0x7F)) {
            length = 0; // a control character: escaped like an ill-formed byte
            bad_length = 1;
        }
        if (length == 0) {
            static constexpr std::array<char, 16> kHex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                          '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
            for (std::size_t i = 0; i < bad_length; ++i) {
                const auto c = static_cast<unsigned char>(bytes[pos + i]);
                out += "\\x";
                out += kHex[c >> 4];
                out += kHex[c & 0xF];
            }
            pos += bad_length;
        } else {
            out.append(bytes.substr(pos, length));
            pos += length;
        }
    }
    return out;
}

std::size_t count_code_points(std::string_view text) noexcept {
    std::size_t count = 0;
    for (const char c : text) {
        count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }
    return count;
}

namespace {

char32_t decode_at(std::string_view text, std::size_t at) noexcept {
    const auto lead = static_cast<unsigned char>(text[at]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (at + length > text.size()) {
        return 0xFFFD;
    }
    char32_t code_point = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
        code_point = (code_point << 6) | (static_cast<unsigned char>(text[at + i]) & 0x3F);
    }
    return code_point;
}

} // namespace

char32_t first_code_point(std::string_view text) noexcept {
    return text.empty() ? 0 : decode_at(text, 0);
}

char32_t last_code_point(std::string_view text) noexcept {
    std::size_t at = text.size();
    while (at > 0 && (static_cast<unsigned char>(text[--at]) & 0xC0) == 0x80) {
    }
    return text.empty() ? 0 : decode_at(text, at);
}

bool is_unspaced_script(char32_t c) noexcept {
    return (c >= 0x0E00 && c <= 0x0EFF) || // Thai, Lao
           (c >= 0x1000 && c <= 0x109F) || // Myanmar
           (c >= 0x1780 && c <= 0x17FF) || // Khmer
           (c >= 0x3005 && c <= 0x3007) || // 々 〆 〇
           (c >= 0x3040 && c <= 0x30FF) || // Hiragana, Katakana
           (c >= 0x31F0 && c <= 0x31FF) || // Katakana phonetic extensions
           (c >= 0x3400 && c <= 0x4DBF) || // CJK extension A
           (c >= 0x4E00 && c <= 0x9FFF) || // CJK unified ideographs
           (c >= 0xF900 && c <= 0xFAFF) || // CJK compatibility ideographs
           (c >= 0xFF66 && c <= 0xFF9F) || // halfwidth Katakana
           (c >= 0x20000 && c <= 0x3FFFF); // CJK extensions B and later
}

void append_utf8(std::string& out, char32_t code_point) {
    if (code_point == 0 || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
        code_point = 0xFFFD;
    }
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        out += static_cast<char>(0xC0 | (code_point >> 6));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        out += static_cast<char>(0xE0 | (code_point >> 12));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code_point >> 18));
        out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    }
}

} // namespace libsearch::detail

namespace libsearch {

bool is_valid_utf8(std::string_view text) noexcept {
    return detail::is_valid_utf8(text);
}

} // namespace libsearch
