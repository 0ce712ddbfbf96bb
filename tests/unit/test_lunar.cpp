#include "crm/lunar.hpp"

#include <doctest/doctest.h>
#include <optional>
#include <vector>

using namespace crm;

namespace {

constexpr Date ymd(int y, unsigned m, unsigned d) {
    return Date{date::year{y} / date::month{m} / date::day{d}};
}

LunarDate lunar(int year, unsigned month, unsigned day, bool leap = false) {
    return LunarDate{year, month, day, leap};
}

std::vector<Date> dates_of(const std::vector<LunarOccurrence>& occurrences) {
    std::vector<Date> out;
    for (const LunarOccurrence& o : occurrences)
        out.push_back(o.date);
    return out;
}

} // namespace

TEST_CASE("lunar_first_supported") {
    SUBCASE("the range starts with Gregorian 1900, in the 12th month of lunar 1899") {
        CHECK(lunar_first_supported() == ymd(1900, 1, 1));
        CHECK(to_lunar(lunar_first_supported()) == lunar(1899, 12, 1));
    }
}

TEST_CASE("lunar_last_supported") {
    SUBCASE("the range ends with lunar year 2100, in January 2101") {
        CHECK(lunar_last_supported() == ymd(2101, 1, 28));
        CHECK(to_lunar(lunar_last_supported()) == lunar(2100, 12, 29));
    }
}

TEST_CASE("to_lunar") {
    SUBCASE("a month begins on the day of the new moon in Beijing") {
        CHECK(to_lunar(ymd(2026, 2, 17)) == lunar(2026, 1, 1));
        CHECK(to_lunar(ymd(2026, 9, 25)) == lunar(2026, 8, 15));
    }
    SUBCASE("the day before Lunar New Year is the last day of the previous lunar year") {
        CHECK(to_lunar(ymd(2026, 2, 16)) == lunar(2025, 12, 29));
        CHECK(to_lunar(ymd(2026, 1, 1)) == lunar(2025, 11, 13));
    }
    SUBCASE("Lunar New Year 2027 and 2030 are where ICU is a day off") {
        CHECK(to_lunar(ymd(2027, 2, 5)) == lunar(2026, 12, 29));
        CHECK(to_lunar(ymd(2027, 2, 6)) == lunar(2027, 1, 1));
        CHECK(to_lunar(ymd(2030, 2, 2)) == lunar(2029, 12, 30));
        CHECK(to_lunar(ymd(2030, 2, 3)) == lunar(2030, 1, 1));
    }
    SUBCASE("other months ICU starts a day off start on the new moon's day") {
        CHECK(to_lunar(ymd(2018, 11, 7)) == lunar(2018, 9, 30));
        CHECK(to_lunar(ymd(2012, 8, 17)) == lunar(2012, 7, 1));
        CHECK(to_lunar(ymd(1954, 2, 3)) == lunar(1954, 1, 1));
    }
    SUBCASE("a leap month carries the number of the month before it") {
        CHECK(to_lunar(ymd(2023, 3, 21)) == lunar(2023, 2, 30));
        CHECK(to_lunar(ymd(2023, 3, 22)) == lunar(2023, 2, 1, true));
        CHECK(to_lunar(ymd(2023, 4, 19)) == lunar(2023, 2, 29, true));
        CHECK(to_lunar(ymd(2023, 4, 20)) == lunar(2023, 3, 1));
        CHECK(to_lunar(ymd(2025, 7, 25)) == lunar(2025, 6, 1, true));
        CHECK(to_lunar(ymd(2020, 5, 23)) == lunar(2020, 4, 1, true));
    }
    SUBCASE("where ICU misplaces a leap month, the leap month is the one without a major term") {
        CHECK(to_lunar(ymd(1987, 7, 26)) == lunar(1987, 6, 1, true));
        CHECK(to_lunar(ymd(1987, 8, 24)) == lunar(1987, 7, 1));
    }
    SUBCASE("where the sources disagree, the Hong Kong Observatory's table decides") {
        CHECK(to_lunar(ymd(2057, 9, 28)) == lunar(2057, 8, 30));
        CHECK(to_lunar(ymd(2057, 9, 29)) == lunar(2057, 9, 1));
    }
    SUBCASE("dates outside the supported range have no lunar date") {
        CHECK(to_lunar(ymd(1899, 12, 31)) == std::nullopt);
        CHECK(to_lunar(ymd(2101, 1, 29)) == std::nullopt);
    }
}

