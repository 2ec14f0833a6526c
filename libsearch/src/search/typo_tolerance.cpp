#include "search/typo_tolerance.hpp"

#include "text/text_util.hpp"
#include "text/utf8.hpp"

#include <algorithm>
#include <map>

namespace libsearch::detail {

namespace {

/// The most frequent index word starting with `prefix`, among the first few in term order,
/// and its frequency.
std::pair<std::string, Xapian::doccount> most_frequent_completion(const Xapian::Database& database,
                                                                  const std::string& prefix) {
    constexpr std::size_t kScan = 64;
    std::string best;
    Xapian::doccount best_frequency = 0;
    std::size_t scanned = 0;
    for (auto it = database.allterms_begin(prefix);
         it != database.allterms_end(prefix) && scanned < kScan; ++it, ++scanned) {
        if (it.get_termfreq() > best_frequency) {
            best_frequency = it.get_termfreq();
            best = *it;
        }
    }
    return {best, best_frequency};
}

} // namespace

Xapian::doccount frequent_word_threshold(Xapian::doccount documents) {
    return std::max<Xapian::doccount>(3, documents / 2'000);
}

TypoVariants find_typo_variants(const Xapian::Database& database,
                                std::string_view word,
                                bool typing,
                                const SearchConfig& rules) {
    TypoVariants variants;
    // Typos allowed between two words: by the longer one, so that "tink" (a letter missed)
    // still finds "think" while two 4-letter words are never one typo apart.
    const auto allowed = [&](std::size_t letters) -> unsigned {
        return letters >= rules.two_typos_from ? 2 : letters >= rules.one_typo_from ? 1 : 0;
    };
    const std::size_t letters = count_code_points(word);
    if (!rules.typos || allowed(letters + 1) == 0 || has_ascii_digit(word)) {
        return variants;
    }
    const std::string typed(word);
    // A word being typed is as common as its most common completion ("workhop", a typo
    // some page made too, is still rare next to "workshop").
    const Xapian::doccount frequency =
        typing ? most_frequent_completion(database, typed).second : database.get_termfreq(typed);
    variants.typed_frequency = frequency;
    if (frequency >= frequent_word_threshold(database.get_doccount())) {
        return variants;
    }
    FuzzyLookup lookup;
    lookup.max_edits = allowed(letters + 1);
    lookup.prefixes = typing;
    lookup.accept = [&](std::size_t candidate_letters, unsigned distance) {
        return distance <= allowed(std::max(letters, candidate_letters));
    };
    FuzzyTerms found = find_fuzzy_terms(database, typed, lookup);

    // A word in no page at all is a typo for sure; one in a page or two only if the
    // correction is far more common.
    const Xapian::doccount floor =
        std::max<Xapian::doccount>(frequency * kCorrectionFrequencyRatio, 1);
    std::map<std::string, std::string> completions; // of each kept prefix: its best word
    for (auto& candidate : found.words) {
        if (candidate.frequency >= floor) {
            variants.words.push_back(std::move(candidate));
        }
    }
    std::sort(variants.words.begin(), variants.words.end(), [](const auto& a, const auto& b) {
        return a.distance != b.distance ? a.distance < b.distance : a.frequency > b.frequency;
    });
    if (variants.words.size() > kMaxCorrections) {
        variants.words.resize(kMaxCorrections);
    }
    // A prefix is as good as its best completion: "matte" (matters) before "mattres". The
    // nearest few are weighed: each costs a short scan of its completions.
    constexpr std::size_t kPrefixesWeighed = 16;
    std::stable_sort(found.prefixes.begin(), found.prefixes.end(),
                     [](const auto& a, const auto& b) { return a.distance < b.distance; });
    if (found.prefixes.size() > kPrefixesWeighed) {
        found.prefixes.resize(kPrefixesWeighed);
    }
    for (auto& prefix : found.prefixes) {
        const auto [completion, completion_frequency] =
            most_frequent_completion(database, prefix.text);
        if (completion_frequency >= floor) {
            prefix.frequency = completion_frequency;
            variants.prefixes.push_back(std::move(prefix));
            completions.emplace(variants.prefixes.back().text, completion);
        }
    }
    std::sort(variants.prefixes.begin(), variants.prefixes.end(), [](const auto& a, const auto& b) {
        return a.distance != b.distance ? a.distance < b.distance : a.frequency > b.frequency;
    });
    if (variants.prefixes.size() > kMaxFuzzyPrefixes) {
        variants.prefixes.resize(kMaxFuzzyPrefixes);
    }
    if (!variants.words.empty()) {
        variants.meant = variants.words.front().text;
    } else if (!variants.prefixes.empty()) {
        variants.meant = completions[variants.prefixes.front().text];
    }
    return variants;
}

} // namespace libsearch::detail
