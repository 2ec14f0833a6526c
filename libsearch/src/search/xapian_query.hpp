#pragma once

// ParsedQuery + Analyzer → Xapian::Query: the only place that builds the text part of a
// Xapian query (README, "How results are ranked").

#include "search/query_parser.hpp"
#include "search/typo_tolerance.hpp"

#include <libsearch/analyzer.hpp>
#include <libsearch/config.hpp>

#include <xapian.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace libsearch::detail {

/// The words a query looks for, for highlighting matches in titles and snippets.
struct QueryTerms {
    using Words = std::set<std::string, std::less<>>;
    Words words; ///< normalised words (exact matches)
    /// Their stems, by stemmer language (Analyzer::stemmer_language): a page's word matches
    /// when its stem in the page's own language is there.
    std::map<std::string, Words, std::less<>> stems;
    std::vector<std::string> prefixes; ///< normalised prefixes of `word*`
    /// Words that match only side by side: the Chinese or Japanese words one unspaced query
    /// word was cut into ("浏览器" → 浏览 器). A page's words are marked where the whole run
    /// is, never alone (a lone 器 is not what was asked for).
    struct Run {
        std::vector<std::string> words;
        bool last_is_prefix = false; ///< being typed: the last word may be a beginning
    };
    std::vector<Run> runs;
};

/// Maximum words a `prefix*` expands to (the most frequent ones).
inline constexpr Xapian::termcount kMaxPrefixExpansion = 100;
/// Words all the `prefix*` of one query expand to together: a query of many prefixes gives
/// each a share, so that its cost stays that of a few (42 two-letter prefixes OR-ed read
/// 4,200 posting lists, 50 ms, while a visitor's query reads tens). Each keeps at least
/// kMinPrefixExpansion.
inline constexpr Xapian::termcount kPrefixExpansionBudget = 400;
inline constexpr Xapian::termcount kMinPrefixExpansion = 5;

/// Completions of the word being typed: fewer, so "a" never costs the whole vocabulary.
inline constexpr Xapian::termcount kTypingExpansion = 20;
/// Title words completing it that boost their pages: the likeliest few.
inline constexpr Xapian::termcount kTitleTypingExpansion = 20;
/// ... and when those leave less than a page of results: a rarer completion may be the one
/// that goes with the other words ("rails summit latin america esp" → español).
inline constexpr Xapian::termcount kWideTypingExpansion = 100;
/// ... which happens when the query matches fewer pages than this (a default page).
inline constexpr Xapian::doccount kWidenBelow = 10;

/// Score factors of the looser matches: a page with the word as typed ranks above one with
/// only its stem, which ranks above one with a correction of a typo.
inline constexpr double kStemWeight = 0.5;
inline constexpr double kTypoWeight = 0.3;

/// A typed word and the index word it was most likely meant as.
struct Correction {
    std::size_t begin = 0; ///< byte range of the word in the query text
    std::size_t end = 0;
    std::string word;
    Xapian::doccount typed_frequency = 0; ///< pages with the word as typed
    /// The index words it may have meant, `word` first (did-you-mean picks by what they find).
    std::vector<std::string> candidates;
};

struct TextQuery {
    Xapian::Query query;    ///< everything when the text neither requires nor excludes
    bool match_all = true;  ///< matches every document (no word, no exclusion)
    bool has_words = false; ///< has a word that must match: relevance is the default sort
    QueryTerms terms;       ///< of the required words only: excluded ones are not marked
    std::vector<Correction> corrections; ///< in query order
    /// The word being typed has more completions than it was expanded to.
    bool completions_cut = false;
    /// Prefixes were expanded to fewer words than kMaxPrefixExpansion, to keep the query's
    /// cost bounded (kPrefixExpansionBudget): its results may miss rarer completions.
    bool prefixes_narrowed = false;
};

/// A synonym group: any member found in a query also matches the others.
struct SynonymGroup {
    std::vector<std::vector<std::string>> members; ///< each member's normalised words
};

/// What a Searcher prepares once, from its Config, for all its queries.
struct QueryRules {
    std::string language; ///< the site's: its stop words, when the visitor's language is unknown
    SearchConfig search;
    std::vector<SynonymGroup> synonyms;
};

/// Normalises the configured synonyms into groups.
std::vector<SynonymGroup> synonym_groups(const std::vector<SynonymConfig>& synonyms,
                                         Analyzer& analyzer);

/// How one text query is built, beyond the Searcher's rules.
struct TextQueryOptions {
    /// The index: its words are what typos are corrected to and what the word being typed
    /// completes to (from its table of completions). Null: OP_WILDCARD, no corrections.
    const Xapian::Database* database = nullptr;
    bool correct_typos = true;
    /// Completions of the word being typed (the most frequent ones).
    Xapian::termcount typing_expansion = kTypingExpansion;
    /// Where typo variants found before are kept (optional).
    TypoCache* typo_cache = nullptr;
    /// Words each `prefix*` expands to, at most (shared out by kPrefixExpansionBudget).
    Xapian::termcount prefix_expansion = kMaxPrefixExpansion;
    /// The stemmer languages (Analyzer::stemmer_language) whose stems a word also matches,
    /// each on the pages of its language (a page holds the stems of its own language only):
    /// the index's languages, or those the visitor filters on. None: exact words only.
    std::vector<std::string> stem_languages;
    /// The visitor's language, for stop words; empty: rules.language.
    std::string language;
};

/// Builds the text part of a query.
TextQuery build_text_query(const ParsedQuery& parsed,
                           Analyzer& analyzer,
                           const QueryRules& rules,
                           TextQueryOptions options);

/// OR of the facet terms of `values` (matched whatever their case).
Xapian::Query facet_filter(const std::string& facet, const std::vector<std::string>& values);

} // namespace libsearch::detail
