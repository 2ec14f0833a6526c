// The site layer: generator detection, the URL rules of Hugo and Jekyll as their docs and
// sources define them, dates as written, and what a site does not publish. The real
// generators check the same on whole fixture sites in site_generators_test.py.
#include "support/load_helpers.hpp"
#include "support/temp_dir.hpp"

#include "load/hugo_paths.hpp"
#include "load/permalink.hpp"
#include "load/site_rules.hpp"
#include "load/slugs.hpp"

#include <libsearch/error.hpp>
#include <libsearch/site.hpp>

#include <catch2/catch.hpp>

using namespace libsearch;
using namespace libsearch::detail;

namespace {

const Document* by_path(const testing::LoadedContent& loaded, const std::string& path) {
    const Document* document = loaded.document(path);
    INFO(path);
    REQUIRE(document != nullptr);
    return document;
}

std::string day_of(const Document& document) {
    return document.date ? format_day(*document.date) : "(none)";
}

} // namespace

TEST_CASE("a blog with Jekyll-style permalinks in searchd's config (issue 14, item 2)", "[site]") {
    testing::TempDir dir;
    dir.write("content/posts/2014-03-12-coming-soon.md", "---\ntitle: Coming soon\n---\nSoon.\n");
    dir.write("content/about.md", "---\ntitle: About\n---\nUs.\n");
    Config config = parse_config("content: {root: content}\n"
                                 "site: {permalink_style: jekyll, permalinks: "
                                 "{posts: \"/:year/:month/:day/:title/\"}}\n",
                                 dir.path(), "searchd.yaml");
    const auto loaded = testing::load_all(config);
    const Document* post = by_path(loaded, "posts/2014-03-12-coming-soon.md");
    CHECK(post->url == "/2014/03/12/coming-soon/");
    CHECK(day_of(*post) == "2014-03-12"); // from the file name: front matter has none
    CHECK(by_path(loaded, "about.md")->url == "/about/");
    CHECK_FALSE(by_path(loaded, "about.md")->date); // no date: none, not the file's mtime
}

TEST_CASE("site.base_url makes every URL absolute", "[site]") {
    testing::TempDir dir;
    dir.write("content/docs/a.md", "---\ntitle: A\n---\nA.\n");
    const Config config =
        parse_config("content: {root: content}\nsite: {base_url: \"https://example.org/help/\"}\n",
                     dir.path(), "searchd.yaml");
    CHECK(by_path(testing::load_all(config), "docs/a.md")->url ==
          "https://example.org/help/docs/a/");
}

TEST_CASE("generators are recognised from their files", "[site]") {
    const auto detect = [](const std::string& file, const std::string& text) {
        testing::TempDir dir;
        dir.write(file, text);
        Config config;
        config.content.root = dir.path();
        return to_string(Site::open(config).summary().generator);
    };
    CHECK(detect("hugo.toml", "baseURL = 'https://e.org/'\n") == "hugo");
    CHECK(detect("config.yaml", "baseURL: https://e.org/\n") == "hugo");
    CHECK(detect("config/_default/hugo.yaml", "title: x\n") == "hugo");
    CHECK(detect("config.toml", "base_url = 'https://e.org'\n") == "zola");
    CHECK(detect("_config.yml", "title: x\n") == "jekyll");
    CHECK(detect("mkdocs.yml", "site_name: x\n") == "mkdocs");
    CHECK(detect("docusaurus.config.js", "module.exports = {};\n") == "docusaurus");
    CHECK(detect(".eleventy.js", "module.exports = () => {};\n") == "eleventy");
    CHECK(detect("content/a.md", "# A\n") == "none");
}

TEST_CASE("a broken generator config is an error naming the file and line", "[site]") {
    testing::TempDir dir;
    dir.write("hugo.toml", "baseURL = 'https://e.org/'\n[permalinks\nposts = 1\n");
    Config config;
    config.content.root = dir.path();
    try {
        Site::open(config);
        FAIL("no error");
    } catch (const Error& error) {
        CHECK(error.code() == ErrorCode::invalid_config);
        CHECK_THAT(error.what(), Catch::Contains("hugo.toml:2"));
    }
    testing::TempDir bad_token;
    bad_token.write("hugo.toml", "[permalinks]\nposts = '/:year/:nonsense/'\n");
    config.content.root = bad_token.path();
    CHECK_THROWS_WITH(Site::open(config), Catch::Contains("unknown token ':nonsense'"));
}

