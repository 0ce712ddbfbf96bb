#include "agenda_fixture.hpp"
#include "crm/calendar_events.hpp"

#include <memory>

using namespace crm;
using namespace crm::test;

namespace {

std::vector<CalendarEvent> birthday_events_of(Customer c, std::string_view today, int years = 3) {
    std::vector<CalendarEvent> out;
    add_birthday_events(std::make_shared<const Customer>(std::move(c)), settings(), day(today),
                        years, out);
    finish_events(out);
    return out;
}

std::vector<std::string> uids(const std::vector<CalendarEvent>& events) {
    std::vector<std::string> out;
    for (const CalendarEvent& e : events)
        out.push_back(e.uid);
    return out;
}

Agenda agenda_of(const Customer& c, std::string_view today) {
    Ledger ledger;
    ledger.settings = settings();
    ledger.customers = {c};
    return compute_agenda(ledger, {}, day(today));
}

} // namespace

TEST_CASE("key_part") {
    SUBCASE("letters, digits, '-', '_' and non-ASCII characters stay as they are") {
        CHECK(key_part("zhang-wei_2") == "zhang-wei_2");
        CHECK(key_part("張偉") == "張偉");
    }
    SUBCASE("anything else is =XX, so a '.' can join the parts of a key") {
        CHECK(key_part("a.b,c;d e") == "a=2Eb=2Cc=3Bd=20e");
        CHECK(key_part("=%@\x1b") == "=3D=25=40=1B");
    }
}

TEST_CASE("agenda_events") {
    SUBCASE("a revisit's UID holds no date: a later due date is the same event") {
        Customer c = customer("zhang-wei");
        c.logs = {log_on("2026-11-01")};
        const auto early = agenda_events(agenda_of(c, "2026-11-05"));
        c.logs = {log_on("2026-11-10")};
        const auto late = agenda_events(agenda_of(c, "2026-11-12"));
        REQUIRE(early.size() == 1);
        REQUIRE(late.size() == 1);
        CHECK(early[0].uid == "revisit.zhang-wei@crm");
        CHECK(late[0].uid == early[0].uid);
        CHECK(early[0].day == day("2026-11-08"));
        CHECK(late[0].day == day("2026-11-17"));
    }
    SUBCASE("an overdue reason is on today, with its lateness") {
        Customer c = customer("zhang-wei");
        c.logs = {log_on("2026-11-01")};
        const auto events = agenda_events(agenda_of(c, "2026-11-20"));
        REQUIRE(events.size() == 1);
        CHECK(events[0].day == day("2026-11-20"));
        CHECK(events[0].reason.days_late == 12);
    }
    SUBCASE("run-out, follow-up and collect are named by what they are about") {
        Customer c = customer("wang");
        c.logs = {log_on("2026-11-01")};
        c.purchases = {bought("2026-11-01", "oil-2l", 1, 100, 0)};
        const auto got = uids(agenda_events(agenda_of(c, "2026-11-04")));
        CHECK(std::count(got.begin(), got.end(), "follow-up.wang.2026-11-01@crm") == 1);
        CHECK(std::count(got.begin(), got.end(), "collect.wang.2026-11-01.oil-2l@crm") == 1);
    }
    SUBCASE("birthdays are left to add_birthday_events") {
        Customer c = customer("li", "none");
        c.birthday = MonthDay{std::nullopt, 11, 10};
        CHECK(agenda_events(agenda_of(c, "2026-11-05")).empty());
    }
}

TEST_CASE("add_birthday_events") {
    SUBCASE("a Gregorian birthday repeats every year from the year of birth") {
        Customer c = customer("li");
        c.birthday = MonthDay{1975, 3, 14};
        const auto events = birthday_events_of(c, "2026-11-23");
        REQUIRE(events.size() == 1);
        CHECK(events[0].uid == "birthday.li@crm");
        CHECK(events[0].day == day("1975-03-14"));
        CHECK(events[0].yearly == Yearly::same_day);
        CHECK(events[0].reason.text == "birthday (born 1975)");
    }
    SUBCASE("without a year it starts in 2000, a leap year, so that Feb 29 exists") {
        Customer c = customer("li");
        c.birthday = MonthDay{std::nullopt, 2, 29};
        const auto events = birthday_events_of(c, "2026-11-23");
        REQUIRE(events.size() == 1);
        CHECK(events[0].day == day("2000-02-29"));
        CHECK(events[0].yearly == Yearly::february_last_day);
        CHECK(events[0].reason.text == "birthday, Feb 29 → Feb 28 in common years");
        c.calendar.feb29 = Feb29Rule::mar1;
        CHECK(birthday_events_of(c, "2026-11-23")[0].yearly == Yearly::year_day_60);
    }
    SUBCASE("a person's birthday is named after the person") {
        Customer c = customer("acme");
        Person p;
        p.name = "李經理";
        p.role = "purchasing";
        p.birthday = MonthDay{std::nullopt, 12, 4};
        c.people = {p};
        const auto events = birthday_events_of(c, "2026-11-23");
        REQUIRE(events.size() == 1);
        CHECK(events[0].uid == "birthday.acme.李經理@crm");
        CHECK(events[0].reason.text == "birthday of 李經理 (purchasing)");
    }
    SUBCASE("a lunar birthday is one event in each of the next N lunar years") {
        Customer c = customer("zhang");
        c.lunar_birthday = LunarMonthDay{8, 15, false};
        // 8/15 was 2026-09-25: this lunar year's has passed, so 2027, 2028, 2029.
        CHECK(uids(birthday_events_of(c, "2026-11-23")) ==
              std::vector<std::string>{"lunar-birthday.zhang.2027@crm",
                                       "lunar-birthday.zhang.2028@crm",
                                       "lunar-birthday.zhang.2029@crm"});
        CHECK(birthday_events_of(c, "2026-09-25", 1).size() == 1);
        CHECK(birthday_events_of(c, "2026-09-25", 1)[0].day == day("2026-09-25"));
        CHECK(birthday_events_of(c, "2026-11-23", 5).size() == 5);
    }
}

TEST_CASE("finish_events") {
    SUBCASE("a second event of the same UID gets ~2") {
        Customer c = customer("acme");
        PlanEntry a;
        a.date = day("2026-11-25");
        a.kind = "call";
        a.note = "first";
        PlanEntry b = a;
        b.note = "second";
        c.plans = {a, b};
        auto events = agenda_events(agenda_of(c, "2026-11-23"));
        finish_events(events);
        // Never contacted: the revisit is due today, before the plans.
        CHECK(uids(events) == std::vector<std::string>{"revisit.acme@crm",
                                                       "plan.acme.2026-11-25.call@crm",
                                                       "plan.acme.2026-11-25.call~2@crm"});
    }
}
