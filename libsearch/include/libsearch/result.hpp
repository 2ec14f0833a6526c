#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace libsearch {

/// Matches of the query in a hit, as HTML: the matched words wrapped in <mark>…</mark>,
/// everything else escaped (a `<script>` in a page comes out as `&lt;script&gt;`).
struct Highlight {
    std::string title;
    std::string snippet; ///< about 200 characters around the best matching passage
};

struct Hit {
    std::string id;
    std::string url;
    std::string title;                                      ///< plain text (not HTML)
    std::string description;                                ///< plain text
    std::optional<std::chrono::local_seconds> date;         ///< as Document::date
    std::map<std::string, std::vector<std::string>> facets; ///< as written in the page
    double score = 0;
    Highlight highlight;
};

struct FacetValue {
    std::string value; ///< as first written in the index
    std::uint64_t count = 0;
    bool selected = false;
};

/// The counts of one facet, most frequent first. Disjunctive: computed with every filter
/// except the facet's own, so each count says how many results ticking that value would
/// give (or add). Selected values are always listed, even with a count of 0.
struct FacetCounts {
    std::string name;
    std::vector<FacetValue> values;
};

struct Result {
    std::string query; ///< the text searched for
    std::optional<std::string> corrected;
    std::uint64_t total = 0; ///< exact, unless total_is_estimate
    /// The match stopped before it had counted every page (the time limit, or an as-you-type
    /// query with no filter and no facet counted): `total` is Xapian's estimate, and the
    /// true count lies between the bounds. Never a cap presented as a count.
    bool total_is_estimate = false;
    std::uint64_t total_lower_bound = 0;
    std::uint64_t total_upper_bound = 0;
    std::uint32_t page = 1;
    std::uint32_t per_page = 10;
    double took_ms = 0;
    std::vector<Hit> hits;
    std::vector<FacetCounts> facets; ///< in configuration order
    /// The time limit cut counting short (totals are estimates), or the query had so many
    /// `prefix*` that each was expanded to fewer words (400 in all, to bound its cost).
    bool degraded = false;
    bool truncated = false; ///< the query was cut to its first words
};

struct Suggestion {
    /// What the box would hold: the typed words with the last one (or two) completed.
    std::string text;
    /// "term" (a word of the index), "phrase" (two words found together in titles) or
    /// "title" (a page's title).
    std::string kind;
    std::string url; ///< for kind "title": the page
};

struct Suggestions {
    std::string query;
    std::vector<Suggestion> suggestions;
};

} // namespace libsearch
