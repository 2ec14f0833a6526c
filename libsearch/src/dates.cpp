#include "dates.hpp"

#include "text_util.hpp"

#include <cstdio>
#include <string>

namespace libsearch::detail {

namespace {

/// A tiny cursor over the text: reads fixed-width digit groups and expected characters.
struct Cursor {
    std::string_view text;
    std::size_t pos = 0;

    bool done() const { return pos >= text.size(); }
    char peek() const { return done() ? '\0' : text[pos]; }

    bool digits(std::size_t count, int& value) {
        if (pos + count > text.size()) {
            return false;
        }
        value = 0;
        for (std::size_t i = 0; i < count; ++i) {
            const char c = text[pos + i];
            if (c < '0' || c > '9') {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        pos += count;
        return true;
    }

    /// One or two digits: hours are written "7:37" as often as "07:37".
    bool one_or_two_digits(int& value) {
        if (!digits(2, value)) {
            return digits(1, value);
        }
        return true;
    }

    bool accept(char c) {
        if (peek() == c) {
            ++pos;
            return true;
        }
        return false;
    }

    void skip_spaces() {
        while (!done() && text[pos] == ' ') {
            ++pos;
        }
    }
};

/// Parses "Z", "UTC", "+HH:MM", "+HHMM", "+HH" (and '-') into seconds east of UTC.
bool parse_offset(Cursor& cursor, int& offset_seconds) {
    offset_seconds = 0;
    if (cursor.accept('Z') || cursor.accept('z')) {
        return true;
    }
    if (cursor.text.substr(cursor.pos) == "UTC" || cursor.text.substr(cursor.pos) == "GMT") {
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
    if (!cursor.digits(2, hours)) {
        return false;
    }
    cursor.accept(':');
    if (!cursor.done() && !cursor.digits(2, minutes)) {
        return false;
    }
    if (hours > 23 || minutes > 59) {
        return false;
    }
    offset_seconds = (hours * 3600 + minutes * 60) * (sign == '-' ? -1 : 1);
    return true;
}

} // namespace

std::optional<std::chrono::sys_seconds> parse_date(std::string_view text) {
    using namespace std::chrono;
    Cursor cursor{trim(text)};
    int year = 0;
    int month = 0;
    int day = 0;
    if (!cursor.digits(4, year)) {
        return std::nullopt;
    }
    const char separator = cursor.peek();
    if ((separator != '-' && separator != '/') || !cursor.accept(separator) ||
        !cursor.digits(2, month) || !cursor.accept(separator) || !cursor.digits(2, day)) {
        return std::nullopt;
    }
    const year_month_day ymd{std::chrono::year{year},
                             std::chrono::month{static_cast<unsigned>(month)},
                             std::chrono::day{static_cast<unsigned>(day)}};
    if (!ymd.ok() || year < 1) {
        return std::nullopt;
    }
    sys_seconds time = sys_days{ymd};
    if (cursor.done()) {
        return time;
    }
    if (!cursor.accept('T') && !cursor.accept('t') && !cursor.accept(' ')) {
        return std::nullopt;
    }
    cursor.skip_spaces();
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (!cursor.one_or_two_digits(hour) || !cursor.accept(':') || !cursor.digits(2, minute)) {
        return std::nullopt;
    }
    if (cursor.accept(':') && !cursor.digits(2, second)) {
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
    time += hours{hour} + minutes{minute} + seconds{second};
    cursor.skip_spaces();
    if (cursor.done()) {
        return time;
    }
    int offset = 0;
    if (!parse_offset(cursor, offset) || !cursor.done()) {
        return std::nullopt;
    }
    return time - seconds{offset};
}

std::string format_day(std::chrono::sys_seconds time) {
    const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(time)};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buffer;
}

} // namespace libsearch::detail
