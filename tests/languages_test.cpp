// A multilingual site: each page analysed in its own language, each query in the visitor's,
// and the language facet every index has. The site is a plain folder organised as
// `content/<lang>/` (no generator), as a site without a generator config is.
#include "support/fixture_index.hpp"

#include <libsearch/analyzer.hpp>
#include <libsearch/searcher.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace libsearch;
using libsearch::testing::TempDir;

namespace {

class MultilingualSite {
public:
    MultilingualSite() {
        page("en/release.md", "Ruby 3.1 released", "We added many features and published notes.");
        page("en/cats.md", "The cat", "The cat sleeps all day.");
        page("fr/sortie.md", "Ruby 3.1 est disponible",
             "Ruby 3.1 ajoute de nombreuses fonctionnalités ajoutées par la communauté.");
        page("fr/chat.md", "Le chat", "Le chat dort toute la journée.");
        page("de/veroeffentlichung.md", "Ruby 3.1 veröffentlicht",
             "Ruby 3.1 wurde heute veröffentlicht.");
        page("de/katze.md", "Katze", "Eine Katze schläft.");
        Config config;
        config.content.root = dir_.path() / "site";
        config.index.path = dir_.path() / "index";
        testing::build_index(config);
        searcher_ = std::make_unique<Searcher>(config);
    }

    Result search(const std::string& text,
                  const std::vector<std::string>& language_filter = {},
                  const std::vector<std::string>& visitor = {}) {
        Query query;
        query.text = text;
        if (!language_filter.empty()) {
            query.filters["language"] = language_filter;
        }
        query.languages = visitor;
        query.per_page = 50;
        return searcher_->search(query);
    }

    std::vector<std::string> ids(const Result& result) {
        std::vector<std::string> out;
        for (const auto& hit : result.hits) {
            out.push_back(hit.id);
        }
        std::sort(out.begin(), out.end());
        return out;
    }

    Searcher& searcher() { return *searcher_; }

private:
    void page(const std::string& path, const std::string& title, const std::string& body) {
        dir_.write("site/content/" + path, "---\ntitle: \"" + title + "\"\n---\n" + body + "\n");
    }

    TempDir dir_;
    std::unique_ptr<Searcher> searcher_;
};

MultilingualSite& site() {
    static MultilingualSite instance;
    return instance;
}

using Ids = std::vector<std::string>;

} // namespace

TEST_CASE("languages: pages under content/<lang>/ are analysed in that language", "[languages]") {
    // French stems: "fonctionnalité" and "fonctionnalités" share one, whatever the accents.
    CHECK(site().ids(site().search("fonctionnalite", {"fr"})) == Ids{"content/fr/sortie.md"});
    // German: "veröffentlichten" is not on the page, "veröffentlicht" is.
    CHECK(site().ids(site().search("veröffentlichten", {"de"})) ==
          Ids{"content/de/veroeffentlichung.md"});
}

TEST_CASE("languages: the language facet is every index's, counted when asked for", "[languages]") {
    Query query;
    CHECK(site().searcher().search(query).facets.empty() == false);
    const auto defaults = site().searcher().search(query).facets;
    CHECK(std::none_of(defaults.begin(), defaults.end(),
                       [](const FacetCounts& facet) { return facet.name == "language"; }));
    query.facets = std::vector<std::string>{"language"};
    const auto result = site().searcher().search(query);
    REQUIRE(result.facets.size() == 1);
    std::vector<std::pair<std::string, std::uint64_t>> counts;
    for (const auto& value : result.facets.front().values) {
        counts.emplace_back(value.value, value.count);
    }
    std::sort(counts.begin(), counts.end());
    CHECK(counts ==
          std::vector<std::pair<std::string, std::uint64_t>>{{"de", 2}, {"en", 2}, {"fr", 2}});
}

TEST_CASE("languages: a query is stemmed in the language filtered on", "[languages]") {
    // Snowball leaves "ajoutons" whole; the French pages hold the shorter stem "ajout"
    // ("ajoute", "ajoutées"), and the index says so.
    CHECK(site().ids(site().search("ajoutons", {"fr"})) == Ids{"content/fr/sortie.md"});
    CHECK(site().ids(site().search("ajoutées", {"fr"})) == Ids{"content/fr/sortie.md"});
    const auto hit = site().search("ajoutées", {"fr"}).hits.at(0);
    CHECK(hit.highlight.snippet.find("<mark>ajoute</mark>") != std::string::npos);
}

TEST_CASE("languages: with no language known, each language's pages match by its stems",
          "[languages]") {
    CHECK(site().ids(site().search("ajoutons")) == Ids{"content/fr/sortie.md"});
    CHECK(site().ids(site().search("veröffentlichten")) == Ids{"content/de/veroeffentlichung.md"});
    // English stems still work on English pages.
    CHECK(site().ids(site().search("publishing")) == Ids{"content/en/release.md"});
}

TEST_CASE("languages: stop words are the visitor's", "[languages]") {
    // "die" is German for "the", and an English word: a German visitor's "die Katze" finds
    // the page without "die"; for the site's default language (English) it must match.
    CHECK(site().ids(site().search("die katze", {}, {"de-AT", "en"})) ==
          Ids{"content/de/katze.md"});
    CHECK(site().ids(site().search("die katze")).empty());
    // A language the index does not hold is passed over for the next one.
    CHECK(site().ids(site().search("die katze", {}, {"sv", "de"})) == Ids{"content/de/katze.md"});
}

TEST_CASE("languages: tags are stored in one form", "[languages]") {
    Analyzer analyzer;
    CHECK(analyzer.stemmer_language("fr") == "french");
    CHECK(analyzer.stemmer_language("fr-CA") == "french");
    CHECK(analyzer.stemmer_language("French") == "french");
    CHECK(analyzer.stemmer_language("ja").empty());
    // Accents are read before stemming and removed after.
    CHECK(analyzer.stem("ajoutées", "fr") == "ajout");
    CHECK(analyzer.stem("AJOUTÉES", "fr") == "ajout");
    CHECK(analyzer.stem("ajoutees", "fr") == "ajoute");
}
