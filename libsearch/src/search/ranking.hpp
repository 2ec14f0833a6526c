#pragma once

// Score added to text relevance from the configuration's `ranking:` (README, "How results
// are ranked"): newer pages, and pages with a favoured facet value.

#include <libsearch/config.hpp>

#include <xapian.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace libsearch::detail {

/// The extra weight of `ranking`, as a query to join to the text query with OP_AND_MAYBE;
/// nullopt when nothing is configured. `now` is the reference for page ages.
std::optional<Xapian::Query> ranking_boosts(const RankingConfig& ranking,
                                            std::chrono::sys_seconds now);

/// Added to the score of the pages in the visitor's language: enough to put a page above
/// its translation that matches as well (the same title words, often English, in every
/// language), too little to lift a poor match over a good one (BM25 scores of a good title
/// match are 10 to 30).
inline constexpr double kVisitorLanguageWeight = 2.0;

/// kVisitorLanguageWeight for the pages of any of `tags` (language tags the index holds),
/// to join to the text query with OP_AND_MAYBE.
Xapian::Query visitor_language_boost(const std::vector<std::string>& tags);

} // namespace libsearch::detail
