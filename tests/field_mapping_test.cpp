// The field mapping (PRODUCT.md's table) and its fallbacks.
#include "load/web_url.hpp"
#include "text/utf8.hpp"

#include "support/load_helpers.hpp"
#include "support/paths.hpp"

#include <catch2/catch.hpp>

using namespace libsearch;
using libsearch::testing::parse_page;

namespace {

constexpr auto kReferencePage = R"(---
aliases: /news/key-needs-for-a-resilient-program
author:
- Vinit
communityTopics:
- 'Frost & Sullivan: Cybersecurity'
- 'Medigy: Barriers & Guidelines'
- 'Gartner: Risk Management'
date: '2020-12-30T12:48:43.024511Z'
description: Currently, there are far too many cybersecurity considerations.
id: 4099
identifier: Chronic Care Management (CCM)
lastMod: '2020-12-30T12:48:45.041299Z'
link:
  brand: healthitsecurity.com
  href: https://healthitsecurity.com/news/key-needs
mastHead: Chronic Care Management (CCM) CoP
source: open-project-curations
tags:
- news
title: Key Needs for a Resilient Healthcare Information Security Program
---

<p>Currently, there are far too many cybersecurity considerations.</p><p>COVID-19&nbsp;risks.</p>
)";

/// A page's date as it writes it (the wall clock, in its own offset).
std::chrono::local_seconds wall(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0) {
    using namespace std::chrono;
    return local_days{year{y} / month{m} / day{d}} + hours{hh} + minutes{mm} + seconds{ss};
}

} // namespace

TEST_CASE("the reference page maps as PRODUCT.md's table says", "[mapping]") {
    const auto page = parse_page(kReferencePage, "communities/ccm/key-needs.md");
    REQUIRE(page.document);
    CHECK(page.issues.empty());
    const Document& doc = *page.document;
    CHECK(doc.id == "communities/ccm/key-needs.md"); // no fields.id: the path is the id
    CHECK(doc.path == "communities/ccm/key-needs.md");
    CHECK(doc.title == "Key Needs for a Resilient Healthcare Information Security Program");
    CHECK(doc.description == "Currently, there are far too many cybersecurity considerations.");
    CHECK(doc.date == wall(2020, 12, 30, 12, 48, 43));
    // `aliases` are where the page used to be (redirects), never its URL.
    CHECK(doc.url == "/communities/ccm/key-needs/");
    CHECK(doc.language == "en");
    CHECK(doc.facets.at("community") == std::vector<std::string>{"Chronic Care Management (CCM)"});
    CHECK(doc.facets.at("topic") == std::vector<std::string>{"Frost & Sullivan: Cybersecurity",
                                                             "Medigy: Barriers & Guidelines",
                                                             "Gartner: Risk Management"});
    CHECK(doc.facets.at("brand") == std::vector<std::string>{"healthitsecurity.com"});
    CHECK(doc.body == "Currently, there are far too many cybersecurity considerations.\n\n"
                      "COVID-19\xC2\xA0risks.");
}

