// Built-site mode (content.source: built): a generator's HTML output read as Pagefind reads
// it. The real generators' output is checked in site_generators_test.py; these pin each
// rule on small pages.
#include "support/load_helpers.hpp"
#include "support/temp_dir.hpp"

#include "load/built_page.hpp"
#include "load/dates.hpp"

#include <libsearch/reindexer.hpp>
#include <libsearch/searcher.hpp>
#include <libsearch/site.hpp>

#include <catch2/catch.hpp>

using namespace libsearch;
using namespace libsearch::detail;

namespace {

std::string text_of(const FieldValue& meta, std::string_view key) {
    const FieldValue* value = meta.find(key);
    return value != nullptr && value->is_text() ? value->as_text() : std::string();
}

std::vector<std::string> list_of(const FieldValue& meta, std::string_view key) {
    std::vector<std::string> out;
    if (const FieldValue* value = meta.find(key); value != nullptr && value->is_list()) {
        for (const auto& item : value->as_list()) {
            out.push_back(item.as_text());
        }
    }
    return out;
}

Config built_config(const std::filesystem::path& root) {
    Config config = testing::config_for(root);
    config.content.source = "built";
    return config;
}

const Document& by_path(const testing::LoadedContent& loaded, const std::string& path) {
    const Document* document = loaded.document(path);
    INFO(path);
    REQUIRE(document != nullptr);
    return *document;
}

constexpr std::string_view kArticle = R"(<!doctype html>
<html lang="fr-FR"><head>
<title>Les tarifs | Exemple</title>
<meta name="description" content="Ce que co&ucirc;te le service.">
<meta property="og:title" content="Les tarifs">
<meta property="og:image" content="/img/tarifs.png">
<meta property="article:published_time" content="2019-10-09T23:00:00-05:00">
<meta name="search:topic" content="Prix">
<style>.x { color: red }</style><script>var menu = 1;</script>
</head><body>
<header><nav><a href="/">Accueil</a> navigationword</nav><h1>Site title</h1></header>
<main>
  <header><h1>Les tarifs</h1><time datetime="2001-01-01">old</time></header>
  <p>Le service coûte <b>dix euros</b> par mois.</p>
  <aside data-search-ignore>ignoredword</aside>
  <p data-pagefind-weight="3">Tarifs réduits</p>
  <span data-search-filter="topic">Abonnement</span>
  <span data-pagefind-filter="author:Ada, Countess">x</span>
  <footer>footerword</footer>
</main>
<footer>sitefooterword</footer>
</body></html>)";

} // namespace

TEST_CASE("a built page: text from <main>, metadata from its head, filters from its markup") {
    const BuiltPage page = read_built_page(kArticle);
    CHECK_FALSE(page.not_a_page);
    CHECK_FALSE(page.marked_body);
    CHECK(text_of(page.meta, "title") == "Les tarifs"); // og:title before <title>
    CHECK(text_of(page.meta, "description") == "Ce que coûte le service.");
    CHECK(text_of(page.meta, "date") == "2019-10-09T23:00:00-05:00");
    CHECK(text_of(page.meta, "image") == "/img/tarifs.png");
    CHECK(text_of(page.meta, "lang") == "fr-FR");
    CHECK(list_of(page.meta, "topic") == std::vector<std::string>{"Prix", "Abonnement"});
    CHECK(list_of(page.meta, "author") == std::vector<std::string>{"Ada, Countess"});
    CHECK(page.filter_names == std::vector<std::string>{"topic", "author"});

    const std::string& text = page.body.text;
    CHECK(text.find("dix euros") != std::string::npos);
    CHECK(text.find("Tarifs réduits") != std::string::npos);
    for (const char* never : {"navigationword", "Site title", "ignoredword", "footerword",
                              "sitefooterword", "menu", "color"}) {
        INFO(never);
        CHECK(text.find(never) == std::string::npos);
    }
    REQUIRE(page.body.weighted.size() == 1);
    CHECK(page.body.weighted[0].weight == 3);
    CHECK(page.body.weighted[0].text.find("Tarifs réduits") != std::string::npos);
}

