#pragma once

#include <libsearch/document.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace libsearch::detail {

/// What the body extractors produce: plain text, with blank lines between paragraphs.
struct ExtractedText {
    std::string text;
    std::vector<Heading> headings;
    std::string html_title; ///< <title> of a full HTML document, if any
    /// Text a built page weighs above the rest (data-search-weight), by whole weight.
    std::vector<WeightedText> weighted;
};

/// Builds plain text from a stream of text runs and structure events, so that Markdown and
/// HTML bodies come out in one shape: paragraphs separated by one blank line, lines by one
/// newline, runs of whitespace collapsed (except in preformatted text), no leading or
/// trailing whitespace.
class TextBuilder {
public:
    /// Text as rendered: whitespace collapses unless `preformatted`.
    void text(std::string_view run, bool preformatted = false);
    void paragraph_break();
    void line_break();
    /// A space between inline cells/items that must not run together.
    void word_break();

    /// A block extracted on its own (an HTML block inside Markdown), with its headings.
    void block(const ExtractedText& inner);

    void begin_heading(int level);
    void end_heading();

    /// The text so far (separators still pending are not in it yet).
    std::string_view written() const noexcept { return result_.text; }

    ExtractedText finish() &&;

private:
    void flush_pending();

    ExtractedText result_;
    int pending_newlines_ = 0;
    bool pending_space_ = false;
    int heading_level_ = 0;
    std::size_t heading_start_ = 0;
};

/// Removes template syntax that is never visible text: Hugo shortcodes (`{{< … >}}`,
/// `{{% … %}}`), Go/Liquid/KumaScript expressions (`{{ … }}`), Liquid tags (`{% … %}`) and
/// goldmark/kramdown attribute lists (`{#toc0}`, `{: .class}`, `{:toc}`).
/// What is between a pair of shortcodes stays. Newlines inside a removed tag are kept.
std::string strip_template_syntax(std::string_view text);

/// Markdown (CommonMark + GitHub tables, strikethrough, autolinks) to plain text with md4c.
/// Raw HTML blocks go through html_to_text; inline tags are dropped.
ExtractedText markdown_to_text(std::string_view markdown);

/// HTML (a document or a fragment) to plain text with gumbo, an HTML5-conformant parser.
/// Dropped: script, style, noscript, template, iframe, svg, head (but <title> is kept
/// apart), nav, and header/footer outside <article>/<main> (site chrome).
ExtractedText html_to_text(std::string_view html);

/// Elements nested deeper than this make a body too complex to extract: an HTML parser's
/// cost grows with depth × elements, and real pages stay far below it (Chromium's own
/// parser stops nesting at 512).
inline constexpr std::size_t kMaxHtmlDepth = 1000;

/// A cheap upper estimate of how deeply the elements of `html` nest, from its tags alone
/// (void elements and elements HTML closes implicitly, like <p> and <li>, do not count).
std::size_t estimate_html_depth(std::string_view html);

/// Decodes one character reference (`&amp;`, `&#233;`, `&#x1F600;`, `&eacute;`) to UTF-8.
/// Unknown names are returned unchanged.
std::string decode_entity(std::string_view entity);

} // namespace libsearch::detail