TEST_CASE("from_lunar") {
    SUBCASE("a lunar date converts back to its Gregorian day") {
        CHECK(from_lunar(lunar(2026, 1, 1)) == ymd(2026, 2, 17));
        CHECK(from_lunar(lunar(2026, 8, 15)) == ymd(2026, 9, 25));
        CHECK(from_lunar(lunar(2026, 1, 30)) == ymd(2026, 3, 18));
        CHECK(from_lunar(lunar(2023, 2, 10, true)) == ymd(2023, 3, 31));
        CHECK(from_lunar(lunar(2033, 11, 1, true)) == ymd(2033, 12, 22));
    }
    SUBCASE("a leap month the year lacks does not exist") {
        CHECK(from_lunar(lunar(2024, 2, 1, true)) == std::nullopt);
        CHECK(from_lunar(lunar(2023, 3, 1, true)) == std::nullopt);
    }
    SUBCASE("day 30 of a 29-day month does not exist") {
        CHECK(from_lunar(lunar(2026, 2, 30)) == std::nullopt);
        CHECK(from_lunar(lunar(2023, 2, 30, true)) == std::nullopt);
    }
    SUBCASE("months and days outside 1..12 and 1..30 do not exist") {
        CHECK(from_lunar(lunar(2026, 0, 1)) == std::nullopt);
        CHECK(from_lunar(lunar(2026, 13, 1)) == std::nullopt);
        CHECK(from_lunar(lunar(2026, 1, 0)) == std::nullopt);
        CHECK(from_lunar(lunar(2026, 1, 31)) == std::nullopt);
    }
    SUBCASE("dates outside the supported range do not convert") {
        CHECK(from_lunar(lunar(1899, 12, 1)) == ymd(1900, 1, 1));
        CHECK(from_lunar(lunar(1899, 11, 30)) == std::nullopt);
        CHECK(from_lunar(lunar(1898, 1, 1)) == std::nullopt);
        CHECK(from_lunar(lunar(2100, 12, 29)) == ymd(2101, 1, 28));
        CHECK(from_lunar(lunar(2101, 1, 1)) == std::nullopt);
    }
}

TEST_CASE("leap_month") {
    SUBCASE("a year with a leap month names it") {
        CHECK(leap_month(2023) == 2U);
        CHECK(leap_month(2025) == 6U);
        CHECK(leap_month(2020) == 4U);
        CHECK(leap_month(2033) == 11U);
    }
    SUBCASE("the leap months ICU misplaces follow the month without a major term") {
        CHECK(leap_month(1917) == 2U);
        CHECK(leap_month(1922) == 5U);
        CHECK(leap_month(1987) == 6U);
    }
    SUBCASE("a year without a leap month has none") {
        CHECK(leap_month(2024) == std::nullopt);
        CHECK(leap_month(2026) == std::nullopt);
    }
    SUBCASE("years outside the supported range have none") {
        CHECK(leap_month(1898) == std::nullopt);
        CHECK(leap_month(2101) == std::nullopt);
    }
}

TEST_CASE("month_length") {
    SUBCASE("a month has 29 or 30 days") {
        CHECK(month_length(2026, 1, false) == 30);
        CHECK(month_length(2026, 2, false) == 29);
        CHECK(month_length(2023, 2, false) == 30);
        CHECK(month_length(2023, 2, true) == 29);
    }
    SUBCASE("a month that does not exist has no days") {
        CHECK(month_length(2024, 2, true) == 0);
        CHECK(month_length(2026, 13, false) == 0);
        CHECK(month_length(1899, 11, false) == 0);
        CHECK(month_length(2101, 1, false) == 0);
    }
    SUBCASE("the supported range starts with a whole month") {
        CHECK(month_length(1899, 12, false) == 30);
    }
}

