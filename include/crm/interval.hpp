#pragma once
// Intervals as people write them in crm.toml: "7d", "2w", "3m", "1y".
// Months and years are calendar months: adding 1m to Jan 31 gives Feb 28/29.

#include <date/date.h>
#include <optional>
#include <string>
#include <string_view>

namespace crm {

struct Interval {
    enum class Unit { day, week, month, year };
    int count = 0;
    Unit unit = Unit::day;

    bool operator==(const Interval&) const = default;
    static constexpr Interval days(int n) { return {n, Unit::day}; }
};

// "7d", "2w", "3m", "1y" (count >= 0); nullopt for anything else.
std::optional<Interval> parse_interval(std::string_view text);

// Back to the canonical spelling, "7d".
std::string format_interval(Interval i);

// `from` moved forward by the interval; month arithmetic clamps to the
// month's last day (Jan 31 + 1m = Feb 28), never drifting across months.
date::sys_days add(date::sys_days from, Interval i);
date::sys_days subtract(date::sys_days from, Interval i);

// Approximate length in days (months count 30, years 365), for comparing
// and scaling intervals, e.g. a product's life divided by a household.
int approx_days(Interval i);

} // namespace crm
