#include "reindex_command.hpp"

#include "progress.hpp"

#include <libsearch/json.hpp>
#include <libsearch/loader.hpp>

#include <cinttypes>
#include <cstdio>
#include <iostream>

namespace searchd {

namespace {

std::string summary_line(const libsearch::LoadSummary& summary, bool dry_run) {
    const double seconds = std::chrono::duration<double>(summary.elapsed).count();
    char buffer[512];
    std::snprintf(buffer, sizeof buffer,
                  "%s%" PRIu64 " files: %" PRIu64 " loaded, %" PRIu64 " skipped, %" PRIu64
                  " repaired, %" PRIu64 " draft%s; %s in %.2f s (%.0f files/s)%s",
                  dry_run ? "dry run: " : "", summary.files, summary.loaded, summary.skipped,
                  summary.repaired, summary.drafts, summary.drafts == 1 ? "" : "s",
                  format_bytes(summary.bytes).c_str(), seconds,
                  seconds > 0 ? static_cast<double>(summary.files) / seconds : 0.0,
                  dry_run ? "; nothing written" : "");
    return buffer;
}

} // namespace

int run_reindex(const libsearch::Config& config, const ReindexOptions& options) {
    if (!options.dry_run) {
        // Writing an index arrives with the indexer; until then only the loader runs.
        std::cerr << "searchd reindex: this build can only load and check content; "
                     "run with --dry-run\n";
        return 2;
    }
    const libsearch::Loader loader(config);
    ProgressLine progress;
    auto issues = nlohmann::json::array();
    const auto summary = loader.load([](const libsearch::SourceFile&, libsearch::Document&&) {},
                                     [&](const libsearch::LoadIssue& issue) {
                                         if (options.json) {
                                             issues.push_back(libsearch::to_json(issue));
                                         } else {
                                             progress.clear();
                                             std::cout << libsearch::format_issue(issue) << '\n';
                                         }
                                     },
                                     [&](const libsearch::LoadProgress& step) {
                                         progress.update("loading " + std::to_string(step.done) +
                                                             "/" + std::to_string(step.total) +
                                                             " files, " + format_bytes(step.bytes),
                                                         step.done == step.total);
                                     });
    progress.clear();
    if (options.json) {
        nlohmann::json out = {{"dry_run", options.dry_run},
                              {"content", config.content.root.string()},
                              {"summary", libsearch::to_json(summary)},
                              {"issues", std::move(issues)}};
        std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    } else {
        std::cout << summary_line(summary, options.dry_run) << '\n';
    }
    return 0;
}

} // namespace searchd
