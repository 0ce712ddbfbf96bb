#include "crm/i18n.hpp"
#include "crm/spoken.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace crm;

namespace {

Date day(const char* text) {
    return *parse_date(text);
}

// The language for one test case; the catalog itself is not bound here, so
// only the forms spoken.cpp writes itself are Chinese.
struct Language {
    explicit Language(const char* lang) { i18n::set_language(lang); }
    ~Language() { i18n::set_language(""); }
    Language(const Language&) = delete;
    Language& operator=(const Language&) = delete;
};

} // namespace

TEST_CASE("spoken dates in English are the ISO forms") {
    const Date today = day("2026-12-01");
    CHECK(spoken_date(day("2027-01-05"), today) == "2027-01-05");
    CHECK(spoken_day_and_date(day("2026-12-08"), today) == "Tue 2026-12-08");
    CHECK(spoken_weekday(day("2026-12-08")) == "Tue");
    CHECK(spoken_interval({3, Interval::Unit::week}) == "3w");
    CHECK(spoken_lunar(4, 5, true) == "L4/5");
    CHECK(spoken_lunar(12, 30, false) == "12/30");
}

TEST_CASE("spoken dates in Chinese") {
    const Date today = day("2026-12-01");
    SUBCASE("the year only when it is not today's") {
        const Language zh("zh_TW");
        CHECK(spoken_date(day("2026-12-08"), today) == "12月8日");
        CHECK(spoken_date(day("2027-01-05"), today) == "2027年1月5日");
        CHECK(spoken_day_and_date(day("2026-12-08"), today) == "12月8日（二）");
        CHECK(spoken_day_and_date(day("2025-12-31"), today) == "2025年12月31日（三）");
    }
    SUBCASE("the weekday in each script") {
        {
            const Language tw("zh_TW");
            CHECK(spoken_weekday(day("2026-12-06")) == "週日");
        }
        const Language cn("zh_CN");
        CHECK(spoken_weekday(day("2026-12-06")) == "周日");
    }
}

TEST_CASE("lunar months and days as a calendar writes them") {
    const Language zh("zh_TW");
    SUBCASE("every day of a month") {
        const char* const days[] = {"初一", "初二", "初三", "初四", "初五", "初六", "初七", "初八",
                                    "初九", "初十", "十一", "十二", "十三", "十四", "十五", "十六",
                                    "十七", "十八", "十九", "二十", "廿一", "廿二", "廿三", "廿四",
                                    "廿五", "廿六", "廿七", "廿八", "廿九", "三十"};
        for (unsigned d = 1; d <= 30; ++d)
            CHECK(spoken_lunar(3, d, false) == std::string("三月") + days[d - 1]);
    }
    SUBCASE("the first, tenth, eleventh and twelfth months") {
        CHECK(spoken_lunar(1, 1, false) == "正月初一");
        CHECK(spoken_lunar(10, 20, false) == "十月二十");
        CHECK(spoken_lunar(11, 5, false) == "十一月初五");
        CHECK(spoken_lunar(12, 30, false) == "十二月三十");
    }
    SUBCASE("a leap month in each script") {
        CHECK(spoken_lunar(4, 5, true) == "閏四月初五");
        const Language cn("zh_CN");
        CHECK(spoken_lunar(4, 5, true) == "闰四月初五");
    }
    SUBCASE("numbers no calendar has stay numbers") {
        CHECK(spoken_lunar(13, 0, false) == "13月0");
        CHECK(spoken_lunar(2, 31, false) == "二月31");
    }
}
