// scale_queries: in-process query latency on an index of any size, side by side with the
// plain-Xapian baseline on the same pages, for the scale runs (bench/scale_bench.sh).
//
// Four kinds of query are made from the index's own vocabulary, the same way at every size
// (seeded): one common word, two common words, a common word with two letters swapped (one
// typo), and the first 3–4 letters of a common word being typed. Every query counts all
// facets and filters by one facet value (the most frequent topic). A fifth kind, "top 10
// only", is the one-word queries with no facets and no filter, so that the engines may stop
// early with an estimated total: the cost of retrieval alone. Each engine runs every
// query once as a warm-up, where its answers are checked, then `--runs` timed passes; the
// report gives each percentile's median over the passes and its min–max.
//
//   scale_queries INDEX [--baseline DIR] [--runs 5] [--queries 100] [--tsv FILE] [--paths FILE]
//
// Checks (exit 1 when one fails): libsearch finds at least the pages holding every word as
// typed (counted with raw Xapian on its index) for the one- and two-word queries, something
// for every prefix and for 90% of the typos; the baseline finds something for every one-word
// query. `--paths` writes the queries as /search URLs for wrk.
#include "index/schema.hpp"
#include "text/text_util.hpp"
#include "xapian_baseline.hpp"

#include <libsearch/config.hpp>
#include <libsearch/searcher.hpp>

#include <CLI/CLI.hpp>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <random>
#include <sstream>

