// The people at a customer ([[person]]): read from the file, their
// birthdays on the agenda, the customer found by their names and phones.

#include "agenda_fixture.hpp"
#include "crm/listing.hpp"
#include "crm/match.hpp"
#include "crm/outlook.hpp"
#include "crm/parse.hpp"

using namespace crm;
using namespace crm::test;

namespace {

Parsed<Customer> parsed(std::string_view text, Notes notes = Notes::keep) {
    return parse_customer(text, "customers/acme.toml", settings(), notes);
}

std::vector<std::string> rendered(const Diagnostics& ds) {
    std::vector<std::string> out;
    for (const Diagnostic& d : ds)
        out.push_back(format_diagnostic(d));
    return out;
}

Person person(std::string name, std::string role = "") {
    Person p;
    p.name = std::move(name);
    p.role = std::move(role);
    return p;
}

struct Row {
    const char* date;
    const char* text;
};

} // namespace

TEST_CASE("parse_customer people and plans") {
    SUBCASE("every key of [[person]] and [[plan]] is read") {
        const auto p = parsed(R"(name = "ACME"

[[person]]
name = "李經理"
role = "purchasing"
phone = "0933 111 222"
email = "li@acme.example"
birthday = 1976-12-04
lunar_birthday = { month = 8, day = 15 }
note = "decides"

[[plan]]
date = 2026-11-30
kind = "call"
with = ["amy", "ben"]
note = "intro"
by = "amy"

[[plan]]
date = 2026-12-01
with = "ben"

[[log]]
date = 2026-11-20
done = true
)");
        REQUIRE(p.value);
        CHECK(p.diagnostics.empty());
        REQUIRE(p.value->people.size() == 1);
        const Person& li = p.value->people[0];
        CHECK(li.name == "李經理");
        CHECK(li.role == "purchasing");
        CHECK(li.phones == std::vector<std::string>{"0933 111 222"});
        CHECK(li.emails == std::vector<std::string>{"li@acme.example"});
        REQUIRE(li.birthday);
        CHECK(li.birthday->year == 1976);
        CHECK(li.birthday->month == 12);
        REQUIRE(li.lunar_birthday);
        CHECK(li.lunar_birthday->month == 8);
        CHECK(li.note == "decides");
        REQUIRE(p.value->plans.size() == 2);
        const PlanEntry& call = p.value->plans[0];
        CHECK(format_date(call.date) == "2026-11-30");
        CHECK(call.kind == "call");
        CHECK(call.with == std::vector<std::string>{"amy", "ben"});
        CHECK(call.note == "intro");
        CHECK(call.by == "amy");
        CHECK(call.line == 12);
        CHECK(p.value->plans[1].kind == "visit");
        CHECK(p.value->plans[1].with == std::vector<std::string>{"ben"});
        REQUIRE(p.value->logs.size() == 1);
        CHECK(p.value->logs[0].done);
    }
    SUBCASE("a plan's note is kept when notes are skipped; a person's is not") {
        const auto p = parsed("[[plan]]\ndate = 2026-11-30\nnote = \"intro\"\n"
                              "[[person]]\nname = \"Li\"\nnote = \"decides\"\n",
                              Notes::skip);
        REQUIRE(p.value);
        CHECK(p.value->plans.at(0).note == "intro");
        CHECK(p.value->people.at(0).note.empty());
    }
    SUBCASE("unknown keys are warned about, with the nearest known one") {
        const auto p = parsed("name = \"A\"\n[[plan]]\ndate = 2026-11-30\nwiht = \"ben\"\n"
                              "[[person]]\nname = \"Li\"\nbirthdya = 1976-12-04\n");
        CHECK(rendered(p.diagnostics) ==
              std::vector<std::string>{
                  "customers/acme.toml:4:1: warning: unknown key 'wiht' in [[plan]] (did you "
                  "mean 'with'?)",
                  "customers/acme.toml:7:1: warning: unknown key 'birthdya' in [[person]] (did "
                  "you mean 'birthday'?)"});
    }
    SUBCASE("a misspelt entry name is an unknown key of the customer") {
        const auto p = parsed("name = \"A\"\n[[persn]]\nname = \"Li\"\n");
        CHECK(rendered(p.diagnostics) ==
              std::vector<std::string>{"customers/acme.toml:2:3: warning: unknown key 'persn' "
                                       "(did you mean 'person'?)"});
    }
    SUBCASE("a person's birthday is checked as the customer's") {
        const auto p = parsed("name = \"A\"\n[[person]]\nname = \"Li\"\nbirthday = \"03/14\"\n"
                              "[[person]]\nname = \"Wang\"\nlunar_birthday = { month = 13, day = "
                              "1 }\n[[person]]\nname = \"Chen\"\nbirthday = \"--02-29\"\n");
        REQUIRE(p.value);
        CHECK(rendered(p.diagnostics) ==
              std::vector<std::string>{
                  "customers/acme.toml:4:12: error: 'birthday' must be a date like 1975-03-14 or "
                  "--03-14 (write --MM-DD in quotes when the year is unknown)",
                  "customers/acme.toml:7:28: error: lunar month 13 does not exist (lunar months "
                  "are 1 to 12; set leap = true for a leap month)"});
        REQUIRE(p.value->people.size() == 1); // a wrong entry is left out whole
        CHECK(p.value->people[0].name == "Chen");
    }
    SUBCASE("a person needs a name, a plan a date") {
        const auto p = parsed("name = \"A\"\n[[person]]\nrole = \"boss\"\n[[plan]]\nkind = "
                              "\"call\"\n[[plan]]\ndate = 2026-11-30\nwith = 3\n");
        REQUIRE(p.value);
        CHECK(rendered(p.diagnostics) ==
              std::vector<std::string>{
                  "customers/acme.toml:2:1: error: [[person]] without a 'name' (add name = \"…\" "
                  "to this entry)",
                  "customers/acme.toml:4:1: error: [[plan]] without a 'date' (add date = "
                  "YYYY-MM-DD to this entry)",
                  "customers/acme.toml:8:8: error: 'with' must be a name or a list of names "
                  "(write with = \"ben\" or with = [\"amy\", \"ben\"])"});
        CHECK(p.value->people.empty());
        CHECK(p.value->plans.empty());
    }
    SUBCASE("without_history keeps the people, not the plans") {
        const auto p = parsed("name = \"A\"\n[[person]]\nname = \"Li\"\n[[plan]]\ndate = "
                              "2026-11-30\n");
        REQUIRE(p.value);
        const Customer who = without_history(*p.value);
        CHECK(who.people.size() == 1);
        CHECK(who.plans.empty());
    }
}

