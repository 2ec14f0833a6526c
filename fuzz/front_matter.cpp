// Fuzz target: a page's front matter (YAML, TOML or JSON, as the first bytes say) split
// from its body and read into fields; bad input is a PageError (the page is skipped with its
// line and reason) or a warning, never a crash.
#include "load/front_matter.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace libsearch;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto split = detail::split_front_matter(text);
        detail::parse_front_matter(split);
    } catch (const detail::PageError&) {
        // the documented failure: the page is skipped with its line and reason
    }
    return 0;
}
