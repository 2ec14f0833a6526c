// Small internal pieces: globs, UTF-8 repair, dates, key paths.
#include "load/dates.hpp"
#include "load/glob.hpp"
#include "load/key_path.hpp"
#include "text/utf8.hpp"

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

TEST_CASE("dates: the forms front matter uses, as written", "[dates]") {
    using namespace std::chrono;
    const auto day = [](int y, unsigned m, unsigned d) {
        return local_seconds{local_days{year{y} / month{m} / d}};
    };
    // The wall clock as written, and the offset when there is one.
    const auto wall = [](std::string_view text) {
        const auto date = parse_date(text);
        return date ? std::optional(date->local) : std::nullopt;
    };
    const auto offset = [](std::string_view text) {
        const auto date = parse_date(text);
        return date && date->offset ? std::optional(date->offset->count()) : std::nullopt;
    };
    CHECK(wall("2020-12-30") == day(2020, 12, 30));
    CHECK_FALSE(offset("2020-12-30"));
    CHECK(wall("2020-12-30T12:48:43.024511Z") ==
          day(2020, 12, 30) + hours{12} + minutes{48} + seconds{43});
    CHECK(offset("2020-12-30T12:48:43Z") == 0);
    CHECK(wall("2014-07-01 10:00:02 -0400") == day(2014, 7, 1) + hours{10} + seconds{2});
    CHECK(offset("2014-07-01 10:00:02 -0400") == -4 * 3600);
    CHECK(wall("2021-03-04T09:15:00+01:00") == day(2021, 3, 4) + hours{9} + minutes{15});
    CHECK(wall("2024-03-21 12:00:00 +0000") == day(2024, 3, 21) + hours{12});
    CHECK(wall("2019/05/02") == day(2019, 5, 2));
    CHECK(wall("2013-12-02 7:37:00 -0400") == day(2013, 12, 2) + hours{7} + minutes{37});
    CHECK(wall(" 2019-05-02 ") == day(2019, 5, 2));
    CHECK(wall("0001-02-01") == day(1, 2, 1));
    // YAML 1.1's timestamp forms: a one-digit offset, no seconds, +0530.
    CHECK(wall("2016-03-21 9:00:00 -4") == day(2016, 3, 21) + hours{9});
    CHECK(offset("2016-03-21 9:00:00 -4") == -4 * 3600);
    CHECK(wall("2016-03-21 09:00") == day(2016, 3, 21) + hours{9});
    CHECK(offset("2016-03-21T09:00:00+0530") == 5 * 3600 + 30 * 60);
    // RFC 2822, as feeds write dates; the weekday must be the day's.
    CHECK(wall("Tue, 22 Mar 2016 09:00:00 -0500") == day(2016, 3, 22) + hours{9});
    CHECK(offset("Tue, 22 Mar 2016 09:00:00 -0500") == -5 * 3600);
    CHECK(wall("22 Mar 2016 09:00 GMT") == day(2016, 3, 22) + hours{9});
    CHECK(offset("22 Mar 2016 09:00 EST") == -5 * 3600);
    CHECK_FALSE(parse_date("Mon, 22 Mar 2016 09:00:00 -0500"));
    CHECK_FALSE(parse_date("2020-13-45"));
    CHECK_FALSE(parse_date("2021-02-29"));
    CHECK_FALSE(parse_date("soon"));
    CHECK_FALSE(parse_date("2020-12-30Tnoon"));
    CHECK_FALSE(parse_date("2020-12-30 10:00 +99:00"));
    CHECK(format_day(day(2020, 1, 2) + hours{23}) == "2020-01-02");
}

TEST_CASE("dates: file names, instants and time zones", "[dates]") {
    using namespace std::chrono;
    const auto named = date_from_file_name("2014-03-12-coming-soon.md");
    REQUIRE(named);
    CHECK(named->date.local == local_days{year{2014} / 3 / 12});
    CHECK(named->rest == "coming-soon.md");
    CHECK_FALSE(date_from_file_name("2014-3-12-x.md"));
    CHECK_FALSE(date_from_file_name("2014-02-30-x.md"));
    CHECK_FALSE(date_from_file_name("notes.md"));
    // "2019-10-09 23:00:00 -0500" is the 9th as written, the 10th in UTC.
    const auto written = *parse_date("2019-10-09 23:00:00 -0500");
    CHECK(format_day(written.local) == "2019-10-09");
    CHECK(instant_of(written, nullptr) == sys_days{year{2019} / 10 / 10} + hours{4});
    CHECK(format_day(wall_clock_in(instant_of(written, nullptr), nullptr)) == "2019-10-10");
    const auto* new_york = find_time_zone("America/New_York");
    REQUIRE(new_york != nullptr);
    CHECK(find_time_zone("Mars/Olympus_Mons") == nullptr);
    // Without an offset, a wall clock is read in the site's zone (EDT in October: -4).
    const auto local = *parse_date("2019-10-09 23:00:00");
    CHECK(instant_of(local, new_york) == sys_days{year{2019} / 10 / 10} + hours{3});
    CHECK(format_day(wall_clock_in(instant_of(written, nullptr), new_york)) == "2019-10-10");
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
