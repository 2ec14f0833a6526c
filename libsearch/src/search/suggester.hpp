#pragma once

// GET /suggest: what a search box offers while the visitor types. Completions of the last
// word from the index's words, phrases of two title words (indexed as XP terms), and
// titles; typo-tolerant on the last word; under the same filters as /search.

#include "search/xapian_query.hpp"

#include <libsearch/analyzer.hpp>
#include <libsearch/query.hpp>
#include <libsearch/result.hpp>

#include <xapian.h>

#include <optional>

namespace libsearch::detail {

/// Appends up to query.limit suggestions to `out`: completions first (phrases and words,
/// most frequent first), then titles. `filter`, when set, must match every suggestion's
/// pages (facet filters).
void suggest(const Xapian::Database& database,
             Analyzer& analyzer,
             const QueryRules& rules,
             const SuggestQuery& query,
             const std::optional<Xapian::Query>& filter,
             Suggestions& out);

} // namespace libsearch::detail
