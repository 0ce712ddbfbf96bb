#include "phrases.hpp"

#include "crm/i18n.hpp"

#include <array>
#include <fmt/format.h>
#include <string_view>

namespace crm::render {

std::string day_and_date(Date d, Date today) {
    if (*language() == '\0')
        return weekday_abbrev(d) + " " + format_date(d);
    // Both Chinese scripts write the weekday with the same characters.
    static constexpr std::array<std::string_view, 7> weekdays = {"日", "一", "二", "三",
                                                                 "四", "五", "六"};
    const date::year_month_day ymd{d};
    const date::year_month_day now{today};
    const std::string_view wd = weekdays[date::weekday{d}.c_encoding()];
    const auto month = static_cast<unsigned>(ymd.month());
    const auto day = static_cast<unsigned>(ymd.day());
    if (ymd.year() == now.year())
        return fmt::format("{}月{}日（{}）", month, day, wd);
    return fmt::format("{}年{}月{}日（{}）", static_cast<int>(ymd.year()), month, day, wd);
}

std::string days(int n) {
    const auto count = static_cast<unsigned long>(n < 0 ? -n : n);
    return trnf("{} day", "{} days", count, n);
}

std::string days_late(int n) {
    return trnf("{} day late", "{} days late", static_cast<unsigned long>(n), n);
}

std::string due_days_ago(int n) {
    return trnf("due {} day ago", "due {} days ago", static_cast<unsigned long>(n), n);
}

std::string lateness_note(int n, bool late) {
    const auto count = static_cast<unsigned long>(n);
    return late ? trnf(" ({} day late)", " ({} days late)", count, n)
                : trnf(" (due {} day ago)", " (due {} days ago)", count, n);
}

} // namespace crm::render
