#include "load/dates.hpp"

#include "text/text_util.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <cstdio>
#include <sstream>
#include <string>

namespace libsearch::detail {

namespace {

/// A tiny cursor over the text: reads digit groups and expected characters. The ISO 8601 /
/// YAML 1.1 timestamp is a regular grammar (YAML spec 1.1, "timestamp"); reading it with
/// a cursor says exactly which of its optional parts are accepted.
struct Cursor {
    std::string_view text;
    std::size_t pos = 0;

    bool done() const { return pos >= text.size(); }
    char peek() const { return done() ? '\0' : text[pos]; }

    /// Between `min` and `max` digits.
    bool digits(std::size_t min, std::size_t max, int& value) {
        value = 0;
        std::size_t count = 0;
        while (count < max && pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            value = value * 10 + (text[pos] - '0');
            ++pos;
            ++count;
        }
        return count >= min;
    }

    bool accept(char c) {
        if (peek() == c) {
            ++pos;
            return true;
        }
        return false;
    }

    void skip_spaces() {
        while (!done() && (text[pos] == ' ' || text[pos] == '\t')) {
            ++pos;
        }
    }
};

/// "Z", "UTC", "GMT", "+HH:MM", "+HHMM", "+HH" and YAML 1.1's one-digit "+H" (and '-').
bool parse_offset(Cursor& cursor, std::chrono::seconds& offset) {
    offset = std::chrono::seconds{0};
    if (cursor.accept('Z') || cursor.accept('z')) {
        return true;
    }
    const auto rest = cursor.text.substr(cursor.pos);
    if (rest == "UTC" || rest == "GMT") {
        cursor.pos += 3;
        return true;
    }
    const char sign = cursor.peek();
    if (sign != '+' && sign != '-') {
        return false;
    }
    ++cursor.pos;
    int hours = 0;
    int minutes = 0;
    const std::size_t start = cursor.pos;
    if (!cursor.digits(1, 4, hours)) {
        return false;
    }
    if (cursor.pos - start > 2) { // "+0530": hours and minutes without a colon
        if (cursor.pos - start != 4) {
            return false;
        }
        minutes = hours % 100;
        hours /= 100;
    } else if (cursor.accept(':') && !cursor.digits(2, 2, minutes)) {
        return false;
    }
    if (hours > 23 || minutes > 59) {
        return false;
    }
    offset = std::chrono::seconds{(hours * 3600 + minutes * 60) * (sign == '-' ? -1 : 1)};
    return true;
}

std::optional<WrittenDate> parse_iso_date(std::string_view text) {
    using namespace std::chrono;
    Cursor cursor{text};
    int year = 0;
    int month = 0;
    int day = 0;
    if (!cursor.digits(4, 4, year)) {
        return std::nullopt;
    }
    const char separator = cursor.peek();
    if ((separator != '-' && separator != '/') || !cursor.accept(separator) ||
        !cursor.digits(1, 2, month) || !cursor.accept(separator) || !cursor.digits(1, 2, day)) {
        return std::nullopt;
    }
    const year_month_day ymd{std::chrono::year{year},
                             std::chrono::month{static_cast<unsigned>(month)},
                             std::chrono::day{static_cast<unsigned>(day)}};
    if (!ymd.ok() || year < 1) {
        return std::nullopt;
    }
    WrittenDate date{local_days{ymd}, std::nullopt};
    if (cursor.done()) {
        return date;
    }
    if (!cursor.accept('T') && !cursor.accept('t') && cursor.peek() != ' ' &&
        cursor.peek() != '\t') {
        return std::nullopt;
    }
    cursor.skip_spaces();
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (!cursor.digits(1, 2, hour) || !cursor.accept(':') || !cursor.digits(2, 2, minute)) {
        return std::nullopt;
    }
    if (cursor.accept(':') && !cursor.digits(2, 2, second)) {
        return std::nullopt;
    }
    if (hour > 23 || minute > 59 || second > 60) {
        return std::nullopt;
    }
    if (cursor.accept('.') || cursor.accept(',')) {
        while (!cursor.done() && cursor.peek() >= '0' && cursor.peek() <= '9') {
            ++cursor.pos; // fractions of a second do not matter for a page date
        }
    }
    date.local += hours{hour} + minutes{minute} + seconds{second};
    cursor.skip_spaces();
    if (cursor.done()) {
        return date;
    }
    seconds offset{0};
    if (!parse_offset(cursor, offset) || !cursor.done()) {
        return std::nullopt;
    }
    date.offset = offset;
    return date;
}

/// RFC 2822 (and RFC 822's zone names), as RSS feeds and some front matter write dates:
/// "Tue, 22 Mar 2016 09:00:00 -0500", "22 Mar 2016 09:00 GMT".
std::optional<WrittenDate> parse_rfc2822_date(std::string_view text) {
    // The weekday is optional and must agree with the day; date::parse checks that itself.
    const bool has_weekday = text.size() > 4 && text[3] == ',';
    static constexpr struct {
        std::string_view name;
        int hours;
    } kZoneNames[] = {{"UT", 0},   {"GMT", 0},  {"Z", 0},    {"EST", -5}, {"EDT", -4}, {"CST", -6},
                      {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}};
    std::string body(text);
    std::optional<std::chrono::seconds> named_offset;
    const auto space = body.rfind(' ');
    if (space != std::string::npos) {
        for (const auto& zone : kZoneNames) {
            if (std::string_view(body).substr(space + 1) == zone.name) {
                named_offset = std::chrono::hours{zone.hours};
                body.erase(space);
                break;
            }
        }
    }
    const std::string with_seconds = has_weekday ? "%a, %d %b %Y %H:%M:%S" : "%d %b %Y %H:%M:%S";
    const std::string without_seconds = has_weekday ? "%a, %d %b %Y %H:%M" : "%d %b %Y %H:%M";
    for (const auto& clock : {with_seconds, without_seconds}) {
        const std::string format = named_offset ? clock : clock + " %z";
        std::istringstream in(body);
        date::local_seconds local;
        std::chrono::minutes offset{0};
        std::string abbreviation;
        in >> date::parse(format, local, abbreviation, offset);
        if (!in.fail() && in.peek() == std::char_traits<char>::eof()) {
            WrittenDate date{std::chrono::local_seconds{local.time_since_epoch()},
                             named_offset ? *named_offset : std::chrono::seconds{offset}};
            return date;
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<WrittenDate> parse_date(std::string_view text) {
    text = trim(text);
    if (text.empty()) {
        return std::nullopt;
    }
    if (text.front() >= '0' && text.front() <= '9') {
        if (auto date = parse_iso_date(text)) {
            return date;
        }
    }
    return parse_rfc2822_date(text);
}

std::optional<FileNameDate> date_from_file_name(std::string_view file_name) {
    // Exactly YYYY-MM-DD- : Jekyll's and Hugo's patterns both demand the two-digit fields.
    if (file_name.size() < 11 || file_name[4] != '-' || file_name[7] != '-' ||
        file_name[10] != '-') {
        return std::nullopt;
    }
    for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (file_name[i] < '0' || file_name[i] > '9') {
            return std::nullopt;
        }
    }
    auto date = parse_iso_date(file_name.substr(0, 10));
    if (!date) {
        return std::nullopt;
    }
    return FileNameDate{*date, file_name.substr(11)};
}

const date::time_zone* find_time_zone(std::string_view name) {
    if (name.empty()) {
        return nullptr;
    }
    try {
        return date::locate_zone(name);
    } catch (const std::exception&) { // unknown name, or no tz database on the machine
        return nullptr;
    }
}

std::chrono::sys_seconds instant_of(const WrittenDate& written, const date::time_zone* zone) {
    const auto since_epoch = written.local.time_since_epoch();
    if (written.offset) {
        return std::chrono::sys_seconds{since_epoch - *written.offset};
    }
    if (zone == nullptr) {
        return std::chrono::sys_seconds{since_epoch};
    }
    // A wall-clock time skipped or repeated by a DST change: the earlier reading, as Go does.
    const auto info = zone->get_info(date::local_seconds{since_epoch});
    return std::chrono::sys_seconds{since_epoch - info.first.offset};
}

std::chrono::local_seconds wall_clock_in(std::chrono::sys_seconds instant,
                                         const date::time_zone* zone) {
    const auto since_epoch = instant.time_since_epoch();
    if (zone == nullptr) {
        return std::chrono::local_seconds{since_epoch};
    }
    const auto info = zone->get_info(date::sys_seconds{since_epoch});
    return std::chrono::local_seconds{since_epoch + info.offset};
}

std::string format_day(std::chrono::local_seconds time) {
    const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(time)};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buffer;
}

} // namespace libsearch::detail
