// gen-pages: writes N synthetic pages in the reference page's shape, with statistics drawn
// from the real sets under ../shared/corpus, for the scale benchmarks (bench/README.md).
//
//   gen-pages --out DIR --pages 100000 [--seed 1] [--corpus ../shared/corpus] [--sets a,b]
//
// What is learnt from the corpus (its English sets): word frequencies (so the vocabulary is
// Zipf-like, as real text is), title and body lengths, dates, and the values of the facets
// with their frequencies. Each page gets a title, a description, a body of <p> paragraphs,
// a date, one community, one to three topics and a brand, in the front-matter keys of the
// seed page (identifier, communityTopics, link.brand), so the default configuration indexes
// it. The same corpus and seed always give the same pages, byte for byte.
#include <libsearch/config.hpp>
#include <libsearch/loader.hpp>

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <unordered_map>

namespace fs = std::filesystem;

namespace {

/// The English sets: their words make the vocabulary.
constexpr const char* kDefaultSets =
    "healthcareguys,digitalgov,healthcare-gov,hackshackers,rust-blog";
constexpr std::size_t kVocabulary = 50'000; ///< most frequent words kept
constexpr std::size_t kMaxBodyWords = 3'000;
constexpr std::size_t kPagesPerFolder = 1'000;

/// Values with their frequencies, drawn from in proportion.
class Weighted {
public:
    void add(const std::string& value, double weight = 1) { counts_[value] += weight; }
    bool empty() const { return counts_.empty(); }
    std::size_t size() const { return values_.empty() ? counts_.size() : values_.size(); }

    /// Freezes the values (in a fixed order, so that draws are reproducible).
    void freeze(std::size_t keep = SIZE_MAX) {
        std::vector<std::pair<double, std::string>> sorted;
        for (const auto& [value, weight] : counts_) {
            sorted.emplace_back(weight, value);
        }
        std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        if (sorted.size() > keep) {
            sorted.resize(keep);
        }
        std::vector<double> weights;
        for (auto& [weight, value] : sorted) {
            values_.push_back(std::move(value));
            weights.push_back(weight);
        }
        distribution_ = std::discrete_distribution<std::size_t>(weights.begin(), weights.end());
    }

    const std::string& draw(std::mt19937_64& random) { return values_[distribution_(random)]; }

private:
    std::map<std::string, double> counts_;
    std::vector<std::string> values_;
    std::discrete_distribution<std::size_t> distribution_;
};

struct Statistics {
    Weighted words;
    Weighted communities;
    Weighted topics;
    Weighted brands;
    std::vector<std::size_t> title_lengths;
    std::vector<std::size_t> body_lengths;
    std::vector<std::chrono::local_seconds> dates; ///< of the dated pages
};

/// Lower-case ASCII words of 2 to 20 letters.
template <typename Each>
std::size_t for_each_word(std::string_view text, Each&& each) {
    std::size_t count = 0;
    std::string word;
    const auto flush = [&] {
        if (word.size() >= 2 && word.size() <= 20) {
            each(word);
            ++count;
        }
        word.clear();
    };
    for (const char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            word += static_cast<char>(c | 0x20);
        } else {
            flush();
        }
    }
    flush();
    return count;
}

Statistics learn(const fs::path& corpus, const std::string& sets) {
    Statistics stats;
    std::stringstream list(sets);
    for (std::string set; std::getline(list, set, ',');) {
        libsearch::Config config;
        const fs::path extras =
            corpus / ".." / "acceptance" / "extras" / (std::string(set) + ".yaml");
        if (fs::exists(extras)) {
            config = libsearch::load_config(extras);
        }
        config.content.root = corpus / set;
        libsearch::Loader(config).load(
            [&](const libsearch::SourceFile&, libsearch::Document&& page) {
                stats.title_lengths.push_back(
                    for_each_word(page.title, [&](const std::string& w) { stats.words.add(w); }));
                stats.body_lengths.push_back(std::min(
                    kMaxBodyWords,
                    for_each_word(page.body, [&](const std::string& w) { stats.words.add(w); })));
                if (page.date) {
                    stats.dates.push_back(*page.date);
                }
                for (const auto& [facet, values] : page.facets) {
                    for (const auto& value : values) {
                        if (facet == "community" || facet == "section") {
                            stats.communities.add(value);
                        } else if (facet == "brand" || facet == "source" || facet == "author") {
                            stats.brands.add(value);
                        } else {
                            stats.topics.add(value);
                        }
                    }
                }
            },
            [](const libsearch::LoadIssue&) {});
    }
    std::erase(stats.title_lengths, 0);
    std::sort(stats.dates.begin(), stats.dates.end());
    return stats;
}

std::string yaml_string(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += (c == '\n' || c == '\r') ? ' ' : c;
    }
    return out + '"';
}

