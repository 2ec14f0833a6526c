#pragma once

#include <libsearch/config.hpp>
#include <libsearch/query.hpp>
#include <libsearch/result.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace libsearch {

/// Answers queries from the current generation of an index.
///
/// NOT thread-safe: a Searcher owns a Xapian::Database and ICU objects, which must stay on
/// one thread. Give each thread its own Searcher (they are cheap to open: the index is on
/// disk and shared through the page cache). refresh() moves it to a newly published
/// generation between queries.
class Searcher {
public:
    /// Opens the generation `current` points to in `index_dir` (by default the config's
    /// index.path). Throws Error(index_unavailable) when nothing was published yet or the
    /// index is damaged, Error(index_format) when it was built by another format version.
    explicit Searcher(const Config& config);
    Searcher(const Config& config, const std::filesystem::path& index_dir);
    ~Searcher();
    Searcher(Searcher&&) noexcept;
    Searcher& operator=(Searcher&&) noexcept;

    /// Runs a query. Throws Error(invalid_argument) for a query out of range (page 0,
    /// per_page outside 1..100, page × per_page over 10,000, an unknown facet), with a
    /// message for the user; never for the text, which always parses.
    Result search(const Query& query);

    /// Completions of the last word being typed: the most frequent index words that start
    /// with it, then titles that match the words so far. Throws like search() for a limit
    /// out of range or an unknown facet.
    Suggestions suggest(const SuggestQuery& query);

    /// Moves to the generation `current` points to now, if it changed. Returns whether it did.
    bool refresh();

    const std::string& generation() const;
    std::uint64_t document_count() const;
    std::string indexed_at() const; ///< ISO 8601 time the generation was written
    /// When the index was last written (built or updated); the epoch when it does not say.
    std::chrono::system_clock::time_point updated_at() const;
    /// The facets of the index, in configuration order.
    const std::vector<std::string>& facet_names() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace libsearch
