#include "crm/interval.hpp"

#include "crm/dates.hpp"

#include <charconv>
#include <fmt/format.h>

namespace crm {

std::optional<Interval> parse_interval(std::string_view text) {
    if (text.size() < 2)
        return std::nullopt;
    Interval out;
    switch (text.back()) {
    case 'd':
        out.unit = Interval::Unit::day;
        break;
    case 'w':
        out.unit = Interval::Unit::week;
        break;
    case 'm':
        out.unit = Interval::Unit::month;
        break;
    case 'y':
        out.unit = Interval::Unit::year;
        break;
    default:
        return std::nullopt;
    }
    const std::string_view number = text.substr(0, text.size() - 1);
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), out.count);
    if (ec != std::errc{} || end != number.data() + number.size() || out.count < 0 ||
        out.count > 10000)
        return std::nullopt;
    return out;
}

std::string format_interval(Interval i) {
    static constexpr char units[] = {'d', 'w', 'm', 'y'};
    return fmt::format("{}{}", i.count, units[static_cast<int>(i.unit)]);
}

namespace {

date::sys_days add_months(date::sys_days from, int months) {
    const date::year_month_day ymd{from};
    const date::year_month ym = date::year_month{ymd.year(), ymd.month()} + date::months{months};
    return clamp_day(ym, static_cast<unsigned>(ymd.day()));
}

} // namespace

date::sys_days add(date::sys_days from, Interval i) {
    switch (i.unit) {
    case Interval::Unit::day:
        return from + date::days{i.count};
    case Interval::Unit::week:
        return from + date::days{7 * i.count};
    case Interval::Unit::month:
        return add_months(from, i.count);
    case Interval::Unit::year:
        return add_months(from, 12 * i.count);
    }
    return from;
}

date::sys_days subtract(date::sys_days from, Interval i) {
    switch (i.unit) {
    case Interval::Unit::day:
        return from - date::days{i.count};
    case Interval::Unit::week:
        return from - date::days{7 * i.count};
    case Interval::Unit::month:
        return add_months(from, -i.count);
    case Interval::Unit::year:
        return add_months(from, -12 * i.count);
    }
    return from;
}

int approx_days(Interval i) {
    static constexpr int per_unit[] = {1, 7, 30, 365};
    return i.count * per_unit[static_cast<int>(i.unit)];
}

} // namespace crm
