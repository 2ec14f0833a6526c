// The fuzzy dictionary walk against a brute-force edit distance over the same vocabulary.
#include "search/fuzzy_terms.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>

using namespace libsearch::detail;
using libsearch::testing::TempDir;

namespace {

/// Optimal-string-alignment distance; an edit involving either word's first letter costs
/// `first`.
unsigned brute_distance(const std::u32string& a, const std::u32string& b, unsigned first) {
    std::vector<std::vector<unsigned>> d(a.size() + 1, std::vector<unsigned>(b.size() + 1));
    const auto at_first = [&](bool is_first) { return is_first ? first : 1; };
    for (std::size_t j = 1; j <= b.size(); ++j) {
        d[0][j] = d[0][j - 1] + at_first(j == 1);
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        d[i][0] = d[i - 1][0] + at_first(i == 1);
        for (std::size_t j = 1; j <= b.size(); ++j) {
            unsigned best =
                d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : at_first(i == 1 || j == 1));
            best = std::min(best, d[i - 1][j] + at_first(i == 1));
            best = std::min(best, d[i][j - 1] + at_first(j == 1));
            if (i >= 2 && j >= 2 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                best = std::min(best, d[i - 2][j - 2] + at_first(i == 2 || j == 2));
            }
            d[i][j] = best;
        }
    }
    return d[a.size()][b.size()];
}

struct Vocabulary {
    TempDir dir;
    Xapian::WritableDatabase database;
    std::map<std::string, Xapian::doccount> words;

    explicit Vocabulary(const std::vector<std::string>& list)
        : database((dir.path() / "db").string(), Xapian::DB_CREATE_OR_OVERWRITE) {
        for (const auto& word : list) {
            Xapian::Document document;
            document.add_term(word);
            document.add_term("S" + word); // prefixed terms must never be candidates
            database.add_document(document);
            ++words[word];
        }
        database.commit();
    }
};

std::set<std::string> texts(const std::vector<FuzzyTerm>& terms) {
    std::set<std::string> out;
    for (const auto& term : terms) {
        out.insert(term.text);
    }
    return out;
}

} // namespace

TEST_CASE("fuzzy terms: one edit finds substitutions and deletions and insertions and swaps",
          "[typo]") {
    Vocabulary vocabulary({"priorities", "priority", "prioritise", "experience", "experiences",
                           "science", "scientific", "tools", "tool", "toolbox", "heaven"});
    FuzzyLookup one;
    one.max_edits = 1;
    CHECK(texts(find_fuzzy_terms(vocabulary.database, "pirorities", one).words) ==
          std::set<std::string>{"priorities"});
    FuzzyLookup two;
    two.max_edits = 2;
    CHECK(texts(find_fuzzy_terms(vocabulary.database, "pirorities", two).words) ==
          std::set<std::string>{"priorities", "prioritise"});
    CHECK(texts(find_fuzzy_terms(vocabulary.database, "expereince", one).words) ==
          std::set<std::string>{"experience"});
    CHECK(texts(find_fuzzy_terms(vocabulary.database, "experiene", one).words) ==
          std::set<std::string>{"experience"});
    CHECK(texts(find_fuzzy_terms(vocabulary.database, "scietific", one).words) ==
          std::set<std::string>{"scientific"});
    CHECK(texts(find_fuzzy_terms(vocabulary.database, "heaevn", one).words) ==
          std::set<std::string>{"heaven"});
    CHECK(texts(find_fuzzy_terms(vocabulary.database, "tooos", one).words) ==
          std::set<std::string>{"tools"});
    CHECK(texts(find_fuzzy_terms(vocabulary.database, "sience", one).words) ==
          std::set<std::string>{"science"});
}

TEST_CASE("fuzzy terms: the first letter costs two edits", "[typo]") {
    Vocabulary vocabulary({"heaven", "leaven", "seven"});
    FuzzyLookup one;
    CHECK(find_fuzzy_terms(vocabulary.database, "reaven", one).words.empty());
    FuzzyLookup two;
    two.max_edits = 2;
    CHECK(texts(find_fuzzy_terms(vocabulary.database, "reaven", two).words) ==
          std::set<std::string>{"heaven", "leaven"});
    CHECK(texts(find_fuzzy_terms(vocabulary.database, "eaven", two).words) ==
          std::set<std::string>{"heaven", "leaven"});
}

TEST_CASE("fuzzy terms: words with digits are never matched", "[typo]") {
    Vocabulary vocabulary({"2021", "2012", "html5", "html", "version2"});
    FuzzyLookup two;
    two.max_edits = 2;
    CHECK(find_fuzzy_terms(vocabulary.database, "2021", two).words.empty());
    CHECK(texts(find_fuzzy_terms(vocabulary.database, "htmm", two).words) ==
          std::set<std::string>{"html"});
}

TEST_CASE("fuzzy terms: prefixes of words being typed", "[typo]") {
    Vocabulary vocabulary({"visualization", "visualizations", "visual", "vista"});
    FuzzyLookup lookup;
    lookup.prefixes = true;
    const auto found = find_fuzzy_terms(vocabulary.database, "visaliz", lookup);
    REQUIRE_FALSE(found.prefixes.empty());
    for (const auto& prefix : found.prefixes) {
        CHECK(std::string("visualization").rfind(prefix.text, 0) == 0);
    }
}

TEST_CASE("fuzzy terms: the walk agrees with brute force on non-ASCII words", "[typo]") {
    // Random words over a small alphabet with accented and Cyrillic letters, so that
    // neighbours are dense; every lookup is compared with brute force over the vocabulary.
    const std::vector<std::string> letters{"a", "b", "c", "e", "é", "ж", "ø", "d"};
    std::mt19937 random(42);
    const auto make_word = [&](std::size_t length) {
        std::string word;
        for (std::size_t i = 0; i < length; ++i) {
            word += letters[random() % letters.size()];
        }
        return word;
    };
    std::vector<std::string> list;
    for (int i = 0; i < 3'000; ++i) {
        list.push_back(make_word(3 + random() % 6));
    }
    Vocabulary vocabulary(list);
    const auto decode = [](const std::string& text) {
        std::u32string out;
        for (std::size_t i = 0; i < text.size();) {
            const auto lead = static_cast<unsigned char>(text[i]);
            const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : 3;
            char32_t value = length == 1 ? lead : lead & (0x7F >> length);
            for (std::size_t k = 1; k < length; ++k) {
                value = (value << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
            }
            out.push_back(value);
            i += length;
        }
        return out;
    };
    for (int q = 0; q < 200; ++q) {
        const std::string word = make_word(4 + random() % 5);
        for (unsigned edits : {1u, 2u}) {
            FuzzyLookup lookup;
            lookup.max_edits = edits;
            lookup.max_seeks = 1'000'000;
            const auto found = find_fuzzy_terms(vocabulary.database, word, lookup);
            std::set<std::string> expected;
            const auto block = [](char32_t c) { return c < 0x80 ? -1 : static_cast<int>(c >> 8); };
            for (const auto& [candidate, frequency] : vocabulary.words) {
                const bool same_script = block(decode(candidate)[0]) == block(decode(word)[0]);
                if (same_script && brute_distance(decode(candidate), decode(word), 2) <= edits) {
                    expected.insert(candidate);
                }
            }
            INFO(word << " within " << edits);
            CHECK(texts(found.words) == expected);
            for (const auto& term : found.words) {
                CHECK(term.frequency == vocabulary.words.at(term.text));
                CHECK(term.distance == brute_distance(decode(term.text), decode(word), 2));
            }
        }
    }
}
