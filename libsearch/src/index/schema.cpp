#include "index/schema.hpp"
#include "text/text_util.hpp"

#include <cstdint>
#include <cstdio>

namespace libsearch::detail::schema {

std::string make_term(std::string_view prefix, std::string_view text) {
    std::string term(prefix);
    if (prefix.size() + text.size() <= kMaxTermBytes) {
        term += text;
        return term;
    }
    // Cut at a UTF-8 boundary, then append '#' and 16 hex digits of the whole text's hash.
    std::size_t keep = kMaxTermBytes - prefix.size() - 17;
    while (keep > 0 && (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80) {
        --keep;
    }
    term += text.substr(0, keep);
    char hash[18];
    std::snprintf(hash, sizeof hash, "#%016llx", static_cast<unsigned long long>(fnv1a(text)));
    term += hash;
    return term;
}

std::string id_term(std::string_view id) {
    return make_term(kIdPrefix, id);
}

std::string facet_term(std::string_view facet, std::string_view folded_value) {
    std::string prefix(kFacetPrefix);
    prefix += facet;
    prefix += ':';
    return make_term(prefix, folded_value);
}

std::string stem_term(std::string_view language, std::string_view stem) {
    std::string prefix(kStemPrefix);
    prefix += language;
    prefix += ':';
    return make_term(prefix, stem);
}

} // namespace libsearch::detail::schema