TEST_CASE("a built page: where the text and the date come from without <main> or metadata") {
    SECTION("the outermost <article>s, and the first <time datetime> in them") {
        const BuiltPage page = read_built_page(
            "<html><head><title>Blog</title></head><body><div>sidebarword</div>"
            "<article><nav>navword</nav><p>first <time datetime=\"2014-09-25\">25 Sep</time></p>"
            "<article><p>nested</p></article></article><article><p>second</p></article>"
            "</body></html>");
        CHECK(text_of(page.meta, "title") == "Blog");
        CHECK(text_of(page.meta, "date") == "2014-09-25");
        CHECK(page.body.text.find("first") != std::string::npos);
        CHECK(page.body.text.find("nested") != std::string::npos);
        CHECK(page.body.text.find("second") != std::string::npos);
        CHECK(page.body.text.find("sidebarword") == std::string::npos);
        CHECK(page.body.text.find("navword") == std::string::npos);
    }
    SECTION("role=\"main\" (MkDocs' theme), and the first <h1> as the title") {
        const BuiltPage page = read_built_page(
            "<body><div class=\"navbar\">menuword</div><div role=\"main\"><h1>Install</h1>"
            "<p>Run it.</p></div></body>");
        CHECK(text_of(page.meta, "title") == "Install");
        CHECK(page.body.text.find("Run it.") != std::string::npos);
        CHECK(page.body.text.find("menuword") == std::string::npos);
    }
    SECTION("<body> when nothing marks the content") {
        const BuiltPage page = read_built_page("<p>just text</p><footer>f</footer>");
        CHECK(page.body.text == "just text");
    }
}

TEST_CASE("a built page: marked bodies, metadata and ignore=\"all\" as Pagefind reads them") {
    const BuiltPage page = read_built_page(
        "<body><div data-pagefind-body><p>kept</p>"
        "<img data-pagefind-meta=\"image[src], image_alt[alt]\" src=\"/a.png\" alt=\"A cat\">"
        "<span data-pagefind-meta=\"title\">Marked title</span></div>"
        "<p>unmarked text</p>"
        "<div data-pagefind-ignore=\"all\"><span data-pagefind-filter=\"tag:hidden\"></span></div>"
        "<div data-search-body><p>also kept</p></div></body>");
    CHECK(page.marked_body);
    CHECK(page.body.text.find("kept") != std::string::npos);
    CHECK(page.body.text.find("also kept") != std::string::npos);
    CHECK(page.body.text.find("unmarked") == std::string::npos);
    CHECK(text_of(page.meta, "title") == "Marked title");
    CHECK(text_of(page.meta, "image") == "/a.png");
    CHECK(text_of(page.meta, "image_alt") == "A cat");
    CHECK(page.meta.find("tag") == nullptr);
}

TEST_CASE("a built page: filter and meta values as Pagefind writes them") {
    const BuiltPage page = read_built_page(
        "<main><span data-search-filter=\"Post Type, tag[data-tag]\" data-tag=\"go\">News</span>"
        "<b data-search-meta=\"date:June 1, 2022\"></b>"
        "<i data-pagefind-filter=\"mood\">Calm</i><i data-pagefind-filter=\"mood\">Bright</i>"
        "<div data-pagefind-ignore><span data-pagefind-filter=\"kept:yes\">hidden text</span></div>"
        "<div data-pagefind-ignore=\"everything\"><span data-pagefind-filter=\"gone:yes\"></span>"
        "</div></main>");
    CHECK(list_of(page.meta, "post_type") == std::vector<std::string>{"News"});
    CHECK(list_of(page.meta, "tag") == std::vector<std::string>{"go"});
    CHECK(text_of(page.meta, "date") == "June 1, 2022"); // to the end, commas and all
    CHECK(list_of(page.meta, "mood") == std::vector<std::string>{"Calm", "Bright"});
    CHECK(list_of(page.meta, "kept") == std::vector<std::string>{"yes"}); // ignore = text only
    CHECK(page.meta.find("gone") == nullptr); // any other value: everything
    CHECK(page.body.text.find("hidden text") == std::string::npos);
}

