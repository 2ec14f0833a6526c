#include "index/completion_table.hpp"
#include "index/document_builder.hpp"
#include "index/facet_dictionary.hpp"
#include "index/parallel_build.hpp"
#include "index/schema.hpp"
#include "xapian_errors.hpp"

#include <algorithm>
#include <libsearch/analyzer.hpp>
#include <libsearch/error.hpp>
#include <libsearch/indexer.hpp>
#include <libsearch/json.hpp>
#include <libsearch/version.hpp>

#include <xapian.h>

#include <map>

namespace libsearch {

namespace schema = detail::schema;

namespace {

/// The configured facets, and the language facet every index has (kLanguageFacet).
std::vector<std::string> names_of(const std::vector<FacetConfig>& facets) {
    std::vector<std::string> names;
    for (const auto& facet : facets) {
        names.push_back(facet.name);
    }
    if (std::find(names.begin(), names.end(), kLanguageFacet) == names.end() &&
        names.size() < kMaxFacets) {
        names.emplace_back(kLanguageFacet);
    }
    return names;
}

} // namespace

struct Indexer::Impl {
    /// `writers` > 0: a new database written by that many threads, merged at commit().
    Impl(const Config& config,
         const std::filesystem::path& path,
         std::uint32_t batch,
         bool in_place = false,
         unsigned writers = 0)
        : path(path)
        , facet_names(names_of(config.facets))
        , builder(facet_names)
        , batch(in_place ? 0 : batch)
        , in_place(in_place) {
        if (writers > 0) {
            dictionaries.resize(facet_names.size());
            parallel = std::make_unique<detail::ParallelBuild>(facet_names, path, writers, batch);
            return;
        }
        database = Xapian::WritableDatabase(path.string(), in_place ? Xapian::DB_OPEN
                                                                    : Xapian::DB_CREATE_OR_OPEN |
                                                                          Xapian::DB_BACKEND_GLASS);
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

    void add(const Document& document) {
        // Facet ids are given here, on the caller's thread, in the order pages come.
        detail::PackedFacets facets = detail::pack_facets(document, facet_names, dictionaries);
        if (parallel) {
            parallel->add(document, std::move(facets));
            return;
        }
        database.replace_document(schema::id_term(document.id), builder.build(document, facets));
        if (batch > 0 && ++pending >= batch) {
            commit(false);
        }
    }

    /// `final`: the caller's commit, after which readers may query: also rewrites the
    /// tables derived from the whole vocabulary (once, not per batch).
    void commit(bool final) {
        if (parallel) {
            parallel->merge_into(path);
            parallel.reset();
            database = Xapian::WritableDatabase(path.string(), Xapian::DB_OPEN);
            for (const auto& [key, value] : metadata_before_merge) {
                database.set_metadata(key, value);
            }
            metadata_before_merge.clear();
        }
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

    void set_metadata(const std::string& key, const std::string& value) {
        if (parallel) {
            metadata_before_merge[key] = value;
        } else {
            database.set_metadata(key, value);
        }
    }

    std::string metadata(const std::string& key) const {
        if (parallel) {
            const auto found = metadata_before_merge.find(key);
            return found == metadata_before_merge.end() ? std::string() : found->second;
        }
        return database.get_metadata(key);
    }

    std::uint64_t document_count() const {
        return parallel ? parallel->documents_added() : database.get_doccount();
    }

    std::filesystem::path path;
    Xapian::WritableDatabase database; // none while a parallel build runs
    std::unique_ptr<detail::ParallelBuild> parallel;
    std::map<std::string, std::string> metadata_before_merge;
    std::vector<std::string> facet_names;
    std::vector<detail::FacetDictionary> dictionaries;
    detail::DocumentBuilder builder;
    std::uint32_t batch;
    bool in_place;
    std::uint32_t pending = 0;
};

Indexer::Indexer(const Config& config, const std::filesystem::path& database, std::uint32_t batch) {
    detail::translate_xapian_errors("open index for writing at '" + database.string() + "'", [&] {
        impl_ = std::make_unique<Impl>(config, database, batch);
    });
}
Indexer Indexer::build(const Config& config,
                       const std::filesystem::path& database,
                       unsigned writers,
                       std::uint32_t batch) {
    Indexer indexer;
    detail::translate_xapian_errors("create index at '" + database.string() + "'", [&] {
        indexer.impl_ =
            std::make_unique<Impl>(config, database, batch, false, std::max(writers, 1u));
    });
    return indexer;
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
    detail::translate_xapian_errors("write metadata", [&] { impl_->set_metadata(key, value); });
}

std::string Indexer::metadata(const std::string& key) const {
    return detail::translate_xapian_errors("read metadata", [&] { return impl_->metadata(key); });
}

Indexer::~Indexer() = default;
Indexer::Indexer(Indexer&&) noexcept = default;
Indexer& Indexer::operator=(Indexer&&) noexcept = default;

void Indexer::add(const Document& document) {
    detail::translate_xapian_errors("index '" + document.path + "'", [&] { impl_->add(document); });
}

void Indexer::remove(std::string_view id) {
    if (impl_->parallel) {
        throw Error(ErrorCode::invalid_argument,
                    "a parallel build adds documents only: it cannot remove one");
    }
    detail::translate_xapian_errors("remove a document",
                                    [&] { impl_->database.delete_document(schema::id_term(id)); });
}

void Indexer::commit() {
    detail::translate_xapian_errors("commit the index", [&] { impl_->commit(true); });
}

std::uint64_t Indexer::document_count() const {
    return impl_->document_count();
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
