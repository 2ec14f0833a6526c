#pragma once

// Stop words: the function words of a language ("the", "of", "und"), which a page may lack
// and still be what the visitor meant. At query time they become optional: they rank but do
// not have to match, except inside a "quoted phrase", where they keep their place.

#include <string_view>

namespace libsearch::detail {

/// True if `word` (normalised: case folded, accents removed) is a stop word of `language`
/// (an ISO code or Snowball name, as Analyzer::stem takes). Languages without a list have
/// no stop words.
bool is_stop_word(std::string_view word, std::string_view language);

} // namespace libsearch::detail
