#pragma once

#include <libsearch/config.hpp>
#include <libsearch/index.hpp>
#include <libsearch/loader.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace libsearch {

struct ReindexOptions {
    bool full = false; ///< rebuild from scratch even when an update would do
    /// Publish even when more than index.max_delete_ratio of the pages would go.
    bool allow_mass_delete = false;
    Loader::IssueSink on_issue;       ///< every skipped, repaired or draft file, every run
    Loader::ProgressSink on_progress; ///< files looked at so far
    /// Asked after each file: when it answers true, reindex() stops with Error(cancelled)
    /// and the index is as it was (nothing is published; an update is not committed).
    /// searchd asks whether it is shutting down.
    std::function<bool()> cancelled;
};

struct ReindexReport {
    bool full = false;       ///< a new generation was built (else the current one was updated)
    std::string full_reason; ///< why: "--full", "no index yet", "the configuration changed", ...
    Generation generation;   ///< the generation serving the result
    std::uint64_t files = 0; ///< files the walk selected (and links it skipped)
    std::uint64_t added = 0;
    std::uint64_t updated = 0;
    std::uint64_t deleted = 0;
    std::uint64_t unchanged = 0;
    std::uint64_t skipped = 0;
    std::uint64_t drafts = 0;
    std::uint64_t unpublished = 0; ///< pages the site does not publish (expired, future, ...)
    std::uint64_t repaired = 0;    ///< loaded with a warning
    std::uint64_t documents = 0;   ///< in the index afterwards
    std::uint64_t bytes_read = 0;
    std::chrono::steady_clock::duration elapsed{};
};

/// `searchd reindex`, as a library call: brings the index at config.index.path up to date
/// with config.content.root, as the one writer (Index::lock_writer).
///
/// Incremental by default: a manifest kept in the index records each file's size, mtime and
/// content hash; only added and changed files are read (a changed size or mtime is confirmed
/// by the hash), removed files' documents are deleted, and everything commits in one Xapian
/// transaction in the current generation, so readers see the whole change at once.
/// A full rebuild (requested, no index yet, another format, or a configuration change that
/// alters what is indexed) builds a new generation beside the current one, verifies it and
/// publishes it with the atomic swap, after checking that the disk can hold it.
/// Throws Error(index_busy) when another reindex holds the lock, and Error(mass_delete),
/// publishing nothing, when the run would delete more than index.max_delete_ratio of the
/// current pages (unless options.allow_mass_delete); any other failure leaves the current
/// generation serving as it was.
ReindexReport reindex(const Config& config, const ReindexOptions& options = {});

} // namespace libsearch
