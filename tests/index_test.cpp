// Generations on disk: build beside, publish by an atomic swap of `current`.
#include "support/temp_dir.hpp"

#include <libsearch/error.hpp>
#include <libsearch/index.hpp>

#include <catch2/catch.hpp>

using namespace libsearch;

TEST_CASE("index: nothing is current before the first publish", "[index]") {
    testing::TempDir dir;
    const Index index(dir.path() / "idx");
    CHECK_FALSE(index.current());
    const auto build = index.begin_generation();
    CHECK(build.filename() == "gen-000001.tmp");
    CHECK_FALSE(index.current()); // a build is never current
}

TEST_CASE("index: publish swaps current and keeps one previous generation", "[index]") {
    testing::TempDir dir;
    const Index index(dir.path() / "idx");
    for (int i = 1; i <= 4; ++i) {
        const auto build = index.begin_generation();
        testing::TempDir::write_file(build / "marker", std::to_string(i));
        const auto published = index.publish(build);
        CHECK(published.name == "gen-00000" + std::to_string(i));
        REQUIRE(index.current());
        CHECK(index.current()->name == published.name);
        CHECK(std::filesystem::is_symlink(dir.path() / "idx" / "current"));
    }
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "idx")) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"current", "gen-000003", "gen-000004"});
}

TEST_CASE("index: a stale build left by a crash is removed by the next one", "[index]") {
    testing::TempDir dir;
    const Index index(dir.path() / "idx");
    const auto crashed = index.begin_generation();
    testing::TempDir::write_file(crashed / "half-written", "x");
    const auto next = index.begin_generation();
    CHECK_FALSE(std::filesystem::exists(crashed));
    CHECK(next.filename() == "gen-000002.tmp");
    index.discard(next);
    CHECK_FALSE(std::filesystem::exists(next));
    CHECK_FALSE(index.current());
}

TEST_CASE("index: only a build of this index can be published", "[index]") {
    testing::TempDir dir;
    const Index index(dir.path() / "idx");
    CHECK_THROWS_AS(index.publish(dir.path() / "elsewhere.tmp"), Error);
    CHECK_THROWS_AS(index.publish(dir.path() / "idx" / "gen-000001"), Error);
}

TEST_CASE("index: a trailing slash names the same folder", "[index]") {
    testing::TempDir dir;
    const Index index(dir.path().string() + "/idx/");
    const auto build = index.begin_generation();
    CHECK_NOTHROW(index.publish(build));
    CHECK(Index(dir.path() / "idx").current());
}
