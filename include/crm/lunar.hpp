#pragma once
// The Chinese (農曆) calendar from 1900 to 2100, defined at UTC+8 whatever the
// user's time zone. See src/core/lunar.cpp for where the month data comes
// from and how it is checked.

#include "crm/dates.hpp"

#include <optional>
#include <vector>

namespace crm {

// A lunar date. `year` is the Gregorian year in which that lunar year begins
// (lunar 2026/1/1 is 2026-02-17).
struct LunarDate {
    int year = 0;
    unsigned month = 1; // 1..12
    unsigned day = 1;   // 1..30
    bool leap = false;  // the intercalary (閏) month of that number
    bool operator==(const LunarDate&) const = default;
};

// The first and last Gregorian dates this module converts correctly.
Date lunar_first_supported();
Date lunar_last_supported();

// Gregorian -> lunar; nullopt outside the supported range.
std::optional<LunarDate> to_lunar(Date d);

// Lunar -> Gregorian; nullopt when that month does not exist in that year
// (a leap month the year lacks), the day is beyond the month's length, or
// the date is outside the supported range.
std::optional<Date> from_lunar(LunarDate ld);

// The leap month's number in lunar year `year` (nullopt when it has none).
std::optional<unsigned> leap_month(int year);

// Days in a lunar month (29 or 30); 0 when the month does not exist.
unsigned month_length(int year, unsigned month, bool leap);

// A lunar birthday as recorded: month, day, and whether it is in a leap month.
struct LunarMonthDay {
    unsigned month = 1;
    unsigned day = 1;
    bool leap = false;
    bool operator==(const LunarMonthDay&) const = default;
};

// How a regular-month birthday is kept in a year that also has the leap
// month of that number: once, in the regular month, or in both.
enum class LunarLeapRule { regular, both };

// Day 30 in a 29-day month: the month's last day, or no birthday that year.
enum class LunarDay30Rule { last_day, skip };

// One Gregorian occurrence of a lunar birthday, with the lunar date it was
// taken from (which may differ from the recorded one, e.g. day 30 -> 29).
struct LunarOccurrence {
    Date date;
    LunarDate lunar;
    bool day_moved = false; // day 30 fell on day 29
};

// Every occurrence of a lunar birthday in lunar year `year`, in date order
// (0, 1 or 2 of them), following the rules in crm(5).
std::vector<LunarOccurrence> lunar_birthdays_in(int year, LunarMonthDay b, LunarLeapRule leap,
                                                LunarDay30Rule day30);

} // namespace crm