TEST_CASE("a built page: weights, nested and ignored, and a word split by markup") {
    const BuiltPage page = read_built_page(
        "<main><p data-search-weight=\"3\"><b>Kuber</b>netes outer "
        "<span data-search-weight=\"7\">inner</span> after"
        "<span data-search-ignore>ignoredword</span></p>"
        "<p data-search-weight=\"0\">zeroword</p><p data-search-weight=\"0.5\">halfword</p>"
        "<p data-search-weight=\"banana\">plainword</p></main>");
    CHECK(page.body.text.find("Kubernetes outer inner after") != std::string::npos);
    CHECK(page.body.text.find("zeroword") == std::string::npos);
    CHECK(page.body.text.find("halfword") != std::string::npos);
    CHECK(page.body.text.find("plainword") != std::string::npos);
    CHECK(page.body.text.find("ignoredword") == std::string::npos);
    REQUIRE(page.body.weighted.size() == 2);
    CHECK(page.body.weighted[0].weight == 3);
    const std::string& three = page.body.weighted[0].text;
    CHECK(three.find("Kubernetes") != std::string::npos);
    CHECK(three.find("outer") != std::string::npos);
    CHECK(three.find("after") != std::string::npos);
    CHECK(three.find("inner") == std::string::npos); // the innermost weight counts
    CHECK(three.find("outerafter") == std::string::npos);
    CHECK(page.body.weighted[1].weight == 7);
    CHECK(page.body.weighted[1].text.find("inner") != std::string::npos);
}

