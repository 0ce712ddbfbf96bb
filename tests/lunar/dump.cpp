// Prints crm's lunar conversion for every day of the supported range (and a
// few days either side), plus each lunar year's months, for crosscheck.py:
//
//   range FIRST LAST                     lunar_first/last_supported()
//   day DATE YEAR MONTH DAY LEAP BACK    to_lunar(DATE); BACK = from_lunar of it
//   day DATE -                           to_lunar(DATE) is nullopt
//   year YEAR LEAP LEN1 .. LEN12 LENLEAP leap_month() (0: none), month_length()

#include "crm/lunar.hpp"

#include <cstdio>
#include <string>

namespace {

std::string iso(crm::Date d) {
    const date::year_month_day ymd{d};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
}

void print_day(crm::Date d) {
    const auto ld = crm::to_lunar(d);
    if (!ld) {
        std::printf("day %s -\n", iso(d).c_str());
        return;
    }
    const auto back = crm::from_lunar(*ld);
    std::printf("day %s %d %u %u %d %s\n", iso(d).c_str(), ld->year, ld->month, ld->day,
                ld->leap ? 1 : 0, back ? iso(*back).c_str() : "-");
}

void print_year(int year) {
    const unsigned leap = crm::leap_month(year).value_or(0);
    std::printf("year %d %u", year, leap);
    for (unsigned m = 1; m <= 12; ++m)
        std::printf(" %u", crm::month_length(year, m, false));
    std::printf(" %u\n", leap != 0 ? crm::month_length(year, leap, true) : 0U);
}

} // namespace

int main() {
    const crm::Date first = crm::lunar_first_supported();
    const crm::Date last = crm::lunar_last_supported();
    std::printf("range %s %s\n", iso(first).c_str(), iso(last).c_str());
    for (crm::Date d = first - date::days{3}; d <= last + date::days{3}; d += date::days{1})
        print_day(d);
    const int first_year = crm::to_lunar(first)->year;
    const int last_year = crm::to_lunar(last)->year;
    for (int y = first_year - 1; y <= last_year + 1; ++y)
        print_year(y);
}
