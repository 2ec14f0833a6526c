#pragma once

// Index words near a misspelt one: a Levenshtein automaton (Damerau's variant, where swapping
// two neighbouring letters is one edit) run against the index's own term dictionary.
//
// The dictionary is Xapian's sorted term B-tree, built and kept up to date by every reindex,
// so there is no second structure to build or to fall out of step. The walk visits the
// dictionary as a trie: from each prefix that can still lead to a match it seeks to the
// next child letter, and a prefix whose every alignment with the typed word already costs
// more than the budget is never entered. Where the budget is spent, only the letters that
// continue an alignment for free are sought, one seek each. Lucene's FuzzyQuery intersects
// its term index with an automaton the same way; the cost follows the number of near
// prefixes in the vocabulary, not its size.

#include <xapian.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace libsearch::detail {

struct FuzzyTerm {
    std::string text;
    Xapian::doccount frequency = 0; ///< documents holding it (0 for a prefix)
    unsigned distance = 0;          ///< weighted edits from the typed word
};

struct FuzzyLookup {
    unsigned max_edits = 1;
    /// An edit that touches the first letter costs this much: people rarely miss the first
    /// letter, and a different first letter is most often a different word.
    unsigned first_letter_cost = 2;
    /// Also report prefixes of index words within `max_edits` of the typed word (it is still
    /// being typed): "visualiz" for "visaliz". The walk does not descend below them.
    bool prefixes = false;
    /// Whether a word or prefix of `letters` code points at `distance` counts (distance is
    /// already within max_edits). Empty: all do. A prefix refused here is descended into:
    /// a longer one may be allowed more edits.
    std::function<bool(std::size_t letters, unsigned distance)> accept;
    /// Dictionary seeks allowed; past it the walk stops and FuzzyTerms::cut_short is set.
    std::size_t max_seeks = 3'000;
};

struct FuzzyTerms {
    std::vector<FuzzyTerm> words;    ///< index words within the budget, in term order
    std::vector<FuzzyTerm> prefixes; ///< with FuzzyLookup::prefixes
    std::size_t seeks = 0;
    bool cut_short = false;
};

/// Unprefixed index words within `lookup.max_edits` weighted Damerau (optimal string
/// alignment) edits of `word`, a normalised word. Words and candidates are compared by code
/// point; candidates with digits are left out (a typo never turns one number into another).
FuzzyTerms find_fuzzy_terms(const Xapian::Database& database,
                            std::string_view word,
                            const FuzzyLookup& lookup);

} // namespace libsearch::detail
