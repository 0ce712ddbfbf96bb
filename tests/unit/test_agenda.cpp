#include "agenda_fixture.hpp"
#include "crm/text.hpp"

#include <fmt/format.h>

using namespace crm;
using namespace crm::test;

namespace {

const Date today = day("2026-11-23");

// A client last contacted on `contact` (class now: due 7 days later), who
// spent `value` in all.
Customer client(std::string id, const char* contact, std::int64_t value = 100) {
    Customer c = customer(std::move(id));
    c.logs = {log_on(contact)};
    c.purchases = {bought("2025-01-01", "manual", 1, value)};
    return c;
}

Ledger ledger_of(std::vector<Customer> customers) {
    Ledger l;
    l.settings = settings();
    l.customers = std::move(customers);
    return l;
}

std::vector<std::string> ids(const Agenda& a) {
    std::vector<std::string> out;
    for (const Item& item : a.items)
        out.push_back(item.customer->id);
    return out;
}

std::vector<Kind> kinds(const Item& item) {
    std::vector<Kind> out;
    for (const Reason& r : item.reasons)
        out.push_back(r.kind);
    return out;
}

Item item_on(const char* iso, int days_late, std::vector<Kind> reason_kinds) {
    Item item;
    item.date = day(iso);
    item.days_late = days_late;
    for (Kind k : reason_kinds)
        item.reasons.push_back(rules::make_reason(k, item.date, today, ""));
    return item;
}

Filters only(std::vector<std::string> Filters::*field, std::vector<std::string> values) {
    Filters f;
    f.*field = std::move(values);
    return f;
}

AgendaOptions days_option(int n) {
    AgendaOptions o;
    o.days = n;
    return o;
}

AgendaOptions sorted_by(SortKey key) {
    AgendaOptions o;
    o.sort = key;
    return o;
}

} // namespace

TEST_CASE("kind_name") {
    const std::vector<std::pair<Kind, const char*>> names = {{Kind::revisit, "revisit"},
                                                             {Kind::followup, "follow-up"},
                                                             {Kind::birthday, "birthday"},
                                                             {Kind::runout, "run-out"},
                                                             {Kind::collect, "collect"}};
    for (const auto& [kind, name] : names) {
        SUBCASE(name) {
            CHECK(kind_name(kind) == name);
            CHECK(parse_kind(name) == kind);
        }
    }
    SUBCASE("an unknown kind is not parsed") {
        CHECK_FALSE(parse_kind("followup").has_value());
    }
}

TEST_CASE("format_date") {
    SUBCASE("it writes YYYY-MM-DD for every day of two centuries") {
        std::string first_difference;
        for (Date d = day("1900-01-01"); d <= day("2100-12-31"); d += date::days{1}) {
            const date::year_month_day ymd{d};
            const std::string expected =
                fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                            static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
            if (first_difference.empty() && format_date(d) != expected)
                first_difference = expected;
        }
        CHECK(first_difference == "");
    }
    SUBCASE("a year beyond four digits is written whole") {
        CHECK(format_date(date::sys_days{date::year{10000} / 1 / 2}) == "10000-01-02");
    }
}

TEST_CASE("section_of") {
    const Date horizon_end = day("2026-11-30");
    SUBCASE("a late item is overdue") {
        CHECK(section_of(item_on("2026-11-23", 2, {Kind::revisit}), today, horizon_end) ==
              Section::overdue);
    }
    SUBCASE("an item due today is today's") {
        CHECK(section_of(item_on("2026-11-23", 0, {Kind::revisit}), today, horizon_end) ==
              Section::today);
    }
    SUBCASE("an item in the horizon is upcoming, birthdays included") {
        CHECK(section_of(item_on("2026-11-30", 0, {Kind::birthday}), today, horizon_end) ==
              Section::upcoming);
    }
    SUBCASE("only birthdays beyond the horizon are in the birthdays section") {
        CHECK(section_of(item_on("2026-12-01", 0, {Kind::birthday}), today, horizon_end) ==
              Section::birthdays);
    }
}

