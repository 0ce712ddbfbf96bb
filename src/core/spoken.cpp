#include "crm/spoken.hpp"

#include "crm/i18n.hpp"

#include <array>
#include <fmt/format.h>
#include <string_view>

namespace crm {

namespace {

bool english() {
    return *language() == '\0';
}

bool simplified() {
    return std::string_view(language()) == "zh_CN";
}

// Both Chinese scripts write the weekdays with the same characters.
std::string_view chinese_weekday(Date d) {
    static constexpr std::array<std::string_view, 7> names = {"日", "一", "二", "三",
                                                              "四", "五", "六"};
    return names[date::weekday{d}.c_encoding()];
}

std::string chinese_date(Date d, Date today) {
    const date::year_month_day ymd{d};
    const auto month = static_cast<unsigned>(ymd.month());
    const auto day = static_cast<unsigned>(ymd.day());
    if (ymd.year() == date::year_month_day{today}.year())
        return fmt::format("{}月{}日", month, day);
    return fmt::format("{}年{}月{}日", static_cast<int>(ymd.year()), month, day);
}

} // namespace

std::string spoken_date(Date d, Date today) {
    return english() ? format_date(d) : chinese_date(d, today);
}

std::string spoken_day_and_date(Date d, Date today) {
    if (english())
        return weekday_abbrev(d) + " " + format_date(d);
    return fmt::format("{}（{}）", chinese_date(d, today), chinese_weekday(d));
}

std::string spoken_weekday(Date d) {
    if (english())
        return weekday_abbrev(d);
    return fmt::format("{}{}", simplified() ? "周" : "週", chinese_weekday(d));
}

std::string spoken_interval(Interval i) {
    if (english())
        return format_interval(i);
    const auto n = static_cast<unsigned long>(i.count < 0 ? -i.count : i.count);
    switch (i.unit) {
    case Interval::Unit::day:
        return trnf("{} day", "{} days", n, i.count);
    case Interval::Unit::week:
        return trnf("{} week", "{} weeks", n, i.count);
    case Interval::Unit::month:
        return trnf("{} month", "{} months", n, i.count);
    case Interval::Unit::year:
        return trnf("{} year", "{} years", n, i.count);
    }
    return format_interval(i);
}

std::string spoken_log_kind(std::string_view kind) {
    for (const char* known : {N_("visit"), N_("call"), N_("message"), N_("email")})
        if (kind == known)
            return tr(known);
    return std::string(kind);
}

std::string spoken_lunar(unsigned month, unsigned day, bool leap) {
    if (english())
        return fmt::format("{}{}/{}", leap ? "L" : "", month, day);
    static constexpr std::array<std::string_view, 11> digits = {"",   "一", "二", "三", "四", "五",
                                                                "六", "七", "八", "九", "十"};
    std::string out = leap ? (simplified() ? "闰" : "閏") : "";
    // 正月, 二月 … 十月, 十一月, 十二月.
    if (month == 1)
        out += "正";
    else if (month <= 10)
        out += digits[month];
    else if (month <= 12)
        out += fmt::format("十{}", digits[month - 10]);
    else
        out += std::to_string(month);
    out += "月";
    // 初一 … 初十, 十一 … 十九, 二十, 廿一 … 廿九, 三十.
    if (day == 0 || day > 30)
        out += std::to_string(day);
    else if (day <= 10)
        out += fmt::format("初{}", digits[day]);
    else if (day < 20)
        out += fmt::format("十{}", digits[day - 10]);
    else if (day == 20)
        out += "二十";
    else if (day < 30)
        out += fmt::format("廿{}", digits[day - 20]);
    else
        out += "三十";
    return out;
}

} // namespace crm
