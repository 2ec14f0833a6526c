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

/// What `--dry-run` says about the site before the pages: what was found and read.
std::string describe_site(const libsearch::SiteSummary& site) {
    std::string text;
    if (site.built) {
        text = "site: built HTML output at " + site.root.string() + "\n";
        text += site.marked_bodies ? "  text: only pages that mark it (data-search-body)\n"
                                   : "  text: <main>, else <article>, else <body>\n";
        for (const auto& facet : site.declared_facets) {
            text += "  facet from the pages' filters: " + facet + "\n";
        }
    } else {
        text = "site: " + std::string(libsearch::to_string(site.generator));
        text += site.detected ? " (detected)" : "";
        text += " at " + site.root.string() + "\n";
    }
    for (const auto& file : site.config_files) {
        text += "  config: " + file.string() + "\n";
    }
    text += "  content: " + site.content_root.string() + "\n";
    text += "  base URL: " +
            (site.base_url.empty() ? std::string("(none: URLs are paths)") : site.base_url) + "\n";
    text += "  time zone: " + (site.time_zone.empty() ? std::string("UTC") : site.time_zone) + "\n";
    for (const auto& [key, pattern] : site.permalinks) {
        text += "  permalink (" + site.permalink_style + "): " + key + " = " + pattern + "\n";
    }
    if (!site.languages.empty()) {
        text += "  languages:";
        for (const auto& language : site.languages) {
            text += " " + language.code +
                    (language.content_dir.empty() ? "" : " (" + language.content_dir + ")");
        }
        text += site.default_language.empty() ? "\n" : "; default " + site.default_language + "\n";
    }
    for (const auto& note : site.notes) {
        text += "  note: " + note + "\n";
    }
    return text;
}

/// Pages shown by `--dry-run` with their URL and date, so a wrong rule is seen at once.
constexpr std::size_t kDryRunExamples = 10;

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
        const libsearch::Loader loader(config);
        const auto& site = loader.site().summary();
        if (!options.json) {
            std::cout << describe_site(site);
        }
        auto examples = nlohmann::json::array();
        const auto summary = loader.load(
            [&](const libsearch::SourceFile& file, libsearch::Document&& page) {
                if (examples.size() < kDryRunExamples) {
                    examples.push_back(
                        {{"path", file.path},
                         {"url", page.url},
                         {"date",
                          page.date
                              ? nlohmann::json(libsearch::format_iso8601(*page.date).substr(0, 10))
                              : nullptr}});
                }
            },
            on_issue, on_progress);
        progress.clear();
        if (options.json) {
            std::cout << libsearch::dump_json({{"dry_run", true},
                                               {"content", site.content_root.string()},
                                               {"site", libsearch::to_json(site)},
                                               {"pages", std::move(examples)},
                                               {"summary", libsearch::to_json(summary)},
                                               {"issues", std::move(issues)}},
                                              2)
                      << '\n';
        } else {
            for (const auto& example : examples) {
                std::cout << "  " << example["path"].get<std::string>() << " -> "
                          << example["url"].get<std::string>() << "  "
                          << (example["date"].is_null() ? std::string("(no date)")
                                                        : example["date"].get<std::string>())
                          << '\n';
            }
            std::cout << summary_line(summary) << '\n';
        }
        return options.strict && summary.skipped > 0 ? kExitStrict : kExitPublished;
    }

    libsearch::ReindexOptions reindex_options;
    reindex_options.full = options.full;
    reindex_options.allow_mass_delete = options.allow_mass_delete;
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
        if (error.code() == libsearch::ErrorCode::mass_delete) {
            std::cerr << "searchd reindex: " << error.what() << '\n';
            return kExitMassDelete;
        }
        // A missing content root, a full disk, a broken site config: nothing was published.
        std::cerr << "searchd reindex: " << error.what() << '\n';
        return kExitNothingPublished;
    } catch (const std::exception& error) {
        progress.clear();
        std::cerr << "searchd reindex: " << error.what() << '\n';
        return kExitNothingPublished;
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
    return options.strict && report.skipped > 0 ? kExitStrict : kExitPublished;
}

} // namespace searchd
