#pragma once

#include "url.hpp"

#include <libsearch/config.hpp>
#include <libsearch/query.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace searchd {

/// GET /search's parameters → a Query (PRODUCT.md's HTTP API): q, one repeatable parameter
/// per facet, from, to, sort, page, per_page, facets, locale. Anything else, a repeated
/// single parameter, or a value out of range is ApiError 400 with a message saying which.
libsearch::Query search_query_from(const std::vector<std::pair<std::string, std::string>>& params,
                                   const std::vector<std::string>& facet_names,
                                   const libsearch::ServerConfig& server);

/// Languages of an Accept-Language header, most wanted first: the first
/// kMaxAcceptLanguageItems items are read, and the kMaxAcceptedLanguages of most weight
/// kept; what is not a language range is skipped, never an error.
inline constexpr std::size_t kMaxAcceptLanguageItems = 32;
inline constexpr std::size_t kMaxAcceptedLanguages = 8;
std::vector<std::string> accepted_languages(std::string_view header);

/// GET /suggest's parameters → a SuggestQuery: q, limit, and facet filters.
libsearch::SuggestQuery
suggest_query_from(const std::vector<std::pair<std::string, std::string>>& params,
                   const std::vector<std::string>& facet_names);

} // namespace searchd