namespace {

std::vector<std::string> common_words(const Xapian::Database& database, std::size_t count) {
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

/// A percentile over the timed passes: median, min and max of the per-pass values.
struct Spread {
    double median = 0, min = 0, max = 0;
};

Spread spread(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? Spread{}
                          : Spread{values[values.size() / 2], values.front(), values.back()};
}

/// Pages that hold every word of `text` as typed, under the filter: a floor for the total.
Xapian::doccount exact_matches(const Xapian::Database& database,
                               const std::string& text,
                               const std::string& filter_term) {
    std::vector<Xapian::Query> words;
    std::istringstream in(text);
    for (std::string word; in >> word;) {
        words.emplace_back(word);
    }
    Xapian::Query query(Xapian::Query::OP_AND, words.begin(), words.end());
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(filter_term));
    Xapian::Enquire enquire(database);
    enquire.set_query(query);
    return enquire.get_mset(0, 0, database.get_doccount()).get_matches_estimated();
}

std::string url_encode(const std::string& text) {
    std::string out;
    for (const unsigned char c : text) {
        if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.') {
            out += static_cast<char>(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

struct Measured {
    Spread p50, p95, p99;
    double mean_total = 0;
};

/// One warm-up pass (whose answers `check` sees) and `runs` timed passes.
Measured measure(const std::vector<std::string>& texts,
                 int runs,
                 const std::function<std::uint64_t(const std::string&)>& search,
                 const std::function<void(const std::string&, std::uint64_t)>& check) {
    Measured measured;
    std::vector<double> p50, p95, p99;
    for (int pass = 0; pass <= runs; ++pass) {
        std::vector<double> times;
        for (const auto& text : texts) {
            const auto started = std::chrono::steady_clock::now();
            const std::uint64_t total = search(text);
            times.push_back(std::chrono::duration<double, std::milli>(
                                std::chrono::steady_clock::now() - started)
                                .count());
            if (pass == 0) {
                check(text, total);
                measured.mean_total +=
                    static_cast<double>(total) / static_cast<double>(texts.size());
            }
        }
        if (pass > 0) {
            p50.push_back(percentile(times, 0.50));
            p95.push_back(percentile(times, 0.95));
            p99.push_back(percentile(times, 0.99));
        }
    }
    measured.p50 = spread(p50);
    measured.p95 = spread(p95);
    measured.p99 = spread(p99);
    return measured;
}

std::string cell(const Spread& s) {
    char text[64];
    std::snprintf(text, sizeof text, "%.2f (%.2f–%.2f)", s.median, s.min, s.max);
    return text;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"scale_queries: query latency by kind, libsearch beside plain Xapian"};
    std::filesystem::path index;
    std::filesystem::path baseline;
    std::filesystem::path tsv_file;
    std::filesystem::path paths_file;
    int runs = 5;
    std::size_t per_kind = 100;
    app.add_option("index", index, "index folder (the one holding `current`)")->required();
    app.add_option("--baseline", baseline, "the plain-Xapian baseline index of the same pages");
    app.add_option("--runs", runs, "timed passes after one warm-up");
    app.add_option("--queries", per_kind, "queries per kind");
    app.add_option("--tsv", tsv_file, "also write the figures as tab-separated lines");
    app.add_option("--paths", paths_file, "write the queries as /search URLs (for wrk)");
    CLI11_PARSE(app, argc, argv);

    const Xapian::Database ours_raw((index / "current").string());
    const auto words = common_words(ours_raw, 400);
    if (words.size() < 20) {
        std::cerr << "scale_queries: too few words in " << index << "\n";
        return 1;
    }
    std::mt19937_64 random(42);
    std::uniform_int_distribution<std::size_t> top(0, std::min<std::size_t>(99, words.size() - 1));
    std::uniform_int_distribution<std::size_t> any(0, words.size() - 1);
    const std::vector<std::string> kinds{"one word", "two words", "typo", "prefix", "top 10 only"};
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
    queries["top 10 only"] = queries["one word"];

    libsearch::Config config;
    libsearch::Searcher searcher(config, index);
    // The filter: the most frequent topic over all pages.
    libsearch::Query everything;
    everything.facets = std::vector<std::string>{"topic"};
    const auto all = searcher.search(everything);
    if (all.facets.empty() || all.facets.front().values.empty()) {
        std::cerr << "scale_queries: the index has no topic facet values\n";
        return 1;
    }
    const std::string topic = all.facets.front().values.front().value;
    const std::string topic_term =
        libsearch::detail::schema::facet_term("topic", libsearch::detail::casefold(topic));

    if (!paths_file.empty()) {
        std::ofstream out(paths_file);
        for (const auto& kind : kinds) {
            if (kind == "top 10 only") {
                continue; // the HTTP runs are the search box's queries: facets and a filter
            }
            for (const auto& text : queries[kind]) {
                out << "/search?q=" << url_encode(text) << "&topic=" << url_encode(topic) << "\n";
            }
        }
    }

    int failures = 0;
    const auto fail = [&](const std::string& what) {
        if (++failures <= 10) {
            std::cerr << "scale_queries: " << what << "\n";
        }
    };
    std::unique_ptr<bench::BaselineSearcher> theirs;
    if (!baseline.empty()) {
        theirs = std::make_unique<bench::BaselineSearcher>(config, baseline.string());
    }
    std::ofstream tsv;
    if (!tsv_file.empty()) {
        tsv.open(tsv_file);
    }
    std::cout << "| query kind | engine | p50 ms | p95 ms | p99 ms | mean total |\n"
                 "|---|---|---:|---:|---:|---:|\n";
    for (const auto& kind : kinds) {
        const auto& texts = queries[kind];
        const bool facets_and_filter = kind != "top 10 only";
        std::size_t typos_found = 0;
        const Measured ours = measure(
            texts, runs,
            [&](const std::string& text) {
                libsearch::Query query;
                query.text = text;
                if (facets_and_filter) {
                    query.filters["topic"] = {topic};
                } else {
                    query.facets = std::vector<std::string>{};
                }
                return searcher.search(query).total;
            },
            [&](const std::string& text, std::uint64_t total) {
                if (kind == "one word" || kind == "two words") {
                    const auto floor = exact_matches(ours_raw, text, topic_term);
                    if (total < floor || total == 0) {
                        fail("libsearch found " + std::to_string(total) + " for '" + text +
                             "', which " + std::to_string(floor) + " pages hold as typed");
                    }
                } else if ((kind == "prefix" || kind == "top 10 only") && total == 0) {
                    fail("libsearch found nothing for '" + text + "' (" + kind + ")");
                }
                typos_found += kind == "typo" && total > 0 ? 1 : 0;
            });
        if (kind == "typo" && typos_found * 10 < texts.size() * 9) {
            fail("libsearch found something for only " + std::to_string(typos_found) + " of " +
                 std::to_string(texts.size()) + " typos");
        }
        std::vector<std::pair<std::string, Measured>> rows{{"libsearch", ours}};
        if (theirs) {
            rows.emplace_back("plain Xapian",
                              measure(
                                  texts, runs,
                                  [&](const std::string& text) {
                                      return static_cast<std::uint64_t>(
                                          theirs->search(text, "topic", topic).total);
                                  },
                                  [&](const std::string& text, std::uint64_t total) {
                                      if (kind == "one word" && total == 0) {
                                          fail("plain Xapian found nothing for '" + text + "'");
                                      }
                                  }));
        }
        for (const auto& [engine, m] : rows) {
            std::cout << "| " << kind << " | " << engine << " | " << cell(m.p50) << " | "
                      << cell(m.p95) << " | " << cell(m.p99) << " | "
                      << static_cast<long long>(m.mean_total) << " |\n";
            if (tsv) {
                tsv << kind << '\t' << engine << '\t' << m.p50.median << '\t' << m.p50.min << '\t'
                    << m.p50.max << '\t' << m.p95.median << '\t' << m.p99.median << '\t'
                    << m.p99.min << '\t' << m.p99.max << '\t' << m.mean_total << '\n';
            }
        }
    }
    std::cout << "\n"
              << per_kind << " queries per kind, filter topic = " << topic
              << ", all facets counted; median (min–max) over " << runs
              << " timed passes after a warm-up.\n";
    if (failures > 0) {
        std::cerr << "scale_queries: " << failures << " checks failed\n";
        return 1;
    }
    return 0;
}
