#include "agenda_fixture.hpp"

using namespace crm;
using namespace crm::test;

namespace {

struct Expected {
    const char* date;
    const char* text;
};

struct GregorianCase {
    const char* rule;
    const char* today;
    MonthDay birthday;
    std::vector<Expected> expected;
    Feb29Rule setting = Feb29Rule::feb28;
    std::optional<Feb29Rule> customer_rule = std::nullopt;
};

MonthDay born(int year, unsigned month, unsigned d) {
    return {year, month, d};
}
MonthDay yearless(unsigned month, unsigned d) {
    return {std::nullopt, month, d};
}

struct LunarCase {
    const char* rule;
    const char* today;
    LunarMonthDay birthday;
    std::vector<Expected> expected;
    int window = 30;
    LunarLeapRule leap = LunarLeapRule::regular;
    LunarDay30Rule day30 = LunarDay30Rule::last_day;
    CalendarOverrides overrides = {};
};

void check(const std::vector<Reason>& got, const std::vector<Expected>& expected) {
    check_reasons(got, Kind::birthday, expected);
}

} // namespace

TEST_CASE("add_birthdays") {
    const std::vector<GregorianCase> cases = {
        {"a birthday today is shown",
         "2026-11-23",
         yearless(11, 23),
         {{"2026-11-23", "birthday Mon"}}},
        {"the age is shown when the year is known",
         "2026-11-23",
         born(1976, 11, 27),
         {{"2026-11-27", "birthday Fri (50)"}}},
        {"the last day of the window is shown",
         "2026-11-23",
         yearless(12, 23),
         {{"2026-12-23", "birthday Wed"}}},
        {"the day after the window is not", "2026-11-23", yearless(12, 24), {}},
        {"once the day has passed it is gone: birthdays are never overdue",
         "2026-11-23",
         born(1980, 11, 22),
         {}},
        {"a window across the new year finds next year's birthday",
         "2026-12-20",
         born(1980, 1, 5),
         {{"2027-01-05", "birthday Tue (47)"}}},
        {"the last day of the year",
         "2026-12-31",
         yearless(12, 31),
         {{"2026-12-31", "birthday Thu"}}},
        {"Feb 29 falls on Feb 28 in a common year by default, and says so",
         "2027-02-20",
         born(1980, 2, 29),
         {{"2027-02-28", "birthday Sun (47), Feb 29 → Feb 28"}}},
        {"feb29 = mar1 moves it to Mar 1",
         "2027-02-20",
         born(1980, 2, 29),
         {{"2027-03-01", "birthday Mon (47), Feb 29 → Mar 1"}},
         Feb29Rule::mar1},
        {"the customer's feb29 beats crm.toml's",
         "2027-02-20",
         born(1980, 2, 29),
         {{"2027-02-28", "birthday Sun (47), Feb 29 → Feb 28"}},
         Feb29Rule::mar1,
         Feb29Rule::feb28},
        {"in a leap year Feb 29 is kept",
         "2028-02-20",
         born(1980, 2, 29),
         {{"2028-02-29", "birthday Tue (48)"}},
         Feb29Rule::mar1},
        {"a moved Feb 29 is gone after its day like any other",
         "2027-03-01",
         born(1980, 2, 29),
         {}},
        {"no age in the year of birth",
         "2026-11-23",
         born(2026, 11, 25),
         {{"2026-11-25", "birthday Wed"}}},
    };
    for (const GregorianCase& tc : cases) {
        SUBCASE(tc.rule) {
            Settings s = settings();
            s.calendar.feb29 = tc.setting;
            Customer c = customer("birthday");
            c.birthday = tc.birthday;
            c.calendar.feb29 = tc.customer_rule;
            check(run(rules::add_birthdays, c, context(s, day(tc.today))), tc.expected);
        }
    }
}

TEST_CASE("add_birthdays: lunar") {
    CalendarOverrides skip_day30;
    skip_day30.lunar_day30 = LunarDay30Rule::skip;
    const std::vector<LunarCase> cases = {
        {"a lunar birthday shows both dates",
         "2026-09-01",
         {8, 15, false},
         {{"2026-09-25", "lunar 8/15 → Fri 2026-09-25"}}},
        {"the day has passed: gone", "2026-09-26", {8, 15, false}, {}},
        {"a window across Lunar New Year finds the next lunar year's birthday",
         "2027-01-20",
         {1, 3, false},
         {{"2027-02-08", "lunar 1/3 → Mon 2027-02-08"}}},
        {"a leap-month birthday falls in the leap month when the year has it",
         "2025-07-20",
         {6, 3, true},
         {{"2025-07-27", "lunar L6/3 → Sun 2025-07-27"}}},
        {"and in the regular month of that number when it does not",
         "2026-07-01",
         {6, 3, true},
         {{"2026-07-16", "lunar L6/3 as 6/3 → Thu 2026-07-16"}}},
        {"a regular-month birthday is greeted once in a year with that leap month",
         "2025-06-20",
         {6, 3, false},
         {{"2025-06-27", "lunar 6/3 → Fri 2025-06-27"}},
         45},
        {"lunar_leap = both greets it in the leap month too",
         "2025-06-20",
         {6, 3, false},
         {{"2025-06-27", "lunar 6/3 → Fri 2025-06-27"},
          {"2025-07-27", "lunar 6/3 as L6/3 → Sun 2025-07-27"}},
         45,
         LunarLeapRule::both},
        {"day 30 in a 29-day month falls on its last day",
         "2027-01-20",
         {12, 30, false},
         {{"2027-02-05", "lunar 12/30 as 12/29 → Fri 2027-02-05"}}},
        {"lunar_day30 = skip: no birthday that year",
         "2027-01-20",
         {12, 30, false},
         {},
         30,
         LunarLeapRule::regular,
         LunarDay30Rule::skip},
        {"the customer's lunar_day30 beats crm.toml's",
         "2027-01-20",
         {12, 30, false},
         {},
         30,
         LunarLeapRule::regular,
         LunarDay30Rule::last_day,
         skip_day30},
    };
    for (const LunarCase& tc : cases) {
        SUBCASE(tc.rule) {
            Settings s = settings();
            s.calendar.lunar_leap = tc.leap;
            s.calendar.lunar_day30 = tc.day30;
            Customer c = customer("lunar");
            c.lunar_birthday = tc.birthday;
            c.calendar = tc.overrides;
            check(run(rules::add_birthdays, c, context(s, day(tc.today), 7, tc.window)),
                  tc.expected);
        }
    }
}

TEST_CASE("add_birthdays: both calendars") {
    SUBCASE("a customer with both birthdays gets both reasons") {
        Customer c = customer("both");
        c.birthday = born(1976, 9, 20);
        c.lunar_birthday = LunarMonthDay{8, 15, false};
        check(run(rules::add_birthdays, c, context(settings(), day("2026-09-01"))),
              {{"2026-09-20", "birthday Sun (50)"}, {"2026-09-25", "lunar 8/15 → Fri 2026-09-25"}});
    }
    SUBCASE("a window longer than a year shows each occurrence") {
        Customer c = customer("long");
        c.birthday = yearless(3, 14);
        check(run(rules::add_birthdays, c, context(settings(), day("2026-03-01"), 7, 400)),
              {{"2026-03-14", "birthday Sat"}, {"2027-03-14", "birthday Sun"}});
    }
}
