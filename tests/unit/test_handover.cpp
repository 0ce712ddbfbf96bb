#include "agenda_fixture.hpp"
#include "crm/edit.hpp"
#include "crm/handover.hpp"

#include <toml++/toml.h>

using namespace crm;
using namespace crm::test;

namespace {

Customer owned(const char* id, const char* owner, long price = 0) {
    Customer c = customer(id);
    c.name = id;
    c.path = std::string("customers/") + id + ".toml";
    c.owner = owner;
    if (price)
        c.purchases = {bought("2026-10-01", "rice-10kg", 1, price, price)};
    return c;
}

HandoverRequest request(const char* from, const char* to) {
    HandoverRequest r;
    r.from = from;
    r.to = to;
    r.by = "lin";
    r.today = day("2026-12-02");
    return r;
}

std::vector<std::string> ids(const Handover& h) {
    std::vector<std::string> out;
    for (const HandoverStep& s : h.steps)
        out.push_back(s.id);
    return out;
}

} // namespace

TEST_CASE("plan_handover") {
    const std::vector<Customer> book = {owned("small", "amy", 100), owned("other", "ben", 900),
                                        owned("big", "Amy", 5000), owned("none", "amy")};
    SUBCASE("every customer the old owner has, biggest first, owner compared without case") {
        const Handover h = plan_handover(book, request("amy", "ben"));
        CHECK(ids(h) == std::vector<std::string>{"big", "small", "none"});
        CHECK(h.already == 0);
    }
    SUBCASE("the change: new owner, the old one among the contacts, a log and two plans") {
        const Handover h = plan_handover(book, request("amy", "ben"));
        const Change& c = h.steps.at(0).change;
        CHECK(c.new_owner == "ben");
        CHECK(c.new_contacts == std::vector<std::string>{"Amy"});
        REQUIRE(c.log);
        CHECK(c.log->kind == "handover");
        CHECK(c.log->by == "lin");
        CHECK(c.log->date == day("2026-12-02"));
        REQUIRE(c.plans.size() == 2);
        CHECK(c.plans[0].date == day("2026-12-16"));
        CHECK(c.plans[0].with == std::vector<std::string>{"Amy", "ben"});
        CHECK(c.plans[1].date == day("2027-01-15"));
        CHECK(c.plans[1].with == std::vector<std::string>{"ben"});
    }
    SUBCASE("--intro and --check move the plans") {
        HandoverRequest r = request("amy", "ben");
        r.intro = Interval::days(7);
        r.check = months(1);
        const Handover h = plan_handover(book, r);
        CHECK(h.steps.at(0).change.plans[0].date == day("2026-12-09"));
        CHECK(h.steps.at(0).change.plans[1].date == day("2027-01-09"));
    }
    SUBCASE("the filters keep some of them") {
        HandoverRequest r = request("amy", "ben");
        std::vector<Customer> regional = book;
        regional[0].region = "Taipei/Da'an";
        r.filters.regions = {"Taipei"};
        CHECK(ids(plan_handover(regional, r)) == std::vector<std::string>{"small"});
    }
    SUBCASE("a customer a handover gave the new owner already is counted, not handed again") {
        std::vector<Customer> after = book;
        after[1].logs = {log_on("2026-11-01")};
        after[1].logs[0].kind = "handover";
        const Handover h = plan_handover(after, request("carol", "ben"));
        CHECK(h.steps.empty());
        CHECK(h.already == 1);
    }
}

TEST_CASE("contacts_after") {
    CHECK(contacts_after({}, "amy", "ben", false) == std::vector<std::string>{"amy"});
    CHECK(contacts_after({"ben", "carol"}, "amy", "ben", false) ==
          std::vector<std::string>{"carol", "amy"});
    CHECK(contacts_after({"AMY"}, "amy", "ben", false) == std::vector<std::string>{"AMY"});
    CHECK(contacts_after({"amy", "carol"}, "amy", "ben", true) ==
          std::vector<std::string>{"carol"});
    CHECK(contacts_after({}, "amy", "ben", true).empty());
}

TEST_CASE("apply_change: a new owner and new contacts, in place") {
    Change change;
    change.new_owner = "ben";
    change.new_contacts = std::vector<std::string>{"carol", "amy"};
    SUBCASE("values replaced where they are; a list over several lines becomes one") {
        const std::string before = "name = \"x\"\nowner = 'amy'  # the manager\ncontacts = [\n"
                                   "  \"carol\",\n]\nregion = \"T\"\n";
        const Edited e = apply_change(before, change);
        REQUIRE(e.ok());
        CHECK(e.text == "name = \"x\"\nowner = 'ben'  # the manager\n"
                        "contacts = [\"carol\", \"amy\"]\nregion = \"T\"\n");
        CHECK(verify_change(before, e.text, change).empty());
    }
    SUBCASE("missing keys get a line after the name") {
        const std::string before = "name = \"x\"\nregion = \"T\"\n";
        const Edited e = apply_change(before, change);
        REQUIRE(e.ok());
        CHECK(e.text == "name = \"x\"\ncontacts = [\"carol\", \"amy\"]\nowner = \"ben\"\n"
                        "region = \"T\"\n");
        CHECK(verify_change(before, e.text, change).empty());
    }
    SUBCASE("with a class change too, each value lands in its place") {
        change.new_class = "client";
        const std::string before = "name = \"x\"\nclass = \"now\"\nowner = \"amy\"\n";
        const Edited e = apply_change(before, change);
        REQUIRE(e.ok());
        CHECK(e.text == "name = \"x\"\ncontacts = [\"carol\", \"amy\"]\nclass = \"client\"\n"
                        "owner = \"ben\"\n");
        CHECK(verify_change(before, e.text, change).empty());
    }
    SUBCASE("verify_change notices a wrong owner") {
        const std::string before = "name = \"x\"\nowner = \"amy\"\n";
        CHECK_FALSE(verify_change(before, before, change).empty());
    }
}

TEST_CASE("a handover is not a contact: it moves no revisit") {
    Customer c = customer("c");
    c.logs = {log_on("2026-11-20"), log_on("2026-12-02")};
    c.logs[1].kind = "handover";
    REQUIRE(last_contact(c) != nullptr);
    CHECK(last_contact(c)->date == day("2026-11-20"));
    CHECK_FALSE(is_contact(c.logs[1]));
    c.logs.pop_back();
    c.logs[0].kind = "handover";
    CHECK(last_contact(c) == nullptr);
}

TEST_CASE("apply_change: a key that is a table is not replaced") {
    Change change;
    change.new_class = "later";
    const Edited e = apply_change("['class']\n", change);
    CHECK_FALSE(e.ok());
    CHECK(e.error == "'class' on line 1 is a table, not a value");
    change.new_class.reset();
    change.new_owner = "ben";
    CHECK_FALSE(apply_change("name = \"x\"\n[[owner]]\nn = 1\n", change).ok());
    CHECK(apply_change("name = \"x\"\nowner = \"amy\"\n", change).ok());
}

TEST_CASE("apply_change: a new key never lands inside a [name] table") {
    Change change;
    change.new_owner = "ben";
    const std::string before = "[name]\n";
    const Edited e = apply_change(before, change);
    REQUIRE(e.ok());
    CHECK(e.text == "owner = \"ben\"\n[name]\n");
    CHECK(verify_change(before, e.text, change).empty());
}
