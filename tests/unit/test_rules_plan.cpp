#include "agenda_fixture.hpp"
#include "crm/outlook.hpp"

using namespace crm;
using namespace crm::test;

namespace {

// Lines stand for the entries' places in the file: plans and logs are
// numbered in the order they are written.
PlanEntry planned(std::string_view iso, std::string kind, unsigned line,
                  std::vector<std::string> with = {}, std::string note = "") {
    PlanEntry p;
    p.date = day(iso);
    p.kind = std::move(kind);
    p.with = std::move(with);
    p.note = std::move(note);
    p.line = line;
    return p;
}

LogEntry contact(std::string_view iso, std::string kind, unsigned line, bool done = false) {
    LogEntry e;
    e.date = day(iso);
    e.kind = std::move(kind);
    e.done = done;
    e.line = line;
    return e;
}

std::vector<Reason> plans_on(const Customer& c, std::string_view today, int horizon = 7) {
    const Settings s = settings();
    return run(rules::add_plans, c, context(s, day(today), horizon));
}

struct Row {
    const char* date;
    const char* text;
    int days_late = 0;
};

} // namespace

TEST_CASE("add_plans") {
    Customer c = customer("acme", "later");
    SUBCASE("a plan is due on its date and shows from the horizon ahead") {
        c.plans = {planned("2026-11-30", "visit", 1, {"amy", "ben"}, "introduction of ben")};
        check_reasons(
            plans_on(c, "2026-11-23"), Kind::plan,
            std::vector<Row>{{"2026-11-30", "planned visit with amy, ben: introduction of ben"}});
        CHECK(plans_on(c, "2026-11-22").empty());
    }
    SUBCASE("after its date it is overdue, with how late") {
        c.plans = {planned("2026-11-20", "call", 1, {}, "confirm the order")};
        check_reasons(plans_on(c, "2026-11-23"), Kind::plan,
                      std::vector<Row>{{"2026-11-20", "planned call: confirm the order", 3}});
    }
    SUBCASE("a contact of its kind on or after the planned day closes it") {
        c.plans = {planned("2026-11-20", "visit", 1), planned("2026-11-21", "visit", 2)};
        c.logs = {contact("2026-11-21", "visit", 3)};
        CHECK(plans_on(c, "2026-11-23").empty());
    }
    SUBCASE("kinds compare ignoring ASCII case; a log without a kind is a visit") {
        c.plans = {planned("2026-11-20", "Call", 1), planned("2026-11-20", "visit", 2)};
        c.logs = {contact("2026-11-20", "call", 3), contact("2026-11-22", "", 4)};
        CHECK(plans_on(c, "2026-11-23").empty());
    }
    SUBCASE("a contact of another kind does not close it") {
        c.plans = {planned("2026-11-20", "visit", 1)};
        c.logs = {contact("2026-11-22", "call", 2)};
        check_reasons(plans_on(c, "2026-11-23"), Kind::plan,
                      std::vector<Row>{{"2026-11-20", "planned visit", 3}});
    }
    SUBCASE("a contact before the planned day does not close it") {
        c.plans = {planned("2026-11-25", "visit", 2)};
        c.logs = {contact("2026-11-19", "visit", 1), contact("2026-11-24", "visit", 3)};
        check_reasons(plans_on(c, "2026-11-24"), Kind::plan,
                      std::vector<Row>{{"2026-11-25", "planned visit"}});
    }
    SUBCASE("a done log closes the earliest open plan of its kind, whatever its date") {
        c.plans = {planned("2026-12-20", "visit", 1, {}, "second"),
                   planned("2026-11-28", "call", 2, {}, "a call"),
                   planned("2026-11-27", "visit", 3, {}, "first")};
        c.logs = {contact("2026-11-23", "visit", 4, true)};
        check_reasons(plans_on(c, "2026-11-23", 60), Kind::plan,
                      std::vector<Row>{{"2026-11-28", "planned call: a call"},
                                       {"2026-12-20", "planned visit: second"}});
    }
    SUBCASE("with no open plan of its kind, a done log closes the earliest of any kind") {
        c.plans = {planned("2026-11-30", "email", 1), planned("2026-11-26", "call", 2)};
        c.logs = {contact("2026-11-23", "visit", 3, true)};
        check_reasons(plans_on(c, "2026-11-23"), Kind::plan,
                      std::vector<Row>{{"2026-11-30", "planned email"}});
    }
    SUBCASE("a done log that closes a plan by its date closes no other") {
        c.plans = {planned("2026-11-20", "visit", 1), planned("2026-11-30", "visit", 2)};
        c.logs = {contact("2026-11-23", "visit", 3, true)};
        check_reasons(plans_on(c, "2026-11-23"), Kind::plan,
                      std::vector<Row>{{"2026-11-30", "planned visit"}});
    }
    SUBCASE("a done log closes only plans written above it") {
        c.logs = {contact("2026-11-23", "visit", 1, true)};
        c.plans = {planned("2026-11-30", "visit", 2)};
        check_reasons(plans_on(c, "2026-11-23"), Kind::plan,
                      std::vector<Row>{{"2026-11-30", "planned visit"}});
    }
    SUBCASE("done logs count in date order, each closing one") {
        c.plans = {planned("2026-12-01", "visit", 1, {}, "a"),
                   planned("2026-12-02", "visit", 2, {}, "b"),
                   planned("2026-12-03", "visit", 3, {}, "c")};
        c.logs = {contact("2026-11-22", "visit", 5, true), contact("2026-11-21", "visit", 4, true)};
        check_reasons(plans_on(c, "2026-11-23", 30), Kind::plan,
                      std::vector<Row>{{"2026-12-03", "planned visit: c"}});
    }
    SUBCASE("a customer without plans has none, whatever its logs") {
        c.logs = {contact("2026-11-23", "visit", 1, true)};
        CHECK(plans_on(c, "2026-11-23").empty());
    }
}