TEST_CASE("region_matches") {
    const std::vector<std::tuple<const char*, const char*, bool>> cases = {
        {"Taipei/Da'an", "Taipei", true},
        {"Taipei", "Taipei", true},
        {"Taipeix", "Taipei", false},
        {"taipei/da'an", "TAIPEI", true},
        {"Taipei/Da'an", "Taipei/", true},
        {"Taipei/Da'an/Lane 5", "Taipei/Da'an", true},
        {"Taipei", "Taipei/Da'an", false},
        {"New Taipei", "Taipei", false},
        {"Taipei/Da'anx", "Taipei/Da'an", false},
    };
    for (const auto& [region, prefix, expected] : cases) {
        const std::string name = std::string(prefix) + " vs " + region;
        SUBCASE(name.c_str()) {
            CHECK(region_matches(region, prefix) == expected);
        }
    }
}

TEST_CASE("matches") {
    Customer c = customer("zhang-wei");
    c.owner = "amy";
    c.contacts = {"ben"};
    c.region = "Taipei/Da'an";
    c.tags = {"vip", "referral"};
    SUBCASE("no filters match everyone") {
        CHECK(matches(c, {}));
    }
    SUBCASE("owners match the owner or a contact, ignoring case") {
        CHECK(matches(c, only(&Filters::owners, {"AMY"})));
        CHECK(matches(c, only(&Filters::owners, {"carl", "ben"})));
        CHECK_FALSE(matches(c, only(&Filters::owners, {"carl"})));
    }
    SUBCASE("regions match a prefix on '/' boundaries") {
        CHECK(matches(c, only(&Filters::regions, {"Kaohsiung", "taipei"})));
        CHECK_FALSE(matches(c, only(&Filters::regions, {"Taipeix"})));
    }
    SUBCASE("tags and classes are any-of") {
        CHECK(matches(c, only(&Filters::tags, {"new", "VIP"})));
        CHECK_FALSE(matches(c, only(&Filters::tags, {"new"})));
        CHECK(matches(c, only(&Filters::classes, {"later", "now"})));
        CHECK_FALSE(matches(c, only(&Filters::classes, {"later"})));
    }
    SUBCASE("every given filter must match") {
        Filters f = only(&Filters::owners, {"amy"});
        f.tags = {"new"};
        CHECK_FALSE(matches(c, f));
    }
}

TEST_CASE("horizon_end_of") {
    const Settings s = settings();
    SUBCASE("the horizon comes from crm.toml") {
        CHECK(horizon_end_of(s, {}, today) == day("2026-11-30"));
        CHECK(birthday_end_of(s, {}, today) == day("2026-12-23"));
    }
    SUBCASE("days overrides the horizon") {
        CHECK(horizon_end_of(s, days_option(2), today) == day("2026-11-25"));
        CHECK(horizon_end_of(s, days_option(-3), today) == today);
    }
    SUBCASE("a horizon beyond the birthday window extends it too") {
        Settings long_horizon = s;
        long_horizon.horizon = Interval::days(45);
        CHECK(birthday_end_of(long_horizon, {}, today) == day("2027-01-07"));
        CHECK(birthday_end_of(s, days_option(2), today) == day("2026-12-23"));
        CHECK(birthday_end_of(s, days_option(60), today) == day("2027-01-22"));
    }
}

TEST_CASE("reasons_for") {
    SUBCASE("every rule family contributes, unmerged, in kind order") {
        Customer c = client("all", "2026-11-10");
        c.birthday = MonthDay{std::nullopt, 11, 27};
        c.purchases.push_back(bought("2026-10-25", "oil-2l", 1, 300, 0));
        const Date horizon_end = day("2026-11-30");
        const std::vector<Reason> got =
            reasons_for(c, settings(), today, horizon_end, day("2026-12-23"));
        CHECK(std::vector<Kind>{Kind::revisit, Kind::birthday, Kind::runout, Kind::collect} == [&] {
            std::vector<Kind> out;
            for (const Reason& r : got)
                out.push_back(r.kind);
            return out;
        }());
    }
}

