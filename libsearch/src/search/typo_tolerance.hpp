#pragma once

// Which index words a typed word may have been meant as: the rules of typo tolerance on top
// of the fuzzy dictionary walk (fuzzy_terms.hpp). README, "Typos".

#include "search/fuzzy_terms.hpp"

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
    /// Pages with the word as typed (being typed: with its most frequent completion).
    Xapian::doccount typed_frequency = 0;
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

/// Pages a word must be in to never be corrected: 3, or 1 in 2,000 on large sites.
Xapian::doccount frequent_word_threshold(Xapian::doccount documents);

/// The variants found for recent words, by word and whether it was being typed. A search
/// box sends every word again with each keystroke ("reassesing p", "reassesing pr", ...):
/// one dictionary walk per word and index revision, not per keystroke. Bounded; the owner
/// clears it when the index changes. One per Searcher (not thread-safe).
class TypoCache {
public:
    static constexpr std::size_t kMaxEntries = 10'000;

    const TypoVariants& get(const Xapian::Database& database,
                            const std::string& word,
                            bool typing,
                            const SearchConfig& rules) {
        auto key = std::make_pair(word, typing);
        if (const auto found = entries_.find(key); found != entries_.end()) {
            return found->second;
        }
        if (entries_.size() >= kMaxEntries) {
            entries_.clear(); // crude but bounded: the words in use come back at once
        }
        return entries_.emplace(std::move(key), find_typo_variants(database, word, typing, rules))
            .first->second;
    }

    void clear() { entries_.clear(); }

private:
    std::map<std::pair<std::string, bool>, TypoVariants> entries_;
};

} // namespace libsearch::detail
