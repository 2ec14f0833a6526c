#include "index/document_builder.hpp"

#include "index/schema.hpp"
#include "index/stored_fields.hpp"
#include "text/languages.hpp"
#include "text/text_util.hpp"

#include <libsearch/config.hpp>

#include <algorithm>

namespace libsearch::detail {

namespace {

/// The values of facet `name` of `document`, or null: the language facet holds the page's
/// language when the page gives it no value of its own (kLanguageFacet).
const std::vector<std::string>* facet_values(const Document& document,
                                             const std::string& name,
                                             std::vector<std::string>& language) {
    const auto found = document.facets.find(name);
    if (found != document.facets.end() && !found->second.empty()) {
        return &found->second;
    }
    if (name == kLanguageFacet && !document.language.empty()) {
        language.assign(1, language_tag(document.language));
        return &language;
    }
    return nullptr;
}

} // namespace

PackedFacets pack_facets(const Document& document,
                         const std::vector<std::string>& facet_names,
                         std::vector<FacetDictionary>& dictionaries) {
    PackedFacets packed(facet_names.size());
    for (std::size_t i = 0; i < facet_names.size(); ++i) {
        std::vector<std::string> language;
        const auto* values = facet_values(document, facet_names[i], language);
        if (values == nullptr) {
            continue;
        }
        std::vector<std::uint32_t> ids;
        for (const auto& value : *values) {
            ids.push_back(dictionaries[i].add(value));
        }
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        for (const auto id : ids) {
            append_varint(packed[i], id);
        }
    }
    return packed;
}

DocumentBuilder::DocumentBuilder(std::vector<std::string> facet_names)
    : facet_names_(std::move(facet_names)) {}

/// Words of one field: exact words with positions and the field's weight, their stems,
/// and (for the title) the S-prefixed copies that `title:` searches.
void DocumentBuilder::index_field(Xapian::Document& doc,
                                  std::string_view text,
                                  Xapian::termpos first,
                                  Xapian::termcount weight,
                                  std::string_view language,
                                  bool title,
                                  Xapian::termpos last) {
    const std::string stem_language = analyzer_.stemmer_language(language);
    const std::string* previous = nullptr;
    const auto tokens = analyzer_.tokenize(text, first);
    for (const auto& token : tokens) {
        if (token.position > last) {
            break; // the field's positions are used up (dropped long words count too)
        }
        const std::string_view written = text.substr(token.begin, token.end - token.begin);
        add_word(doc, token.text, written, token.position, weight, stem_language, title);
        const auto parts = word_parts(token.text);
        const auto written_parts = parts.empty() ? parts : word_parts(written);
        for (std::size_t i = 0; i < parts.size(); ++i) {
            add_word(doc, std::string(parts[i]),
                     written_parts.size() == parts.size() ? written_parts[i] : parts[i],
                     token.position, weight, stem_language, title);
        }
        if (title && previous != nullptr) {
            const std::string phrase =
                std::string(schema::kTitlePhrasePrefix) + *previous + ' ' + token.text;
            if (phrase.size() <= schema::kMaxTermBytes) {
                doc.add_boolean_term(phrase);
            }
        }
        previous = &token.text;
    }
}

/// Weighed text is in the body already, with its positions: what it weighs beyond the body
/// is added to its words' frequencies alone.
void DocumentBuilder::index_weighted(Xapian::Document& doc,
                                     const WeightedText& weighted,
                                     std::string_view language) {
    if (weighted.weight <= schema::kBodyWeight || weighted.weight > schema::kMaxTextWeight) {
        return;
    }
    const Xapian::termcount extra = weighted.weight - schema::kBodyWeight;
    const std::string stem_language = analyzer_.stemmer_language(language);
    const auto tokens = analyzer_.tokenize(weighted.text, 1);
    std::size_t words = 0;
    for (const auto& token : tokens) {
        if (++words > schema::kMaxBodyWords) {
            break;
        }
        doc.add_term(token.text, extra);
        if (!stem_language.empty()) {
            const std::string_view written =
                std::string_view(weighted.text).substr(token.begin, token.end - token.begin);
            for (const auto& stem : analyzer_.stems(token.text, written, stem_language)) {
                doc.add_term(schema::stem_term(stem_language, stem), extra);
            }
        }
    }
}

void DocumentBuilder::add_word(Xapian::Document& doc,
                               const std::string& word,
                               std::string_view written,
                               Xapian::termpos position,
                               Xapian::termcount weight,
                               std::string_view stem_language,
                               bool title) {
    doc.add_posting(word, position, weight);
    if (title) {
        doc.add_posting(std::string(schema::kTitlePrefix) + word, position, 1);
    }
    if (!stem_language.empty()) {
        for (const auto& stem : analyzer_.stems(word, written, stem_language)) {
            doc.add_term(schema::stem_term(stem_language, stem), weight);
        }
    }
}

Xapian::Document DocumentBuilder::build(const Document& document, const PackedFacets& facets) {
    Xapian::Document doc;
    const std::string& language = document.language;
    index_field(doc, document.title, schema::kTitleFirstPosition, schema::kTitleWeight, language,
                true, schema::kDescriptionFirstPosition - 2);
    index_field(doc, document.description, schema::kDescriptionFirstPosition,
                schema::kDescriptionWeight, language, false, schema::kFacetTextFirstPosition - 2);
    std::string facet_text;
    for (const auto& [name, values] : document.facets) {
        for (const auto& value : values) {
            facet_text += value;
            facet_text += '\n';
        }
    }
    index_field(doc, facet_text, schema::kFacetTextFirstPosition, schema::kFacetTextWeight,
                language, false, schema::kBodyFirstPosition - 2);
    index_field(doc, document.body, schema::kBodyFirstPosition, schema::kBodyWeight, language,
                false, schema::kBodyFirstPosition + schema::kMaxBodyWords);
    for (const auto& weighted : document.weighted_text) {
        index_weighted(doc, weighted, language);
    }

    doc.add_boolean_term(schema::id_term(document.id));
    doc.add_boolean_term(schema::make_term(schema::kLanguagePrefix, language_tag(language)));
    if (document.date) { // an undated page has no value: it never matches a date range
        doc.add_value(schema::kDateSlot, Xapian::sortable_serialise(static_cast<double>(
                                             document.date->time_since_epoch().count())));
    }
    for (std::size_t i = 0; i < facet_names_.size() && i < facets.size(); ++i) {
        if (facets[i].empty()) {
            continue;
        }
        std::vector<std::string> language;
        for (const auto& value : *facet_values(document, facet_names_[i], language)) {
            doc.add_boolean_term(schema::facet_term(facet_names_[i], casefold(value)));
        }
        doc.add_value(schema::kFacetSlotBase + static_cast<Xapian::valueno>(i), facets[i]);
    }
    doc.set_data(encode_stored_fields(document));
    return doc;
}

} // namespace libsearch::detail