TEST_CASE("compute_agenda") {
    SUBCASE("overdue and today's reasons join today's line, as late as the latest") {
        Customer c = client("zhang-wei", "2026-11-10");        // revisit 6 days late
        c.purchases.push_back(bought("2026-11-20", "manual")); // follow-up due today
        const Ledger ledger = ledger_of({c});                  // items point into it
        const Agenda a = compute_agenda(ledger, {}, today);
        REQUIRE(a.items.size() == 1);
        CHECK(a.items[0].date == today);
        CHECK(a.items[0].days_late == 6);
        CHECK(kinds(a.items[0]) == std::vector<Kind>{Kind::revisit, Kind::followup});
        CHECK(a.items[0].reasons[0].days_late == 6);
        CHECK(a.items[0].reasons[1].days_late == 0);
    }
    SUBCASE("later reasons on the same day share one line") {
        Customer c = client("li-na", "2026-11-10");
        c.logs.push_back(log_on("2026-11-18", "2026-11-27")); // revisit on the 27th
        c.birthday = MonthDay{1976, 11, 27};
        c.purchases.push_back(bought("2026-10-31", "oil-2l")); // warned on the 27th
        const Ledger ledger = ledger_of({c});                  // items point into it
        const Agenda a = compute_agenda(ledger, {}, today);
        REQUIRE(a.items.size() == 1);
        CHECK(a.items[0].date == day("2026-11-27"));
        CHECK(a.items[0].days_late == 0);
        CHECK(kinds(a.items[0]) == std::vector<Kind>{Kind::revisit, Kind::birthday, Kind::runout});
    }
    SUBCASE("later reasons on different days make one line each") {
        Customer c = client("wang", "2026-11-22"); // revisit on the 29th
        c.birthday = MonthDay{std::nullopt, 11, 27};
        const Ledger ledger = ledger_of({c});
        const Agenda a = compute_agenda(ledger, {}, today);
        REQUIRE(a.items.size() == 2);
        CHECK(a.items[0].date == day("2026-11-27"));
        CHECK(a.items[1].date == day("2026-11-29"));
    }
    SUBCASE("kinds keeps only those reasons and drops the lines left empty") {
        Customer c = client("wang", "2026-11-10");
        c.birthday = MonthDay{std::nullopt, 11, 27};
        AgendaOptions o;
        o.filters.kinds = {Kind::birthday};
        const Ledger ledger = ledger_of({c});
        const Agenda a = compute_agenda(ledger, o, today);
        REQUIRE(a.items.size() == 1);
        CHECK(kinds(a.items[0]) == std::vector<Kind>{Kind::birthday});
    }
    SUBCASE("customer filters leave the others out") {
        Customer amy = client("amys", "2026-11-16");
        amy.owner = "amy";
        Customer ben = client("bens", "2026-11-16");
        ben.owner = "ben";
        AgendaOptions o;
        o.filters.owners = {"ben"};
        CHECK(ids(compute_agenda(ledger_of({amy, ben}), o, today)) ==
              std::vector<std::string>{"bens"});
    }
    SUBCASE("days widens the horizon") {
        const Ledger l = ledger_of({client("later", "2026-12-03")}); // due 2026-12-10
        CHECK(compute_agenda(l, {}, today).items.empty());
        const Agenda a = compute_agenda(l, days_option(17), today);
        CHECK(a.horizon_end == day("2026-12-10"));
        CHECK(ids(a) == std::vector<std::string>{"later"});
    }
    SUBCASE("the item carries the customer's lifetime value") {
        const Ledger ledger = ledger_of({client("rich", "2026-11-16", 4200)});
        const Agenda a = compute_agenda(ledger, {}, today);
        REQUIRE(a.items.size() == 1);
        CHECK(a.items[0].value == Money::whole(4200));
    }
}

TEST_CASE("compute_agenda: order") {
    Customer late = client("b-late", "2026-11-15", 50); // 1 day late
    late.region = "Taipei/Xinyi";
    Customer small = client("a-small", "2026-11-16", 100); // today
    small.region = "Kaohsiung";
    Customer later = client("c-later", "2026-11-18", 1000); // 2026-11-25
    later.region = "Taipei/Da'an";
    Customer big = client("d-big", "2026-11-16", 500); // today
    big.region = "Taipei/Da'an";
    Customer big2 = client("e-big", "2026-11-16", 500); // today
    big2.region = "Keelung";
    const Ledger l = ledger_of({small, later, big2, late, big});
    const std::vector<std::pair<SortKey, std::vector<std::string>>> cases = {
        {SortKey::date, {"b-late", "d-big", "e-big", "a-small", "c-later"}},
        {SortKey::value, {"b-late", "c-later", "d-big", "e-big", "a-small"}},
        {SortKey::name, {"b-late", "a-small", "c-later", "d-big", "e-big"}},
        {SortKey::region, {"b-late", "a-small", "e-big", "d-big", "c-later"}},
    };
    const char* rules_[] = {
        "overdue first, then by date, ties by lifetime value, then name",
        "by value: big customers first, overdue still first",
        "by name: overdue still first",
        "by region, then date: overdue still first",
    };
    for (std::size_t i = 0; i < cases.size(); ++i) {
        SUBCASE(rules_[i]) {
            CHECK(ids(compute_agenda(l, sorted_by(cases[i].first), today)) == cases[i].second);
        }
    }
}

