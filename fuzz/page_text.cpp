// Fuzz target: a page's body as Markdown, as HTML and as a generator's built page, through
// the text extraction that feeds the index (template syntax, entities, deep nesting).
#include "load/built_page.hpp"
#include "text/plain_text.hpp"

#include <libsearch/error.hpp>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace libsearch;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        detail::markdown_to_text(detail::strip_template_syntax(text));
        detail::html_to_text(text);
        detail::read_built_page(text);
    } catch (const Error&) {
        // a page skipped with its reason (too deep, too large)
    }
    return 0;
}
