// engine_bench: libsearch against plain Xapian on the same documents and queries, in one run.
//
//   engine_bench [--corpus DIR] [--sets mdn-archived,digitalgov] [--runs 3] [--batch 1000]
//                [--report FILE.md]
//
// Per set: indexing docs/s, peak RSS and index size (each engine indexes in a child process,
// so peak RSS is its own); query latency p50/p95/p99 on one thread over the set's known-item,
// typo and prefix queries, with every facet counted and 10 hits with snippets; the empty query
// (all documents newest first, every facet counted). Asserts its answers: both indexes hold
// every loaded document, and the empty query's total is the document count.
#include "xapian_baseline.hpp"

#include <libsearch/config.hpp>
#include <libsearch/index.hpp>
#include <libsearch/indexer.hpp>
#include <libsearch/loader.hpp>
#include <libsearch/searcher.hpp>

#include <CLI/CLI.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <tuple>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct IndexRun {
    double seconds = 0;
    std::uint64_t documents = 0;
    double rss_after_load_mb = 0;
    double peak_rss_mb = 0;
};

struct Latency {
    double p50 = 0, p95 = 0, p99 = 0, mean = 0;
};

Latency latency_of(std::vector<double> samples) {
    Latency latency;
    if (samples.empty()) {
        return latency;
    }
    std::sort(samples.begin(), samples.end());
    const auto at = [&](double q) {
        return samples[std::min(samples.size() - 1, static_cast<std::size_t>(q * samples.size()))];
    };
    latency.p50 = at(0.50);
    latency.p95 = at(0.95);
    latency.p99 = at(0.99);
    double sum = 0;
    for (const double s : samples) {
        sum += s;
    }
    latency.mean = sum / static_cast<double>(samples.size());
    return latency;
}

double rss_mb() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("VmRSS:", 0) == 0) {
            return std::stod(line.substr(6)) / 1024.0;
        }
    }
    return 0;
}

std::uint64_t folder_bytes(const fs::path& folder) {
    std::uint64_t bytes = 0;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (entry.is_regular_file()) {
            bytes += entry.file_size();
        }
    }
    return bytes;
}

/// Runs `index` (which loads and indexes, returning documents) in a child process and
/// measures it there: its own peak RSS, not the benchmark's.
template <typename Work>
IndexRun run_in_child(Work&& work) {
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) {
        throw std::runtime_error("pipe failed");
    }
    const pid_t child = ::fork();
    if (child == 0) {
        ::close(pipe_fds[0]);
        IndexRun run = work();
        char line[128];
        const int n =
            std::snprintf(line, sizeof line, "%.6f %llu %.1f\n", run.seconds,
                          static_cast<unsigned long long>(run.documents), run.rss_after_load_mb);
        if (::write(pipe_fds[1], line, static_cast<std::size_t>(n)) != n) {
            ::_exit(1);
        }
        ::_exit(0);
    }
    ::close(pipe_fds[1]);
    char buffer[128] = {};
    const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer - 1);
    ::close(pipe_fds[0]);
    int status = 0;
    struct rusage usage {};
    ::wait4(child, &status, 0, &usage);
    if (n <= 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        throw std::runtime_error("indexing child failed");
    }
    IndexRun run;
    unsigned long long documents = 0;
    std::sscanf(buffer, "%lf %llu %lf", &run.seconds, &documents, &run.rss_after_load_mb);
    run.documents = documents;
    run.peak_rss_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;
    return run;
}

std::vector<libsearch::Document> load_documents(const libsearch::Config& config) {
    std::vector<libsearch::Document> documents;
    libsearch::Loader(config).load(
        [&](const libsearch::SourceFile&, libsearch::Document&& document) {
            documents.push_back(std::move(document));
        },
        [](const libsearch::LoadIssue&) {});
    return documents;
}

struct QueryCase {
    std::string kind; // known, typo, prefix
    std::string text;
    std::string expected_id; // relative to the set's root
};

/// MRR@10 and success@1 of one kind of query, as accept.py computes them.
struct Relevance {
    std::size_t queries = 0;
    double reciprocal_ranks = 0;
    std::size_t first = 0;

    void add(const std::vector<std::string>& ids, const std::string& expected) {
        ++queries;
        const auto found = std::find(ids.begin(), ids.end(), expected);
        const auto rank = found - ids.begin() + 1;
        if (found != ids.end() && rank <= 10) {
            reciprocal_ranks += 1.0 / static_cast<double>(rank);
            first += rank == 1;
        }
    }
    double mrr() const { return queries ? reciprocal_ranks / static_cast<double>(queries) : 0; }
    double success1() const {
        return queries ? static_cast<double>(first) / static_cast<double>(queries) : 0;
    }
};

