#pragma once

#include <libsearch/config.hpp>
#include <libsearch/document.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>

namespace libsearch {

/// Writes Documents into one Xapian database (a generation's folder): words of title,
/// description and body with positions and field weights, stems, facet terms for filters,
/// facet value ids for counting, the date for sorting and ranges, and the stored data a hit
/// displays. A document replaces the one with the same id. The one writer of its database.
class Indexer {
public:
    /// Documents added between two automatic commits: bounds the writer's memory whatever the
    /// corpus size (see bench/README.md for how the batch size was chosen).
    static constexpr std::uint32_t kDefaultBatch = 1000;

    /// Creates the database at `database` or opens the one there. Throws Error(index_format)
    /// for a database of another format, Error(index_unavailable) if it is locked by
    /// another writer, Error(io_error) for other failures.
    Indexer(const Config& config,
            const std::filesystem::path& database,
            std::uint32_t batch = kDefaultBatch);

    /// A new database at `database` (an empty or missing folder) for a full build, written by
    /// `writers` threads into shards that commit() merges with Xapian's compactor: the
    /// build runs on that many cores and the merged index is about half the size. Pages are
    /// only added (remove() throws); a page whose id was added before replaces it. Nothing is
    /// readable before commit(); a later commit() writes to the merged database. The order
    /// of documents in the index (which breaks ties in relevance) depends on `writers`.
    static Indexer build(const Config& config,
                         const std::filesystem::path& database,
                         unsigned writers,
                         std::uint32_t batch = kDefaultBatch);

    /// Opens the existing database at `database` for an in-place update that readers see all
    /// at once: nothing is visible until commit(), which commits one Xapian transaction.
    static Indexer update_in_place(const Config& config, const std::filesystem::path& database);
    ~Indexer();
    Indexer(Indexer&&) noexcept;
    Indexer& operator=(Indexer&&) noexcept;

    /// Adds the document, or replaces the one with its id.
    void add(const Document& document);

    /// Removes the document with this id, if there is one.
    void remove(std::string_view id);

    /// Makes everything added so far durable and visible to readers of this database, and
    /// rebuilds what is derived from the whole vocabulary (the completions of short
    /// prefixes): commit once when done, not after each document. Batches commit by
    /// themselves.
    void commit();

    /// Documents in the database; in a parallel build before its commit(), the documents
    /// added so far (a replaced one counts twice).
    std::uint64_t document_count() const;

    /// Application data kept with the index and committed with the documents (the reindex
    /// manifest). Keys must not start with "libsearch:".
    void set_metadata(const std::string& key, const std::string& value);
    std::string metadata(const std::string& key) const;

    /// Checks a finished database before it is published (RELIABILITY.md §3): it opens
    /// read-only, holds `expected_documents`, has this build's format, and a document can
    /// be read back. Throws Error naming what is wrong.
    static void verify(const std::filesystem::path& database, std::uint64_t expected_documents);

private:
    Indexer() = default;
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace libsearch
