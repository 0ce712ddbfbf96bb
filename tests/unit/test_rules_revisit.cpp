#include "agenda_fixture.hpp"

using namespace crm;
using namespace crm::test;

namespace {

struct RevisitCase {
    const char* rule;
    const char* today;
    Customer customer;
    std::optional<const char*> due; // nullopt: no revisit
    int days_late = 0;
    bool late = false;
    const char* text = "";
};

Customer with_logs(std::string class_name, std::vector<LogEntry> logs) {
    Customer c = customer("zhang-wei", std::move(class_name));
    c.logs = std::move(logs);
    return c;
}

Customer since(const char* iso) {
    Customer c = customer("new-one");
    c.since = day(iso);
    c.purchases = {bought("2026-11-01", "rice-10kg")};
    return c;
}

Customer first_bought(std::vector<Purchase> purchases) {
    Customer c = customer("buyer");
    c.purchases = std::move(purchases);
    return c;
}

} // namespace

TEST_CASE("add_revisit") {
    const Settings s = settings();
    const std::vector<RevisitCase> cases = {
        {"it is due the class cadence after the last contact", "2026-11-23",
         with_logs("now", {log_on("2026-11-16")}), "2026-11-23", 0, false,
         "last contact 2026-11-16"},
        {"a back-dated log counts by its own date, not its place in the file", "2026-11-23",
         with_logs("now", {log_on("2026-11-20"), log_on("2026-11-02")}), "2026-11-27", 0, false,
         "last contact 2026-11-20"},
        {"the newest log's next overrides the cadence", "2026-11-23",
         with_logs("now", {log_on("2026-11-20", "2026-11-25")}), "2026-11-25", 0, false,
         "planned at last contact 2026-11-20"},
        {"an older log's next is ignored once a newer contact is logged", "2026-11-23",
         with_logs("now", {log_on("2026-11-20"), log_on("2026-11-18", "2026-11-19")}), "2026-11-27",
         0, false, "last contact 2026-11-20"},
        {"overdue, but not late until the maximum has passed", "2026-11-23",
         with_logs("now", {log_on("2026-11-13")}), "2026-11-20", 3, false,
         "last contact 2026-11-13"},
        {"late the day after the maximum", "2026-11-23", with_logs("now", {log_on("2026-11-12")}),
         "2026-11-19", 4, true, "last contact 2026-11-12"},
        {"a class without a maximum is never late", "2026-11-23",
         with_logs("later", {log_on("2026-01-01")}), "2026-01-31", 296, false,
         "last contact 2026-01-01"},
        {"after next, the class's slack applies before it is late", "2026-11-23",
         with_logs("now", {log_on("2026-11-10", "2026-11-15")}), "2026-11-15", 8, true,
         "planned at last contact 2026-11-10"},
        {"within the slack after next it is not late", "2026-11-23",
         with_logs("now", {log_on("2026-11-18", "2026-11-21")}), "2026-11-21", 2, false,
         "planned at last contact 2026-11-18"},
        {"a next beyond the class maximum is not late until its own slack has passed", "2026-11-23",
         with_logs("now", {log_on("2026-11-01", "2026-11-20")}), "2026-11-20", 3, false,
         "planned at last contact 2026-11-01"},
        {"never contacted: counted from the customer-since date", "2026-11-23", since("2026-10-30"),
         "2026-11-06", 17, true, "customer since 2026-10-30, never contacted"},
        {"never contacted, no since: counted from the first purchase by date", "2026-11-23",
         first_bought({bought("2026-11-20", "oil-2l"), bought("2026-11-14", "rice-10kg")}),
         "2026-11-21", 2, false, "first purchase 2026-11-14, never contacted"},
        {"never contacted and nothing to count from: due today", "2026-11-23", customer("blank"),
         "2026-11-23", 0, false, "never contacted"},
        {"a class unknown to the settings gets no revisit", "2026-11-23",
         with_logs("nwo", {log_on("2026-11-01")}), std::nullopt},
        {"the last day of the horizon is shown", "2026-11-23",
         with_logs("later", {log_on("2026-10-31")}), "2026-11-30", 0, false,
         "last contact 2026-10-31"},
        {"the day after the horizon is not", "2026-11-23",
         with_logs("later", {log_on("2026-11-01")}), std::nullopt},
        {"a cadence across the new year", "2027-01-04", with_logs("now", {log_on("2026-12-28")}),
         "2027-01-04", 0, false, "last contact 2026-12-28"},
        {"calendar months clamp to the month's end", "2027-02-28",
         with_logs("monthly", {log_on("2027-01-31")}), "2027-02-28", 0, false,
         "last contact 2027-01-31"},
        {"in a leap year Jan 31 + 1m is Feb 29", "2028-02-28",
         with_logs("monthly", {log_on("2028-01-31")}), "2028-02-29", 0, false,
         "last contact 2028-01-31"},
    };
    for (const RevisitCase& tc : cases) {
        SUBCASE(tc.rule) {
            const std::vector<Reason> got =
                run(rules::add_revisit, tc.customer, context(s, day(tc.today)));
            if (!tc.due) {
                CHECK(got.empty());
                continue;
            }
            REQUIRE(got.size() == 1);
            CHECK(got[0].kind == Kind::revisit);
            CHECK(format_date(got[0].date) == *tc.due);
            CHECK(got[0].days_late == tc.days_late);
            CHECK(got[0].late == tc.late);
            CHECK(got[0].text == tc.text);
        }
    }
}
