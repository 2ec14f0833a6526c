#pragma once

// The query grammar of query.hpp, parsed into clauses. Pure text processing: no Xapian, no
// ICU (the analyzer cuts each atom into words later), no recursion, linear in the input.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace libsearch::detail {

struct QueryAtom {
    enum class Kind { word, phrase, prefix };
    Kind kind = Kind::word;
    bool title = false; ///< `title:` before it
    /// The last word of the text, with no space after it: the visitor is still typing it,
    /// so it also matches as a prefix (as-you-type).
    bool typing = false;
    std::string text;       ///< as typed (without quotes or the trailing `*`)
    std::size_t offset = 0; ///< of `text` in the query string
};

/// Alternatives joined by OR; a negated clause excludes what it matches.
struct QueryClause {
    std::vector<QueryAtom> alternatives;
    bool negated = false;
};

struct ParsedQuery {
    std::vector<QueryClause> clauses; ///< all must match (the negated ones must not)
    std::map<std::string, std::vector<std::string>> filters;          ///< from `facet:value`
    std::map<std::string, std::vector<std::string>> excluded_filters; ///< from `-facet:value`
    bool truncated = false;
};

/// Parses a search-box query. Never fails. `facet_names` are the fields that become filters.
ParsedQuery parse_query(std::string_view text, const std::vector<std::string>& facet_names);

} // namespace libsearch::detail