TEST_CASE("compute_agenda: overdue order") {
    // Class later (30d) has no maximum: overdue is late. Class now is
    // [7d, 10d]: contacted on the 14th it is due 2 days ago, within it.
    const auto late_client = [](std::string id, const char* contact, std::int64_t value) {
        Customer c = client(std::move(id), contact, value);
        c.class_name = "later";
        return c;
    };
    const Customer most = late_client("a-most", "2026-10-18", 10);  // 6 days late
    const Customer less = late_client("b-less", "2026-10-21", 10);  // 3 days late
    const Customer big = late_client("c-big", "2026-10-21", 900);   // 3 days late, big
    const Customer later = late_client("e-later", "2026-10-23", 1); // 1 day late
    const Customer within = client("d-within", "2026-11-14", 5000); // due 2 days ago
    const Ledger l = ledger_of({less, within, later, big, most});
    SUBCASE("overdue lines are ordered most late first, ties by lifetime value") {
        CHECK(ids(compute_agenda(l, {}, today)) ==
              std::vector<std::string>{"a-most", "c-big", "b-less", "e-later", "d-within"});
    }
    SUBCASE("past every grace comes before due within a class maximum, however long ago") {
        const Agenda a = compute_agenda(l, {}, today);
        CHECK(a.items.back().customer->id == "d-within");
        CHECK(a.items.back().days_late > a.items[3].days_late);
    }
    SUBCASE("by value, big customers first among the overdue lines too, then most late") {
        CHECK(ids(compute_agenda(l, sorted_by(SortKey::value), today)) ==
              std::vector<std::string>{"d-within", "c-big", "a-most", "b-less", "e-later"});
    }
    SUBCASE("by name, the overdue lines stay in order of lateness, ties by name") {
        CHECK(ids(compute_agenda(l, sorted_by(SortKey::name), today)) ==
              std::vector<std::string>{"a-most", "b-less", "c-big", "e-later", "d-within"});
    }
}

TEST_CASE("lateness_of") {
    const Settings s = settings();
    const auto line = [](const char* class_name, std::vector<Reason> reasons) {
        Item item;
        item.customer = std::make_shared<const Customer>(customer("x", class_name));
        item.date = today;
        for (const Reason& r : reasons)
            item.days_late = std::max(item.days_late, r.days_late);
        item.reasons = std::move(reasons);
        return item;
    };
    const Reason revisit = rules::make_reason(Kind::revisit, day("2026-11-12"), today, "");
    const Reason runout = rules::make_reason(Kind::runout, day("2026-11-20"), today, "");
    const Reason collect = rules::make_reason(Kind::collect, day("2026-11-21"), today, "");
    const Reason due_today = rules::make_reason(Kind::followup, today, today, "");
    SUBCASE("the lead reason is the most late one") {
        const Lateness l = lateness_of(line("later", {revisit, runout, due_today}), s);
        CHECK(l.days == 11);
        CHECK(l.late);
        CHECK(l.reason == 0);
        CHECK(lateness_of(line("later", {due_today, collect, runout}), s).reason == 2);
    }
    SUBCASE("a reason past every grace leads over a more overdue one within a class maximum") {
        const Lateness l = lateness_of(line("now", {revisit, collect}), s);
        CHECK(l.days == 2);
        CHECK(l.late);
        CHECK(l.reason == 1);
    }
    SUBCASE("within a class maximum alone, the line is due, not late") {
        const Lateness l = lateness_of(line("now", {revisit, due_today}), s);
        CHECK(l.days == 11);
        CHECK_FALSE(l.late);
    }
    SUBCASE("a line that is not overdue has no lateness") {
        const Lateness l = lateness_of(line("now", {due_today}), s);
        CHECK(l.days == 0);
        CHECK_FALSE(l.late);
    }
}

