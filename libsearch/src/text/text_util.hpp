#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace libsearch::detail {

/// The parts of a word the analyzer kept whole across inner punctuation ("analytics.usa.gov",
/// "matt's", "snake_case"): each run of letters and digits of two or more bytes, when there
/// is more than one. Indexed as well as the whole word, so that "analytics usa" finds it.
std::vector<std::string_view> word_parts(std::string_view word);

/// ASCII whitespace (space, tab, CR, LF, FF, VT).
constexpr bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view text) noexcept;
/// True if `text` has a digit 0-9 (years, versions, ids: never corrected as typos).
bool has_ascii_digit(std::string_view text) noexcept;

bool is_blank(std::string_view text) noexcept;

/// 1-based line number of byte `offset` in `text`.
std::uint32_t line_at(std::string_view text, std::size_t offset) noexcept;

/// Unicode full case folding (ICU), so `Straße` and `STRASSE` fold alike. Input is UTF-8.
std::string casefold(std::string_view text);

/// Folds ASCII letters only: for key names and keywords, where ICU would be overkill.
std::string ascii_lower(std::string_view text);

/// Appends `text` with every run of whitespace collapsed to one space, as HTML renders it.
/// `pending_space` carries a space across calls (text split over several nodes).
void append_collapsed(std::string& out, std::string_view text, bool& pending_space);

/// The first `max_chars` code points of `text`, cut back to a word boundary when one is
/// near, with "…" appended when anything was cut.
std::string truncate_at_word(std::string_view text, std::size_t max_chars);

/// FNV-1a: a hash stable across runs and platforms, which std::hash is not. Continue a hash
/// over more bytes by passing the previous result as `hash`.
constexpr std::uint64_t fnv1a(std::string_view bytes,
                              std::uint64_t hash = 14695981039346656037ull) {
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ull;
    }
    return hash;
}

} // namespace libsearch::detail