TEST_CASE("Hugo: sections, bundles, slugs, url, languages and what is not published",
          "[site][hugo]") {
    testing::TempDir dir;
    dir.write("hugo.yaml", "baseURL: https://example.org/docs/\n"
                           "permalinks:\n  news: ':year/:month/:day/:slug/'\n"
                           "languages: {en: {weight: 1}, fr: {weight: 2}}\n");
    dir.write("content/news/2012-07-11-faa.md",
              "---\ntitle: FAA Mobile Site\nslug: faa-mobile-site\n"
              "date: 2012-07-11 9:00:00 -0400\naliases: [/old/]\n---\nText.\n");
    dir.write("content/news/no-slug.md",
              "---\ntitle: \"Hello, World! It's C++ & Go\"\ndate: 2019-10-09T23:00:00-05:00\n"
              "---\nText.\n");
    dir.write("content/guides/Style Guide.md", "---\ntitle: Style\n---\nText.\n");
    dir.write("content/guides/bundle/index.md", "---\ntitle: Bundle\n---\nText.\n");
    dir.write("content/guides/bundle/part.md", "---\ntitle: Part\n---\nA resource.\n");
    dir.write("content/guides/moved.md", "---\ntitle: M\nurl: /Somewhere/Else/\n---\nText.\n");
    dir.write("content/guides/expired.md", "---\ntitle: E\nexpiryDate: 2001-01-01\n---\nGone.\n");
    dir.write("content/guides/future.md",
              "---\ntitle: F\npublishDate: 2099-01-01\n---\nNot yet.\n");
    dir.write("content/guides/hidden.md",
              "---\ntitle: H\n_build: {render: never}\n---\nNever written.\n");
    dir.write("content/guides/_index.md", "---\ntitle: Guides\n---\n");
    dir.write("content/news/_index.md", ""); // only makes news/ a section: not a problem
    dir.write("content/guides/bonjour.fr.md", "---\ntitle: Bonjour\n---\nTexte.\n");
    Config config;
    config.content.root = dir.path();
    const auto loaded = testing::load_all(config);
    const Document* faa = by_path(loaded, "news/2012-07-11-faa.md");
    CHECK(faa->url == "/docs/2012/07/11/faa-mobile-site/"); // baseURL's path, never an alias
    CHECK(day_of(*faa) == "2012-07-11");
    const Document* titled = by_path(loaded, "news/no-slug.md");
    CHECK(titled->url == "/docs/2019/10/09/hello-world-its-c-go/"); // :slug falls to the title
    CHECK(day_of(*titled) == "2019-10-09"); // the day as written, not UTC's 10th
    CHECK(by_path(loaded, "guides/Style Guide.md")->url == "/docs/guides/style-guide/");
    CHECK(by_path(loaded, "guides/bundle/index.md")->url == "/docs/guides/bundle/");
    CHECK(by_path(loaded, "guides/moved.md")->url == "/docs/Somewhere/Else/");
    const Document* french = by_path(loaded, "guides/bonjour.fr.md");
    CHECK(french->url == "/docs/fr/guides/bonjour/");
    CHECK(french->language == "fr");
    for (const auto& [path, kind] : std::vector<std::pair<std::string, IssueKind>>{
             {"guides/bundle/part.md", IssueKind::not_content},
             {"guides/expired.md", IssueKind::expired},
             {"guides/future.md", IssueKind::scheduled},
             {"guides/hidden.md", IssueKind::not_published},
             {"guides/_index.md", IssueKind::not_content},
             {"news/_index.md", IssueKind::not_content}}) {
        INFO(path);
        CHECK(loaded.document(path) == nullptr);
        const auto issues = loaded.issues_for(path);
        REQUIRE(issues.size() == 1);
        CHECK(issues[0].kind == kind);
        CHECK(issues[0].severity() == Severity::unpublished);
    }
    CHECK(loaded.summary.unpublished == 6);
    CHECK(loaded.summary.skipped == 0);
}

