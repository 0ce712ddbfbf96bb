#include "agenda_fixture.hpp"
#include "crm/outlook.hpp"

using namespace crm;
using namespace crm::test;

namespace {

Purchase owing(const char* iso, std::string product, std::int64_t price, std::int64_t paid,
               std::optional<const char*> due = {}) {
    Purchase p = bought(iso, std::move(product), 1, price, paid);
    if (due)
        p.due = day(*due);
    return p;
}

std::vector<Reason> of_kind(const std::vector<Reason>& rs, Kind k) {
    std::vector<Reason> out;
    for (const Reason& r : rs)
        if (r.kind == k)
            out.push_back(r);
    return out;
}

} // namespace

TEST_CASE("collections_of") {
    SUBCASE("payments settle the oldest balances first; the rest adds up to the balance") {
        Customer c = customer("zhang");
        c.purchases = {owing("2026-09-18", "rice-10kg", 600, 0),
                       owing("2026-11-06", "rice-10kg", 1200, 600)};
        c.payments = {payment("2026-10-05", 400)};
        const auto got = collections_of(c);
        REQUIRE(got.size() == 2);
        CHECK(got[0].amount == Money::whole(200));
        CHECK(got[0].purchase == 0);
        CHECK(got[1].amount == Money::whole(600));
        CHECK(got[1].purchase == 1);
        CHECK(got[0].amount + got[1].amount == balance(c));
    }
    SUBCASE("the due date wins, then the next payday, then the day of purchase") {
        Customer c = customer("zhang");
        c.payday = 5;
        c.purchases = {owing("2026-11-02", "oil-2l", 100, 0, "2026-11-20"),
                       owing("2026-11-06", "rice-10kg", 300, 0)};
        auto got = collections_of(c);
        REQUIRE(got.size() == 2);
        CHECK(got[0].on == day("2026-11-20"));
        CHECK(got[0].from == Collection::From::due);
        CHECK(got[1].on == day("2026-12-05"));
        CHECK(got[1].from == Collection::From::payday);
        c.payday.reset();
        got = collections_of(c);
        CHECK(got[0].on == day("2026-11-06"));
        CHECK(got[0].from == Collection::From::purchase);
        CHECK(got[1].on == day("2026-11-20"));
    }
    SUBCASE("in collect date order, not purchase order") {
        Customer c = customer("acme");
        c.purchases = {owing("2026-11-01", "oil-2l", 100, 0, "2026-12-30"),
                       owing("2026-11-10", "oil-2l", 100, 0, "2026-12-01")};
        const auto got = collections_of(c);
        REQUIRE(got.size() == 2);
        CHECK(got[0].purchase == 1);
        CHECK(got[1].purchase == 0);
    }
    SUBCASE("nothing owed, or a credit, gives none") {
        Customer c = customer("paid");
        c.purchases = {owing("2026-11-01", "oil-2l", 100, 0)};
        c.payments = {payment("2026-11-05", 150)};
        CHECK(balance(c) < Money{});
        CHECK(collections_of(c).empty());
        c.payments.clear();
        c.purchases = {bought("2026-11-01", "oil-2l")};
        CHECK(collections_of(c).empty());
    }
}

TEST_CASE("runouts_of") {
    const Settings s = settings();
    SUBCASE("one entry per product that can run out, in product order") {
        Customer c = customer("c");
        c.purchases = {bought("2026-11-01", "rice-10kg"), bought("2026-11-02", "manual"),
                       bought("2026-11-03", "oil-2l"), bought("2026-11-04", "free text")};
        const auto got = runouts_of(c, s);
        REQUIRE(got.size() == 2);
        CHECK(got[0].product == "oil-2l");
        CHECK(got[1].product == "rice-10kg");
    }
    SUBCASE("a per-person product is divided by the household, warned warn days ahead") {
        Customer c = customer("c");
        c.household = 4;
        c.purchases = {bought("2026-11-06", "rice-10kg", 2)};
        const auto got = runouts_of(c, s);
        REQUIRE(got.size() == 1);
        CHECK(got[0].runs_out == day("2026-12-06"));
        CHECK(got[0].warn_from == day("2026-12-01"));
        CHECK(got[0].divided_by == 4);
        CHECK(got[0].units == 2);
    }
    SUBCASE("a product not per person is divided by 1 whatever the household") {
        Customer c = customer("c");
        c.household = 4;
        c.purchases = {bought("2026-11-01", "oil-2l")};
        const auto got = runouts_of(c, s);
        REQUIRE(got.size() == 1);
        CHECK(got[0].divided_by == 1);
        CHECK(got[0].runs_out == day("2026-12-01"));
        CHECK(got[0].warn_from == day("2026-11-28"));
    }
    SUBCASE("stock bought before the run-out carries over, and its units add up") {
        Customer c = customer("c");
        c.purchases = {bought("2026-10-01", "oil-2l"), bought("2026-10-20", "oil-2l", 2)};
        const auto got = runouts_of(c, s);
        REQUIRE(got.size() == 1);
        CHECK(got[0].runs_out == day("2026-12-30"));
        CHECK(got[0].units == 3);
    }
    SUBCASE("a purchase after the run-out restarts the chain with its own units") {
        Customer c = customer("c");
        c.purchases = {bought("2026-08-01", "oil-2l", 2), bought("2026-11-01", "oil-2l")};
        const auto got = runouts_of(c, s);
        REQUIRE(got.size() == 1);
        CHECK(got[0].runs_out == day("2026-12-01"));
        CHECK(got[0].units == 1);
    }
    SUBCASE("the dates are the run-out rule's") {
        Customer c = customer("c");
        c.household = 3;
        c.purchases = {bought("2026-10-25", "rice-10kg", 2)};
        const auto rule = run(rules::add_runouts, c, context(s, day("2026-11-23"), 3650));
        const auto got = runouts_of(c, s);
        REQUIRE(rule.size() == 1);
        REQUIRE(got.size() == 1);
        CHECK(rule[0].date == got[0].warn_from);
        CHECK(rule[0].text == "rice-10kg runs out " + weekday_abbrev(got[0].runs_out) + " " +
                                  format_date(got[0].runs_out));
    }
}

