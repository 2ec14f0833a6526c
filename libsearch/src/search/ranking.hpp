#pragma once

// Score added to text relevance from the configuration's `ranking:` (README, "How results
// are ranked"): newer pages, and pages with a favoured facet value.

#include <libsearch/config.hpp>

#include <xapian.h>

#include <chrono>
#include <optional>

namespace libsearch::detail {

/// The extra weight of `ranking`, as a query to join to the text query with OP_AND_MAYBE;
/// nullopt when nothing is configured. `now` is the reference for page ages.
std::optional<Xapian::Query> ranking_boosts(const RankingConfig& ranking,
                                            std::chrono::sys_seconds now);

} // namespace libsearch::detail