std::vector<QueryCase> read_queries(const fs::path& queries_dir, const std::string& set) {
    std::vector<QueryCase> queries;
    for (const char* kind : {"known", "typo", "prefix"}) {
        std::ifstream in(queries_dir / (set + "." + kind + ".tsv"));
        std::string line;
        std::getline(in, line); // header
        while (std::getline(in, line)) {
            const auto tab = line.find('\t');
            const auto tab2 = line.find('\t', tab + 1);
            if (tab == std::string::npos) {
                continue;
            }
            std::string expected = line.substr(tab + 1, tab2 - tab - 1);
            expected = expected.substr(std::min(expected.size(), set.size() + 1));
            queries.push_back({kind, line.substr(0, tab), expected});
        }
    }
    return queries;
}

std::string ratio(double ours, double theirs) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f×", theirs > 0 ? ours / theirs : 0.0);
    return buffer;
}

std::string fixed(double value, int digits = 2) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
    return buffer;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"engine_bench: libsearch and plain Xapian on the same pages and queries"};
    fs::path corpus = LIBSEARCH_DEFAULT_CORPUS;
    std::string sets_text = "mdn-archived,digitalgov";
    int runs = 3;
    unsigned batch = libsearch::Indexer::kDefaultBatch;
    fs::path report_file;
    fs::path work = fs::temp_directory_path() / "libsearch-engine-bench";
    app.add_option("--corpus", corpus, "folder with the content sets and queries/");
    app.add_option("--sets", sets_text, "comma-separated sets");
    app.add_option("--runs", runs, "measured passes over the queries (after one warm-up)");
    app.add_option("--batch", batch, "documents per commit while indexing (both engines)");
    app.add_option("--report", report_file, "also write the Markdown report here");
    app.add_option("--work", work, "scratch folder for the indexes");
    CLI11_PARSE(app, argc, argv);
    if (!fs::is_directory(corpus)) {
        std::cout << "engine_bench: no corpus at " << corpus << "; nothing to measure\n";
        return 0;
    }
    const bool tty = ::isatty(STDERR_FILENO) == 1;
    const auto say = [&](const std::string& text) {
        if (tty) {
            std::cerr << "\r\033[K" << text << std::flush;
        }
    };

    std::ostringstream report;
    report << "# libsearch vs plain Xapian\n\nOne thread, release build, page cache warm. "
              "Indexing: one "
              "run per engine, each in its own process (peak RSS is that process's, including the "
              "loaded documents); commit every "
           << batch << " documents. Queries: " << runs
           << " passes after a warm-up over the set's known-item, typo and prefix queries; every "
              "facet counted over all matches, 10 hits with a snippet each.\n";
    std::stringstream sets_stream(sets_text);
    for (std::string set; std::getline(sets_stream, set, ',');) {
        libsearch::Config config;
        const fs::path extras = corpus / ".." / "acceptance" / "extras" / (set + ".yaml");
        if (fs::exists(extras)) {
            config = libsearch::load_config(extras);
        }
        config.content.root = corpus / set;
        const fs::path ours_dir = work / set / "libsearch";
        const fs::path theirs_dir = work / set / "xapian";
        fs::remove_all(work / set);
        fs::create_directories(work / set);

        say(set + ": indexing with libsearch");
        const IndexRun ours = run_in_child([&] {
            const auto documents = load_documents(config);
            IndexRun run;
            run.rss_after_load_mb = rss_mb();
            const libsearch::Index index(ours_dir);
            const auto build = index.begin_generation();
            const auto started = Clock::now();
            {
                libsearch::Indexer indexer(config, build, batch);
                for (const auto& document : documents) {
                    indexer.add(document);
                }
                indexer.commit();
                run.documents = indexer.document_count();
            }
            run.seconds = std::chrono::duration<double>(Clock::now() - started).count();
            index.publish(build);
            return run;
        });
        say(set + ": indexing with plain Xapian");
        const IndexRun theirs = run_in_child([&] {
            const auto documents = load_documents(config);
            IndexRun run;
            run.rss_after_load_mb = rss_mb();
            const auto started = Clock::now();
            bench::BaselineIndexer indexer(config, theirs_dir.string(), batch);
            for (const auto& document : documents) {
                indexer.add(document);
            }
            indexer.commit();
            run.documents = indexer.documents();
            run.seconds = std::chrono::duration<double>(Clock::now() - started).count();
            return run;
        });
        if (ours.documents != theirs.documents || ours.documents == 0) {
            std::cerr << "\nengine_bench: " << set << ": document counts differ (" << ours.documents
                      << " vs " << theirs.documents << ")\n";
            return 1;
        }
        const auto ours_bytes = folder_bytes(ours_dir);
        const auto theirs_bytes = folder_bytes(theirs_dir);

        const auto queries = read_queries(corpus / "queries", set);
        libsearch::Searcher searcher(config, ours_dir);
        // The same engine matching words exactly: no typos, no as-you-type completion (the
        // query ends with a space). Its latency is the yardstick for what tolerance costs.
        libsearch::Config exact_config = config;
        exact_config.search.typos = false;
        libsearch::Searcher exact_searcher(exact_config, ours_dir);
        bench::BaselineSearcher baseline(config, theirs_dir.string());
        std::map<std::string, std::vector<double>> ours_ms; // by query kind, and "all"
        std::map<std::string, std::vector<double>> theirs_ms;
        std::vector<double> exact_ms;
        std::vector<double> ours_cold_ms; // the first time each query is seen (pass 0)
        std::vector<double> exact_cold_ms;
        std::map<std::string, Relevance> ours_relevance;
        std::map<std::string, Relevance> theirs_relevance;
        for (int pass = 0; pass <= runs; ++pass) {
            say(set + ": queries, pass " + std::to_string(pass) + "/" + std::to_string(runs));
            for (const auto& query : queries) {
                libsearch::Query q;
                q.text = query.text;
                auto started = Clock::now();
                const auto result = searcher.search(q);
                const double ours_time =
                    std::chrono::duration<double, std::milli>(Clock::now() - started).count();
                q.text += ' ';
                started = Clock::now();
                static_cast<void>(exact_searcher.search(q));
                const double exact_time =
                    std::chrono::duration<double, std::milli>(Clock::now() - started).count();
                started = Clock::now();
                const auto answer = baseline.search(query.text);
                const double theirs_time =
                    std::chrono::duration<double, std::milli>(Clock::now() - started).count();
                if (pass == 0) {
                    ours_cold_ms.push_back(ours_time);
                    exact_cold_ms.push_back(exact_time);
                    std::vector<std::string> ours_ids;
                    for (const auto& hit : result.hits) {
                        ours_ids.push_back(hit.id);
                    }
                    ours_relevance[query.kind].add(ours_ids, query.expected_id);
                    theirs_relevance[query.kind].add(answer.ids, query.expected_id);
                    continue; // the warm-up pass is not timed
                }
                for (const auto& key : {query.kind, std::string("all")}) {
                    ours_ms[key].push_back(ours_time);
                    theirs_ms[key].push_back(theirs_time);
                }
                exact_ms.push_back(exact_time);
            }
        }
        // /suggest at every keystroke of the known-item queries: what a search box sends.
        std::vector<double> suggest_ms;
        std::size_t suggestions = 0;
        for (int pass = 0; pass <= runs; ++pass) {
            for (const auto& query : queries) {
                if (query.kind != "known") {
                    continue;
                }
                for (std::size_t cut = 1; cut <= query.text.size(); ++cut) {
                    if (cut < query.text.size() &&
                        (static_cast<unsigned char>(query.text[cut]) & 0xC0) == 0x80) {
                        continue; // not at a character boundary
                    }
                    libsearch::SuggestQuery suggest;
                    suggest.text = query.text.substr(0, cut);
                    const auto started = Clock::now();
                    const auto answer = searcher.suggest(suggest);
                    const double took =
                        std::chrono::duration<double, std::milli>(Clock::now() - started).count();
                    if (pass == 0) {
                        suggestions += answer.suggestions.size();
                    } else {
                        suggest_ms.push_back(took);
                    }
                }
            }
        }
        std::vector<double> ours_empty;
        std::vector<double> theirs_empty;
        for (int i = 0; i < 50 + 100 * runs; ++i) {
            auto started = Clock::now();
            const auto result = searcher.search(libsearch::Query{});
            const double ours_time =
                std::chrono::duration<double, std::milli>(Clock::now() - started).count();
            started = Clock::now();
            const auto answer = baseline.search("");
            const double theirs_time =
                std::chrono::duration<double, std::milli>(Clock::now() - started).count();
            if (result.total != ours.documents || answer.total != theirs.documents) {
                std::cerr << "\nengine_bench: " << set
                          << ": the empty query does not return every document\n";
                return 1;
            }
            if (i >= 50) {
                ours_empty.push_back(ours_time);
                theirs_empty.push_back(theirs_time);
            }
        }
        say("");
        const auto ql = latency_of(ours_ms["all"]);
        const auto tl = latency_of(theirs_ms["all"]);
        const auto qe = latency_of(ours_empty);
        const auto te = latency_of(theirs_empty);
        const double ours_rate = static_cast<double>(ours.documents) / ours.seconds;
        const double theirs_rate = static_cast<double>(theirs.documents) / theirs.seconds;
        report << "\n## " << set << " (" << ours.documents << " documents, " << queries.size()
               << " queries)\n\n"
               << "| measure | libsearch | plain Xapian | ratio |\n|---|---:|---:|---:|\n"
               << "| indexing docs/s | " << fixed(ours_rate, 0) << " | " << fixed(theirs_rate, 0)
               << " | " << ratio(ours_rate, theirs_rate) << " |\n"
               << "| indexing seconds | " << fixed(ours.seconds) << " | " << fixed(theirs.seconds)
               << " | " << ratio(ours.seconds, theirs.seconds) << " |\n"
               << "| peak RSS MB (after loading) | " << fixed(ours.peak_rss_mb, 0) << " ("
               << fixed(ours.rss_after_load_mb, 0) << ") | " << fixed(theirs.peak_rss_mb, 0) << " ("
               << fixed(theirs.rss_after_load_mb, 0) << ") | "
               << ratio(ours.peak_rss_mb, theirs.peak_rss_mb) << " |\n"
               << "| index size MB | " << fixed(static_cast<double>(ours_bytes) / 1e6, 1) << " | "
               << fixed(static_cast<double>(theirs_bytes) / 1e6, 1) << " | "
               << ratio(static_cast<double>(ours_bytes), static_cast<double>(theirs_bytes))
               << " |\n"
               << "| empty query p50 ms | " << fixed(qe.p50, 3) << " | " << fixed(te.p50, 3)
               << " | " << ratio(qe.p50, te.p50) << " |\n"
               << "| empty query p99 ms | " << fixed(qe.p99, 3) << " | " << fixed(te.p99, 3)
               << " | " << ratio(qe.p99, te.p99) << " |\n";
        for (const char* kind : {"all", "known", "typo", "prefix"}) {
            const auto ours_kind = latency_of(ours_ms[kind]);
            const auto theirs_kind = latency_of(theirs_ms[kind]);
            for (const auto& [name, o, t] : {std::tuple{"p50", ours_kind.p50, theirs_kind.p50},
                                             std::tuple{"p95", ours_kind.p95, theirs_kind.p95},
                                             std::tuple{"p99", ours_kind.p99, theirs_kind.p99}}) {
                report << "| " << kind << " queries " << name << " ms | " << fixed(o, 3) << " | "
                       << fixed(t, 3) << " | " << ratio(o, t) << " |\n";
            }
        }
        const auto sl = latency_of(suggest_ms);
        report << "| /suggest at each keystroke of the known-item queries, p50 / p99 ms ("
               << suggest_ms.size() / std::max(1, runs) << " prefixes, " << suggestions
               << " suggestions) | " << fixed(sl.p50, 3) << " / " << fixed(sl.p99, 3) << " | | |\n";
        const auto xl = latency_of(exact_ms);
        report << "| all queries p99 ms, exact words only (no typos, no completion) | "
               << fixed(xl.p99, 3) << " | | " << ratio(ql.p99, xl.p99) << " (tolerant / exact) |\n";
        const auto qc = latency_of(ours_cold_ms);
        const auto xc = latency_of(exact_cold_ms);
        report << "| first pass (each query new to the searcher) p99 ms: tolerant / exact | "
               << fixed(qc.p99, 3) << " / " << fixed(xc.p99, 3) << " | | " << ratio(qc.p99, xc.p99)
               << " (tolerant / exact) |\n";
        for (const char* kind : {"known", "typo", "prefix"}) {
            const Relevance& o = ours_relevance[kind];
            const Relevance& t = theirs_relevance[kind];
            report << "| " << kind << " MRR@10 (" << o.queries << " queries) | "
                   << fixed(o.mrr(), 3) << " | " << fixed(t.mrr(), 3) << " | |\n"
                   << "| " << kind << " success@1 | " << fixed(o.success1(), 3) << " | "
                   << fixed(t.success1(), 3) << " | |\n";
        }
        std::cerr << "engine_bench: " << set << ": " << ours.documents << " docs; indexing "
                  << fixed(ours_rate, 0) << " vs " << fixed(theirs_rate, 0) << " docs/s; query p50 "
                  << fixed(ql.p50, 3) << " vs " << fixed(tl.p50, 3) << " ms; empty query p50 "
                  << fixed(qe.p50, 3) << " vs " << fixed(te.p50, 3) << " ms\n";
    }
    std::cout << report.str();
    if (!report_file.empty()) {
        std::ofstream(report_file) << report.str();
    }
    return 0;
}