TEST_CASE("fallbacks: first heading / file name / body start / mtime / path URL / default language",
          "[mapping]") {
    SECTION("title falls back to the first heading") {
        const auto page =
            parse_page("---\ndate: 2021-01-01\n---\nIntro\n\n## Second level\n\n# Top\n", "a/b.md");
        REQUIRE(page.document);
        CHECK(page.document->title == "Second level");
    }
    SECTION("then to the file name, and for an index page to its folder") {
        CHECK(parse_page("just text\n", "guides/getting-started.md").document->title ==
              "getting-started");
        CHECK(parse_page("just text\n", "guides/_index.md").document->title == "guides");
        CHECK(parse_page("just text\n", "index.md").document->title == "index");
    }
    SECTION("an HTML page falls back to its <title> after its headings") {
        const auto page = parse_page(
            "<html><head><title>Head title</title></head><body><p>x</p></body></html>", "p.html");
        CHECK(page.document->title == "Head title");
    }
    SECTION("description falls back to the first 300 characters of the body, on one line") {
        std::string body;
        for (int i = 0; i < 100; ++i) {
            body += "word" + std::to_string(i) + (i % 10 == 9 ? "\n\n" : " ");
        }
        const auto page = parse_page("---\ntitle: T\n---\n" + body);
        const auto& description = page.document->description;
        CHECK(description.starts_with("word0 word1 word2"));
        CHECK(description.find('\n') == std::string::npos);
        CHECK(description.ends_with("\xE2\x80\xA6"));
        CHECK(description.size() <= 300 + 3);
        CHECK(description.size() > 240);
    }
    SECTION("the description never ends in half a character") {
        // Mostly whitespace first (a code block), so the bounded prefix holds few characters
        // and ends inside a multibyte one.
        std::string body = "```\n" + std::string(2399, ' ') + "x\n```\n\n";
        for (int i = 0; i < 400; ++i) {
            body += "\xC3\xA9";
        }
        const auto page = parse_page("---\ntitle: T\n---\n" + body);
        CHECK(libsearch::detail::is_valid_utf8(page.document->description));
    }
    SECTION("titles and descriptions read as the site's HTML shows them") {
        const auto page =
            parse_page("---\ntitle: Gather Your Agency&#8217;s Public Data\n"
                       "excerpt: 'A <a href=\"/x\">linked</a> &amp; bold start'\n---\n");
        CHECK(page.document->title == "Gather Your Agency\xE2\x80\x99s Public Data");
        CHECK(page.document->description == "A linked & bold start");
        CHECK(parse_page("---\ntitle: AT&T 5 < 6\n---\n").document->title == "AT&T 5 < 6");
    }
    SECTION("a heading that repeats the title does not open the description") {
        const auto page = parse_page("# Same\n\nThe first paragraph.\n");
        CHECK(page.document->description == "The first paragraph.");
    }
    SECTION("date falls back to publishDate, lastMod, the file name, and else there is none") {
        CHECK(parse_page("---\npublishDate: 2019-05-02\n---\n").document->date == wall(2019, 5, 2));
        // The day as the page writes it, in its own offset: not converted to UTC.
        CHECK(parse_page("---\nlastMod: '2018-01-02T03:04:05+02:00'\n---\n").document->date ==
              wall(2018, 1, 2, 3, 4, 5));
        CHECK(parse_page("---\ndate: 2019-10-09 23:00:00 -0500\n---\n").document->date ==
              wall(2019, 10, 9, 23, 0, 0));
        CHECK(parse_page("---\ntitle: t\n---\n", "2014-09-25-launch.md").document->date ==
              wall(2014, 9, 25));
        SourceFile file;
        file.path = "x.md";
        using namespace std::chrono;
        file.mtime = file_clock::from_sys(sys_seconds{sys_days{year{2015} / 3 / 4} + hours{5}});
        // A checkout or a deploy sets every mtime to "now": no date is better than that one.
        CHECK_FALSE(PageParser(Config{}).parse(file, "no dates here\n").document->date);
        Config by_mtime;
        by_mtime.fields.date_fallback = "mtime";
        CHECK(PageParser(by_mtime).parse(file, "no dates here\n").document->date ==
              wall(2015, 3, 4, 5));
    }
    SECTION("a date that does not parse is reported and the next key is tried") {
        const auto page = parse_page("---\ndate: soon\npublishDate: 2019-05-02\n---\n", "d.md");
        CHECK(page.document->date == wall(2019, 5, 2));
        REQUIRE(page.issues.size() == 1);
        CHECK(page.issues[0].kind == IssueKind::unparsable_date);
        CHECK(page.issues[0].message == "'date: soon' is not a date; trying the next date key");
    }
    SECTION("url falls back to a path-derived URL, with the slug as the last part") {
        CHECK(parse_page("x", "news/2020/item.md").document->url == "/news/2020/item/");
        CHECK(parse_page("x", "news/_index.md").document->url == "/news/");
        CHECK(parse_page("x", "docs/index.html").document->url == "/docs/");
        CHECK(parse_page("x", "index.md").document->url == "/");
        CHECK(parse_page("---\nurl: /custom/\n---\n", "a.md").document->url == "/custom/");
        CHECK(parse_page("---\naliases: [/first/, /second/]\n---\n", "a.md").document->url ==
              "/a/");
        CHECK(parse_page("---\nslug: better-name\n---\n", "news/a.md").document->url ==
              "/news/better-name/");
    }
    SECTION("language from lang or language, else the configured default") {
        CHECK(parse_page("---\nlang: ja\n---\n").document->language == "ja");
        CHECK(parse_page("---\nlanguage: fr\n---\n").document->language == "fr");
        Config config;
        config.index.language = "german";
        CHECK(parse_page("text", "a.md", config).document->language == "de");
    }
}

