#pragma once
// The parsed HTML tree (gumbo) and the text extraction the Markdown/HTML body reader and the
// built-site reader share. Internal: gumbo types never reach the public headers.

#include "text/plain_text.hpp"

#include <gumbo.h>

#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace libsearch::detail {

struct GumboOutputDeleter {
    void operator()(GumboOutput* output) const;
};
using GumboOutputPtr = std::unique_ptr<GumboOutput, GumboOutputDeleter>;

/// Parses a document or a fragment as an HTML5 browser would; never fails on bad markup.
GumboOutputPtr parse_html(std::string_view html);

/// The value of an element's attribute, or nullptr when it has none (or is not an element).
const char* attribute_of(const GumboNode* node, const char* name);

/// The text of a subtree, whitespace collapsed (a <title>, a filter's value); iterative.
std::string subtree_text(const GumboNode* root);

/// What a built site's pages say about their own text, beyond HTML itself.
struct HtmlTextOptions {
    /// <header> and <footer> are site chrome even inside <main> or <article> (a built page's
    /// title is read from its metadata, not from its header).
    bool chrome_everywhere = false;
    /// data-search-ignore / data-pagefind-ignore leave an element out of the text;
    /// data-search-weight / data-pagefind-weight weigh it (ExtractedText::weighted).
    bool search_attributes = false;
};

/// The text of each of `roots` (elements or a document), in order, as one body.
ExtractedText extract_text(std::span<const GumboNode* const> roots, const HtmlTextOptions& options);

/// One of searchd's own attributes and Pagefind's name for the same thing: a page marked
/// up for Pagefind is read the same way.
struct SearchAttribute {
    const char* ours;
    const char* pagefind;
};
inline constexpr SearchAttribute kBodyAttribute{"data-search-body", "data-pagefind-body"};
inline constexpr SearchAttribute kIgnoreAttribute{"data-search-ignore", "data-pagefind-ignore"};
inline constexpr SearchAttribute kWeightAttribute{"data-search-weight", "data-pagefind-weight"};
inline constexpr SearchAttribute kFilterAttribute{"data-search-filter", "data-pagefind-filter"};
inline constexpr SearchAttribute kMetaAttribute{"data-search-meta", "data-pagefind-meta"};

/// The element's value of the attribute under either name (ours first), or nullptr.
const char* attribute_of(const GumboNode* node, SearchAttribute attribute);

} // namespace libsearch::detail
