#pragma once

#include <libsearch/config.hpp>

namespace searchd {

struct ReindexOptions {
    bool full = false;    ///< rebuild from scratch instead of updating what changed
    bool dry_run = false; ///< load and report, write nothing
    bool json = false;    ///< print the summary and issues as one JSON object
};

/// `searchd reindex`: loads the content, reports every skipped or repaired file, prints a
/// summary. Returns the process exit status.
int run_reindex(const libsearch::Config& config, const ReindexOptions& options);

} // namespace searchd
