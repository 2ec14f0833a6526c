#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace libsearch::detail {

/// Parses the date forms front matter uses in practice, to UTC:
///   2020-12-30                       (midnight UTC)
///   2020-12-30T12:48:43.024511Z      (YAML / TOML / ISO 8601 timestamps)
///   2014-07-01 10:00:02 -0400        (Hugo/Jekyll: space separator, offset without colon)
///   2013-12-02 7:37:00 -0400         (a one-digit hour)
///   2024-03-21 12:00:00 +00:00, 2021-03-04T09:15:00+01:00, 2019/05/02
/// A time without an offset is taken as UTC. Returns nullopt for anything else or for an
/// impossible date (2020-13-45).
std::optional<std::chrono::sys_seconds> parse_date(std::string_view text);

/// "2020-12-30": the UTC calendar day of a time point.
std::string format_day(std::chrono::sys_seconds time);

} // namespace libsearch::detail
