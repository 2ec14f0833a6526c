#include "text/text_util.hpp"

#include <cctype>

#include <unicode/unistr.h>

#include <algorithm>

namespace libsearch::detail {

std::string_view trim(std::string_view text) noexcept {
    while (!text.empty() && is_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

bool is_blank(std::string_view text) noexcept {
    return trim(text).empty();
}

std::uint32_t line_at(std::string_view text, std::size_t offset) noexcept {
    offset = std::min(offset, text.size());
    return 1 + static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + offset, '\n'));
}

std::string casefold(std::string_view text) {
    const bool ascii = std::all_of(text.begin(), text.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii) {
        return ascii_lower(text);
    }
    auto unicode = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    unicode.foldCase();
    std::string out;
    unicode.toUTF8String(out);
    return out;
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

void append_collapsed(std::string& out, std::string_view text, bool& pending_space) {
    for (const char c : text) {
        if (is_space(c)) {
            pending_space = true;
            continue;
        }
        if (pending_space && !out.empty() && out.back() != '\n' && out.back() != ' ') {
            out += ' ';
        }
        pending_space = false;
        out += c;
    }
}

std::string truncate_at_word(std::string_view text, std::size_t max_chars) {
    std::size_t chars = 0;
    std::size_t cut = 0;
    for (; cut < text.size(); ++cut) {
        const auto c = static_cast<unsigned char>(text[cut]);
        if ((c & 0xC0) != 0x80) {
            if (chars == max_chars) {
                break;
            }
            ++chars;
        }
    }
    if (cut >= text.size()) {
        return std::string(text);
    }
    // Prefer ending at a space in the last fifth, so words are not cut in half; text
    // without spaces (Chinese, Japanese) is cut at the code point boundary.
    const std::size_t space = text.substr(0, cut).find_last_of(" \n");
    if (space != std::string_view::npos && space >= cut - cut / 5) {
        cut = space;
    }
    std::string out(trim(text.substr(0, cut)));
    out += "\xE2\x80\xA6";
    return out;
}

std::vector<std::string_view> word_parts(std::string_view word) {
    // Inner punctuation is ASCII ('.', '_', ':', '@', '\'') or U+2019 (’, 3 bytes); anything
    // else that is not ASCII is a letter of some script.
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    const auto flush = [&](std::size_t end) {
        if (end - start >= 2) {
            parts.push_back(word.substr(start, end - start));
        }
    };
    for (std::size_t i = 0; i < word.size();) {
        const auto c = static_cast<unsigned char>(word[i]);
        const bool apostrophe = word.substr(i, 3) == "\xE2\x80\x99";
        const bool punctuation = apostrophe || (c < 0x80 && !std::isalnum(c));
        if (punctuation) {
            flush(i);
            i += apostrophe ? 3 : 1;
            start = i;
        } else {
            ++i;
        }
    }
    flush(word.size());
    if (parts.size() == 1 && parts.front().size() == word.size()) {
        parts.clear(); // no inner punctuation: the word itself
    }
    return parts;
}

bool has_ascii_digit(std::string_view text) noexcept {
    return std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace libsearch::detail
