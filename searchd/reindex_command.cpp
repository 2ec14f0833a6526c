#include "reindex_command.hpp"

#include "progress.hpp"
#include "reindex_job.hpp"

#include <libsearch/index.hpp>
#include <libsearch/indexer.hpp>
#include <libsearch/json.hpp>
#include <libsearch/loader.hpp>

#include <cinttypes>
#include <cstdio>
#include <iostream>
#include <optional>

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
    const libsearch::Loader loader(config);
    ProgressLine progress;
    auto issues = nlohmann::json::array();
    const auto on_issue = [&](const libsearch::LoadIssue& issue) {
        if (options.json) {
            issues.push_back(libsearch::to_json(issue));
        } else {
            progress.clear();
            std::cout << libsearch::format_issue(issue) << '\n';
        }
    };
    const auto started = std::chrono::steady_clock::now();
    const auto on_progress = [&](const libsearch::LoadProgress& step) {
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const double rate = seconds > 0 ? static_cast<double>(step.done) / seconds : 0;
        const double eta = rate > 0 ? static_cast<double>(step.total - step.done) / rate : 0;
        char line[160];
        std::snprintf(line, sizeof line, "%s %llu/%llu files, %s, %.0f files/s, ETA %.0f s",
                      options.dry_run ? "loading" : "indexing",
                      static_cast<unsigned long long>(step.done),
                      static_cast<unsigned long long>(step.total), format_bytes(step.bytes).c_str(),
                      rate, eta);
        progress.update(line, step.done == step.total);
    };

    libsearch::LoadSummary summary;
    std::optional<libsearch::Generation> published;
    if (options.dry_run) {
        summary = loader.load([](const libsearch::SourceFile&, libsearch::Document&&) {}, on_issue,
                              on_progress);
    } else {
        const auto outcome = rebuild_index(config, on_issue, on_progress);
        summary = outcome.summary;
        published = outcome.generation;
    }
    progress.clear();
    if (options.json) {
        nlohmann::json out = {{"dry_run", options.dry_run},
                              {"content", config.content.root.string()},
                              {"summary", libsearch::to_json(summary)},
                              {"issues", std::move(issues)}};
        if (published) {
            out["generation"] = published->name;
            out["index"] = config.index.path.string();
        }
        std::cout << libsearch::dump_json(out, 2) << '\n';
    } else {
        std::cout << summary_line(summary, options.dry_run);
        if (published) {
            std::cout << "; published " << published->name << " in " << config.index.path.string();
        }
        std::cout << '\n';
    }
    return 0;
}

} // namespace searchd
