#pragma once

// Which index words a typed word may have been meant as: the rules of typo tolerance on top
// of the fuzzy dictionary walk (fuzzy_terms.hpp). README, "Typos".

#include "fuzzy_terms.hpp"

#include <libsearch/config.hpp>

#include <xapian.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace libsearch::detail {

struct TypoVariants {
    std::vector<FuzzyTerm> words;    ///< whole index words, best first
    std::vector<FuzzyTerm> prefixes; ///< beginnings of index words (the word is being typed)
    std::string meant;               ///< the one word the visitor most likely meant; empty: none
};

/// Corrections are kept to a few, so a misspelt word costs a few terms, not a scan.
inline constexpr std::size_t kMaxCorrections = 4;
inline constexpr std::size_t kMaxFuzzyPrefixes = 3;
/// A correction must be held by this many times more pages than the word typed.
inline constexpr Xapian::doccount kCorrectionFrequencyRatio = 10;

/// The variants of `word` (normalised) under `rules`:
///  - a word and a candidate may be one typo apart when the longer of the two has
///    one_typo_from letters, two typos from two_typos_from letters; the first letter counts
///    double;
///  - none for words with a digit (years, versions, ids), or held by enough pages to be a
///    word of this site in its own right;
///  - a word being typed counts as frequent as its most frequent completion;
///  - candidates must be held by kCorrectionFrequencyRatio times more pages than the typed
///    word; nearest first, then most frequent.
TypoVariants find_typo_variants(const Xapian::Database& database,
                                std::string_view word,
                                bool typing,
                                const SearchConfig& rules);

/// Variants already found during one search, by word and whether it was being typed: a
/// search that retries with wider completions does not walk the dictionary twice.
using TypoMemo = std::map<std::pair<std::string, bool>, TypoVariants>;

/// Pages a word must be in to never be corrected: 3, or 1 in 2,000 on large sites.
Xapian::doccount frequent_word_threshold(Xapian::doccount documents);

} // namespace libsearch::detail
