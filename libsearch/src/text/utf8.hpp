#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace libsearch::detail {

struct Utf8Repair {
    std::size_t replaced = 0;                         ///< ill-formed sequences replaced
    std::size_t first_bad_offset = std::string::npos; ///< byte offset of the first one
};

/// Replaces every maximal ill-formed subsequence with U+FFFD, as Unicode (§3.9, "best
/// practice for U+FFFD substitution") and the WHATWG decoder do. Valid text is untouched.
Utf8Repair repair_utf8(std::string& text);

bool is_valid_utf8(std::string_view text) noexcept;

/// A file name fit for reports and ids: valid UTF-8 is kept, but each byte of an ill-formed
/// sequence and each control character (a newline could forge a report line) is written
/// as \xNN.
std::string escape_path(std::string_view bytes);

/// Code points in well-formed UTF-8 `text` (bytes that are not continuation bytes).
std::size_t count_code_points(std::string_view text) noexcept;

/// The first and the last code point of well-formed UTF-8 `text`; 0 when it is empty.
char32_t first_code_point(std::string_view text) noexcept;
char32_t last_code_point(std::string_view text) noexcept;

/// A letter of a script written without spaces between words: Chinese, Japanese kana,
/// Thai, Lao, Khmer, Myanmar (not Korean: Hangul puts spaces between words). Two words of
/// such a script side by side are one run of text, never "ツール バー".
bool is_unspaced_script(char32_t code_point) noexcept;

/// Appends `code_point` as UTF-8; NUL, surrogates and values past U+10FFFF become U+FFFD.
void append_utf8(std::string& out, char32_t code_point);

} // namespace libsearch::detail
