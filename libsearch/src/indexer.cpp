#include "completion_table.hpp"
#include "facet_dictionary.hpp"
#include "schema.hpp"
#include "stored_fields.hpp"
#include "text_util.hpp"
#include "xapian_errors.hpp"

#include <libsearch/analyzer.hpp>
#include <libsearch/error.hpp>
#include <libsearch/indexer.hpp>
#include <libsearch/json.hpp>
#include <libsearch/version.hpp>

#include <xapian.h>

namespace libsearch {

namespace schema = detail::schema;

struct Indexer::Impl {
    Impl(const Config& config,
         const std::filesystem::path& path,
         std::uint32_t batch,
         bool in_place = false)
        : database(path.string(),
                   in_place ? Xapian::DB_OPEN
                            : Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS)
        , batch(in_place ? 0 : batch)
        , in_place(in_place) {
        for (const auto& facet : config.facets) {
            facet_names.push_back(facet.name);
        }
        const std::string format = database.get_metadata(std::string(schema::kFormatKey));
        if (!format.empty() && format != std::to_string(kIndexFormat)) {
            throw Error(ErrorCode::index_format, "index at '" + path.string() + "' has format " +
                                                     format + ", this build writes " +
                                                     std::to_string(kIndexFormat) +
                                                     ": run searchd reindex --full");
        }
        const std::string stored_names = database.get_metadata(std::string(schema::kFacetNamesKey));
        if (!stored_names.empty() && stored_names != nlohmann::json(facet_names).dump()) {
            throw Error(ErrorCode::index_format,
                        "the index at '" + path.string() +
                            "' was built with other facets: run searchd reindex --full");
        }
        for (const auto& name : facet_names) {
            dictionaries.push_back(detail::FacetDictionary::parse(
                database.get_metadata(schema::facet_dictionary_key(name))));
        }
        if (in_place) {
            // Xapian flushes nothing inside a transaction: readers see all of it or none.
            database.begin_transaction();
        }
    }

