// Small internal pieces: globs, UTF-8 repair, dates, key paths.
#include "dates.hpp"
#include "glob.hpp"
#include "key_path.hpp"
#include "utf8.hpp"

#include <catch2/catch.hpp>

using namespace libsearch::detail;

TEST_CASE("globs: * and ? within a segment / ** across segments / classes", "[glob]") {
    const Glob md("**/*.md");
    CHECK(md.matches("a.md"));
    CHECK(md.matches("x/y/a.md"));
    CHECK_FALSE(md.matches("a.mdx"));
    CHECK_FALSE(md.matches("x/a.html"));
    CHECK(Glob("*.md").matches("a.md"));
    CHECK_FALSE(Glob("*.md").matches("x/a.md"));
    CHECK(Glob("drafts/**").matches("drafts"));
    CHECK(Glob("drafts/**").matches("drafts/a/b.md"));
    CHECK_FALSE(Glob("drafts/**").matches("news/drafts.md"));
    CHECK(Glob("news/**/2020/*.md").matches("news/2020/a.md"));
    CHECK(Glob("news/**/2020/*.md").matches("news/x/y/2020/a.md"));
    CHECK(Glob("?.md").matches("a.md"));
    CHECK_FALSE(Glob("?.md").matches("ab.md"));
    CHECK(Glob("[ab]*.md").matches("b1.md"));
    CHECK_FALSE(Glob("[!ab]*.md").matches("b1.md"));
    CHECK(Glob("[a-c].md").matches("b.md"));
    CHECK(Glob("a[.md").matches("a[.md"));
    CHECK(Glob("**").matches("anything/at/all"));
}

TEST_CASE("globs: a hostile pattern costs no more than pattern x path", "[glob]") {
    const Glob nasty("*a*a*a*a*a*a*a*a*a*a*a*a*b");
    CHECK_FALSE(nasty.matches(std::string(5000, 'a')));
    std::string many;
    for (int i = 0; i < 200; ++i) {
        many += "**/";
    }
    CHECK_FALSE(Glob(many + "x").matches(std::string(300, 'a') + "/b/c/d"));
}

TEST_CASE("UTF-8: valid text is untouched / each ill-formed sequence becomes one U+FFFD",
          "[utf8]") {
    std::string valid = "caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80";
    CHECK(repair_utf8(valid).replaced == 0);
    CHECK(is_valid_utf8(valid));

    std::string bad = "a\xFF"
                      "b\xC3"
                      "c\xE2\x82"
                      "d\xED\xA0\x80"
                      "e\xC0\xAF";
    const auto repair = repair_utf8(bad);
    CHECK(repair.first_bad_offset == 1);
    CHECK(bad == "a\xEF\xBF\xBD"
                 "b\xEF\xBF\xBD"
                 "c\xEF\xBF\xBD"
                 "d\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
                 "e\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(repair.replaced == 8);
    CHECK(is_valid_utf8(bad));
    CHECK(escape_path("a\xFFz\nb") == "a\\xFFz\\x0Ab");
}

TEST_CASE("dates: the forms front matter uses", "[dates]") {
    using namespace std::chrono;
    const auto day = [](int y, unsigned m, unsigned d) {
        return sys_seconds{sys_days{year{y} / month{m} / d}};
    };
    CHECK(parse_date("2020-12-30") == day(2020, 12, 30));
    CHECK(parse_date("2020-12-30T12:48:43.024511Z") ==
          day(2020, 12, 30) + hours{12} + minutes{48} + seconds{43});
    CHECK(parse_date("2014-07-01 10:00:02 -0400") == day(2014, 7, 1) + hours{14} + seconds{2});
    CHECK(parse_date("2021-03-04T09:15:00+01:00") == day(2021, 3, 4) + hours{8} + minutes{15});
    CHECK(parse_date("2024-03-21 12:00:00 +0000") == day(2024, 3, 21) + hours{12});
    CHECK(parse_date("2019/05/02") == day(2019, 5, 2));
    CHECK(parse_date("2013-12-02 7:37:00 -0400") == day(2013, 12, 2) + hours{11} + minutes{37});
    CHECK(parse_date(" 2019-05-02 ") == day(2019, 5, 2));
    CHECK(parse_date("0001-02-01") == day(1, 2, 1));
    CHECK_FALSE(parse_date("2020-13-45"));
    CHECK_FALSE(parse_date("2021-02-29"));
    CHECK_FALSE(parse_date("soon"));
    CHECK_FALSE(parse_date("2020-12-30Tnoon"));
    CHECK_FALSE(parse_date("2020-12-30 10:00 +99:00"));
    CHECK(format_day(day(2020, 1, 2) + hours{23}) == "2020-01-02");
}

TEST_CASE("key paths: syntax errors are reported", "[key_path]") {
    CHECK_THROWS_WITH(KeyPath::parse(""), "empty key path");
    CHECK_THROWS_WITH(KeyPath::parse("a..b"), Catch::Contains("empty key"));
    CHECK_THROWS_WITH(KeyPath::parse("a."), Catch::Contains("empty key"));
    CHECK_THROWS_WITH(KeyPath::parse("a[1"), Catch::Contains("unclosed"));
    CHECK_THROWS_WITH(KeyPath::parse("a[-1]"), Catch::Contains("must be a number"));
    CHECK_THROWS_WITH(KeyPath::parse("a++b"), Catch::Contains("empty key"));
    CHECK_NOTHROW(KeyPath::parse("a.b[2].c+d"));
}
