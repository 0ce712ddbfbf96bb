#include "agenda_fixture.hpp"

using namespace crm;
using namespace crm::test;

namespace {

struct Expected {
    const char* date;
    int days_late;
    const char* text;
};

struct RunoutCase {
    const char* rule;
    const char* today;
    unsigned household;
    std::vector<Purchase> purchases;
    std::vector<Expected> expected;
};

Purchase with_lasts(Purchase p, Interval lasts) {
    p.lasts = lasts;
    return p;
}

} // namespace

// rice-10kg: 60d per person, warn 5d; oil-2l: 30d per bottle, warn 3d.
TEST_CASE("add_runouts") {
    const std::vector<RunoutCase> cases = {
        {"a purchase lasts its life divided by the household, warned warn days ahead",
         "2026-11-23",
         2,
         {bought("2026-10-30", "rice-10kg")},
         {{"2026-11-24", 0, "rice-10kg runs out Sun 2026-11-29"}}},
        {"the warning on the horizon's last day is shown",
         "2026-11-23",
         1,
         {bought("2026-10-06", "rice-10kg")},
         {{"2026-11-30", 0, "rice-10kg runs out Sat 2026-12-05"}}},
        {"the day after the horizon is not",
         "2026-11-23",
         1,
         {bought("2026-10-07", "rice-10kg")},
         {}},
        {"the quantity multiplies the life",
         "2026-11-23",
         4,
         {bought("2026-10-25", "rice-10kg", 2)},
         {{"2026-11-19", 0, "rice-10kg runs out Tue 2026-11-24"}}},
        {"a product not per person ignores the household",
         "2026-11-23",
         4,
         {bought("2026-11-01", "oil-2l")},
         {{"2026-11-28", 0, "oil-2l runs out Tue 2026-12-01"}}},
        {"part of a day rounds down, so the warning is never late",
         "2026-11-23",
         7,
         {bought("2026-11-15", "rice-10kg")},
         {{"2026-11-18", 0, "rice-10kg runs out Mon 2026-11-23"}}},
        {"stock bought before the run-out carries over",
         "2026-11-23",
         2,
         {bought("2026-10-01", "rice-10kg"), bought("2026-10-20", "rice-10kg")},
         {{"2026-11-25", 0, "rice-10kg runs out Mon 2026-11-30"}}},
        {"purchases out of date order in the file are chained by date",
         "2026-11-23",
         2,
         {bought("2026-10-20", "rice-10kg"), bought("2026-10-01", "rice-10kg")},
         {{"2026-11-25", 0, "rice-10kg runs out Mon 2026-11-30"}}},
        {"bought again after running out, the chain restarts",
         "2026-11-23",
         2,
         {bought("2026-09-01", "rice-10kg"), bought("2026-10-25", "rice-10kg")},
         {{"2026-11-19", 0, "rice-10kg runs out Tue 2026-11-24"}}},
        {"an overdue run-out stays, late from the run-out day (not the warning), until a "
         "new purchase",
         "2026-11-23",
         2,
         {bought("2026-09-01", "rice-10kg")},
         {{"2026-09-26", 53, "rice-10kg ran out Thu 2026-10-01"}}},
        {"a purchase's own lasts wins over the product's",
         "2026-11-23",
         1,
         {with_lasts(bought("2026-11-20", "oil-2l"), days(10))},
         {{"2026-11-27", 0, "oil-2l runs out Mon 2026-11-30"}}},
        {"free text with its own lasts: not per person, warned 5 days ahead",
         "2026-11-23",
         3,
         {with_lasts(bought("2026-11-10", "tea"), days(20))},
         {{"2026-11-25", 0, "tea runs out Mon 2026-11-30"}}},
        {"a month of life counts 30 days",
         "2026-11-23",
         1,
         {with_lasts(bought("2026-10-01", "oil-2l"), months(2))},
         {{"2026-11-27", 0, "oil-2l runs out Mon 2026-11-30"}}},
        {"products without a life never run out",
         "2026-11-23",
         1,
         {bought("2025-01-01", "manual"), bought("2025-01-01", "chair")},
         {}},
        {"each product has its own chain",
         "2026-11-23",
         2,
         {bought("2026-10-30", "rice-10kg"), bought("2026-11-01", "oil-2l")},
         {{"2026-11-28", 0, "oil-2l runs out Tue 2026-12-01"},
          {"2026-11-24", 0, "rice-10kg runs out Sun 2026-11-29"}}},
        {"a run-out across the new year",
         "2027-01-05",
         1,
         {bought("2026-12-15", "oil-2l")},
         {{"2027-01-11", 0, "oil-2l runs out Thu 2027-01-14"}}},
        {"a chain through a leap day",
         "2028-02-20",
         1,
         {bought("2028-01-31", "oil-2l")},
         {{"2028-02-27", 0, "oil-2l runs out Wed 2028-03-01"}}},
    };
    for (const RunoutCase& tc : cases) {
        SUBCASE(tc.rule) {
            Customer c = customer("household");
            c.household = tc.household;
            c.purchases = tc.purchases;
            const std::vector<Reason> got =
                run(rules::add_runouts, c, context(settings(), day(tc.today)));
            check_reasons(got, Kind::runout, tc.expected);
        }
    }
}

TEST_CASE("add_runouts at the limits") {
    using namespace crm::test;
    SUBCASE("long lives times large quantities never overflow the day count") {
        Settings s = settings();
        Customer c = customer("big");
        for (int i = 0; i < 3; ++i) {
            Purchase p = bought("2026-11-01", "forever", 1'000'000);
            p.lasts = Interval{10000, Interval::Unit::year};
            c.purchases.push_back(p);
        }
        const Date today = day("2026-11-23");
        const auto reasons = run(rules::add_runouts, c, context(s, today, 3'000'000));
        REQUIRE(reasons.size() == 1);
        CHECK(reasons[0].date > today);
        CHECK(reasons[0].days_late == 0);
        CAPTURE(reasons[0].text);
        // Each purchase lasts at most a hundred years: three of them, 300.
        CHECK(reasons[0].text == "forever runs out Thu 2326-11-04");
    }
    SUBCASE("a chain of such purchases stops at the last day dates reach") {
        Settings s = settings();
        Customer c = customer("big");
        for (int i = 0; i < 100; ++i) {
            Purchase p = bought("2026-11-01", "forever", 1'000'000);
            p.lasts = Interval{10000, Interval::Unit::year};
            c.purchases.push_back(p);
        }
        const auto reasons = run(rules::add_runouts, c, context(s, day("2026-11-23"), 3'000'000));
        REQUIRE(reasons.size() == 1);
        CHECK(reasons[0].text == "forever runs out Fri 9999-12-31");
    }
}
