// Fuzz target: a search-box query through the query grammar and the analyzer into a Xapian
// query (every string must parse: what does not fit the grammar is read as words).
#include "search/query_parser.hpp"
#include "search/xapian_query.hpp"

#include <libsearch/analyzer.hpp>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace libsearch;
    static Analyzer analyzer;
    static const std::vector<std::string> facets = {"topic", "brand"};
    static const detail::QueryRules rules = [] {
        detail::QueryRules made;
        made.language = "english";
        made.synonyms = detail::synonym_groups({{"ai", {"artificial intelligence"}}}, analyzer);
        return made;
    }();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = detail::parse_query(text, facets);
    const auto built = detail::build_text_query(parsed, analyzer, rules, {});
    (void)built.query.get_description();
    return 0;
}
