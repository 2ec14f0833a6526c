#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace date {
class time_zone;
}

namespace libsearch::detail {

/// A date as a page writes it: the wall-clock time, and the offset from UTC when one is
/// written. A site shows the calendar day of the wall clock ("2019-10-09 23:00:00 -0500" is
/// the 9th), so that is what is kept; the offset only matters to know the instant (is a
/// page expired yet?) and for generators that convert to the site's time zone (Jekyll).
struct WrittenDate {
    std::chrono::local_seconds local{};
    std::optional<std::chrono::seconds> offset; ///< east of UTC; none when not written
};

/// Parses the date forms front matter uses in practice:
///   2020-12-30, 2019/05/02                     (a day)
///   2020-12-30T12:48:43.024511Z                (YAML 1.1 / TOML / ISO 8601 timestamps)
///   2014-07-01 10:00:02 -0400, 2016-03-21 9:00:00 -4, 2016-03-21 09:00
///   2024-03-21 12:00:00 +00:00, 2021-03-04T09:15:00+01:00
///   Tue, 22 Mar 2016 09:00:00 -0500, 22 Mar 2016 09:00 GMT   (RFC 2822, as feeds write)
/// Returns nullopt for anything else or for an impossible date (2020-13-45, a weekday that
/// is not the day's).
std::optional<WrittenDate> parse_date(std::string_view text);

/// The date of a file name that starts `YYYY-MM-DD-` (Jekyll posts, Hugo's `:filename`
/// date handler, Eleventy, Docusaurus blogs), with the rest of the name after the date.
struct FileNameDate {
    WrittenDate date;
    std::string_view rest; ///< "coming-soon.md" for "2014-03-12-coming-soon.md"
};
std::optional<FileNameDate> date_from_file_name(std::string_view file_name);

/// An IANA time zone ("America/New_York", "UTC") from the system's tz database; nullptr for
/// an unknown name.
const date::time_zone* find_time_zone(std::string_view name);

/// The instant a written date stands for: its own offset, else the wall clock read in
/// `zone` (UTC when null), as Hugo and Jekyll read dates without an offset.
std::chrono::sys_seconds instant_of(const WrittenDate& date, const date::time_zone* zone);

/// The wall clock of an instant in `zone` (UTC when null).
std::chrono::local_seconds wall_clock_in(std::chrono::sys_seconds instant,
                                         const date::time_zone* zone);

/// "2020-12-30": the calendar day of a wall-clock time.
std::string format_day(std::chrono::local_seconds time);

} // namespace libsearch::detail