TEST_CASE("open_plans_of") {
    Customer c = customer("acme", "later");
    c.plans = {planned("2026-11-30", "visit", 1), planned("2026-11-20", "call", 2),
               planned("2026-11-25", "visit", 3)};
    c.logs = {contact("2026-11-25", "visit", 4)};
    SUBCASE("the indices of the open plans, by date") {
        CHECK(open_plans_of(c) == std::vector<std::size_t>{1, 0});
    }
    SUBCASE("ties in file order") {
        c.logs.clear();
        c.plans[2].date = day("2026-11-30");
        CHECK(open_plans_of(c) == std::vector<std::size_t>{1, 0, 2});
    }
}

TEST_CASE("plan_text") {
    SUBCASE("the kind, who goes, and the note") {
        CHECK(plan_text(planned("2026-11-30", "visit", 1, {"amy", "ben"}, "intro")) ==
              "planned visit with amy, ben: intro");
        CHECK(plan_text(planned("2026-11-30", "call", 1)) == "planned call");
        CHECK(plan_text(planned("2026-11-30", "email", 1, {"ben"})) == "planned email with ben");
    }
    SUBCASE("a note of several lines shows its first, then an ellipsis") {
        CHECK(plan_text(
                  planned("2026-11-30", "visit", 1, {}, "\n  bring samples\nand a price list")) ==
              "planned visit: bring samples …");
        CHECK(plan_text(planned("2026-11-30", "visit", 1, {}, "only this\n\n")) ==
              "planned visit: only this");
    }
}

TEST_CASE("coming_for plans") {
    const Settings s = settings();
    Customer c = customer("acme", "later");
    c.plans = {planned("2027-03-01", "visit", 1, {}, "far ahead")};
    SUBCASE("an open plan is coming however far ahead") {
        const std::vector<Reason> coming = coming_for(c, s, day("2026-11-23"));
        const auto plan = std::find_if(coming.begin(), coming.end(),
                                       [](const Reason& r) { return r.kind == Kind::plan; });
        REQUIRE(plan != coming.end());
        CHECK(plan->text == "planned visit: far ahead");
        CHECK(format_date(plan->date) == "2027-03-01");
    }
    SUBCASE("kind_name and parse_kind know it") {
        CHECK(kind_name(Kind::plan) == "plan");
        CHECK(parse_kind("plan") == Kind::plan);
    }
}
