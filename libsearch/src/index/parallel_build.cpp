#include "index/parallel_build.hpp"

#include "index/schema.hpp"
#include "text/text_util.hpp"
#include "xapian_errors.hpp"

#include <libsearch/error.hpp>

#include <xapian.h>

namespace libsearch::detail {

namespace {

/// Documents waiting per shard: a commit's worth, so that while one writer commits (seconds,
/// once its shard is large) the reader keeps feeding the others instead of waiting for it.
/// About 4 MB of pages per shard.
constexpr std::size_t kQueueDepth = 1000;

} // namespace

ParallelBuild::ParallelBuild(const std::vector<std::string>& facet_names,
                             const std::filesystem::path& folder,
                             unsigned writers,
                             std::uint32_t batch)
    : facet_names_(facet_names)
    , batch_(batch) {
    for (unsigned n = 0; n < std::max(writers, 1u); ++n) {
        auto shard = std::make_unique<Shard>();
        shard->path = folder / "shards" / std::to_string(n);
        std::error_code error;
        std::filesystem::create_directories(shard->path, error);
        if (error) {
            throw Error(ErrorCode::io_error, "cannot create index shard '" + shard->path.string() +
                                                 "': " + error.message());
        }
        shards_.push_back(std::move(shard));
    }
    for (auto& shard : shards_) {
        shard->thread = std::thread([this, &shard = *shard] { write(shard); });
    }
}

ParallelBuild::~ParallelBuild() {
    stop();
}

void ParallelBuild::write(Shard& shard) {
    try {
        translate_xapian_errors("write index shard '" + shard.path.string() + "'", [&] {
            // Every Xapian object of the shard lives and dies on this thread.
            // No fsync: a shard's commits only bound the writer's memory. A build that
            // crashes is discarded whole, and the merged database is synced when committed.
            Xapian::WritableDatabase database(shard.path.string(), Xapian::DB_CREATE_OR_OVERWRITE |
                                                                       Xapian::DB_BACKEND_GLASS |
                                                                       Xapian::DB_NO_SYNC);
            DocumentBuilder builder(facet_names_);
            std::uint32_t pending = 0;
            for (;;) {
                Job job;
                {
                    std::unique_lock lock(shard.mutex);
                    shard.changed.wait(lock, [&] { return !shard.queue.empty() || shard.closing; });
                    if (shard.queue.empty()) {
                        break; // closing, and everything queued is written
                    }
                    job = std::move(shard.queue.front());
                    shard.queue.pop_front();
                }
                shard.changed.notify_all(); // room for the reader
                database.replace_document(schema::id_term(job.document.id),
                                          builder.build(job.document, job.facets));
                if (batch_ > 0 && ++pending >= batch_) {
                    database.commit();
                    pending = 0;
                }
            }
            database.commit();
        });
    } catch (...) {
        const std::lock_guard lock(shard.mutex);
        shard.error = std::current_exception();
        shard.closing = true;
        shard.queue.clear();
        shard.changed.notify_all();
    }
}

void ParallelBuild::add(Document document, PackedFacets facets) {
    Shard& shard = *shards_[fnv1a(document.id) % shards_.size()];
    {
        std::unique_lock lock(shard.mutex);
        shard.changed.wait(lock, [&] { return shard.queue.size() < kQueueDepth || shard.closing; });
        if (shard.error) {
            std::rethrow_exception(shard.error);
        }
        if (shard.closing) {
            throw Error(ErrorCode::internal, "a document was added after the build was merged");
        }
        shard.queue.push_back(Job{std::move(document), std::move(facets)});
    }
    shard.changed.notify_all();
    ++added_;
}

void ParallelBuild::stop() noexcept {
    for (auto& shard : shards_) {
        {
            const std::lock_guard lock(shard->mutex);
            shard->closing = true;
        }
        shard->changed.notify_all();
    }
    for (auto& shard : shards_) {
        if (shard->thread.joinable()) {
            shard->thread.join();
        }
    }
}

void ParallelBuild::rethrow_error() {
    for (auto& shard : shards_) {
        if (shard->error) {
            std::rethrow_exception(shard->error);
        }
    }
}

void ParallelBuild::merge_into(const std::filesystem::path& folder) {
    stop();
    rethrow_error();
    translate_xapian_errors("merge the index shards into '" + folder.string() + "'", [&] {
        Xapian::Database shards;
        for (const auto& shard : shards_) {
            shards.add_database(Xapian::Database(shard->path.string(), Xapian::DB_BACKEND_GLASS));
        }
        // Shards hold disjoint documents: renumbering concatenates them, shard by shard.
        shards.compact(folder.string(), Xapian::Compactor::STANDARD);
    });
    std::error_code error;
    std::filesystem::remove_all(folder / "shards", error); // only disk space if it fails
}

} // namespace libsearch::detail
