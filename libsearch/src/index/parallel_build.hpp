#pragma once

// A new index written by several threads at once, for full rebuilds.
//
// Xapian's writer is single-threaded and most of a build's time is spent in it (turning
// words into postings and updating the B-trees), so a build on N cores writes N shards, one
// WritableDatabase per thread, and merges them at the end with Xapian's compactor. The merge
// reads each shard once, sequentially, and writes full B-tree blocks: the merged index is
// about half the size of one written page by page (whose blocks split as it grows).

#include "index/document_builder.hpp"

#include <libsearch/document.hpp>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace libsearch::detail {

class ParallelBuild {
public:
    /// Shards go in `folder/shards/<n>`; the merged database is written to `folder` by
    /// merge_into(). `batch`: documents each shard writes between two commits.
    ParallelBuild(const std::vector<std::string>& facet_names,
                  const std::filesystem::path& folder,
                  unsigned writers,
                  std::uint32_t batch);
    /// Stops the writers; unmerged shards stay on disk for the caller to discard.
    ~ParallelBuild();
    ParallelBuild(const ParallelBuild&) = delete;
    ParallelBuild& operator=(const ParallelBuild&) = delete;

    /// Queues the document for the shard its id hashes to, so that a later document with the
    /// same id replaces it there. Blocks while that shard is behind. Rethrows a writer's error.
    void add(Document document, PackedFacets facets);

    /// Waits for the writers to commit their shards, then merges them into one database at
    /// the folder and removes them. Rethrows a writer's error.
    void merge_into(const std::filesystem::path& folder);

    std::uint64_t documents_added() const noexcept { return added_; }

private:
    struct Job {
        Document document;
        PackedFacets facets;
    };
    struct Shard {
        std::filesystem::path path;
        std::mutex mutex;
        std::condition_variable changed;
        std::deque<Job> queue;
        bool closing = false;
        std::exception_ptr error;
        std::thread thread;
    };

    void write(Shard& shard);
    void stop() noexcept;
    void rethrow_error();

    std::vector<std::string> facet_names_;
    std::uint32_t batch_;
    std::vector<std::unique_ptr<Shard>> shards_;
    std::uint64_t added_ = 0;
};

} // namespace libsearch::detail
