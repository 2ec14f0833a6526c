#pragma once

// Every term prefix, value slot and metadata key of a libsearch index, in one place
// (Omega's conventions, xapian-omega/docs/termprefixes.rst). Change anything here and bump
// kIndexFormat in index.hpp: an index built with other prefixes would silently mismatch.

#include <xapian.h>

#include <string>
#include <string_view>

namespace libsearch::detail::schema {

// Terms.
inline constexpr std::string_view kIdPrefix = "Q";    ///< Q<id>: the unique id term
inline constexpr std::string_view kTitlePrefix = "S"; ///< S<word>: title words, positional
/// Z<stemmer language>:<stem>: stems of all text, in the page's language ("Zfrench:ajout").
inline constexpr std::string_view kStemPrefix = "Z";
inline constexpr std::string_view kLanguagePrefix = "L"; ///< L<language tag>: "Lfr", "Lpt-br"
inline constexpr std::string_view kFacetPrefix = "XF";   ///< XF<facet>:<casefolded value>
/// XP<word> <word>: two neighbouring title words, the phrases /suggest completes to.
inline constexpr std::string_view kTitlePhrasePrefix = "XP";
// Unprefixed terms are the normalised words of title, description, facet values and body,
// positional.

// Values.
inline constexpr Xapian::valueno kDateSlot = 0;       ///< sortable_serialise(unix seconds)
inline constexpr Xapian::valueno kFacetSlotBase = 16; ///< + facet number: its value ids, varints

// Metadata.
inline constexpr std::string_view kFormatKey = "libsearch:format";
inline constexpr std::string_view kCreatedKey = "libsearch:created";   ///< ISO 8601, UTC
inline constexpr std::string_view kFacetNamesKey = "libsearch:facets"; ///< JSON list of names
/// libsearch:complete:<term prefix> → the prefix's most frequent terms, one per line
/// (completion_table.hpp).
inline constexpr std::string_view kCompletionsKeyPrefix = "libsearch:complete:";
/// libsearch:facet:<name> → JSON list of display values; a value's id is its list index.
inline std::string facet_dictionary_key(std::string_view facet) {
    return "libsearch:facet:" + std::string(facet);
}

// Positions: fields are laid out one after another with gaps, so that a phrase never spans
// the end of the title and the start of the body.
inline constexpr Xapian::termpos kTitleFirstPosition = 1;
inline constexpr Xapian::termpos kDescriptionFirstPosition = 1'000;
inline constexpr Xapian::termpos kFacetTextFirstPosition = 1'500; ///< facet values, as words
inline constexpr Xapian::termpos kBodyFirstPosition = 2'000;
/// Words past this many in a body are not indexed (R10: positions are capped).
inline constexpr std::size_t kMaxBodyWords = 100'000;

// Within-document frequency increments: the field weights of BM25.
inline constexpr Xapian::termcount kTitleWeight = 5;
inline constexpr Xapian::termcount kDescriptionWeight = 2;
inline constexpr Xapian::termcount kFacetTextWeight = 2; ///< a page tagged `Telehealth` is about it
inline constexpr Xapian::termcount kBodyWeight = 1;
/// The most a built page may weigh its own text (data-search-weight, Pagefind's scale).
inline constexpr Xapian::termcount kMaxTextWeight = 10;

/// Xapian's glass backend refuses terms over 245 bytes; longer ids and facet values are cut
/// and made unique again with a hash of the whole.
inline constexpr std::size_t kMaxTermBytes = 240;

/// The term for `prefix` + `text`, cut and hashed when it would be too long.
std::string make_term(std::string_view prefix, std::string_view text);

std::string id_term(std::string_view id);
std::string facet_term(std::string_view facet, std::string_view folded_value);
/// `stem` of a word in `language`, a Snowball name (Analyzer::stemmer_language).
std::string stem_term(std::string_view language, std::string_view stem);

} // namespace libsearch::detail::schema
