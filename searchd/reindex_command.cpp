#include "reindex_command.hpp"

#include "progress.hpp"

#include <libsearch/error.hpp>
#include <libsearch/json.hpp>
#include <libsearch/loader.hpp>
#include <libsearch/reindexer.hpp>

#include <cinttypes>
#include <cstdio>
#include <iostream>
#include <optional>

namespace searchd {

namespace {

std::string summary_line(const libsearch::LoadSummary& summary) {
    const double seconds = std::chrono::duration<double>(summary.elapsed).count();
    char buffer[512];
    std::snprintf(buffer, sizeof buffer,
                  "dry run: %" PRIu64 " files: %" PRIu64 " loaded, %" PRIu64 " skipped, %" PRIu64
                  " repaired, %" PRIu64 " draft%s, %" PRIu64
                  " unpublished; %s in %.2f s (%.0f files/s); nothing written",
                  summary.files, summary.loaded, summary.skipped, summary.repaired, summary.drafts,
                  summary.drafts == 1 ? "" : "s", summary.unpublished,
                  format_bytes(summary.bytes).c_str(), seconds,
                  seconds > 0 ? static_cast<double>(summary.files) / seconds : 0.0);
    return buffer;
}

std::string summary_line(const libsearch::ReindexReport& report, const libsearch::Config& config) {
    const double seconds = std::chrono::duration<double>(report.elapsed).count();
    char buffer[640];
    std::snprintf(buffer, sizeof buffer,
                  "%s: %" PRIu64 " added, %" PRIu64 " updated, %" PRIu64 " deleted, %" PRIu64
                  " unchanged, %" PRIu64 " skipped, %" PRIu64 " draft%s, %" PRIu64
                  " unpublished; %" PRIu64 " documents; took %.2f s",
                  report.full ? "full rebuild" : "incremental", report.added, report.updated,
                  report.deleted, report.unchanged, report.skipped, report.drafts,
                  report.drafts == 1 ? "" : "s", report.unpublished, report.documents, seconds);
    std::string line = buffer;
    line += report.full ? "; published " : "; updated ";
    line += report.generation.name + " in " + config.index.path.string();
    if (report.full) {
        line += " (" + report.full_reason + ")";
    }
    return line;
}

} // namespace

int run_reindex(const libsearch::Config& config, const ReindexCommandOptions& options) {
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
        std::snprintf(line, sizeof line, "%s %llu/%llu files, %s read, %.0f files/s, ETA %.0f s",
                      options.dry_run ? "loading" : "reindexing",
                      static_cast<unsigned long long>(step.done),
                      static_cast<unsigned long long>(step.total), format_bytes(step.bytes).c_str(),
                      rate, eta);
        progress.update(line, step.done == step.total);
    };

    if (options.dry_run) {
        const auto summary = libsearch::Loader(config).load(
            [](const libsearch::SourceFile&, libsearch::Document&&) {}, on_issue, on_progress);
        progress.clear();
        if (options.json) {
            std::cout << libsearch::dump_json({{"dry_run", true},
                                               {"content", config.content.root.string()},
                                               {"summary", libsearch::to_json(summary)},
                                               {"issues", std::move(issues)}},
                                              2)
                      << '\n';
        } else {
            std::cout << summary_line(summary) << '\n';
        }
        return options.strict && summary.skipped > 0 ? 1 : 0;
    }

    libsearch::ReindexOptions reindex_options;
    reindex_options.full = options.full;
    reindex_options.on_issue = on_issue;
    reindex_options.on_progress = on_progress;
    libsearch::ReindexReport report;
    try {
        report = libsearch::reindex(config, reindex_options);
    } catch (const libsearch::Error& error) {
        progress.clear();
        if (error.code() == libsearch::ErrorCode::index_busy) {
            std::cerr << "searchd reindex: " << error.what() << '\n';
            return kExitBusy;
        }
        throw;
    }
    progress.clear();
    if (options.json) {
        auto out = libsearch::to_json(report);
        out["index"] = config.index.path.string();
        out["issues"] = std::move(issues);
        std::cout << libsearch::dump_json(out, 2) << '\n';
    } else {
        std::cout << summary_line(report, config) << '\n';
    }
    return options.strict && report.skipped > 0 ? 1 : 0;
}

} // namespace searchd