TEST_CASE("coming_for") {
    const Settings s = settings();
    const Date today = day("2026-11-23");
    SUBCASE("reasons far beyond the horizon are kept") {
        Customer c = customer("c", "later");
        c.logs = {log_on("2026-11-20", "2028-01-10")};
        c.purchases = {bought("2026-11-20", "oil-2l", 24, 100, 0)};
        c.purchases[0].due = day("2027-06-30");
        const auto got = coming_for(c, s, today);
        REQUIRE(of_kind(got, Kind::revisit).size() == 1);
        CHECK(of_kind(got, Kind::revisit)[0].date == day("2028-01-10"));
        REQUIRE(of_kind(got, Kind::runout).size() == 1);
        CHECK(of_kind(got, Kind::runout)[0].date == day("2028-11-06"));
        REQUIRE(of_kind(got, Kind::collect).size() == 1);
        CHECK(of_kind(got, Kind::collect)[0].date == day("2027-06-30"));
        CHECK(of_kind(got, Kind::followup).size() == 1);
    }
    SUBCASE("only the next Gregorian and the next lunar birthday") {
        Customer c = customer("c");
        c.class_name = "";
        c.birthday = MonthDay{1975, 11, 25};
        c.lunar_birthday = LunarMonthDay{10, 20, false};
        const auto got = coming_for(c, s, today);
        REQUIRE(got.size() == 2);
        CHECK(got[0].date == day("2026-11-25"));
        CHECK(got[0].text.starts_with("birthday "));
        CHECK(got[1].text.starts_with("lunar 10/20 → "));
        CHECK(got[1].date > today);
        CHECK(got[1].date < day("2027-11-23"));
    }
    SUBCASE("a birthday already past this year is next year's") {
        Customer c = customer("c");
        c.class_name = "";
        c.birthday = MonthDay{std::nullopt, 3, 14};
        const auto got = coming_for(c, s, today);
        REQUIRE(got.size() == 1);
        CHECK(got[0].date == day("2027-03-14"));
    }
    SUBCASE("in date order, ties in Kind order, overdue first with how late") {
        Customer c = customer("c");
        c.payday = 5;
        c.logs = {log_on("2026-11-10")};
        c.purchases = {bought("2026-11-02", "manual", 1, 500, 0)};
        c.purchases[0].due = day("2026-11-17");
        c.birthday = MonthDay{std::nullopt, 11, 17};
        const auto got = coming_for(c, s, today);
        REQUIRE(got.size() == 3);
        CHECK(got[0].kind == Kind::revisit);
        CHECK(got[0].date == day("2026-11-17"));
        CHECK(got[0].days_late == 6);
        CHECK(got[1].kind == Kind::collect);
        CHECK(got[1].date == day("2026-11-17"));
        CHECK(got[1].days_late == 6);
        CHECK(got[2].kind == Kind::birthday);
        CHECK(got[2].date == day("2027-11-17"));
    }
}

TEST_CASE("next_revisit") {
    const Settings s = settings();
    const Date today = day("2026-11-23");
    SUBCASE("a class crm.toml does not know has none") {
        Customer c = customer("c", "nwo");
        c.logs = {log_on("2026-11-20")};
        CHECK_FALSE(next_revisit(c, s, today));
    }
    SUBCASE("the class cadence from the last contact, however far ahead") {
        Customer c = customer("c", "later");
        c.logs = {log_on("2026-11-20")};
        const auto got = next_revisit(c, s, today);
        REQUIRE(got);
        CHECK(got->kind == Kind::revisit);
        CHECK(got->date == day("2026-12-20"));
        CHECK(got->text == "last contact 2026-11-20");
    }
    SUBCASE("a log's next years ahead") {
        Customer c = customer("c", "now");
        c.logs = {log_on("2026-11-20", "2031-05-01")};
        const auto got = next_revisit(c, s, today);
        REQUIRE(got);
        CHECK(got->date == day("2031-05-01"));
    }
    SUBCASE("overdue: a date before today, late past the class's maximum") {
        Customer c = customer("c", "now");
        c.logs = {log_on("2026-11-01")};
        const auto got = next_revisit(c, s, today);
        REQUIRE(got);
        CHECK(got->date == day("2026-11-08"));
        CHECK(got->days_late == 15);
        CHECK(got->late);
    }
}