std::string format_date(std::chrono::local_seconds when) {
    const auto day = std::chrono::floor<std::chrono::days>(when);
    const std::chrono::year_month_day ymd{day};
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT12:00:00Z", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buffer;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"gen-pages: synthetic pages shaped like the real sets, for scale benchmarks"};
    fs::path out;
    std::size_t pages = 10'000;
    std::uint64_t seed = 1;
    fs::path corpus = "../shared/corpus";
    std::string sets = kDefaultSets;
    app.add_option("--out", out, "folder to write the pages into (created)")->required();
    app.add_option("--pages", pages, "how many pages");
    app.add_option("--seed", seed, "random seed: the same seed gives the same pages");
    app.add_option("--corpus", corpus, "the folder holding the real sets to learn from");
    app.add_option("--sets", sets, "comma-separated sets (folders of --corpus)");
    CLI11_PARSE(app, argc, argv);

    const auto started = std::chrono::steady_clock::now();
    Statistics stats = learn(corpus, sets);
    if (stats.words.empty() || stats.title_lengths.empty() || stats.dates.empty()) {
        std::cerr << "gen-pages: no dated pages to learn from under " << corpus << "\n";
        return 1;
    }
    // Facets the sets lack are made from the vocabulary, so every page has all three.
    std::mt19937_64 random(seed);
    stats.words.freeze(kVocabulary);
    for (int i = 0; stats.communities.size() < 12; ++i) {
        stats.communities.add("Community of " + stats.words.draw(random), 12.0 - i);
    }
    for (int i = 0; stats.brands.size() < 40; ++i) {
        stats.brands.add(stats.words.draw(random) + stats.words.draw(random) + ".example",
                         40.0 - i);
    }
    stats.communities.freeze();
    stats.topics.freeze(2'000);
    stats.brands.freeze(500);

    const bool tty = ::isatty(STDERR_FILENO) == 1;
    std::uniform_int_distribution<std::size_t> pick_title(0, stats.title_lengths.size() - 1);
    std::uniform_int_distribution<std::size_t> pick_body(0, stats.body_lengths.size() - 1);
    std::uniform_int_distribution<std::size_t> pick_date(0, stats.dates.size() - 1);
    std::geometric_distribution<int> extra_topics(0.55);
    std::uintmax_t bytes = 0;
    std::string page;
    for (std::size_t n = 0; n < pages; ++n) {
        std::string title;
        for (std::size_t w = 0,
                         words = std::min<std::size_t>(stats.title_lengths[pick_title(random)], 16);
             w < words; ++w) {
            std::string word = stats.words.draw(random);
            if (w == 0) {
                word[0] = static_cast<char>(word[0] - 'a' + 'A');
            }
            title += (w ? " " : "") + word;
        }
        std::string body;
        std::string description;
        const std::size_t body_words =
            std::max<std::size_t>(20, stats.body_lengths[pick_body(random)]);
        for (std::size_t w = 0; w < body_words; ++w) {
            if (w % 60 == 0) {
                body += w ? ".</p>\n<p>" : "<p>";
            } else {
                body += ' ';
            }
            const std::string& word = stats.words.draw(random);
            body += word;
            if (w < 25) {
                description += (w ? " " : "") + word;
            }
        }
        body += ".</p>\n";
        std::vector<std::string> topics;
        for (int t = 0, count = 1 + std::min(extra_topics(random), 2); t < count; ++t) {
            const std::string& topic = stats.topics.draw(random);
            if (std::find(topics.begin(), topics.end(), topic) == topics.end()) {
                topics.push_back(topic);
            }
        }
        const std::string id = std::to_string(n + 1);
        page = "---\ntitle: " + yaml_string(title) + "\ndescription: " + yaml_string(description) +
               "\ndate: '" + format_date(stats.dates[pick_date(random)]) +
               "'\nidentifier: " + yaml_string(stats.communities.draw(random)) +
               "\ncommunityTopics:\n";
        for (const auto& topic : topics) {
            page += "- " + yaml_string(topic) + "\n";
        }
        page += "link:\n  brand: " + yaml_string(stats.brands.draw(random)) + "\nslug: page-" + id +
                "\naliases: /pages/" + id + "/\n---\n\n" + body;

        char folder[32];
        std::snprintf(folder, sizeof folder, "%04zu", n / kPagesPerFolder);
        const fs::path file = out / folder / ("page-" + id + ".md");
        if (n % kPagesPerFolder == 0) {
            fs::create_directories(file.parent_path());
        }
        std::ofstream(file, std::ios::binary) << page;
        bytes += page.size();
        if (tty && (n + 1) % 1'000 == 0) {
            std::cerr << "\r\033[Kgen-pages: " << n + 1 << " / " << pages << std::flush;
        }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (tty) {
        std::cerr << "\r\033[K";
    }
    std::cerr << "gen-pages: " << pages << " pages, " << bytes / (1024 * 1024) << " MiB in "
              << out.string() << " (seed " << seed << ", vocabulary " << kVocabulary << " words, "
              << stats.topics.size() << " topics, " << stats.communities.size() << " communities, "
              << stats.brands.size() << " brands) in " << seconds << " s\n";
    return 0;
}
