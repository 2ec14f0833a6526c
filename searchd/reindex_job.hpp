#pragma once

#include <libsearch/config.hpp>
#include <libsearch/index.hpp>
#include <libsearch/loader.hpp>

#include <functional>
#include <optional>

namespace searchd {

struct ReindexOutcome {
    libsearch::LoadSummary summary;
    libsearch::Generation generation;
};

/// A full rebuild: load the content into a new generation beside the current one, verify it
/// against what was loaded, publish it. Any failure discards the build and throws, leaving the
/// current generation serving. Shared by `searchd reindex` and POST /admin/reindex.
ReindexOutcome rebuild_index(const libsearch::Config& config,
                             const libsearch::Loader::IssueSink& on_issue,
                             const libsearch::Loader::ProgressSink& on_progress = {});

} // namespace searchd
