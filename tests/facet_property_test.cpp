// Property test: totals and disjunctive facet counts equal a brute-force scan of the
// documents, for random combinations of words, facet selections and date ranges over a
// generated site (fixed seed, so every run checks the same cases).
#include "text/text_util.hpp"

#include "support/fixture_index.hpp"

#include <libsearch/searcher.hpp>

#include <catch2/catch.hpp>

#include <random>
#include <set>

using namespace libsearch;

namespace {

struct FakePage {
    std::set<std::string> words;
    std::map<std::string, std::vector<std::string>> facets; // as written
    std::chrono::sys_days day;
};

// Made-up words whose English stems are themselves and unlike each other.
const std::vector<std::string> kVocabulary = {"zorb", "quix", "plom", "vrat", "kelm", "drup",
                                              "snif", "glab", "trov", "bilk", "mup",  "frez",
                                              "yomp", "clud", "hask", "wint"};
const std::map<std::string, std::vector<std::string>> kFacetValues = {
    {"community", {"North Ring", "South Ring", "East Ring", "West Ring", "Core Ring"}},
    {"topic",
     {"Alpha Cat", "Beta Cat", "Gamma Cat", "Delta Cat", "Eps Cat", "Zeta Cat", "Eta Cat",
      "Theta Cat"}},
    {"brand", {"one.example", "two.example", "three.example", "four.example"}},
};

std::string random_case(const std::string& value, std::mt19937& rng) {
    std::string out = value;
    for (char& c : out) {
        if (rng() % 3 == 0) {
            c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32
                                                       : (c >= 'A' && c <= 'Z' ? c + 32 : c));
        }
    }
    return out;
}

std::string yaml_list(const std::vector<std::string>& values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        out += (i ? ", '" : "'") + values[i] + "'";
    }
    return out + "]";
}

std::vector<FakePage> write_site(const testing::TempDir& dir, std::mt19937& rng) {
    std::vector<FakePage> pages;
    for (int i = 0; i < 300; ++i) {
        FakePage page;
        std::string body;
        const int length = 3 + static_cast<int>(rng() % 12);
        for (int w = 0; w < length; ++w) {
            // Zipf-like: low indexes are far more frequent.
            const auto index = static_cast<std::size_t>(std::min<double>(
                kVocabulary.size() - 1,
                std::floor(std::pow(static_cast<double>(rng() % 1000) / 1000.0, 2.5) * 16)));
            page.words.insert(kVocabulary[index]);
            body += kVocabulary[index] + " ";
        }
        for (const auto& [facet, values] : kFacetValues) {
            const std::size_t count =
                facet == "topic" ? rng() % 4 : rng() % 2 + (facet == "community" ? 0 : 0);
            std::set<std::size_t> chosen;
            for (std::size_t k = 0; k < count; ++k) {
                chosen.insert(rng() % values.size());
            }
            for (const auto index : chosen) {
                page.facets[facet].push_back(random_case(values[index], rng));
            }
        }
        page.day = std::chrono::sys_days{std::chrono::year{2015} / 1 / 1} +
                   std::chrono::days{rng() % 3650};
        const std::chrono::year_month_day ymd{page.day};
        char date[16];
        std::snprintf(date, sizeof date, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
        std::string text = "---\ntitle: Page " + std::to_string(i) + "\ndate: " + date + "\n";
        const std::map<std::string, std::string> keys = {
            {"community", "identifier"}, {"topic", "tags"}, {"brand", "source"}};
        for (const auto& [facet, values] : page.facets) {
            if (!values.empty()) {
                text += keys.at(facet) + ": " + yaml_list(values) + "\n";
            }
        }
        text += "---\n" + body + "\n";
        dir.write("content/p" + std::to_string(i) + ".md", text);
        pages.push_back(std::move(page));
    }
    return pages;
}

bool has_value(const FakePage& page,
               const std::string& facet,
               const std::vector<std::string>& wanted) {
    const auto found = page.facets.find(facet);
    if (found == page.facets.end()) {
        return false;
    }
    for (const auto& value : found->second) {
        for (const auto& want : wanted) {
            if (detail::casefold(value) == detail::casefold(want)) {
                return true;
            }
        }
    }
    return false;
}

} // namespace

