// inprocess_bench: the HTTP benchmark's baseline. The same queries as bench/http_bench.sh
// sends, answered by a Searcher in this process on one thread, JSON serialisation included,
// for a fixed time: what searchd would do with no HTTP at all.
//
//   inprocess_bench INDEX QUERIES_FILE [--seconds 10] [--config F]
#include <libsearch/config.hpp>
#include <libsearch/json.hpp>
#include <libsearch/searcher.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"inprocess_bench: queries answered in-process, JSON included"};
    std::string index;
    std::string queries_file;
    std::string config_file;
    double seconds = 10;
    app.add_option("index", index)->required();
    app.add_option("queries", queries_file, "one query per line")->required();
    app.add_option("--seconds", seconds);
    app.add_option("--config", config_file);
    CLI11_PARSE(app, argc, argv);

    const libsearch::Config config =
        config_file.empty() ? libsearch::Config{} : libsearch::load_config(config_file);
    std::vector<std::string> queries;
    std::ifstream in(queries_file);
    for (std::string line; std::getline(in, line);) {
        queries.push_back(line);
    }
    if (queries.empty()) {
        std::cerr << "inprocess_bench: no queries\n";
        return 1;
    }
    libsearch::Searcher searcher(config, index);
    for (const auto& text : queries) { // warm-up
        libsearch::Query query;
        query.text = text;
        static_cast<void>(libsearch::dump_json(libsearch::to_json(searcher.search(query))));
    }
    std::vector<double> latencies;
    std::size_t bytes = 0;
    const auto started = std::chrono::steady_clock::now();
    const auto end = started + std::chrono::duration<double>(seconds);
    for (std::size_t i = 0; std::chrono::steady_clock::now() < end; ++i) {
        const auto before = std::chrono::steady_clock::now();
        libsearch::Query query;
        query.text = queries[i % queries.size()];
        bytes += libsearch::dump_json(libsearch::to_json(searcher.search(query))).size();
        latencies.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - before)
                .count());
    }
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::sort(latencies.begin(), latencies.end());
    const auto at = [&](double q) {
        return latencies[std::min(latencies.size() - 1,
                                  static_cast<std::size_t>(q * latencies.size()))];
    };
    std::printf("queries=%zu qps=%.1f p50_ms=%.3f p99_ms=%.3f bytes_per_answer=%zu\n",
                latencies.size(), static_cast<double>(latencies.size()) / elapsed, at(0.5),
                at(0.99), bytes / latencies.size());
    return 0;
}