TEST_CASE("keys are tried in order and an empty value falls through", "[mapping]") {
    const auto page =
        parse_page("---\ndescription: ''\nsummary: []\ndeck: The deck\n"
                   "identifier: ''\nmastHead: Masthead CoP\ncommunityTopics: []\ntopics: ~\n"
                   "tags: [x, '', '  ', y]\n---\n");
    REQUIRE(page.document);
    CHECK(page.document->description == "The deck");
    CHECK(page.document->facets.at("community") == std::vector<std::string>{"Masthead CoP"});
    CHECK(page.document->facets.at("topic") == std::vector<std::string>{"x", "y"});
    CHECK(page.document->facets.count("brand") == 0);
}

TEST_CASE("key paths: nested / literal dotted keys / list index / joins / any case", "[mapping]") {
    Config config;
    config.fields.id = {"meta.id"};
    config.fields.title = {"Title"};
    config.fields.url = {"basePath+slug", "aliases[1]"};
    config.facets = {
        {"edit", {"dropmark.editURL"}}, {"first_tag", {"tags[0]"}}, {"flag", {"published"}}};

    const auto page =
        parse_page("---\nmeta: {id: 77}\ntitle: lower-case key\nbasePath: /communities/ccm/\n"
                   "slug: /my-item\ndropmark.editURL: https://e/1\ntags: [alpha, beta]\n"
                   "published: true\n---\n",
                   "a.md", config);
    REQUIRE(page.document);
    CHECK(page.document->id == "77");
    CHECK(page.document->title == "lower-case key");
    CHECK(page.document->url == "/communities/ccm/my-item");
    CHECK(page.document->facets.at("edit") == std::vector<std::string>{"https://e/1"});
    CHECK(page.document->facets.at("first_tag") == std::vector<std::string>{"alpha"});
    CHECK(page.document->facets.at("flag") == std::vector<std::string>{"true"});

    // A join with a missing piece gives nothing; the next key path is tried.
    const auto no_slug =
        parse_page("---\nbasePath: /b/\naliases: [/one/, /two/]\n---\n", "b.md", config);
    CHECK(no_slug.document->url == "/two/");
    // A scalar counts as a list of one for [0].
    const auto scalar = parse_page("---\ntags: solo\n---\n", "c.md", config);
    CHECK(scalar.document->facets.at("first_tag") == std::vector<std::string>{"solo"});
}

TEST_CASE("facet values: trimmed / a scalar is one value / duplicates by case folded",
          "[mapping]") {
    const auto page = parse_page(
        "---\ntags: ['  AI ', ai, Ai, 'Straße', STRASSE, 2019]\nsource: one-brand\n---\n");
    REQUIRE(page.document);
    CHECK(page.document->facets.at("topic") == std::vector<std::string>{"AI", "Straße", "2019"});
    CHECK(page.document->facets.at("brand") == std::vector<std::string>{"one-brand"});
}

TEST_CASE("a configured id: first key with a value / else the path", "[mapping]") {
    Config config;
    config.fields.id = {"id", "slug"};
    CHECK(parse_page("---\nid: 12\nslug: s\n---\n", "a.md", config).document->id == "12");
    CHECK(parse_page("---\nslug: s\n---\n", "a.md", config).document->id == "s");
    CHECK(parse_page("---\ntitle: t\n---\n", "dir/a.md", config).document->id == "dir/a.md");
}