TEST_CASE("compute_agenda: order by name") {
    SUBCASE("Han names sort by stroke count, not code point, before Latin names") {
        // 丁 (2 strokes) < 王 (4) < 林 (8) < 劉 (15); their code points order
        // them 丁, 劉, 林, 王.
        std::vector<Customer> customers;
        for (const char* name : {"劉", "王", "林", "丁", "amy", "Ben"}) {
            Customer c = client(name, "2026-11-16", 100);
            c.name = name;
            customers.push_back(c);
        }
        const Ledger l = ledger_of(customers);
        const Agenda a = compute_agenda(l, sorted_by(SortKey::name), today);
        CHECK(ids(a) == std::vector<std::string>{"丁", "王", "林", "劉", "amy", "Ben"});
    }
}

TEST_CASE("AgendaBuilder") {
    std::vector<Customer> customers;
    for (int i = 0; i < 40; ++i) {
        Customer c = client("c" + std::to_string(100 + i), i % 3 ? "2026-11-16" : "2026-11-10",
                            10 * (i % 7));
        c.notes = "met at the fair";
        c.region = i % 2 ? "Taipei" : "Keelung";
        customers.push_back(c);
    }
    const Ledger l = ledger_of(customers);
    const Agenda whole = compute_agenda(l, {}, today);
    REQUIRE(whole.items.size() == 40);

    SUBCASE("builders joined in any order give the agenda of the whole ledger") {
        AgendaBuilder odd(l.settings, {}, today);
        AgendaBuilder even(l.settings, {}, today);
        for (std::size_t i = l.customers.size(); i-- > 0;)
            (i % 2 ? odd : even).add(l.customers[i]);
        odd.join(std::move(even));
        const Agenda joined = std::move(odd).finish();
        CHECK(ids(joined) == ids(whole));
        CHECK(joined.horizon_end == whole.horizon_end);
    }
    SUBCASE("an item outlives the customer it was computed from") {
        AgendaBuilder b(l.settings, {}, today);
        {
            Customer gone = client("gone", "2026-11-16", 300);
            gone.name = "王太太";
            b.add(gone);
        }
        const Agenda a = std::move(b).finish();
        REQUIRE(a.items.size() == 1);
        CHECK(a.items[0].customer->name == "王太太");
        CHECK(a.items[0].customer->logs.empty()); // the history is not kept
        CHECK(a.items[0].customer->purchases.empty());
        CHECK(a.items[0].value == Money::whole(300));
    }
    SUBCASE("a customer handed over as an rvalue gives the same lines, and its identity") {
        AgendaBuilder copied(l.settings, {}, today);
        AgendaBuilder moved(l.settings, {}, today);
        for (const Customer& c : l.customers) {
            copied.add(c);
            Customer own = c;
            moved.add(std::move(own));
            // Moved from: its name went into the lines; its history stayed.
            CHECK(own.name.empty());
            CHECK(own.logs == c.logs);
        }
        const Agenda a = std::move(copied).finish();
        const Agenda b = std::move(moved).finish();
        CHECK(ids(a) == ids(whole));
        CHECK(ids(b) == ids(whole));
        REQUIRE(a.items.size() == b.items.size());
        for (std::size_t k = 0; k < a.items.size(); ++k) {
            CHECK(*a.items[k].customer == *b.items[k].customer);
            CHECK(a.items[k].value == b.items[k].value);
        }
    }
    SUBCASE("a customer's lines share one copy of it") {
        Customer two = client("two", "2026-11-10");
        two.birthday = MonthDay{std::nullopt, 11, 27};
        AgendaBuilder b(l.settings, {}, today);
        b.add(two);
        const Agenda a = std::move(b).finish();
        REQUIRE(a.items.size() == 2);
        CHECK(a.items[0].customer == a.items[1].customer);
    }
}

TEST_CASE("collation_keys") {
    const auto keys = collation_keys({"林", "Ben", "丁", "amy"});
    REQUIRE(keys.size() == 4);
    CHECK(keys[3] < keys[1]); // amy < Ben, ignoring case
    CHECK(keys[0] < keys[3]); // Han before Latin, as zh_TW lists them
    CHECK(keys[2] < keys[0]); // 丁 (2 strokes) < 林 (8)
}
