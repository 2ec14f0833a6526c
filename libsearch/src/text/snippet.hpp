#pragma once

// Highlighted titles and snippets, cut with the same Analyzer that indexed the page (not
// Xapian's MSet::snippet, whose tokenizer would disagree with ICU's words).

#include "search/xapian_query.hpp"

#include <libsearch/analyzer.hpp>

#include <string>
#include <string_view>

namespace libsearch::detail {

inline constexpr std::size_t kSnippetChars = 200;

/// `text` (of a page in `language`) as HTML with every word that matches the query in
/// <mark>…</mark>.
std::string highlight_all(std::string_view text,
                          const QueryTerms& terms,
                          Analyzer& analyzer,
                          std::string_view language);

/// About kSnippetChars characters of `text` around the passage with the most distinct query
/// words, as HTML with the matches marked and "…" where text was cut. Without matches, the
/// start of the text.
std::string make_snippet(std::string_view text,
                         const QueryTerms& terms,
                         Analyzer& analyzer,
                         std::string_view language);

/// `text` with &, <, >, " and ' escaped for HTML.
void append_escaped(std::string& out, std::string_view text);

} // namespace libsearch::detail
