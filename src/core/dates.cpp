#include "crm/dates.hpp"

#include <charconv>
#include <fmt/format.h>

namespace crm {

namespace {

bool parse_number(std::string_view s, int& out) {
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && end == s.data() + s.size();
}

} // namespace

std::optional<Date> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    int y = 0, m = 0, d = 0;
    if (!parse_number(text.substr(0, 4), y) || !parse_number(text.substr(5, 2), m) ||
        !parse_number(text.substr(8, 2), d) || m < 1 || d < 1)
        return std::nullopt;
    const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                                   date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok())
        return std::nullopt;
    return date::sys_days{ymd};
}

// Written without a format string: the agenda writes several per line.
std::string format_date(Date d) {
    const date::year_month_day ymd{d};
    const int year = static_cast<int>(ymd.year());
    const auto m = static_cast<unsigned>(ymd.month());
    const auto day = static_cast<unsigned>(ymd.day());
    if (year < 0 || year > 9999)
        return fmt::format("{:04}-{:02}-{:02}", year, m, day);
    const auto digit = [](unsigned n) { return static_cast<char>('0' + n % 10); };
    const auto y = static_cast<unsigned>(year);
    return {digit(y / 1000), digit(y / 100), digit(y / 10), digit(y),        '-',
            digit(m / 10),   digit(m),       '-',           digit(day / 10), digit(day)};
}

std::string weekday_abbrev(Date d) {
    static constexpr const char* names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    return names[date::weekday{d}.c_encoding()];
}

Date clamp_day(date::year_month ym, unsigned day) {
    const date::day last =
        date::year_month_day_last{ym.year(), date::month_day_last{ym.month()}}.day();
    const date::day wanted{day};
    return date::sys_days{ym / (wanted < last ? wanted : last)};
}

Date next_monthly(Date from, unsigned day) {
    const date::year_month_day ymd{from};
    const date::year_month ym{ymd.year(), ymd.month()};
    const Date this_month = clamp_day(ym, day);
    if (this_month >= from)
        return this_month;
    return clamp_day(ym + date::months{1}, day);
}

Anniversary anniversary_in(int year, MonthDay md, Feb29Rule rule) {
    const date::year y{year};
    if (md.month == 2 && md.day == 29 && !y.is_leap()) {
        const date::year_month_day moved =
            rule == Feb29Rule::feb28 ? y / date::February / 28 : y / date::March / 1;
        return {date::sys_days{moved}, true};
    }
    return {date::sys_days{y / date::month{md.month} / date::day{md.day}}, false};
}

} // namespace crm
