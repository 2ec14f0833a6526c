// One test per kind of bad input (issue #2, RELIABILITY.md R9/R10): each file is skipped or
// repaired with one report line naming it, and every other file still loads.
#include "support/as_nobody.hpp"
#include "support/load_helpers.hpp"
#include "support/paths.hpp"
#include "support/temp_dir.hpp"

#include <libsearch/error.hpp>

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

using namespace libsearch;
using libsearch::testing::LoadedContent;
using libsearch::testing::TempDir;

namespace {

constexpr auto kGoodPage = "---\ntitle: A good page\ntags: [fine]\n---\nNothing wrong here.\n";

/// A content root with two good pages and `bad` at `path`; loads it and checks that the good
/// pages survived and that `path` was reported exactly once.
struct BadInputCase {
    TempDir dir;

    explicit BadInputCase(const std::string& path, std::string_view bad) {
        dir.write("good/one.md", kGoodPage);
        dir.write("good/two.md", kGoodPage);
        dir.write(path, bad);
    }

    LoadedContent load(Config config = Config{}) const {
        config.content.root = dir.path();
        auto loaded = testing::load_all(config);
        CHECK(loaded.document("good/one.md") != nullptr);
        CHECK(loaded.document("good/two.md") != nullptr);
        return loaded;
    }
};

LoadIssue only_issue(const LoadedContent& loaded, const std::string& path) {
    const auto issues = loaded.issues_for(path);
    REQUIRE(issues.size() == 1);
    return issues.front();
}

void check_skipped(const LoadedContent& loaded,
                   const std::string& path,
                   IssueKind kind,
                   const std::string& message,
                   std::uint32_t line = 0) {
    const auto issue = only_issue(loaded, path);
    CHECK(issue.kind == kind);
    CHECK(issue.severity() == Severity::skipped);
    CHECK(issue.message == message);
    CHECK(issue.line == line);
    CHECK(loaded.document(path) == nullptr);
    CHECK(loaded.summary.skipped == 1);
    CHECK(loaded.summary.loaded == 2);
}

} // namespace

TEST_CASE("broken YAML front matter: skipped with the line", "[bad_input]") {
    const BadInputCase c(
        "bad.md", "---\ntitle: ok\ndescription: this value: has a second colon\n---\nbody\n");
    check_skipped(c.load(), "bad.md", IssueKind::front_matter_syntax,
                  "YAML front matter: illegal map value (column 24)", 3);
}

TEST_CASE("broken TOML front matter: skipped with the line", "[bad_input]") {
    const BadInputCase c("bad.md", "+++\ntitle = \"ok\"\nbroken line\n+++\nbody\n");
    const auto loaded = c.load();
    const auto issue = only_issue(loaded, "bad.md");
    CHECK(issue.kind == IssueKind::front_matter_syntax);
    CHECK(issue.line == 3);
    CHECK_THAT(issue.message, Catch::StartsWith("TOML front matter: "));
}

TEST_CASE("broken JSON front matter: skipped with the line", "[bad_input]") {
    const BadInputCase c("bad.md", "{\n  \"title\": \"ok\"\n  \"tags\": []\n}\nbody\n");
    const auto loaded = c.load();
    const auto issue = only_issue(loaded, "bad.md");
    CHECK(issue.kind == IssueKind::front_matter_syntax);
    CHECK(issue.line == 3);
    CHECK_THAT(issue.message, Catch::StartsWith("JSON front matter: syntax error"));
}

TEST_CASE("unterminated front matter: skipped", "[bad_input]") {
    const BadInputCase c("bad.md", "\n---\ntitle: never closed\nbody text\n");
    check_skipped(c.load(), "bad.md", IssueKind::front_matter_unterminated,
                  "YAML front matter opened with '---' is never closed", 2);
}

TEST_CASE("front matter that is not a mapping: skipped", "[bad_input]") {
    const BadInputCase list("bad.md", "---\n- a\n- b\n---\nbody\n");
    check_skipped(list.load(), "bad.md", IssueKind::front_matter_not_mapping,
                  "front matter is a list, not a mapping of keys to values", 2);
    const BadInputCase scalar("bad.md", "---\njust a sentence\n---\nbody\n");
    check_skipped(scalar.load(), "bad.md", IssueKind::front_matter_not_mapping,
                  "front matter is a single value, not a mapping of keys to values", 2);
}

