#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace libsearch {

/// What a search box sends. The grammar of `text` (every string parses; what does not fit
/// the grammar is read as plain words, so a query never fails):
///
///     heart attack        documents with both words (each also matches its stem:
///                         `screenings` finds `screening`; accents and case never matter)
///     "heart attack"      the words next to each other, in this order
///     -word  -"a phrase"  leave out documents that have it
///     ai OR ml            either word; OR joins its neighbours: `a b OR c` is a AND (b OR c)
///     title:word          the word in the title (also title:"a phrase")
///     topic:AI            a facet filter, as the facet's own parameter would give
///     tele*               words starting with `tele` (at least 2 characters before the `*`;
///                         the 100 most frequent completions)
///     remote monit        as-you-type: the last word, when no space follows it, also
///                         matches its 20 most frequent completions (`monitoring`)
///
/// Words are cut by the same analyzer as the pages, so Chinese and Japanese queries work
/// without spaces. Past kMaxQueryWords words or kMaxQueryBytes bytes, the rest is ignored
/// and Result::truncated says so.
struct Query {
    enum class Sort { relevance, newest, oldest };

    static constexpr std::size_t kMaxQueryBytes = 1024;
    static constexpr std::size_t kMaxQueryWords = 32;
    static constexpr std::uint32_t kMaxPerPage = 100;
    static constexpr std::uint32_t kMaxWindow = 10'000; ///< page × per_page, as Elasticsearch
    static constexpr std::uint32_t kMaxFacetValues = 100;

    std::string text;
    /// Facet name → selected values: OR within a facet, AND across facets; values match
    /// whatever their case. A filter on kLanguageFacet also analyses the words in those
    /// languages only.
    std::map<std::string, std::vector<std::string>> filters;
    /// The visitor's languages, preferred first ("fr-CA", "fr", "en"): the first the index
    /// holds gives the stop words, and its pages rank above their translations that match
    /// as well. Words match each language's pages by that language's stems whatever this
    /// says; an exact form always ranks first.
    std::vector<std::string> languages;
    /// Inclusive calendar days, compared with each page's date as the page writes it (its
    /// own day, not the UTC day); pages without a date never match a date filter.
    std::optional<std::chrono::sys_days> from;
    std::optional<std::chrono::sys_days> to; ///< inclusive
    /// Default: relevance when there is text, newest first when there is none.
    std::optional<Sort> sort;
    std::uint32_t page = 1;      ///< 1-based; a page past the end gives no hits, not an error
    std::uint32_t per_page = 10; ///< 1..kMaxPerPage
    /// Facets to count; nullopt counts every configured facet, an empty list none.
    std::optional<std::vector<std::string>> facets;
    std::uint32_t facet_values = 20; ///< values returned per facet, most frequent first
    /// After this, Xapian stops counting exactly and Result::degraded is set.
    std::chrono::milliseconds time_limit{200};
    /// Asked between the stages of a search (expansion, matching, each facet count,
    /// corrections, snippets): when it answers true, search() stops with Error(cancelled).
    /// searchd asks whether the client is still connected.
    std::function<bool()> cancelled;
};

/// What a search box asks for while the visitor types: completions of the last word.
struct SuggestQuery {
    static constexpr std::uint32_t kMaxLimit = 20;

    std::string text;
    std::uint32_t limit = 8;                                 ///< 1..kMaxLimit
    std::map<std::string, std::vector<std::string>> filters; ///< as Query::filters
};

} // namespace libsearch