    /// Words of one field: exact words with positions and the field's weight, their stems,
    /// and (for the title) the S-prefixed copies that `title:` searches.
    void index_field(Xapian::Document& doc,
                     std::string_view text,
                     Xapian::termpos first,
                     Xapian::termcount weight,
                     std::string_view language,
                     bool title,
                     Xapian::termpos last) {
        const bool stems = analyzer.has_stemmer(language);
        const std::string* previous = nullptr;
        const auto tokens = analyzer.tokenize(text, first);
        for (const auto& token : tokens) {
            if (token.position > last) {
                break; // the field's positions are used up (dropped long words count too)
            }
            add_word(doc, token.text, token.position, weight, language, title, stems);
            for (const auto part : detail::word_parts(token.text)) {
                add_word(doc, std::string(part), token.position, weight, language, title, stems);
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

    void add_word(Xapian::Document& doc,
                  const std::string& word,
                  Xapian::termpos position,
                  Xapian::termcount weight,
                  std::string_view language,
                  bool title,
                  bool stems) {
        doc.add_posting(word, position, weight);
        if (title) {
            doc.add_posting(std::string(schema::kTitlePrefix) + word, position, 1);
        }
        if (stems) {
            doc.add_term(std::string(schema::kStemPrefix) + analyzer.stem(word, language), weight);
        }
    }

    void add(const Document& document) {
        Xapian::Document doc;
        const std::string& language = document.language;
        index_field(doc, document.title, schema::kTitleFirstPosition, schema::kTitleWeight,
                    language, true, schema::kDescriptionFirstPosition - 2);
        index_field(doc, document.description, schema::kDescriptionFirstPosition,
                    schema::kDescriptionWeight, language, false,
                    schema::kFacetTextFirstPosition - 2);
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

        const std::string id_term = schema::id_term(document.id);
        doc.add_boolean_term(id_term);
        doc.add_boolean_term(
            schema::make_term(schema::kLanguagePrefix, detail::ascii_lower(language)));
        doc.add_value(schema::kDateSlot, Xapian::sortable_serialise(static_cast<double>(
                                             document.date.time_since_epoch().count())));
        for (std::size_t i = 0; i < facet_names.size(); ++i) {
            const auto found = document.facets.find(facet_names[i]);
            if (found == document.facets.end() || found->second.empty()) {
                continue;
            }
            std::vector<std::uint32_t> ids;
            for (const auto& value : found->second) {
                doc.add_boolean_term(schema::facet_term(facet_names[i], detail::casefold(value)));
                ids.push_back(dictionaries[i].add(value));
            }
            std::sort(ids.begin(), ids.end());
            ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
            std::string packed;
            for (const auto id : ids) {
                detail::append_varint(packed, id);
            }
            doc.add_value(schema::kFacetSlotBase + static_cast<Xapian::valueno>(i), packed);
        }
        doc.set_data(detail::encode_stored_fields(document));
        database.replace_document(id_term, doc);
        if (batch > 0 && ++pending >= batch) {
            commit(false);
        }
    }

    /// `final`: the caller's commit, after which readers may query: also rewrites the
    /// tables derived from the whole vocabulary (once, not per batch).
    void commit(bool final) {
        if (final) {
            detail::write_completion_table(database);
        }
        database.set_metadata(std::string(schema::kFormatKey), std::to_string(kIndexFormat));
        database.set_metadata(std::string(schema::kFacetNamesKey),
                              nlohmann::json(facet_names).dump());
        database.set_metadata(std::string(schema::kCreatedKey),
                              format_iso8601(std::chrono::floor<std::chrono::seconds>(
                                  std::chrono::system_clock::now())));
        for (std::size_t i = 0; i < facet_names.size(); ++i) {
            database.set_metadata(schema::facet_dictionary_key(facet_names[i]),
                                  dictionaries[i].serialize());
        }
        if (in_place) {
            database.commit_transaction();
            database.begin_transaction(); // a later add() belongs to the next commit
        } else {
            database.commit();
        }
        pending = 0;
    }

    Xapian::WritableDatabase database;
    Analyzer analyzer;
    std::vector<std::string> facet_names;
    std::vector<detail::FacetDictionary> dictionaries;
    std::uint32_t batch;
    bool in_place;
    std::uint32_t pending = 0;
};

Indexer::Indexer(const Config& config, const std::filesystem::path& database, std::uint32_t batch) {
    detail::translate_xapian_errors("open index for writing at '" + database.string() + "'", [&] {
        impl_ = std::make_unique<Impl>(config, database, batch);
    });
}
Indexer Indexer::update_in_place(const Config& config, const std::filesystem::path& database) {
    Indexer indexer;
    detail::translate_xapian_errors("open index for updating at '" + database.string() + "'", [&] {
        indexer.impl_ = std::make_unique<Impl>(config, database, 0, true);
    });
    return indexer;
}

void Indexer::set_metadata(const std::string& key, const std::string& value) {
    if (key.rfind("libsearch:", 0) == 0) {
        throw Error(ErrorCode::invalid_argument, "metadata key '" + key + "' is reserved");
    }
    detail::translate_xapian_errors("write metadata",
                                    [&] { impl_->database.set_metadata(key, value); });
}

std::string Indexer::metadata(const std::string& key) const {
    return detail::translate_xapian_errors("read metadata",
                                           [&] { return impl_->database.get_metadata(key); });
}

Indexer::~Indexer() = default;
Indexer::Indexer(Indexer&&) noexcept = default;
Indexer& Indexer::operator=(Indexer&&) noexcept = default;

void Indexer::add(const Document& document) {
    detail::translate_xapian_errors("index '" + document.path + "'", [&] { impl_->add(document); });
}

void Indexer::remove(std::string_view id) {
    detail::translate_xapian_errors("remove a document",
                                    [&] { impl_->database.delete_document(schema::id_term(id)); });
}

void Indexer::commit() {
    detail::translate_xapian_errors("commit the index", [&] { impl_->commit(true); });
}

std::uint64_t Indexer::document_count() const {
    return impl_->database.get_doccount();
}

void Indexer::verify(const std::filesystem::path& path, std::uint64_t expected_documents) {
    detail::translate_xapian_errors("verify the new index at '" + path.string() + "'", [&] {
        Xapian::Database database(path.string(), Xapian::DB_BACKEND_GLASS);
        if (database.get_metadata(std::string(schema::kFormatKey)) !=
            std::to_string(kIndexFormat)) {
            throw Error(ErrorCode::internal,
                        "the new index at '" + path.string() + "' has no format version");
        }
        if (database.get_doccount() != expected_documents) {
            throw Error(ErrorCode::internal, "the new index at '" + path.string() + "' holds " +
                                                 std::to_string(database.get_doccount()) +
                                                 " documents, expected " +
                                                 std::to_string(expected_documents));
        }
        if (expected_documents > 0) {
            Xapian::Enquire enquire(database);
            enquire.set_query(Xapian::Query(std::string()));
            const Xapian::MSet sample = enquire.get_mset(0, 1);
            if (sample.empty() || sample.begin().get_document().get_data().empty()) {
                throw Error(ErrorCode::internal,
                            "the new index at '" + path.string() + "' returns no document");
            }
        }
    });
}

} // namespace libsearch
