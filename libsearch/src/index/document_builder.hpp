#pragma once

// How a Document becomes a Xapian::Document: the one place that decides which terms,
// positions, values and stored data a page gets. Used by every writer of an index (the
// single writer, and each thread of a parallel build), so they index alike.

#include "index/facet_dictionary.hpp"

#include <libsearch/analyzer.hpp>
#include <libsearch/document.hpp>

#include <xapian.h>

#include <string>
#include <vector>

namespace libsearch::detail {

/// A document's facet values as the value slots hold them: per configured facet (in
/// configuration order), the varint-packed sorted ids of its values; empty when it has none.
using PackedFacets = std::vector<std::string>;

/// Gives the document's facet values their dictionary ids (new values get new ids) and packs
/// them. Ids depend on the order documents are packed in: one thread packs, in page order.
PackedFacets pack_facets(const Document& document,
                         const std::vector<std::string>& facet_names,
                         std::vector<FacetDictionary>& dictionaries);

/// Builds Xapian documents. Owns an Analyzer (and its stemmer cache): one per thread.
class DocumentBuilder {
public:
    explicit DocumentBuilder(std::vector<std::string> facet_names);

    /// The Xapian document for `document`; it carries schema::id_term(document.id).
    Xapian::Document build(const Document& document, const PackedFacets& facets);

private:
    void index_field(Xapian::Document& doc,
                     std::string_view text,
                     Xapian::termpos first,
                     Xapian::termcount weight,
                     std::string_view language,
                     bool title,
                     Xapian::termpos last);
    void
    index_weighted(Xapian::Document& doc, const WeightedText& weighted, std::string_view language);
    /// `word` normalised, and as `written` (what its stem is taken from).
    void add_word(Xapian::Document& doc,
                  const std::string& word,
                  std::string_view written,
                  Xapian::termpos position,
                  Xapian::termcount weight,
                  std::string_view stem_language, ///< "": no stems
                  bool title);

    Analyzer analyzer_;
    std::vector<std::string> facet_names_;
};

} // namespace libsearch::detail
