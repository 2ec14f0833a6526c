#pragma once

#include <libsearch/config.hpp>

namespace searchd {

struct ReindexCommandOptions {
    bool full = false;    ///< rebuild from scratch instead of updating what changed
    bool dry_run = false; ///< load and report, write nothing
    bool json = false;    ///< print the summary and issues as one JSON object
    bool strict = false;  ///< a skipped file makes the exit status 1 (the index is still published)
    bool allow_mass_delete = false; ///< publish even when most pages would be deleted
};

/// The exit statuses of `searchd reindex`, the one table (README, "Exit status").
inline constexpr int kExitPublished = 0;        ///< published, even with skipped files
inline constexpr int kExitStrict = 1;           ///< published, but --strict found skipped files
inline constexpr int kExitNothingPublished = 2; ///< an error, said on stderr
inline constexpr int kExitMassDelete = 3;       ///< refused: more than index.max_delete_ratio
inline constexpr int kExitBusy = 75;            ///< another reindex holds the index (EX_TEMPFAIL)

/// `searchd reindex`: loads the content, reports every skipped or repaired file, prints a
/// summary. Returns the process exit status.
int run_reindex(const libsearch::Config& config, const ReindexCommandOptions& options);

} // namespace searchd