TEST_CASE("a built page: hostile markup costs time in proportion to its size") {
    std::string many;
    for (int i = 0; i < 20'000; ++i) {
        many += "<span data-search-filter=\"tag:t" + std::to_string(i % 7) + "\"></span>";
        many += "<span data-search-meta=\"m" + std::to_string(i) + ":v\"></span>";
    }
    const BuiltPage wide = read_built_page("<main>" + many + "</main>");
    CHECK(list_of(wide.meta, "tag").size() == 20'000);
    CHECK(wide.filter_names == std::vector<std::string>{"tag"});

    std::string deep;
    for (int i = 0; i < 900; ++i) {
        deep += "<article data-search-body><div>";
    }
    const BuiltPage nested = read_built_page(deep + "core");
    CHECK(nested.marked_body);
    CHECK(nested.body.text == "core");
}

TEST_CASE("a built page: redirects and noindex pages are not pages to find") {
    CHECK(
        read_built_page("<html><head><title>https://example.org/new/</title>"
                        "<meta http-equiv=\"refresh\" content=\"0; url=https://example.org/new/\">"
                        "</head></html>")
            .not_a_page.value_or("") == "a redirect to https://example.org/new/");
    CHECK(read_built_page("<meta name=\"robots\" content=\"noindex, follow\"><p>x</p>")
              .not_a_page.has_value());
    CHECK_FALSE(
        read_built_page("<meta name=\"robots\" content=\"index\"><p>x</p>").not_a_page.has_value());
    // A refresh with no other address only reloads the page: it is still the page.
    CHECK_FALSE(read_built_page("<meta http-equiv=\"refresh\" content=\"300\"><main>live</main>")
                    .not_a_page.has_value());
}

TEST_CASE("a built site: URLs are where the files are served, dates as the page writes them") {
    testing::TempDir dir;
    dir.write("index.html", "<title>Home</title><main>welcome</main>");
    dir.write("2019/10/tarifs/index.html", kArticle);
    dir.write("docs/page.html", "<title>Page</title><main>plain page</main>");
    dir.write("old/index.html",
              "<meta http-equiv=\"refresh\" content=\"0; url=/2019/10/tarifs/\">");
    dir.write("404.html", "<title>Not found</title><main>nothing here</main>");
    dir.write("index.xml", "<rss></rss>");
    dir.write("feed/notes.md", "# not a built page");
    dir.write("news/%c2%a1hola/index.html", "<main>a folder Hugo named with escapes</main>");
    dir.write("a b.html", "<main>a space</main>");
    dir.write("posts/http-404/index.html", "<main>a post about the status code</main>");
    dir.write("fr/404/index.html", "<main>introuvable</main>");
    dir.write("old.htm", "<main>an .htm page</main>");
    dir.write("README.md", "# not a page of the output");

    Config config = built_config(dir.path());
    const Site site = Site::open(config);
    CHECK(site.summary().built);
    CHECK(site.summary().declared_facets == std::vector<std::string>{"topic", "author"});
    const auto loaded = testing::load_all(config);
    CHECK(loaded.summary.files == 10); // the HTML files only, .htm too
    CHECK(loaded.summary.loaded == 7);
    CHECK(loaded.summary.unpublished == 3); // the redirect and the two 404 pages
    CHECK(by_path(loaded, "posts/http-404/index.html").url == "/posts/http-404/");
    CHECK(by_path(loaded, "old.htm").url == "/old.htm");
    CHECK(loaded.summary.skipped == 0);

    CHECK(by_path(loaded, "index.html").url == "/");
    CHECK_FALSE(by_path(loaded, "index.html").date.has_value());
    CHECK(by_path(loaded, "docs/page.html").url == "/docs/page.html");
    // A server decodes the URL and looks for that name: a literal '%' must be escaped.
    CHECK(by_path(loaded, "news/%c2%a1hola/index.html").url == "/news/%25c2%25a1hola/");
    CHECK(by_path(loaded, "a b.html").url == "/a%20b.html");
    const Document& article = by_path(loaded, "2019/10/tarifs/index.html");
    CHECK(article.url == "/2019/10/tarifs/");
    CHECK(article.title == "Les tarifs");
    CHECK(article.language == "fr-fr");
    REQUIRE(article.date.has_value());
    CHECK(format_day(*article.date) == "2019-10-09"); // the 9th as written, not UTC's 10th
    CHECK(article.facets.at("topic") == std::vector<std::string>{"Prix", "Abonnement"});
    CHECK(article.facets.at("author") == std::vector<std::string>{"Ada, Countess"});
    REQUIRE(article.weighted_text.size() == 1);

    SECTION("site.base_url is put before every URL") {
        config.site.base_url = "https://example.org/blog/";
        const auto again = testing::load_all(config);
        CHECK(by_path(again, "docs/page.html").url == "https://example.org/blog/docs/page.html");
    }
}

TEST_CASE("a built site whose pages mark their text indexes only the marked pages") {
    testing::TempDir dir;
    dir.write("posts/one/index.html", "<main data-pagefind-body><h1>One</h1>post</main>");
    dir.write("tags/index.html", "<main>tag list</main>");
    const auto loaded = testing::load_all(built_config(dir.path()));
    CHECK(loaded.summary.loaded == 1);
    CHECK(loaded.document("posts/one/index.html") != nullptr);
    const auto issues = loaded.issues_for("tags/index.html");
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].kind == IssueKind::not_content);
}

TEST_CASE("a built page's weighed text ranks it above a page that only mentions the words") {
    testing::TempDir dir;
    dir.write("site/a/index.html", "<main><p>zebra crossing rules</p><p>more text here</p></main>");
    dir.write("site/b/index.html",
              "<main><p data-search-weight=\"5\">zebra crossing rules</p><p>more text here</p>"
              "</main>");
    Config config = built_config(dir.path() / "site");
    config.index.path = dir.path() / "index";
    reindex(config);
    Searcher searcher(config);
    Query query;
    query.text = "zebra";
    const Result result = searcher.search(query);
    REQUIRE(result.hits.size() == 2);
    CHECK(result.hits[0].url == "/b/");
}
