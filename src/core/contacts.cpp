// Birthdays as contact exports write them.

#include "crm/contacts.hpp"

#include "contacts_text.hpp"

#include <array>
#include <charconv>
#include <date/date.h>

namespace crm {

namespace {

// The digits of `s` split at '-', '/' or '.': "1975/3/14" -> {1975, 3, 14}.
std::vector<std::string_view> date_parts(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i)
        if (i == s.size() || s[i] == '-' || s[i] == '/' || s[i] == '.') {
            out.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    return out;
}

std::optional<unsigned> number(std::string_view s) {
    unsigned v = 0;
    if (s.empty() || s.size() > 4)
        return std::nullopt;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    return v;
}

// Year (0 when none), month and day, in any of the forms exports use.
std::optional<std::array<unsigned, 3>> year_month_day(std::string_view s) {
    s = trim_text(s);
    if (const auto t = s.find('T'); t != std::string_view::npos)
        s = s.substr(0, t); // 1975-03-14T00:00:00Z
    if (s.starts_with("--")) {
        s.remove_prefix(2);
        if (s.size() == 4 && s.find_first_not_of("0123456789") == std::string_view::npos)
            return std::array{0u, *number(s.substr(0, 2)), *number(s.substr(2))};
    }
    if (s.size() == 8 && s.find_first_not_of("0123456789") == std::string_view::npos)
        return std::array{*number(s.substr(0, 4)), *number(s.substr(4, 2)), *number(s.substr(6))};
    const auto parts = date_parts(s);
    std::array<std::optional<unsigned>, 3> n;
    if (parts.size() == 3 && parts[0].size() == 4) {
        n = {number(parts[0]), number(parts[1]), number(parts[2])};
    } else if (parts.size() == 3 && parts[2].size() == 4 && parts[0].size() <= 2) {
        // 8/16/1979 (month first, as Outlook writes in the US) or 16/8/1979
        // (day first): only when one of the two cannot be a month.
        const auto a = number(parts[0]), b = number(parts[1]);
        if (!a || !b || (*a <= 12 && *b <= 12 && *a != *b))
            return std::nullopt;
        n = {number(parts[2]), *a <= 12 ? a : b, *a <= 12 ? b : a};
        if (!n[0])
            return std::nullopt;
        return std::array{*n[0], *n[1], *n[2]};
    } else if (parts.size() == 2 && parts[0].size() <= 2) {
        n = {0u, number(parts[0]), number(parts[1])};
    } else
        return std::nullopt;
    if (!n[0] || !n[1] || !n[2] || parts[1].size() > 2 || parts.back().size() > 2)
        return std::nullopt;
    return std::array{*n[0], *n[1], *n[2]};
}

} // namespace

bool convert_to_utf8(std::string& text, const std::string& encoding) {
    return detail::to_utf8(text, encoding);
}

bool utf8_encoding(std::string_view name) {
    return detail::is_utf8_name(name);
}

std::optional<MonthDay> parse_contact_birthday(std::string_view text) {
    const auto ymd = year_month_day(text);
    if (!ymd)
        return std::nullopt;
    auto [y, m, d] = *ymd;
    // Apple writes 1604 for "no year"; some exports write year 0.
    const bool no_year = y == 0 || y == 1604;
    const date::year_month_day check{date::year{no_year ? 2000 : static_cast<int>(y)},
                                     date::month{m}, date::day{d}};
    if (!check.ok())
        return std::nullopt;
    MonthDay out;
    if (!no_year)
        out.year = static_cast<int>(y);
    out.month = m;
    out.day = d;
    return out;
}

std::optional<LunarMonthDay> parse_contact_lunar(std::string_view text) {
    text = trim_text(text);
    LunarMonthDay out;
    for (std::string_view leap : {"L", "l", "閏", "闰"})
        if (text.starts_with(leap)) {
            out.leap = true;
            text.remove_prefix(leap.size());
        }
    // Apple's X-ALTBDAY: era (4 digits), year of the era (4), month (2), an
    // L for a leap month, day (2): 007700470415, 0078000406L03.
    const bool digits8 = text.size() >= 12 && text.substr(0, 10).find_first_not_of("0123456789") ==
                                                  std::string_view::npos;
    if (digits8 && (text.size() == 12 || (text.size() == 13 && text[10] == 'L'))) {
        const std::string_view day = text.substr(text.size() - 2);
        if (day.find_first_not_of("0123456789") != std::string_view::npos)
            return std::nullopt;
        out.leap = out.leap || text.size() == 13;
        out.month = *number(text.substr(8, 2));
        out.day = *number(day);
        if (out.month < 1 || out.month > 12 || out.day < 1 || out.day > 30)
            return std::nullopt;
        return out;
    }
    const auto ymd = year_month_day(text);
    if (!ymd || (*ymd)[1] < 1 || (*ymd)[1] > 12 || (*ymd)[2] < 1 || (*ymd)[2] > 30)
        return std::nullopt;
    out.month = (*ymd)[1];
    out.day = (*ymd)[2];
    return out;
}

} // namespace crm