TEST_CASE("drafts are left out unless content.include_drafts", "[mapping]") {
    for (const auto* draft : {"draft: true", "draft: yes", "draft: 'TRUE'", "Draft: Yes"}) {
        const auto page = parse_page(std::string("---\ntitle: D\n") + draft + "\n---\n", "d.md");
        CHECK_FALSE(page.document);
        REQUIRE(page.issues.size() == 1);
        CHECK(page.issues[0].kind == IssueKind::draft);
        CHECK(page.issues[0].severity() == Severity::draft);
    }
    CHECK(parse_page("---\ndraft: false\n---\n").document);
    CHECK(parse_page("+++\ndraft = true\n+++\n").issues.at(0).kind == IssueKind::draft);
    CHECK(parse_page("{\"draft\": true}\n").issues.at(0).kind == IssueKind::draft);

    Config config;
    config.content.include_drafts = true;
    const auto kept = parse_page("---\ntitle: D\ndraft: true\n---\n", "d.md", config);
    CHECK(kept.document);
    CHECK(kept.issues.empty());
}

TEST_CASE("the fixture site loads with every role mapped", "[mapping][loader]") {
    const auto loaded = testing::load_all(testing::config_for(testing::fixtures_dir() / "site"));
    CHECK(loaded.summary.skipped == 0);
    const auto* toml = loaded.document("blog/toml-post.md");
    REQUIRE(toml);
    CHECK(toml->title == "A post with TOML front matter");
    CHECK(toml->facets.at("topic") == std::vector<std::string>{"Rust", "Release"});
    const auto* json = loaded.document("blog/json-post.md");
    REQUIRE(json);
    CHECK(json->facets.at("community") == std::vector<std::string>{"JSON Writers"});
    const auto* html = loaded.document("pages/about.html");
    REQUIRE(html);
    CHECK(html->title == "About this site");
    CHECK(html->body.find("menu") == std::string::npos);
    const auto* seed = loaded.document("news/curated-item.md");
    REQUIRE(seed);
    CHECK(seed->facets.at("brand") == std::vector<std::string>{"healthitsecurity.com"});
    CHECK(loaded.document("news/unpublished.md") == nullptr);
    CHECK(loaded.summary.drafts == 1);
}

TEST_CASE("a URL that would run script is never a page's URL") {
    using libsearch::detail::is_web_url;
    for (const char* web : {"/news/a/", "news/a/", "https://example.org/a", "HTTP://x.org/",
                            "//cdn.example.org/a", "a b:c", "/x?y=javascript:z", ""}) {
        INFO(web);
        CHECK(is_web_url(web));
    }
    for (const char* hostile :
         {"javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
          "\x01javascript:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)",
          "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "file:///etc/passwd"}) {
        INFO(hostile);
        CHECK_FALSE(is_web_url(hostile));
    }

    const auto page = parse_page(
        "---\ntitle: T\nurl: \"javascript:alert(document.domain)//\"\n---\nBody\n", "posts/t.md");
    REQUIRE(page.document);
    CHECK(page.document->url == "/posts/t/"); // the path's, as if the key were not there
    REQUIRE(page.issues.size() == 1);
    CHECK(page.issues[0].kind == IssueKind::unsafe_url);
    CHECK(page.issues[0].severity() == Severity::warning);
    CHECK(page.issues[0].message.find("'url: javascript:") != std::string::npos);

    SECTION("nor one the site's config makes") {
        Config config;
        config.site.base_url = "javascript:alert(1)//";
        const auto built = parse_page("---\ntitle: T\n---\nBody\n", "posts/t.md", config);
        REQUIRE(built.document);
        CHECK(built.document->url == "/posts/t/");
        REQUIRE(built.issues.size() == 1);
        CHECK(built.issues[0].kind == IssueKind::unsafe_url);
    }
}