TEST_CASE("an empty file: skipped", "[bad_input]") {
    const BadInputCase empty("empty.md", "");
    check_skipped(empty.load(), "empty.md", IssueKind::empty_file, "empty file");
    const BadInputCase blank("blank.md", "\n  \n\t\n");
    check_skipped(blank.load(), "blank.md", IssueKind::empty_file, "file holds only whitespace");
}

TEST_CASE("a binary file with a content extension: skipped", "[bad_input]") {
    const BadInputCase png("image.md", std::string_view("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    check_skipped(png.load(), "image.md", IssueKind::binary_file,
                  "binary content (NUL byte at offset 8)");
    std::string noise;
    for (int i = 0; i < 4000; ++i) {
        noise += static_cast<char>(0x80 + (i * 7) % 64);
        noise += static_cast<char>(0x01 + i % 7);
    }
    const BadInputCase garbage("noise.md", noise);
    const auto issue = only_issue(garbage.load(), "noise.md");
    CHECK(issue.kind == IssueKind::binary_file);
    CHECK_THAT(issue.message, Catch::EndsWith("bytes are not text)"));
}

TEST_CASE("a file over the size limit: skipped from its size / before reading", "[bad_input]") {
    const BadInputCase c("huge.md", std::string(5000, 'x'));
    Config config;
    config.content.max_file_bytes = 4096;
    check_skipped(c.load(config), "huge.md", IssueKind::file_too_large,
                  "file too large (5000 bytes, over content.max_file_bytes = 4096)");
}

TEST_CASE("an unreadable file: skipped with the system's reason", "[bad_input]") {
    const BadInputCase c("secret.md", kGoodPage);
    ::chmod((c.dir.path() / "secret.md").c_str(), 0);
    if (::geteuid() != 0) {
        check_skipped(c.load(), "secret.md", IssueKind::unreadable,
                      "cannot read: Permission denied");
        return;
    }
    // Root reads mode-000 files: load as nobody.
    ::chmod(c.dir.path().c_str(), 0755);
    ::chmod((c.dir.path() / "good").c_str(), 0755);
    CHECK(testing::passes_as_nobody([&] {
        const auto loaded = testing::load_all(testing::config_for(c.dir.path()));
        const auto issues = loaded.issues_for("secret.md");
        return issues.size() == 1 && issues[0].kind == IssueKind::unreadable &&
               issues[0].message == "cannot read: Permission denied" &&
               loaded.summary.loaded == 2 && loaded.summary.skipped == 1;
    }));
}

TEST_CASE("a symlink loop: walked once / reported once", "[bad_input]") {
    TempDir dir;
    dir.write("a/page.md", kGoodPage);
    dir.write("b/other.md", kGoodPage);
    std::filesystem::create_directory_symlink("..", dir.path() / "a" / "up");
    std::filesystem::create_symlink("self.md", dir.path() / "self.md");
    const auto loaded = testing::load_all(testing::config_for(dir.path()));
    CHECK(loaded.summary.loaded == 2);
    CHECK(loaded.documents.size() == 2);
    const auto up = only_issue(loaded, "a/up");
    CHECK(up.kind == IssueKind::symlink_loop);
    CHECK(up.message == "symbolic link leads to a folder already walked; not followed again");
    const auto self = only_issue(loaded, "self.md");
    CHECK(self.kind == IssueKind::symlink_loop);
}

TEST_CASE("symlinks: out of the root not followed / inside followed once", "[bad_input]") {
    TempDir outside;
    outside.write("private.md", kGoodPage);
    TempDir dir;
    dir.write("real/page.md", kGoodPage);
    std::filesystem::create_directory_symlink(outside.path(), dir.path() / "escape");
    std::filesystem::create_directory_symlink(dir.path() / "real", dir.path() / "alias");
    std::filesystem::create_symlink(dir.path() / "real" / "page.md", dir.path() / "linked.md");
    std::filesystem::create_symlink(dir.path() / "nowhere.md", dir.path() / "dangling.md");
    const auto loaded = testing::load_all(testing::config_for(dir.path()));
    CHECK(loaded.summary.loaded == 1);
    CHECK(loaded.document("real/page.md") != nullptr);
    CHECK(only_issue(loaded, "escape").kind == IssueKind::symlink_outside_root);
    CHECK(only_issue(loaded, "alias").kind == IssueKind::symlink_loop);
    const auto linked = only_issue(loaded, "linked.md");
    CHECK(linked.kind == IssueKind::same_file);
    CHECK(linked.message == "same file as 'real/page.md' (a link to it); loaded once");
    CHECK(only_issue(loaded, "dangling.md").kind == IssueKind::broken_symlink);
}

TEST_CASE("a duplicate configured id: the first in path order is kept / both named",
          "[bad_input]") {
    TempDir dir;
    dir.write("a/first.md", "---\nid: 42\ntitle: First\n---\n");
    dir.write("b-second.md", "---\nid: 42\ntitle: Second\n---\n");
    dir.write("c.md", "---\nid: 43\n---\n");
    Config config = testing::config_for(dir.path());
    config.fields.id = {"id"};
    const auto loaded = testing::load_all(config);
    CHECK(loaded.summary.loaded == 2);
    REQUIRE(loaded.document("a/first.md"));
    CHECK(loaded.document("a/first.md")->id == "42");
    CHECK(loaded.document("b-second.md") == nullptr);
    const auto issue = only_issue(loaded, "b-second.md");
    CHECK(issue.kind == IssueKind::duplicate_id);
    CHECK(issue.message == "duplicate id '42': already used by 'a/first.md', which is kept");
}

TEST_CASE("invalid UTF-8 is repaired and reported as a warning / not dropped", "[bad_input]") {
    const BadInputCase c("latin1.md",
                         "---\ntitle: Caf\xE9\n---\nLine two\nna\xEFve \xFF\xFE text\n");
    const auto loaded = c.load();
    const auto issue = only_issue(loaded, "latin1.md");
    CHECK(issue.kind == IssueKind::invalid_utf8);
    CHECK(issue.severity() == Severity::warning);
    CHECK(issue.line == 2);
    CHECK(issue.message == "invalid UTF-8 repaired: 4 sequences replaced with U+FFFD");
    const auto* document = loaded.document("latin1.md");
    REQUIRE(document);
    CHECK(document->title == "Caf\xEF\xBF\xBD");
    CHECK(document->body == "Line two na\xEF\xBF\xBDve \xEF\xBF\xBD\xEF\xBF\xBD text");
    CHECK(loaded.summary.loaded == 3);
    CHECK(loaded.summary.repaired == 1);
    CHECK(loaded.summary.skipped == 0);
}

TEST_CASE("a YAML alias bomb stops at the node budget / fast and small", "[bad_input]") {
    std::string bomb =
        "---\ntitle: lol\na: &a "
        "[\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
    const char* names = "abcdefghi";
    for (int i = 1; i < 9; ++i) {
        bomb += std::string(1, names[i]) + ": &" + names[i] + " [";
        for (int j = 0; j < 9; ++j) {
            bomb += std::string(j ? "," : "") + "*" + names[i - 1];
        }
        bomb += "]\n";
    }
    bomb += "---\nbody\n";
    const BadInputCase c("laughs.md", bomb);
    const auto started = std::chrono::steady_clock::now();
    check_skipped(c.load(), "laughs.md", IssueKind::front_matter_too_large,
                  "front matter exceeds the node budget (10000 values; an alias bomb?)", 2);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
}

TEST_CASE("deep nesting in front matter is refused", "[bad_input]") {
    const BadInputCase yaml("deep.md",
                            "---\nk: " + std::string(200, '[') + std::string(200, ']') + "\n---\n");
    check_skipped(yaml.load(), "deep.md", IssueKind::front_matter_too_large,
                  "front matter nesting deeper than 64 levels", 2);
    const BadInputCase json("deep.md", "{\"k\": " + std::string(100000, '[') + "\n");
    check_skipped(json.load(), "deep.md", IssueKind::front_matter_too_large,
                  "front matter nesting deeper than 64 levels", 1);
    const BadInputCase yaml_huge("deep.md", "---\nk: " + std::string(100000, '[') + "\n---\n");
    const auto issue = only_issue(yaml_huge.load(), "deep.md");
    CHECK(issue.kind == IssueKind::front_matter_too_large);
}

TEST_CASE("HTML nested too deep for a parser: skipped quickly", "[bad_input]") {
    std::string deep = "---\ntitle: deep\n---\n";
    for (int i = 0; i < 100000; ++i) {
        deep += "<div>";
    }
    const BadInputCase c("deep.html", deep);
    const auto started = std::chrono::steady_clock::now();
    check_skipped(c.load(), "deep.html", IssueKind::body_too_complex,
                  "HTML elements nested about 100000 deep, over the limit of 1000");
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
}

TEST_CASE("a JSON number out of range: skipped, not a crash", "[bad_input]") {
    const BadInputCase c("big.md", "{\"title\": \"x\", \"n\": 1e999}\nbody\n");
    check_skipped(c.load(), "big.md", IssueKind::front_matter_syntax,
                  "JSON front matter: a number out of range", 1);
}

TEST_CASE("a file holding only a BOM is empty", "[bad_input]") {
    const BadInputCase c("bom.md", "\xEF\xBB\xBF\n");
    check_skipped(c.load(), "bom.md", IssueKind::empty_file, "file holds only whitespace");
}

TEST_CASE("a content root that cannot be listed is an error, not an empty site", "[bad_input]") {
    TempDir dir;
    dir.write("page.md", kGoodPage);
    if (::geteuid() != 0) {
        ::chmod(dir.path().c_str(), 0300);
        CHECK_THROWS_AS(testing::load_all(testing::config_for(dir.path())), Error);
        return;
    }
    TempDir parent;
    const auto root = parent.path() / "locked";
    std::filesystem::create_directory(root);
    ::chmod(parent.path().c_str(), 0755);
    ::chmod(root.c_str(), 0700); // root-owned: nobody may not list it
    CHECK(testing::passes_as_nobody([&] {
        try {
            testing::load_all(testing::config_for(root));
        } catch (const Error& error) {
            return error.code() == ErrorCode::io_error &&
                   std::string(error.what()).find("cannot list content root") != std::string::npos;
        }
        return false;
    }));
}

TEST_CASE("front matter over 1 MiB is refused", "[bad_input]") {
    std::string big = "---\ntitle: big\nnotes: |\n";
    while (big.size() < 1100 * 1024) {
        big += "  a line of notes that goes on\n";
    }
    big += "---\nbody\n";
    const BadInputCase c("big.md", big);
    const auto issue = only_issue(c.load(), "big.md");
    CHECK(issue.kind == IssueKind::front_matter_too_large);
    CHECK_THAT(issue.message, Catch::EndsWith("bytes, over the limit of 1048576"));
}

TEST_CASE("examples/broken: each broken file reported / the good ones loaded",
          "[bad_input][examples]") {
    const auto loaded = testing::load_all(testing::config_for(testing::examples_dir() / "broken"));
    const std::map<std::string, IssueKind> expected = {
        {"binary.md", IssueKind::binary_file},
        {"broken-json.md", IssueKind::front_matter_syntax},
        {"broken-toml.md", IssueKind::front_matter_syntax},
        {"broken-yaml.md", IssueKind::front_matter_syntax},
        {"deep.md", IssueKind::front_matter_too_large},
        {"empty.md", IssueKind::empty_file},
        {"invalid-utf8.md", IssueKind::invalid_utf8},
        {"laughs.md", IssueKind::front_matter_too_large},
        {"not-a-mapping.md", IssueKind::front_matter_not_mapping},
        {"unterminated.md", IssueKind::front_matter_unterminated},
    };
    for (const auto& [path, kind] : expected) {
        INFO(path);
        CHECK(only_issue(loaded, path).kind == kind);
    }
    CHECK(loaded.issues.size() == expected.size());
    CHECK(only_issue(loaded, "broken-yaml.md").line == 3);
    CHECK(only_issue(loaded, "invalid-utf8.md").line == 10);
    for (const auto* good : {"good-one.md", "good-two.md", "good-three.md", "invalid-utf8.md"}) {
        INFO(good);
        CHECK(loaded.document(good) != nullptr);
    }
    CHECK(loaded.summary.files == 13);
    CHECK(loaded.summary.loaded == 4);
    CHECK(loaded.summary.skipped == 9);
    CHECK(loaded.summary.repaired == 1);
}

TEST_CASE("examples/content: the sample site loads cleanly", "[loader][examples]") {
    const auto loaded = testing::load_all(testing::config_for(testing::examples_dir() / "content"));
    CHECK(loaded.summary.skipped == 0);
    CHECK(loaded.summary.repaired == 0);
    CHECK(loaded.summary.drafts == 1);
    CHECK(loaded.summary.loaded >= 30);
    CHECK(loaded.summary.loaded + loaded.summary.drafts == loaded.summary.files);
    for (const auto& document : loaded.documents) {
        INFO(document.path);
        CHECK_FALSE(document.title.empty());
        CHECK_FALSE(document.body.empty());
        // Plain text, never markup (a literal '<' in a code sample is text).
        CHECK(document.body.find("<p>") == std::string::npos);
        CHECK(document.body.find("</") == std::string::npos);
        CHECK(document.body.find("{{") == std::string::npos);
    }
}

TEST_CASE("hidden folders are content too / version-control folders are not", "[loader]") {
    TempDir dir;
    dir.write(".well-known/page.md", kGoodPage);
    dir.write(".git/notes.md", kGoodPage);
    dir.write("visible.md", kGoodPage);
    const auto loaded = testing::load_all(testing::config_for(dir.path()));
    CHECK(loaded.document(".well-known/page.md") != nullptr);
    CHECK(loaded.document("visible.md") != nullptr);
    CHECK(loaded.summary.files == 2);
    CHECK(loaded.issues.empty());
}

TEST_CASE("include and exclude globs select the files", "[loader]") {
    TempDir dir;
    dir.write("a.md", kGoodPage);
    dir.write("notes.txt", "not content");
    dir.write("drafts/wip.md", kGoodPage);
    dir.write("docs/page.html", "<p>html page</p>");
    dir.write("docs/deep/x.markdown", kGoodPage);
    Config config = testing::config_for(dir.path());
    config.content.exclude = {"drafts/**"};
    const auto loaded = testing::load_all(config);
    CHECK(loaded.summary.files == 3);
    CHECK(loaded.document("a.md") != nullptr);
    CHECK(loaded.document("docs/page.html") != nullptr);
    CHECK(loaded.document("docs/deep/x.markdown") != nullptr);
    CHECK(loaded.document("drafts/wip.md") == nullptr);
    CHECK(loaded.issues.empty());
}

TEST_CASE("a file that vanishes between the scan and the read: skipped", "[bad_input]") {
    TempDir dir;
    const auto path = dir.write("gone.md", kGoodPage);
    const auto scan = scan_content(testing::config_for(dir.path()).content);
    REQUIRE(scan.files.size() == 1);
    std::filesystem::remove(path);
    const auto page = Loader(testing::config_for(dir.path())).load_file(scan.files.front());
    CHECK_FALSE(page.document);
    REQUIRE(page.issues.size() == 1);
    CHECK(page.issues[0].kind == IssueKind::unreadable);
    CHECK(page.issues[0].message == "cannot read: No such file or directory");
}

TEST_CASE("a FIFO with a content extension is never opened", "[bad_input]") {
    const BadInputCase c("good/three.md", kGoodPage);
    REQUIRE(::mkfifo((c.dir.path() / "pipe.md").c_str(), 0644) == 0);
    const auto loaded = c.load();
    const auto issue = only_issue(loaded, "pipe.md");
    CHECK(issue.kind == IssueKind::not_a_regular_file);
    CHECK(loaded.summary.loaded == 3);
}

TEST_CASE("a file name that is not UTF-8 is loaded under an escaped path", "[bad_input]") {
    TempDir dir;
    dir.write("caf\xE9.md", kGoodPage);
    const auto loaded = testing::load_all(testing::config_for(dir.path()));
    REQUIRE(loaded.documents.size() == 1);
    CHECK(loaded.documents[0].path == "caf\\xE9.md");
    CHECK(loaded.documents[0].id == "caf\\xE9.md");
    CHECK(loaded.documents[0].title == "A good page");
}
