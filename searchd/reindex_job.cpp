#include "reindex_job.hpp"

#include <libsearch/indexer.hpp>

namespace searchd {

ReindexOutcome rebuild_index(const libsearch::Config& config,
                             const libsearch::Loader::IssueSink& on_issue,
                             const libsearch::Loader::ProgressSink& on_progress) {
    const auto started = std::chrono::steady_clock::now();
    const libsearch::Loader loader(config);
    const libsearch::Index index(config.index.path);
    const auto build = index.begin_generation();
    ReindexOutcome outcome;
    try {
        {
            libsearch::Indexer indexer(config, build);
            outcome.summary =
                loader.load([&](const libsearch::SourceFile&,
                                libsearch::Document&& document) { indexer.add(document); },
                            on_issue, on_progress);
            indexer.commit();
        } // closed: the write lock is released before the folder is renamed
        // Every loaded document must be in the build, no more, no fewer.
        libsearch::Indexer::verify(build, outcome.summary.loaded);
        outcome.generation = index.publish(build);
    } catch (...) {
        index.discard(build);
        throw;
    }
    outcome.summary.elapsed = std::chrono::steady_clock::now() - started;
    return outcome;
}

} // namespace searchd
