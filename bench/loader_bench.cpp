// loader_bench: loader throughput over every content set under the shared corpus folder,
// and what happened to each file, grouped by reason.
//
//   loader_bench [--corpus DIR] [--runs N] [--report FILE.md]
//
// Each set is loaded once to warm the page cache, then N times; pages/s and MB/s are the
// median with min–max. The benchmark asserts its own answer: every selected file is
// accounted for (loaded + skipped + drafts == files), and every run gives the same counts.
// Without the corpus folder it says so and exits 0, so CI can build it and skip it.
#include <libsearch/config.hpp>
#include <libsearch/loader.hpp>

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Counts {
    libsearch::LoadSummary summary;
    std::map<std::string, std::uint64_t> reasons; // "skipped: binary_file" → files
    std::vector<std::string> examples;            // the first report lines, for reading
};

Counts load_once(const std::filesystem::path& root) {
    libsearch::Config config;
    config.content.root = root;
    Counts counts;
    const libsearch::Loader loader(config);
    counts.summary =
        loader.load([](const libsearch::SourceFile&, libsearch::Document&&) {},
                    [&](const libsearch::LoadIssue& issue) {
                        const char* severity =
                            issue.severity() == libsearch::Severity::warning   ? "warning"
                            : issue.severity() == libsearch::Severity::skipped ? "skipped"
                                                                               : "draft";
                        ++counts.reasons[std::string(severity) + ": " +
                                         std::string(libsearch::to_string(issue.kind))];
                        if (counts.examples.size() < 200) {
                            counts.examples.push_back(libsearch::format_issue(issue));
                        }
                    });
    return counts;
}

struct Stats {
    double median = 0, min = 0, max = 0;
};

Stats stats_of(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return {n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2, values.front(),
            values.back()};
}