TEST_CASE("add_birthdays of people") {
    const Settings s = settings();
    Customer c = customer("acme", "later");
    SUBCASE("a person's Gregorian birthday names them and their role") {
        c.people = {person("李經理", "purchasing"), person("Wang")};
        c.people[0].birthday = MonthDay{1976, 11, 27};
        c.people[1].birthday = MonthDay{std::nullopt, 12, 1};
        check_reasons(run(rules::add_birthdays, c, context(s, day("2026-11-23"))), Kind::birthday,
                      std::vector<Row>{{"2026-11-27", "birthday of 李經理 (purchasing) Fri (50)"},
                                       {"2026-12-01", "birthday of Wang Tue"}});
    }
    SUBCASE("a person's lunar birthday follows the same calendar rules") {
        c.people = {person("Wang Mei", "accounting")};
        c.people[0].lunar_birthday = LunarMonthDay{10, 20, false};
        check_reasons(
            run(rules::add_birthdays, c, context(s, day("2026-11-23"))), Kind::birthday,
            std::vector<Row>{
                {"2026-11-28", "birthday of Wang Mei (accounting), lunar 10/20 → Sat 2026-11-28"}});
    }
    SUBCASE("the customer's Feb 29 rule holds for its people") {
        c.calendar.feb29 = Feb29Rule::mar1;
        c.people = {person("Li")};
        c.people[0].birthday = MonthDay{std::nullopt, 2, 29};
        check_reasons(run(rules::add_birthdays, c, context(s, day("2027-02-20"))), Kind::birthday,
                      std::vector<Row>{{"2027-03-01", "birthday of Li Mon, Feb 29 → Mar 1"}});
    }
    SUBCASE("the customer's own and its people's are all reasons of the customer") {
        c.birthday = MonthDay{std::nullopt, 11, 25};
        c.people = {person("Li")};
        c.people[0].birthday = MonthDay{std::nullopt, 11, 25};
        const auto got = run(rules::add_birthdays, c, context(s, day("2026-11-23")));
        REQUIRE(got.size() == 2);
        CHECK(got[0].text == "birthday Wed");
        CHECK(got[1].text == "birthday of Li Wed");
    }
}