TEST_CASE("lunar_birthdays_in") {
    const auto regular = LunarLeapRule::regular;
    const auto both = LunarLeapRule::both;
    const auto last_day = LunarDay30Rule::last_day;
    const auto skip = LunarDay30Rule::skip;

    SUBCASE("a birthday falls on its lunar date in the given lunar year") {
        const auto got = lunar_birthdays_in(2026, {8, 15, false}, regular, last_day);
        REQUIRE(got.size() == 1);
        CHECK(got[0].date == ymd(2026, 9, 25));
        CHECK(got[0].lunar == lunar(2026, 8, 15));
        CHECK_FALSE(got[0].day_moved);
    }
    SUBCASE("a leap-month birthday falls in that leap month in a year that has it") {
        const auto got = lunar_birthdays_in(2023, {2, 10, true}, regular, last_day);
        REQUIRE(got.size() == 1);
        CHECK(got[0].date == ymd(2023, 3, 31));
        CHECK(got[0].lunar == lunar(2023, 2, 10, true));
    }
    SUBCASE("a leap-month birthday falls in the regular month in a year without that leap month") {
        const auto got = lunar_birthdays_in(2024, {2, 10, true}, both, last_day);
        REQUIRE(got.size() == 1);
        CHECK(got[0].date == ymd(2024, 3, 19));
        CHECK(got[0].lunar == lunar(2024, 2, 10));
        CHECK(dates_of(lunar_birthdays_in(2025, {2, 10, true}, both, last_day)) ==
              std::vector{ymd(2025, 3, 9)});
    }
    SUBCASE("a regular-month birthday in a year with that leap month is kept once, in the "
            "regular month, under the regular rule") {
        const auto got = lunar_birthdays_in(2023, {2, 10, false}, regular, last_day);
        REQUIRE(got.size() == 1);
        CHECK(got[0].date == ymd(2023, 3, 1));
        CHECK(got[0].lunar == lunar(2023, 2, 10));
    }
    SUBCASE("a regular-month birthday in a year with that leap month is kept in both months, "
            "in date order, under the both rule") {
        const auto got = lunar_birthdays_in(2023, {2, 10, false}, both, last_day);
        REQUIRE(got.size() == 2);
        CHECK(got[0].date == ymd(2023, 3, 1));
        CHECK(got[0].lunar == lunar(2023, 2, 10));
        CHECK(got[1].date == ymd(2023, 3, 31));
        CHECK(got[1].lunar == lunar(2023, 2, 10, true));
    }
    SUBCASE("the both rule adds nothing in a year whose leap month has another number") {
        CHECK(dates_of(lunar_birthdays_in(2025, {2, 10, false}, both, last_day)) ==
              std::vector{ymd(2025, 3, 9)});
    }
    SUBCASE("day 30 in a 29-day month falls on the month's last day under last-day") {
        const auto got = lunar_birthdays_in(2026, {8, 30, false}, regular, last_day);
        REQUIRE(got.size() == 1);
        CHECK(got[0].date == ymd(2026, 10, 9));
        CHECK(got[0].lunar == lunar(2026, 8, 29));
        CHECK(got[0].day_moved);
    }
    SUBCASE("day 30 in a 29-day month gives no birthday under skip") {
        CHECK(lunar_birthdays_in(2026, {8, 30, false}, regular, skip).empty());
    }
    SUBCASE("day 30 in a 30-day month stays on day 30") {
        const auto got = lunar_birthdays_in(2026, {9, 30, false}, regular, skip);
        REQUIRE(got.size() == 1);
        CHECK(got[0].date == ymd(2026, 11, 8));
        CHECK_FALSE(got[0].day_moved);
    }
    SUBCASE("under both, each month applies the day-30 rule by its own length") {
        const auto moved = lunar_birthdays_in(2023, {2, 30, false}, both, last_day);
        REQUIRE(moved.size() == 2);
        CHECK(moved[0].lunar == lunar(2023, 2, 30));
        CHECK_FALSE(moved[0].day_moved);
        CHECK(moved[1].lunar == lunar(2023, 2, 29, true));
        CHECK(moved[1].date == ymd(2023, 4, 19));
        CHECK(moved[1].day_moved);
        CHECK(dates_of(lunar_birthdays_in(2023, {2, 30, false}, both, skip)) ==
              std::vector{ymd(2023, 3, 21)});
    }
    SUBCASE("a leap-month day 30 in a 29-day leap month follows the day-30 rule") {
        const auto got = lunar_birthdays_in(2023, {2, 30, true}, regular, last_day);
        REQUIRE(got.size() == 1);
        CHECK(got[0].lunar == lunar(2023, 2, 29, true));
        CHECK(got[0].day_moved);
        CHECK(lunar_birthdays_in(2023, {2, 30, true}, regular, skip).empty());
    }
    SUBCASE("a lunar year outside the supported range gives only the days inside it") {
        CHECK(dates_of(lunar_birthdays_in(1899, {12, 1, false}, regular, last_day)) ==
              std::vector{ymd(1900, 1, 1)});
        CHECK(lunar_birthdays_in(1899, {5, 1, false}, regular, last_day).empty());
        CHECK(lunar_birthdays_in(2101, {1, 1, false}, regular, last_day).empty());
    }
    SUBCASE("a birthday that names no real month or day gives nothing") {
        CHECK(lunar_birthdays_in(2026, {13, 1, false}, regular, last_day).empty());
        CHECK(lunar_birthdays_in(2026, {1, 31, false}, regular, last_day).empty());
        CHECK(lunar_birthdays_in(2026, {1, 0, false}, regular, last_day).empty());
    }
}

TEST_CASE("to_lunar and from_lunar") {
    SUBCASE("every supported day converts to a lunar date and back") {
        int failures = 0;
        for (Date d = lunar_first_supported(); d <= lunar_last_supported(); d += date::days{1}) {
            const auto ld = to_lunar(d);
            if (!ld || from_lunar(*ld) != d)
                ++failures;
        }
        CHECK(failures == 0);
    }
}
