// Multilingual sites: each page analysed in its own language, each query in the visitor's,
// the language facet every index has, and Chinese and Japanese words, which are written
// without spaces, matched, completed and suggested as one word.
#include "support/fixture_index.hpp"
#include "text/languages.hpp"

#include <libsearch/analyzer.hpp>
#include <libsearch/searcher.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace libsearch;
using libsearch::testing::TempDir;

namespace {

struct Page {
    std::string path; ///< under the site's root
    std::string title;
    std::string body;
};

/// A site of `pages` in a temp folder, indexed as `searchd reindex` would.
class PagesSite {
public:
    explicit PagesSite(const std::vector<Page>& pages) {
        for (const auto& page : pages) {
            dir_.write("site/" + page.path,
                       "---\ntitle: \"" + page.title + "\"\n---\n" + page.body + "\n");
        }
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

    /// The ids of what search() finds, sorted.
    std::vector<std::string> ids(const std::string& text,
                                 const std::vector<std::string>& language_filter = {},
                                 const std::vector<std::string>& visitor = {}) {
        std::vector<std::string> out;
        for (const auto& hit : search(text, language_filter, visitor).hits) {
            out.push_back(hit.id);
        }
        std::sort(out.begin(), out.end());
        return out;
    }

    std::vector<std::string> suggestions(const std::string& text) {
        SuggestQuery query;
        query.text = text;
        query.limit = 10;
        std::vector<std::string> out;
        for (const auto& suggestion : searcher_->suggest(query).suggestions) {
            out.push_back(suggestion.text);
        }
        return out;
    }

    Searcher& searcher() { return *searcher_; }

private:
    TempDir dir_;
    std::unique_ptr<Searcher> searcher_;
};

/// English, French and German pages in `content/<lang>/`, as a site without a generator
/// config keeps them.
PagesSite& site() {
    static PagesSite instance({
        {"content/en/release.md", "Ruby 3.1 released",
         "We added many features and published notes and résumés."},
        {"content/en/cats.md", "The cat", "The cat sleeps all day."},
        {"content/fr/sortie.md", "Ruby 3.1 est disponible",
         "Ruby 3.1 ajoute de nombreuses fonctionnalités ajoutées par la communauté."},
        {"content/fr/chat.md", "Le chat", "Le chat dort toute la journée."},
        {"content/de/veroeffentlichung.md", "Ruby 3.1 veröffentlicht",
         "Ruby 3.1 wurde heute veröffentlicht."},
        {"content/de/katze.md", "Katze", "Eine Katze schläft."},
    });
    return instance;
}

/// Chinese and Japanese pages: words the analyzer cuts out of runs written without spaces.
PagesSite& cjk() {
    static PagesSite instance({
        {"ja/tooltip.md", "ツールチップ", "ツールバーのボタンにツールチップが出ます。"},
        {"ja/tools.md", "開発ツール", "ツールとチームとチェックの話。"},
        {"ja/toolbar-use.md", "ツールバーの使い方", "ツールバーを使います。"},
        {"ja/toolbar-hide.md", "ツールバーを隠す", "ツールバーを隠します。"},
        {"zh/browsers.md", "浏览器兼容性", "支持的浏览器。"},
        {"zh/apart.md", "网页", "浏览网页。器。"},
        {"ja/submit.md", "登録手続きの概要", "アプリの登録手続きです。"},
    });
    return instance;
}

using Ids = std::vector<std::string>;

} // namespace

TEST_CASE("languages: pages under content/<lang>/ are analysed in that language", "[languages]") {
    // French stems: "fonctionnalité" and "fonctionnalités" share one, whatever the accents.
    CHECK(site().ids("fonctionnalite", {"fr"}) == Ids{"content/fr/sortie.md"});
    // German: "veröffentlichten" is not on the page, "veröffentlicht" is.
    CHECK(site().ids("veröffentlichten", {"de"}) == Ids{"content/de/veroeffentlichung.md"});
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
    CHECK(site().ids("ajoutons", {"fr"}) == Ids{"content/fr/sortie.md"});
    CHECK(site().ids("ajoutées", {"fr"}) == Ids{"content/fr/sortie.md"});
    const auto hit = site().search("ajoutées", {"fr"}).hits.at(0);
    CHECK(hit.highlight.snippet.find("<mark>ajoute</mark>") != std::string::npos);
}

TEST_CASE("languages: with no language known, each language's pages match by its stems",
          "[languages]") {
    CHECK(site().ids("ajoutons") == Ids{"content/fr/sortie.md"});
    CHECK(site().ids("veröffentlichten") == Ids{"content/de/veroeffentlichung.md"});
    // English stems still work on English pages.
    CHECK(site().ids("publishing") == Ids{"content/en/release.md"});
}

TEST_CASE("languages: a page matches whether it or the query writes the accents", "[languages]") {
    // English Snowball reads résumés as resume, resumes as resum: both stems are indexed.
    CHECK(site().ids("resume") == Ids{"content/en/release.md"});
    CHECK(site().ids("résumé") == Ids{"content/en/release.md"});
    Analyzer analyzer;
    const auto stems = analyzer.stems("resumes", "résumés", "en");
    CHECK(stems == std::vector<std::string>{"resum", "resume"});
}

TEST_CASE("languages: a language filter reads tags in any form", "[languages]") {
    CHECK(site().ids("cat", {"English"}) == Ids{"content/en/cats.md"});
    CHECK(site().ids("chat", {"FR"}) == Ids{"content/fr/chat.md"});
    // A value no page has matches nothing, and is no error.
    CHECK(site().ids("chat", {"xx-unknown"}).empty());
}

TEST_CASE("languages: stop words are the visitor's", "[languages]") {
    // "die" is German for "the", and an English word: a German visitor's "die Katze" finds
    // the page without "die"; for the site's default language (English) it must match.
    CHECK(site().ids("die katze", {}, {"de-AT", "en"}) == Ids{"content/de/katze.md"});
    CHECK(site().ids("die katze").empty());
    // A language the index does not hold is passed over for the next one.
    CHECK(site().ids("die katze", {}, {"sv", "de"}) == Ids{"content/de/katze.md"});
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
    CHECK(detail::language_tag("English") == "en");
    CHECK(detail::language_tag("pt_BR") == "pt-br");
    CHECK(detail::language_tag("porter") == "porter"); // a stemmer variant stays chosen
}

TEST_CASE("languages: a half-typed Japanese word is completed in its place", "[languages]") {
    // "ツールチ" is cut into ツール + チ: the チ-word must follow ツール, as in ツールチップ,
    // not be any word starting with チ somewhere on a page with ツール.
    CHECK(cjk().ids("ツールチ") == Ids{"ja/tooltip.md"});
    CHECK(cjk().ids("ツールチップ") == Ids{"ja/tooltip.md"});
}

TEST_CASE("languages: the words of one Chinese word match side by side", "[languages]") {
    // 浏览器 is cut into 浏览 + 器; the page with 浏览 and a lone 器 apart is not a match.
    CHECK(cjk().ids("浏览器") == Ids{"zh/browsers.md"});
    const auto hit = cjk().search("浏览器").hits.at(0);
    CHECK(hit.highlight.title == "<mark>浏览器</mark>兼容性");
    CHECK(hit.highlight.snippet.find("<mark>浏览器</mark>") != std::string::npos);
}

TEST_CASE("languages: a Japanese word written without its kana ending still matches",
          "[languages]") {
    // 手続 and 手続き are one word; the analyzer cuts 登録手続 into 登録 + 手続.
    CHECK(cjk().ids("登録手続 概要") == Ids{"ja/submit.md"});
    // The word as written ranks first where both are.
    CHECK(cjk().ids("登録手続き") == Ids{"ja/submit.md"});
}

TEST_CASE("languages: suggestions never put spaces between Chinese or Japanese words",
          "[languages]") {
    const auto offered = cjk().suggestions("ツールバ");
    CHECK(std::find(offered.begin(), offered.end(), "ツールバー") != offered.end());
    for (const auto& text : offered) {
        INFO(text);
        CHECK(text.find(' ') == std::string::npos);
    }
}