std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string machine_line() {
    std::string cpu = "unknown CPU";
    std::istringstream cpuinfo(read_text("/proc/cpuinfo"));
    for (std::string line; std::getline(cpuinfo, line);) {
        if (line.rfind("model name", 0) == 0) {
            cpu = line.substr(line.find(':') + 2);
            break;
        }
    }
    std::string memory = "?";
    std::istringstream meminfo(read_text("/proc/meminfo"));
    for (std::string line; std::getline(meminfo, line);) {
        if (line.rfind("MemTotal:", 0) == 0) {
            std::istringstream fields(line.substr(9));
            double kib = 0;
            fields >> kib;
            char buffer[32];
            std::snprintf(buffer, sizeof buffer, "%.1f GiB", kib / 1024 / 1024);
            memory = buffer;
        }
    }
    return std::to_string(::sysconf(_SC_NPROCESSORS_ONLN)) + " cores, " + cpu + ", " + memory +
           " RAM";
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"loader_bench: loader throughput and outcomes over the shared corpus"};
    std::filesystem::path corpus = LIBSEARCH_DEFAULT_CORPUS;
    int runs = 5;
    std::filesystem::path report_file;
    app.add_option("--corpus", corpus, "folder holding one folder per content set");
    app.add_option("--runs", runs, "measured runs per set (after one warm-up)")
        ->check(CLI::Range(1, 100));
    app.add_option("--report", report_file, "also write the Markdown report to this file");
    CLI11_PARSE(app, argc, argv);

    if (!std::filesystem::is_directory(corpus)) {
        std::cout << "loader_bench: no corpus at " << corpus << "; nothing to measure\n";
        return 0;
    }
    std::vector<std::filesystem::path> sets;
    for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
        if (entry.is_directory() && entry.path().filename() != "queries") {
            sets.push_back(entry.path());
        }
    }
    std::sort(sets.begin(), sets.end());
    const bool tty = ::isatty(STDERR_FILENO) == 1;

    std::ostringstream report;
    report << "# Loader throughput\n\nMachine: " << machine_line()
           << ". Build: release. Runs per set: " << runs
           << " after one warm-up (page cache warm); figures are median (min–max).\n\n"
           << "| set | files | loaded | skipped | repaired | drafts | MB | pages/s | MB/s |\n"
           << "|---|---:|---:|---:|---:|---:|---:|---|---|\n";
    std::ostringstream reasons;
    std::uint64_t total_files = 0;
    double total_seconds = 0;
    std::uint64_t total_bytes = 0;
    bool consistent = true;

    for (const auto& set : sets) {
        const std::string name = set.filename().string();
        if (tty) {
            std::cerr << "\r\033[K" << name << ": warm-up" << std::flush;
        }
        const Counts first = load_once(set);
        std::vector<double> pages_per_s;
        std::vector<double> mb_per_s;
        for (int run = 0; run < runs; ++run) {
            if (tty) {
                std::cerr << "\r\033[K" << name << ": run " << run + 1 << "/" << runs << std::flush;
            }
            const Counts counts = load_once(set);
            const double seconds = std::chrono::duration<double>(counts.summary.elapsed).count();
            pages_per_s.push_back(static_cast<double>(counts.summary.files) / seconds);
            mb_per_s.push_back(static_cast<double>(counts.summary.bytes) / 1e6 / seconds);
            if (counts.summary.loaded != first.summary.loaded || counts.reasons != first.reasons) {
                consistent = false;
            }
            total_seconds += seconds / runs;
        }
        const auto& s = first.summary;
        // The answer this benchmark asserts: no file is unaccounted for.
        if (s.loaded + s.skipped + s.drafts != s.files) {
            std::cerr << "\nloader_bench: " << name << ": files unaccounted for\n";
            return 1;
        }
        total_files += s.files;
        total_bytes += s.bytes;
        const auto pages = stats_of(pages_per_s);
        const auto mb = stats_of(mb_per_s);
        char row[512];
        std::snprintf(row, sizeof row,
                      "| %s | %llu | %llu | %llu | %llu | %llu | %.1f | %.0f (%.0f–%.0f) | %.1f "
                      "(%.1f–%.1f) |\n",
                      name.c_str(), static_cast<unsigned long long>(s.files),
                      static_cast<unsigned long long>(s.loaded),
                      static_cast<unsigned long long>(s.skipped),
                      static_cast<unsigned long long>(s.repaired),
                      static_cast<unsigned long long>(s.drafts), static_cast<double>(s.bytes) / 1e6,
                      pages.median, pages.min, pages.max, mb.median, mb.min, mb.max);
        report << row;
        reasons << "\n## " << name << "\n\n";
        if (first.reasons.empty()) {
            reasons << "Every file loaded without a warning.\n";
        }
        for (const auto& [reason, count] : first.reasons) {
            reasons << "- " << reason << ": " << count << "\n";
        }
        if (!first.examples.empty()) {
            reasons << "\n```\n";
            for (const auto& line : first.examples) {
                reasons << line << "\n";
            }
            reasons << "```\n";
        }
    }
    if (tty) {
        std::cerr << "\r\033[K";
    }
    report << "\nReasons per set (first 200 report lines of each):\n" << reasons.str();
    std::cout << report.str();
    if (!report_file.empty()) {
        std::ofstream(report_file) << report.str();
    }
    char summary[256];
    std::snprintf(
        summary, sizeof summary,
        "loader_bench: %zu sets, %llu files, %.1f MB in %.2f s per pass: %.0f pages/s, %.1f MB/s%s",
        sets.size(), static_cast<unsigned long long>(total_files),
        static_cast<double>(total_bytes) / 1e6, total_seconds,
        static_cast<double>(total_files) / total_seconds,
        static_cast<double>(total_bytes) / 1e6 / total_seconds,
        consistent ? "" : " (WARNING: runs disagreed)");
    std::cerr << summary << "\n";
    return consistent ? 0 : 1;
}
