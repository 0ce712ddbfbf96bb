#include "agenda_fixture.hpp"

using namespace crm;
using namespace crm::test;

namespace {

struct Expected {
    const char* date; // the step's due date
    int days_late;
    const char* text;
};

struct FollowupCase {
    const char* rule;
    const char* today;
    std::vector<Purchase> purchases;
    std::vector<LogEntry> logs;
    std::vector<Expected> expected;
    std::vector<Interval> steps = {days(3), days(7), days(30)};
};

const char* rice_3d = "3d after buying rice-10kg on 2026-11-01";
const char* rice_7d = "7d after buying rice-10kg on 2026-11-01";
const char* rice_30d = "30d after buying rice-10kg on 2026-11-01";

std::vector<Purchase> rice() {
    return {bought("2026-11-01", "rice-10kg")};
}

} // namespace

TEST_CASE("add_followups") {
    const std::vector<FollowupCase> cases = {
        {"the first step is due its interval after the purchase",
         "2026-11-04",
         rice(),
         {},
         {{"2026-11-04", 0, rice_3d}}},
        {"a step not yet due shows when it falls in the horizon",
         "2026-11-01",
         rice(),
         {},
         {{"2026-11-04", 0, rice_3d}}},
        {"a contact on the purchase day is the sale, not a follow-up",
         "2026-11-04",
         rice(),
         {log_on("2026-11-01")},
         {{"2026-11-04", 0, rice_3d}}},
        {"a contact after the purchase does the first step",
         "2026-11-04",
         rice(),
         {log_on("2026-11-02")},
         {{"2026-11-08", 0, rice_7d}}},
        {"a contact on a step's due date does not do the next step",
         "2026-11-08",
         rice(),
         {log_on("2026-11-04")},
         {{"2026-11-08", 0, rice_7d}}},
        {"a contact after the previous step's due date does the step",
         "2026-11-08",
         rice(),
         {log_on("2026-11-05")},
         {}},
        {"missed steps collapse: only the newest due step shows",
         "2026-11-12",
         rice(),
         {},
         {{"2026-11-08", 4, rice_7d}}},
        {"a step gives way to the next when that one is due",
         "2026-12-01",
         rice(),
         {},
         {{"2026-12-01", 0, rice_30d}}},
        {"the last step stays until it has been due as long as itself",
         "2026-12-30",
         rice(),
         {},
         {{"2026-12-01", 29, rice_30d}}},
        {"then the last step is dropped", "2026-12-31", rice(), {}, {}},
        {"a back-dated contact counts by its own date",
         "2026-12-05",
         rice(),
         {log_on("2026-11-20"), log_on("2026-11-03")},
         {}},
        {"the last day of the horizon is shown",
         "2026-11-24",
         rice(),
         {log_on("2026-11-06")},
         {{"2026-12-01", 0, rice_30d}}},
        {"the day after the horizon is not", "2026-11-23", rice(), {log_on("2026-11-06")}, {}},
        {"purchases on the same day are one sale with one follow-up",
         "2026-11-04",
         {bought("2026-11-01", "rice-10kg"), bought("2026-11-01", "oil-2l")},
         {},
         {{"2026-11-04", 0, "3d after buying rice-10kg, oil-2l on 2026-11-01"}}},
        {"each sale has its own follow-up",
         "2026-11-23",
         {bought("2026-11-20", "oil-2l"), bought("2026-11-01", "rice-10kg")},
         {},
         {{"2026-11-08", 15, rice_7d}, {"2026-11-23", 0, "3d after buying oil-2l on 2026-11-20"}}},
        {"a purchase without a product is still followed up",
         "2026-11-04",
         {bought("2026-11-01", "")},
         {},
         {{"2026-11-04", 0, "3d after the purchase of 2026-11-01"}}},
        {"steps are taken in date order whatever order crm.toml lists them in",
         "2026-11-12",
         rice(),
         {},
         {{"2026-11-08", 4, rice_7d}},
         {days(30), days(3), days(7)}},
        {"a step across the new year",
         "2027-01-01",
         {bought("2026-12-29", "oil-2l")},
         {},
         {{"2027-01-01", 0, "3d after buying oil-2l on 2026-12-29"}}},
        {"a month step from Jan 31 falls on Feb 28",
         "2027-02-28",
         {bought("2027-01-31", "oil-2l")},
         {},
         {{"2027-02-28", 0, "1m after buying oil-2l on 2027-01-31"}},
         {months(1)}},
        {"and on Feb 29 in a leap year",
         "2028-02-29",
         {bought("2028-01-31", "oil-2l")},
         {},
         {{"2028-02-29", 0, "1m after buying oil-2l on 2028-01-31"}},
         {months(1)}},
        {"without steps there are no follow-ups", "2026-11-04", rice(), {}, {}, {}},
    };
    for (const FollowupCase& tc : cases) {
        SUBCASE(tc.rule) {
            Settings s = settings();
            s.after_purchase = tc.steps;
            Customer c = customer("buyer");
            c.purchases = tc.purchases;
            c.logs = tc.logs;
            const std::vector<Reason> got = run(rules::add_followups, c, context(s, day(tc.today)));
            check_reasons(got, Kind::followup, tc.expected);
        }
    }
}
