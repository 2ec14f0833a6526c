// Incremental reindex: exactly the changed files change, in one step readers see whole.
#include "support/temp_dir.hpp"

#include <libsearch/error.hpp>
#include <libsearch/index.hpp>
#include <libsearch/reindexer.hpp>
#include <libsearch/searcher.hpp>

#include <libsearch/json.hpp>

#include <catch2/catch.hpp>

#include <memory>
#include <thread>

#include <unistd.h>

#include <filesystem>

using namespace libsearch;

namespace {

struct ContentAndIndex {
    testing::TempDir dir;
    Config config;

    ContentAndIndex() {
        config.content.root = dir.path() / "content";
        config.index.path = dir.path() / "index";
        for (int i = 0; i < 6; ++i) {
            page("p" + std::to_string(i) + ".md", "Page " + std::to_string(i),
                 "common word" + std::to_string(i));
        }
    }

    void page(const std::string& name, const std::string& title, const std::string& body) const {
        dir.write("content/" + name, "---\ntitle: " + title + "\ntags: [t" + name.substr(0, 2) +
                                         "]\n---\n" + body + "\n");
    }

    std::uint64_t total(const std::string& text) const {
        Searcher searcher(config);
        Query query;
        query.text = text;
        return searcher.search(query).total;
    }
};

} // namespace

TEST_CASE("reindex: the first run builds, an unchanged run changes nothing", "[reindex]") {
    ContentAndIndex site;
    const auto first = reindex(site.config);
    CHECK(first.full);
    CHECK(first.full_reason == "no index yet");
    CHECK(first.added == 6);
    CHECK(first.documents == 6);
    CHECK(first.generation.name == "gen-000001");
    const auto second = reindex(site.config);
    INFO(libsearch::to_json(second).dump());
    CHECK_FALSE(second.full);
    CHECK(second.unchanged == 6);
    CHECK(second.added + second.updated + second.deleted == 0);
    CHECK(second.generation.name == "gen-000001");
}

TEST_CASE("reindex: an unchanged page that expires since the last run leaves the index",
          "[reindex][site]") {
    ContentAndIndex site;
    // A few seconds from now, in UTC; the file itself never changes.
    const auto soon = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) +
                      std::chrono::seconds{2};
    site.dir.write("content/sale.md", "---\ntitle: Sale\nexpiryDate: " +
                                          libsearch::format_iso8601(soon) + "\n---\nclearance\n");
    site.dir.write("content/later.md",
                   "---\ntitle: Later\npublishDate: " + libsearch::format_iso8601(soon) +
                       "\n---\nannouncement\n");
    const auto first = reindex(site.config);
    CHECK(first.documents == 7); // the sale is on, the announcement is not out yet
    CHECK(site.total("clearance") == 1);
    CHECK(site.total("announcement") == 0);
    std::this_thread::sleep_until(std::chrono::system_clock::now() + std::chrono::seconds{3});
    const auto second = reindex(site.config);
    INFO(libsearch::to_json(second).dump());
    CHECK_FALSE(second.full);
    CHECK(second.unchanged == 6);
    CHECK(site.total("clearance") == 0);
    CHECK(site.total("announcement") == 1);
    CHECK(second.documents == 7);
}

TEST_CASE("reindex: add, modify, delete and rename change exactly those documents", "[reindex]") {
    ContentAndIndex site;
    reindex(site.config);
    Searcher searcher(site.config);
    const auto before = searcher.generation();

    site.page("p1.md", "Page 1", "now about zebrafish");        // modified
    std::filesystem::remove(site.dir.path() / "content/p2.md"); // deleted
    site.page("new.md", "A new page", "about okapis");          // added
    std::filesystem::rename(site.dir.path() / "content/p3.md",
                            site.dir.path() / "content/p3-renamed.md");
    const auto report = reindex(site.config);
    CHECK_FALSE(report.full);
    CHECK(report.added == 2);   // new.md, p3-renamed.md
    CHECK(report.updated == 1); // p1.md
    CHECK(report.deleted == 2); // p2.md, p3.md
    CHECK(report.unchanged == 3);
    CHECK(report.documents == 6);

    CHECK(site.total("zebrafish") == 1);
    CHECK(site.total("word1") == 0);
    CHECK(site.total("word2") == 0);
    CHECK(site.total("okapis") == 1);
    CHECK(site.total("word3") == 1);
    CHECK(site.total("") == 6);
    // A Searcher opened before sees the update once it refreshes, in the same generation.
    CHECK(searcher.refresh());
    CHECK(searcher.generation() == before);
    Query query;
    query.text = "zebrafish";
    CHECK(searcher.search(query).total == 1);
}

TEST_CASE("reindex: a file touched but not changed is not read again", "[reindex]") {
    ContentAndIndex site;
    reindex(site.config);
    const auto file = site.dir.path() / "content/p4.md";
    std::filesystem::last_write_time(file, std::filesystem::last_write_time(file) +
                                               std::chrono::hours(1));
    const auto report = reindex(site.config);
    CHECK(report.unchanged == 6);
    CHECK(report.updated == 0);
}

