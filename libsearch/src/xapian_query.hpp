#pragma once

// ParsedQuery + Analyzer → Xapian::Query: the only place that builds Xapian queries.

#include "query_parser.hpp"

#include <libsearch/analyzer.hpp>

#include <xapian.h>

#include <set>
#include <string>
#include <vector>

namespace libsearch::detail {

/// The words a query looks for, for highlighting matches in titles and snippets.
struct QueryTerms {
    std::set<std::string, std::less<>> words; ///< normalised words (exact matches)
    std::set<std::string, std::less<>> stems; ///< their stems in the query's language
    std::vector<std::string> prefixes;        ///< normalised prefixes of `word*`
    std::string language;                     ///< of the stems
};

struct TextQuery {
    Xapian::Query query;    ///< everything when the text neither requires nor excludes
    bool match_all = true;  ///< matches every document (no word, no exclusion)
    bool has_words = false; ///< has a word that must match: relevance is the default sort
    QueryTerms terms;       ///< of the required words only: excluded ones are not marked
};

/// Builds the text part of a query. `language` chooses the stemmer for the query's words
/// (pages in other languages still match on the exact words).
TextQuery
build_text_query(const ParsedQuery& parsed, Analyzer& analyzer, const std::string& language);

/// OR of the facet terms of `values` (matched whatever their case).
Xapian::Query facet_filter(const std::string& facet, const std::vector<std::string>& values);

/// Maximum words a `prefix*` expands to (the most frequent ones).
inline constexpr Xapian::termcount kMaxPrefixExpansion = 100;

/// Completions of the word being typed: fewer, so "a" never costs the whole vocabulary.
inline constexpr Xapian::termcount kTypingExpansion = 20;

} // namespace libsearch::detail
