#include "xapian_baseline.hpp"

#include <nlohmann/json.hpp>

#include <memory>

namespace bench {

namespace {

constexpr Xapian::valueno kDateSlot = 0;
constexpr Xapian::valueno kFacetSlotBase = 16;

/// The filter term of a facet value, as written in the page (the indexer's and the filter's).
std::string facet_term(const std::string& facet, const std::string& value) {
    return ("XF" + facet + ":" + value).substr(0, 240);
}

} // namespace

BaselineIndexer::BaselineIndexer(const libsearch::Config& config,
                                 const std::string& path,
                                 unsigned batch)
    : database_(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS)
    , batch_(batch) {
    generator_.set_stemmer(Xapian::Stem("english"));
    generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    // Spelling data, so that the searcher can correct typos as well as plain Xapian can.
    generator_.set_database(database_);
    generator_.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
    for (const auto& facet : config.facets) {
        facets_.push_back(facet.name);
    }
}

void BaselineIndexer::add(const libsearch::Document& document) {
    Xapian::Document doc;
    generator_.set_document(doc);
    generator_.index_text(document.title, 5);
    generator_.index_text(document.title, 1, "S");
    generator_.increase_termpos();
    generator_.index_text(document.description, 2);
    generator_.increase_termpos();
    generator_.index_text(document.body);
    const std::string id_term = "Q" + document.id.substr(0, 200);
    doc.add_boolean_term(id_term);
    if (document.date) {
        doc.add_value(kDateSlot, Xapian::sortable_serialise(static_cast<double>(
                                     document.date->time_since_epoch().count())));
    }
    for (std::size_t i = 0; i < facets_.size(); ++i) {
        const auto found = document.facets.find(facets_[i]);
        if (found == document.facets.end() || found->second.empty()) {
            continue;
        }
        for (const auto& value : found->second) {
            doc.add_boolean_term(facet_term(facets_[i], value));
        }
        // ValueCountMatchSpy counts one value per slot: the baseline keeps the first value
        // of a multi-valued facet (its counts are cheaper to get and less correct).
        doc.add_value(kFacetSlotBase + static_cast<Xapian::valueno>(i), found->second.front());
    }
    doc.set_data(nlohmann::json{{"id", document.id},
                                {"url", document.url},
                                {"title", document.title},
                                {"description", document.description},
                                {"facets", document.facets},
                                {"text", document.body.substr(0, 16 * 1024)}}
                     .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    database_.replace_document(id_term, doc);
    if (batch_ > 0 && ++pending_ >= batch_) {
        database_.commit();
        pending_ = 0;
    }
}

BaselineSearcher::BaselineSearcher(const libsearch::Config& config, const std::string& path)
    : database_(path) {
    parser_.set_database(database_);
    parser_.set_stemmer(Xapian::Stem("english"));
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.set_default_op(Xapian::Query::OP_AND);
    parser_.add_prefix("title", "S");
    for (const auto& facet : config.facets) {
        facets_.push_back(facet.name);
    }
}

BaselineAnswer BaselineSearcher::search(const std::string& text,
                                        const std::string& facet,
                                        const std::string& value,
                                        bool count_facets) {
    Xapian::Enquire enquire(database_);
    Xapian::Query query;
    if (text.empty()) {
        query = Xapian::Query(std::string());
        enquire.set_sort_by_value_then_relevance(kDateSlot, true);
    } else {
        constexpr unsigned kFlags = Xapian::QueryParser::FLAG_DEFAULT |
                                    Xapian::QueryParser::FLAG_PARTIAL |
                                    Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
        query = parser_.parse_query(text, kFlags);
        // Plain Xapian's "did you mean": search for the corrected text instead, as a site
        // using it would when the words as typed are misspelt.
        const std::string corrected = parser_.get_corrected_query_string();
        if (!corrected.empty()) {
            query = parser_.parse_query(corrected, kFlags);
        }
    }
    if (!facet.empty()) {
        query =
            Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(facet_term(facet, value)));
    }
    enquire.set_query(query);
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    for (std::size_t i = 0; count_facets && i < facets_.size(); ++i) {
        spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(
            kFacetSlotBase + static_cast<Xapian::valueno>(i)));
        enquire.add_matchspy(spies.back().get());
    }
    const Xapian::MSet mset = enquire.get_mset(0, 10, count_facets ? database_.get_doccount() : 0);
    BaselineAnswer answer;
    answer.total = mset.get_matches_estimated();
    std::size_t top_values = 0;
    for (const auto& spy : spies) {
        for (auto it = spy->top_values_begin(20); it != spy->top_values_end(20); ++it) {
            ++top_values;
        }
    }
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        const auto data = nlohmann::json::parse(it.get_document().get_data(), nullptr, false);
        answer.ids.push_back(data.value("id", ""));
        const std::string snippet = mset.snippet(data.value("text", ""), 200);
        static_cast<void>(snippet);
    }
    static_cast<void>(top_values);
    return answer;
}

} // namespace bench