TEST_CASE("reindex: a configuration change forces a full rebuild and says why", "[reindex]") {
    ContentAndIndex site;
    reindex(site.config);
    site.config.facets = {{"tag", {"tags"}}};
    const auto report = reindex(site.config);
    CHECK(report.full);
    CHECK_THAT(report.full_reason, Catch::Contains("configuration changed"));
    CHECK(report.generation.name == "gen-000002");
    Searcher searcher(site.config);
    CHECK(searcher.facet_names() == std::vector<std::string>{"tag", "language"});
    ReindexOptions options;
    options.full = true;
    CHECK(reindex(site.config, options).full_reason == "--full");
}

TEST_CASE("reindex: skipped files are reported on every run, and leave the index when broken",
          "[reindex]") {
    ContentAndIndex site;
    site.dir.write("content/broken.md", "---\ntitle: [unclosed\n---\n");
    std::vector<LoadIssue> issues;
    ReindexOptions options;
    options.on_issue = [&](const LoadIssue& issue) { issues.push_back(issue); };
    CHECK(reindex(site.config, options).skipped == 1);
    issues.clear();
    CHECK(reindex(site.config, options).skipped == 1);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].path == "broken.md");
    // A page that breaks is taken out of the index and reported.
    site.dir.write("content/p0.md", "---\ntitle: [broken now\n---\n");
    const auto report = reindex(site.config, options);
    CHECK(report.deleted == 1);
    CHECK(report.documents == 5);
    CHECK(site.total("word0") == 0);
}

TEST_CASE("reindex: a second writer is refused with the holder's pid", "[reindex]") {
    ContentAndIndex site;
    reindex(site.config);
    const Index index(site.config.index.path);
    const auto lock = index.lock_writer();
    try {
        // flock locks are per open file description: a second open in this process conflicts too.
        reindex(site.config);
        FAIL("a second writer got the lock");
    } catch (const Error& error) {
        CHECK(error.code() == ErrorCode::index_busy);
        CHECK_THAT(error.what(), Catch::Contains("reindex already running (pid " +
                                                 std::to_string(::getpid()) + ")"));
    }
}

TEST_CASE("reindex: a run that would delete most pages publishes nothing", "[reindex]") {
    ContentAndIndex site;
    reindex(site.config);
    REQUIRE(site.total("") == 6);
    // An unmounted volume, a failed deploy: four of six pages are gone.
    for (int i = 0; i < 4; ++i) {
        std::filesystem::remove(site.dir.path() / "content" / ("p" + std::to_string(i) + ".md"));
    }
    for (const bool full : {false, true}) {
        INFO((full ? "full" : "incremental"));
        ReindexOptions options;
        options.full = full;
        try {
            reindex(site.config, options);
            FAIL("the run published");
        } catch (const Error& error) {
            CHECK(error.code() == ErrorCode::mass_delete);
            CHECK(std::string(error.what()).find("4 of the index's 6 pages") != std::string::npos);
            CHECK(std::string(error.what()).find("--allow-mass-delete") != std::string::npos);
        }
        CHECK(site.total("") == 6); // the index serves as it was
    }

    SECTION("up to the ratio, deleting is a normal run") {
        site.config.index.max_delete_ratio = 0.7;
        const auto report = reindex(site.config);
        CHECK(report.deleted == 4);
        CHECK(site.total("") == 2);
    }
    SECTION("--allow-mass-delete says it is meant") {
        ReindexOptions options;
        options.allow_mass_delete = true;
        const auto report = reindex(site.config, options);
        CHECK(report.deleted == 4);
        CHECK(site.total("") == 2);
    }
    SECTION("an empty content folder is the same") {
        std::filesystem::remove(site.dir.path() / "content" / "p4.md");
        std::filesystem::remove(site.dir.path() / "content" / "p5.md");
        CHECK_THROWS_AS(reindex(site.config), Error);
        CHECK(site.total("") == 6);
    }
}

TEST_CASE("reindex: cancelled part-way, the index is as it was", "[reindex]") {
    ContentAndIndex site;
    const auto cancel_after = [](int files) {
        ReindexOptions options;
        auto seen = std::make_shared<int>(0);
        options.cancelled = [seen, files] { return ++*seen > files; };
        return options;
    };
    // A first build: nothing is published, and nothing is left behind.
    CHECK_THROWS_MATCHES(
        reindex(site.config, cancel_after(2)), Error,
        Catch::Predicate<Error>(
            [](const Error& error) { return error.code() == ErrorCode::cancelled; }, "cancelled"));
    CHECK_FALSE(Index(site.config.index.path).current().has_value());
    for (const auto& entry : std::filesystem::directory_iterator(site.config.index.path)) {
        CHECK(entry.path().extension() != ".tmp");
    }
    // An update: not committed, so readers see the generation as it was.
    reindex(site.config);
    site.page("p0.md", "Page zero", "changedword");
    site.page("new.md", "New page", "newword");
    CHECK_THROWS_AS(reindex(site.config, cancel_after(3)), Error);
    CHECK(site.total("changedword") == 0);
    CHECK(site.total("newword") == 0);
    CHECK(site.total("common") == 6);
    // A full rebuild: the current generation stays current.
    ReindexOptions full = cancel_after(3);
    full.full = true;
    CHECK_THROWS_AS(reindex(site.config, full), Error);
    CHECK(Index(site.config.index.path).current()->name == "gen-000001");
    // And the next run does it all.
    const auto done = reindex(site.config);
    CHECK(done.added + done.updated == 2);
    CHECK(site.total("newword") == 1);
}
