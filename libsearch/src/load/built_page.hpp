#pragma once
// A page of a site's built output (the generator's HTML) read as Pagefind reads one: its
// text from the content region, its title, description, date, image and filters from
// its metadata and its own markup (README, "Your site": built-site mode).

#include "text/plain_text.hpp"

#include <libsearch/document.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace libsearch::detail {

struct BuiltPage {
    /// What the page says about itself, as a front matter for the field mapping: `title`,
    /// `description`, `date`, `image`, `lang`, every data-search-meta by its name, and every
    /// filter (data-search-filter, <meta name="search:NAME">) by its name, as a list.
    FieldValue meta{FieldValue::Map{}};
    /// The text of the content region: the elements marked data-search-body, else <main>
    /// (or role="main"), else the <article>s, else <body>; never nav, header, footer,
    /// script, style or what is marked data-search-ignore.
    ExtractedText body;
    bool marked_body = false;              ///< an element is marked data-search-body
    std::vector<std::string> filter_names; ///< in the order the page names them
    /// Why this file is not a page to find: a redirect (meta refresh), robots noindex.
    std::optional<std::string> not_a_page;
};

/// What to read of a page: everything, or only its markup (metadata, filters, marks), as
/// the look at the whole site before loading needs.
enum class BuiltPageParts { everything, markup };

BuiltPage read_built_page(std::string_view html, BuiltPageParts parts = BuiltPageParts::everything);

/// True when the bytes mention an attribute or meta name that read_built_page would take
/// a filter or a body mark from: the cheap test before parsing a page for the site's list
/// of facets.
bool mentions_search_markup(std::string_view html);

} // namespace libsearch::detail