TEST_CASE("Jekyll: posts, categories, styles, time zone and what is not published",
          "[site][jekyll]") {
    testing::TempDir dir;
    dir.write("_config.yml", "permalink: date\ntimezone: UTC\nbaseurl: /blog\n");
    dir.write("en/news/_posts/2019-10-09-late.md",
              "---\ntitle: Late\ndate: 2019-10-09 23:00:00 -0500\n---\nText.\n");
    dir.write("_posts/2020-01-05-Don't Stop Now.md", "---\ntitle: x\n---\nText.\n");
    dir.write("_posts/2099-01-01-future.md", "---\ntitle: F\n---\nText.\n");
    dir.write("_posts/2020-02-02-off.md", "---\ntitle: Off\npublished: false\n---\nText.\n");
    dir.write("_posts/undated.md", "---\ntitle: U\n---\nText.\n");
    // The string "false" is truthy to Ruby: Jekyll publishes it (healthcare.gov's real case).
    dir.write("_posts/2020-03-03-quoted.md", "---\ntitle: Q\npublished: \"false\"\n---\nText.\n");
    // Front matter after a blank line is text to Jekyll: its categories do not count.
    dir.write("_posts/2020-04-04-late-front-matter.md",
              "\n---\ntitle: Late\ncategories: [glossary]\n---\nText.\n");
    dir.write("_layouts/default.html", "---\n---\n<html>{{ content }}</html>\n");
    dir.write("about.md", "---\ntitle: About\n---\nText.\n");
    dir.write("docs/index.md", "---\ntitle: Docs\n---\nText.\n");
    Config config;
    config.content.root = dir.path();
    const auto loaded = testing::load_all(config);
    const Document* late = by_path(loaded, "en/news/_posts/2019-10-09-late.md");
    // Jekyll converts to the site's zone (UTC): the 10th, in the URL and the date alike.
    CHECK(late->url == "/blog/en/news/2019/10/10/late.html");
    CHECK(day_of(*late) == "2019-10-10");
    CHECK(late->language == "en"); // two language folders would make one; one does not
    CHECK(by_path(loaded, "_posts/2020-01-05-Don't Stop Now.md")->url ==
          "/blog/2020/01/05/Don't-Stop-Now.html");
    CHECK(by_path(loaded, "about.md")->url == "/blog/about.html");
    CHECK(by_path(loaded, "docs/index.md")->url == "/blog/docs/");
    CHECK(loaded.issues_for("_posts/2099-01-01-future.md").at(0).kind == IssueKind::scheduled);
    CHECK(loaded.issues_for("_posts/2020-02-02-off.md").at(0).kind == IssueKind::not_published);
    CHECK(loaded.issues_for("_posts/undated.md").at(0).kind == IssueKind::not_content);
    CHECK(by_path(loaded, "_posts/2020-03-03-quoted.md")->url == "/blog/2020/03/03/quoted.html");
    CHECK(by_path(loaded, "_posts/2020-04-04-late-front-matter.md")->url ==
          "/blog/2020/04/04/late-front-matter.html");
    CHECK(loaded.issues_for("_layouts/default.html").at(0).kind == IssueKind::not_content);
}

TEST_CASE("Hugo's path sanitizer and link escaping, as 0.111 does them", "[site][hugo]") {
    const auto urlize = [](std::string_view text) { return hugo_urlize(text, false); };
    CHECK(urlize("Hello, World! It's C++ & Go") == "hello-world-its-c++-go");
    CHECK(urlize("  spaced   out  ") == "spaced-out");
    CHECK(urlize("Ça Va Été") == "%C3%A7a-va-%C3%A9t%C3%A9");
    CHECK(urlize("rock'n'roll l’été") == "rocknroll-l%C3%A9t%C3%A9");
    CHECK(urlize("\xF0\x9F\x8E\x89 party time") == "party-time");
    CHECK(urlize("v1.2 release") == "v1.2-release");
    CHECK(urlize("a_b.c~d@e") == "a_b.c~d@e");
    CHECK(urlize("A/B Testing") == "a/b-testing");
    CHECK(hugo_make_path("Crème Brûlée", true, true) == "Creme-Brulee");
    CHECK(hugo_escape_link("/with space/ünï") == "/with%20space/%C3%BCn%C3%AF");
    CHECK(hugo_escape_link("/posts/100%25-pure/") == "/posts/100%25-pure/");
    CHECK(clean_url_path("/a/b/../c//d/") == "/a/c/d/");
}

TEST_CASE("Jekyll's slugify and escaping, as 4.3 does them", "[site][jekyll]") {
    const std::string text = "Hello World! \xC3\x87"
                             "a va, l'\xC3\xA9t\xC3\xA9?";
    CHECK(jekyll_slugify(text, JekyllSlugMode::default_mode, false) == "hello-world-\xC3\xA7"
                                                                       "a-va-l-\xC3\xA9t\xC3\xA9");
    CHECK(jekyll_slugify(text, JekyllSlugMode::pretty, true) == "Hello-World!-\xC3\x87"
                                                                "a-va,-l'\xC3\xA9t\xC3\xA9");
    CHECK(jekyll_slugify("v1.2", JekyllSlugMode::default_mode, false) == "v1-2");
    CHECK(jekyll_slugify("v1.2", JekyllSlugMode::pretty, false) == "v1.2");
    CHECK(jekyll_escape_path("100%") == "100%25");
    CHECK(jekyll_escape_path("#tag") == "%23tag");
    CHECK(jekyll_escape_path("it's") == "it's");
    CHECK(jekyll_escape_path("a b") == "a%20b");
    CHECK(jekyll_sanitize_url("//a/./b//c") == "/a/b/c");
}

TEST_CASE("permalink patterns: tokens as each generator reads them", "[site]") {
    CHECK_THROWS_WITH(PermalinkPattern("/:year/:bogus/", PermalinkStyle::hugo),
                      Catch::Contains("unknown token ':bogus'"));
    CHECK_NOTHROW(PermalinkPattern("/:sections[1:]/:filename/", PermalinkStyle::hugo));
    // Jekyll: `:year_` is :year then "_".
    const PermalinkPattern jekyll("/:year_:i_month/:title/", PermalinkStyle::jekyll);
    const auto expanded = jekyll.expand(
        [](std::string_view name, std::string_view) { return "<" + std::string(name) + ">"; });
    CHECK(expanded == "/<year>_<i_month>/<title>/");
}