TEST_CASE("coming_for people's birthdays") {
    const Settings s = settings();
    Customer c = customer("acme", "");
    c.birthday = MonthDay{std::nullopt, 12, 1};
    c.people = {person("Li"), person("Wang")};
    c.people[0].birthday = MonthDay{std::nullopt, 11, 30};
    c.people[1].lunar_birthday = LunarMonthDay{10, 20, false};
    SUBCASE("the next birthday of each, the customer's and every person's") {
        std::vector<std::string> texts;
        for (const Reason& r : coming_for(c, s, day("2026-11-23")))
            texts.push_back(r.text);
        CHECK(texts == std::vector<std::string>{
                           "birthday of Wang, lunar 10/20 → Sat 2026-11-28",
                           "birthday of Li Mon",
                           "birthday Tue",
                       });
    }
}

TEST_CASE("match_customer by a person") {
    const std::vector<Candidate> cs = {
        {"acme", "ACME Trading", "Taipei", {"02 2795 0000"}, {{"李經理", {"0933 111 222"}}}},
        {"li-jian-guo", "李建國", "Taichung", {"04 2222 3333"}, {}},
        {"zhang-wei", "張偉", "", {}, {{"Amy Chen", {}}, {"張太太", {"0955 666 777"}}}},
        {"amy", "Amy Lin", "", {}, {}},
    };
    const auto found = [&](std::string_view q) {
        const Match m = match_customer(cs, q);
        std::vector<std::string> out;
        for (std::size_t k = 0; k < m.found.size(); ++k)
            out.push_back(cs[m.found[k]].id + (m.via[k].empty() ? "" : " via " + m.via[k]));
        return out;
    };
    using Found = std::vector<std::string>;
    SUBCASE("a person's name finds the customer and says through whom") {
        CHECK(found("李經理") == Found{"acme via 李經理"});
        CHECK(found("李经理") == Found{"acme via 李經理"}); // Simplified, as names are
        CHECK(found("amy chen") == Found{"zhang-wei via Amy Chen"});
    }
    SUBCASE("a person's phone finds the customer") {
        CHECK(found("0955-666-777") == Found{"zhang-wei via 張太太"});
        CHECK(found("0933111222") == Found{"acme via 李經理"});
    }
    SUBCASE("a part of a name is ambiguous across customers and people") {
        CHECK(found("李") == Found{"acme via 李經理", "li-jian-guo"});
    }
    SUBCASE("the customer's own id still wins") {
        CHECK(found("amy") == Found{"amy"});
    }
    SUBCASE("candidate_of takes the people's names and phones") {
        Customer c = customer("acme");
        c.people = {person("Li")};
        c.people[0].phones = {"0933 111 222"};
        const Candidate got = candidate_of(c);
        REQUIRE(got.people.size() == 1);
        CHECK(got.people[0].name == "Li");
        CHECK(got.people[0].phones == std::vector<std::string>{"0933 111 222"});
    }
}

TEST_CASE("grep_matches people") {
    Customer c = customer("acme");
    c.people = {person("李經理")};
    c.people[0].emails = {"li@acme.example"};
    CHECK(grep_matches(c, LooseSearch("李经理")));
    CHECK(grep_matches(c, LooseSearch("acme.example")));
    CHECK_FALSE(grep_matches(c, LooseSearch("wang")));
}
