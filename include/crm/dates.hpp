#pragma once
// Calendar rules on plain dates (never timestamps): month-end clamping,
// Feb 29 in common years, paydays.

#include <date/date.h>
#include <optional>
#include <string>
#include <string_view>

namespace crm {

using Date = date::sys_days;

// "2026-02-30" and friends are rejected: nullopt unless the date exists.
std::optional<Date> parse_date(std::string_view text);

// "2026-11-23".
std::string format_date(Date d);

// "Mon".
std::string weekday_abbrev(Date d);

// The given day of a month, or the month's last day when it is shorter
// (day 31 in April is Apr 30). Paydays and other "monthly" dates use it so
// that they never drift.
Date clamp_day(date::year_month ym, unsigned day);

// The first date >= `from` whose day of month is `day` (clamped).
Date next_monthly(Date from, unsigned day);

// How a Feb 29 birthday is kept in a common year.
enum class Feb29Rule { feb28, mar1 };

// A Gregorian month and day, with the year when it is known.
struct MonthDay {
    std::optional<int> year;
    unsigned month = 1;
    unsigned day = 1;
    bool operator==(const MonthDay&) const = default;
};

// The date a month/day falls on in `year`; `moved` tells whether a Feb 29 was
// moved by the rule.
struct Anniversary {
    Date date;
    bool moved = false;
};
Anniversary anniversary_in(int year, MonthDay md, Feb29Rule rule);

// Whole days from a to b (negative when b is before a).
inline int days_between(Date a, Date b) {
    return static_cast<int>((b - a).count());
}

} // namespace crm