TEST_CASE("facet counts and totals equal a brute-force scan", "[searcher][facets][property]") {
    std::mt19937 rng(424242);
    testing::TempDir dir;
    const auto pages = write_site(dir, rng);
    Config config;
    config.content.root = dir.path() / "content";
    config.index.path = dir.path() / "index";
    REQUIRE(testing::build_index(config) == pages.size());
    Searcher searcher(config);

    for (int round = 0; round < 250; ++round) {
        Query query;
        query.per_page = 1;
        query.facet_values = 100;
        std::vector<std::string> words;
        for (std::size_t n = rng() % 3; n > 0; --n) {
            words.push_back(kVocabulary[rng() % 8]);
        }
        for (const auto& word : words) {
            query.text += random_case(word, rng) + " ";
        }
        // Exclusions, alone or with words: `-word` and `-facet:"value"`.
        std::string excluded_word;
        if (rng() % 4 == 0) {
            excluded_word = kVocabulary[rng() % kVocabulary.size()];
            query.text += "-" + excluded_word + " ";
        }
        std::string excluded_topic;
        if (rng() % 5 == 0) {
            excluded_topic = kFacetValues.at("topic")[rng() % kFacetValues.at("topic").size()];
            query.text += "-topic:\"" + random_case(excluded_topic, rng) + "\" ";
        }
        for (const auto& [facet, values] : kFacetValues) {
            for (std::size_t n = rng() % 3 == 0 ? 1 + rng() % 2 : 0; n > 0; --n) {
                query.filters[facet].push_back(random_case(values[rng() % values.size()], rng));
            }
        }
        if (rng() % 3 == 0) {
            query.from = std::chrono::sys_days{
                std::chrono::year{2015 + static_cast<int>(rng() % 8)} / 1 / 1};
            query.to = *query.from + std::chrono::days{rng() % 1500};
        }
        INFO("round " << round << ": '" << query.text << "', " << query.filters.size()
                      << " filtered facets");

        const auto matches = [&](const FakePage& page, const std::string& skip_facet) {
            for (const auto& word : words) {
                if (page.words.count(word) == 0) {
                    return false;
                }
            }
            if (!excluded_word.empty() && page.words.count(excluded_word) != 0) {
                return false;
            }
            if (!excluded_topic.empty() && has_value(page, "topic", {excluded_topic})) {
                return false;
            }
            if ((query.from && page.day < *query.from) || (query.to && page.day > *query.to)) {
                return false;
            }
            for (const auto& [facet, wanted] : query.filters) {
                if (facet != skip_facet && !has_value(page, facet, wanted)) {
                    return false;
                }
            }
            return true;
        };

        const auto result = searcher.search(query);
        const auto total = static_cast<std::uint64_t>(std::count_if(
            pages.begin(), pages.end(), [&](const FakePage& page) { return matches(page, ""); }));
        CHECK(result.total == total);
        CHECK_FALSE(result.degraded);

        for (const auto& counts : result.facets) {
            std::map<std::string, std::uint64_t> expected;
            for (const auto& page : pages) {
                if (!matches(page, counts.name)) {
                    continue;
                }
                std::set<std::string> once;
                const auto found = page.facets.find(counts.name);
                for (const auto& value :
                     found == page.facets.end() ? std::vector<std::string>{} : found->second) {
                    if (once.insert(detail::casefold(value)).second) {
                        ++expected[detail::casefold(value)];
                    }
                }
            }
            std::map<std::string, std::uint64_t> actual;
            std::set<std::string> selected;
            for (const auto& value : counts.values) {
                if (value.count > 0) {
                    actual[detail::casefold(value.value)] = value.count;
                }
                if (value.selected) {
                    selected.insert(detail::casefold(value.value));
                }
            }
            INFO("facet " << counts.name);
            CHECK(actual == expected);
            std::set<std::string> wanted;
            const auto filter = query.filters.find(counts.name);
            if (filter != query.filters.end()) {
                for (const auto& value : filter->second) {
                    wanted.insert(detail::casefold(value));
                }
            }
            CHECK(selected == wanted);
        }
    }
}
