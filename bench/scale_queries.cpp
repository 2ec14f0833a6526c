// scale_queries: in-process query latency on an index of any size, for the scale runs
// (bench/scale_bench.sh). Four kinds of query are made from the index's own vocabulary,
// the same way at every size (seeded): one common word, two common words, a common word
// with one typo, and the first letters of a common word being typed. Every query counts
// all facets and has one facet filter active (the most frequent topic).
//
//   scale_queries INDEX [--runs 3] [--queries 100]
//
// Prints one Markdown table row per kind: p50 / p95 / p99 ms and the mean hit count.
#include <libsearch/config.hpp>
#include <libsearch/searcher.hpp>

#include <CLI/CLI.hpp>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>

namespace {

std::vector<std::string> common_words(const std::string& database_path, std::size_t count) {
    Xapian::Database database(database_path);
    std::vector<std::pair<Xapian::doccount, std::string>> words;
    for (auto it = database.allterms_begin(); it != database.allterms_end(); ++it) {
        const std::string term = *it;
        if (term.size() >= 5 && term.size() <= 12 &&
            std::all_of(term.begin(), term.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
            words.emplace_back(it.get_termfreq(), term);
        }
    }
    std::sort(words.begin(), words.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::vector<std::string> out;
    for (std::size_t i = 0; i < std::min(count, words.size()); ++i) {
        out.push_back(words[i].second);
    }
    return out;
}

double percentile(std::vector<double> samples, double q) {
    std::sort(samples.begin(), samples.end());
    return samples.empty() ? 0
                           : samples[std::min(samples.size() - 1,
                                              static_cast<std::size_t>(q * samples.size()))];
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"scale_queries: query latency by kind on an index of any size"};
    std::filesystem::path index;
    int runs = 3;
    std::size_t per_kind = 100;
    app.add_option("index", index, "index folder (the one holding `current`)")->required();
    app.add_option("--runs", runs, "timed passes after one warm-up");
    app.add_option("--queries", per_kind, "queries per kind");
    CLI11_PARSE(app, argc, argv);

    const auto words = common_words((index / "current").string(), 400);
    if (words.size() < 20) {
        std::cerr << "scale_queries: too few words in " << index << "\n";
        return 1;
    }
    std::mt19937_64 random(42);
    std::uniform_int_distribution<std::size_t> top(0, std::min<std::size_t>(99, words.size() - 1));
    std::uniform_int_distribution<std::size_t> any(0, words.size() - 1);
    std::map<std::string, std::vector<std::string>> queries;
    for (std::size_t i = 0; i < per_kind; ++i) {
        queries["one word"].push_back(words[top(random)] + " ");
        queries["two words"].push_back(words[any(random)] + " " + words[any(random)] + " ");
        std::string typo = words[any(random)];
        const std::size_t at = 1 + random() % (typo.size() - 2);
        std::swap(typo[at], typo[at + 1]); // a swap of two letters: one edit
        queries["typo"].push_back(typo + " ");
        queries["prefix"].push_back(words[any(random)].substr(0, 3 + random() % 2));
    }

    libsearch::Config config;
    libsearch::Searcher searcher(config, index);
    // The filter: the most frequent topic over all pages.
    libsearch::Query everything;
    everything.facets = std::vector<std::string>{"topic"};
    const auto all = searcher.search(everything);
    std::string topic;
    if (!all.facets.empty() && !all.facets.front().values.empty()) {
        topic = all.facets.front().values.front().value;
    }

    std::cout << "| query kind (" << per_kind << " queries, " << runs
              << " passes, all facets, topic = " << topic
              << ") | p50 ms | p95 ms | p99 ms | mean total |\n|---|---:|---:|---:|---:|\n";
    for (const auto& [kind, texts] : queries) {
        std::vector<double> times;
        double totals = 0;
        for (int pass = 0; pass <= runs; ++pass) {
            for (const auto& text : texts) {
                libsearch::Query query;
                query.text = text;
                if (!topic.empty()) {
                    query.filters["topic"] = {topic};
                }
                const auto started = std::chrono::steady_clock::now();
                const auto result = searcher.search(query);
                const double ms = std::chrono::duration<double, std::milli>(
                                      std::chrono::steady_clock::now() - started)
                                      .count();
                if (pass == 0) {
                    totals += static_cast<double>(result.total);
                } else {
                    times.push_back(ms);
                }
            }
        }
        char row[256];
        std::snprintf(row, sizeof row, "| %s | %.3f | %.3f | %.3f | %.0f |\n", kind.c_str(),
                      percentile(times, 0.50), percentile(times, 0.95), percentile(times, 0.99),
                      totals / static_cast<double>(texts.size()));
        std::cout << row;
    }
    return 0;
}
