// Contacts as exports write them (vCard, CSV), and what crm import plans
// to do with them.

#include "crm/contacts.hpp"
#include "crm/edit.hpp"
#include "crm/import.hpp"

#include <doctest/doctest.h>

using namespace crm;

namespace {

ContactCard only_card(std::string_view text) {
    const ContactsRead r = read_vcards(text);
    REQUIRE(r.cards.size() == 1);
    return r.cards.front();
}

using Strings = std::vector<std::string>;

} // namespace

TEST_CASE("read_vcards: what libvformat leaves to its caller") {
    SUBCASE("3.0 escapes: a \\; does not split the note, \\, and \\n are undone") {
        const ContactCard c = only_card("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Amy Lee\r\n"
                                        "NOTE:likes tea\\, not coffee\\; call after 5\\nback "
                                        "door\r\nEND:VCARD\r\n");
        CHECK(c.note == "likes tea, not coffee; call after 5\nback door");
    }
    SUBCASE("a folded line is one value") {
        const ContactCard c =
            only_card("BEGIN:VCARD\nVERSION:3.0\nFN:Amy\nNOTE:one two\n  three\nEND:VCARD\n");
        CHECK(c.note == "one two three");
    }
    SUBCASE("2.1 quoted-printable UTF-8, with soft line breaks and CRLF inside") {
        const ContactCard c =
            only_card("BEGIN:VCARD\r\nVERSION:2.1\r\n"
                      "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=B5;=E5=81=89;;;\r\n"
                      "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=96=9C=E6=AD=A1=0D=0A=\r\n"
                      "second\r\nEND:VCARD\r\n");
        CHECK(c.name == "張偉"); // from N: family name first, no space
        CHECK(c.note == "喜歡\nsecond");
    }
    SUBCASE("a charset that is not UTF-8 is converted") {
        // 張 in Big5 is B1 69, quoted-printable.
        const ContactCard c = only_card("BEGIN:VCARD\nVERSION:2.1\n"
                                        "FN;CHARSET=BIG5;ENCODING=QUOTED-PRINTABLE:=B1i\n"
                                        "END:VCARD\n");
        CHECK(c.name == "張");
    }
    SUBCASE("a western name from N is given name first") {
        CHECK(only_card("BEGIN:VCARD\nVERSION:3.0\nN:Lee;Amy;;;\nEND:VCARD\n").name == "Amy Lee");
    }
    SUBCASE("several TEL and EMAIL in order; tel: URIs and group prefixes") {
        const ContactCard c = only_card("BEGIN:VCARD\nVERSION:4.0\nFN:A\n"
                                        "TEL;VALUE=uri;TYPE=\"cell,voice\":tel:+886-912-111-222\n"
                                        "item1.TEL:02 2345 6789\nEMAIL;PREF=1:a@x.tw\n"
                                        "EMAIL:b@x.tw\nEND:VCARD\n");
        CHECK(c.phones == Strings{"+886-912-111-222", "02 2345 6789"});
        CHECK(c.emails == Strings{"a@x.tw", "b@x.tw"});
    }
    SUBCASE("birthdays with and without a year") {
        const auto bday = [](std::string_view line) {
            return only_card(std::string("BEGIN:VCARD\nVERSION:3.0\nFN:A\n") + std::string(line) +
                             "\nEND:VCARD\n")
                .birthday;
        };
        CHECK(bday("BDAY:1975-03-14") == MonthDay{1975, 3, 14});
        CHECK(bday("BDAY:19750314") == MonthDay{1975, 3, 14});
        CHECK(bday("BDAY:--0314") == MonthDay{std::nullopt, 3, 14});
        CHECK(bday("BDAY:--03-14") == MonthDay{std::nullopt, 3, 14});
        CHECK(bday("BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-14") == MonthDay{std::nullopt, 3, 14});
        CHECK(bday("BDAY:--0229") == MonthDay{std::nullopt, 2, 29});
        CHECK_FALSE(bday("BDAY:1975-02-30"));
    }
    SUBCASE("lunar birthdays: Apple's X-ALTBDAY and 4.0's BDAY;CALSCALE=chinese") {
        const auto lunar = [](std::string_view line) {
            return only_card(std::string("BEGIN:VCARD\nVERSION:3.0\nFN:A\n") + std::string(line) +
                             "\nEND:VCARD\n")
                .lunar_birthday;
        };
        CHECK(lunar("X-ALTBDAY;CALSCALE=chinese:007700470415") == LunarMonthDay{4, 15, false});
        CHECK(lunar("X-ALTBDAY;CALSCALE=chinese:0078000406L03") == LunarMonthDay{6, 3, true});
        CHECK(lunar("X-ALTBDAY;CALSCALE=chinese:--0815") == LunarMonthDay{8, 15, false});
        CHECK(lunar("BDAY;CALSCALE=chinese:19620815") == LunarMonthDay{8, 15, false});
        CHECK_FALSE(lunar("X-ALTBDAY;CALSCALE=chinese:007700471315"));
    }
    SUBCASE("a company card: KIND:org, or a card with only ORG") {
        const ContactCard org =
            only_card("BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:台灣米行\nORG:台灣米行\nEND:VCARD\n");
        CHECK(org.organisation);
        const ContactCard only_org =
            only_card("BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nORG:ACME;Sales\nEND:VCARD\n");
        CHECK(only_org.organisation);
        CHECK(only_org.name == "ACME");
        const ContactCard person =
            only_card("BEGIN:VCARD\nVERSION:3.0\nFN:Li\nORG:ACME;Sales\nTITLE:buyer\nEND:VCARD\n");
        CHECK_FALSE(person.organisation);
        CHECK(person.org == "ACME");
        CHECK(person.title == "buyer");
    }
    SUBCASE("CATEGORIES are tags") {
        CHECK(
            only_card("BEGIN:VCARD\nVERSION:3.0\nFN:A\nCATEGORIES:vip,tea,vip\nEND:VCARD\n").tags ==
            Strings{"vip", "tea"});
    }
    SUBCASE("a card without a name is skipped with its line; the others still read") {
        const ContactsRead r = read_vcards("BEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARD\n"
                                           "BEGIN:VCARD\nVERSION:3.0\nTEL:0912\nEND:VCARD\n"
                                           "BEGIN:VCARD\nVERSION:3.0\nFN:B\nEND:VCARD\n");
        REQUIRE(r.cards.size() == 2);
        CHECK(r.cards[0].line == 1);
        CHECK(r.cards[1].line == 9);
        REQUIRE(r.skipped.size() == 1);
        CHECK(r.skipped[0].line == 5);
    }
}

TEST_CASE("read_contacts_csv") {
    SUBCASE("RFC 4180 quoting, a BOM, a line break in a field, rows' lines") {
        const ContactsRead r = read_contacts_csv("\xEF\xBB\xBFName,Phone,Notes\n"
                                                 "\"Lee, Amy\",0912,\"says \"\"hi\"\"\nand bye\"\n"
                                                 "Ben,0933,\n",
                                                 {});
        REQUIRE(r.cards.size() == 2);
        CHECK(r.cards[0].name == "Lee, Amy");
        CHECK(r.cards[0].note == "says \"hi\"\nand bye");
        CHECK(r.cards[0].line == 2);
        CHECK(r.cards[1].line == 4);
        CHECK(r.cards[1].phones == Strings{"0933"});
    }
    SUBCASE("Chinese headers need no --map; --map moves or skips a column") {
        const std::string text = "姓名,手機,生日,備註,車號\n張偉,0912,1975/3/14,烏龍茶,ABC-123\n";
        const ContactsRead plain = read_contacts_csv(text, {});
        REQUIRE(plain.cards.size() == 1);
        CHECK(plain.cards[0].phones == Strings{"0912"});
        CHECK(plain.cards[0].birthday == MonthDay{1975, 3, 14});
        REQUIRE(plain.notes.size() == 1);
        CHECK(plain.notes[0].find("'車號'") != std::string::npos);
        const ContactsRead mapped =
            read_contacts_csv(text, {{{"車號", "tags"}, {"備註", "skip"}, {"無", "region"}}});
        CHECK(mapped.cards[0].tags == Strings{"ABC-123"});
        CHECK(mapped.cards[0].note.empty());
        REQUIRE(mapped.skipped.size() == 1); // the --map naming no column
        CHECK(mapped.skipped[0].reason.find("no column '無'") != std::string::npos);
    }
    SUBCASE("Google's ' ::: ' lists, its own labels left out, given and family names") {
        const ContactsRead r =
            read_contacts_csv("Given Name,Family Name,Phone 1 - Type,Phone 1 - Value,Labels\n"
                              "偉,張,Mobile,0912 ::: 02 2345,* myContacts ::: vip\n"
                              "Amy,Lee,,0933,\n",
                              {});
        REQUIRE(r.cards.size() == 2);
        CHECK(r.cards[0].name == "張偉");
        CHECK(r.cards[0].phones == Strings{"0912", "02 2345"});
        CHECK(r.cards[0].tags == Strings{"vip"});
        CHECK(r.cards[1].name == "Amy Lee");
    }
    SUBCASE("a bad value is left out with why; a row without a name is skipped") {
        const ContactsRead r =
            read_contacts_csv("name,birthday,payday\nA,1975-13-01,40\n,0912,\n", {});
        REQUIRE(r.cards.size() == 1);
        CHECK_FALSE(r.cards[0].birthday);
        CHECK(r.cards[0].warnings.size() == 2);
        REQUIRE(r.skipped.size() == 1);
        CHECK(r.skipped[0].line == 3);
    }
}

namespace {

Customer customer(std::string id, std::string name, Strings phones) {
    Customer c;
    c.id = id;
    c.path = "customers/" + id + ".toml";
    c.name = std::move(name);
    c.phones = std::move(phones);
    return c;
}

ContactCard card(unsigned line, std::string name, Strings phones) {
    ContactCard c;
    c.line = line;
    c.name = std::move(name);
    c.phones = std::move(phones);
    return c;
}

const ImportDefaults defaults{"now", {"now", "later"}, "amy", Date{}};

ImportPlan plan(const std::vector<ContactCard>& cards, const std::vector<Customer>& customers) {
    ContactsRead read;
    read.cards = cards;
    Strings ids;
    for (const Customer& c : customers)
        ids.push_back(c.id);
    return plan_import(read, customers, ids, defaults);
}

} // namespace

TEST_CASE("plan_import") {
    SUBCASE("a match fills only empty values; a different value is a conflict") {
        Customer zw = customer("zhang-wei", "張偉", {"+886 912 345 678"});
        ContactCard c = card(1, "張偉", {"0912-345-678", "02 2700 1234"});
        c.emails = {"zw@example.com"};
        c.birthday = MonthDay{1975, 3, 14};
        zw.birthday = MonthDay{1975, 3, 15};
        const ImportPlan p = plan({c}, {zw});
        REQUIRE(p.steps.size() == 1);
        CHECK(p.steps[0].action == ImportAction::update);
        CHECK(p.steps[0].keys == Strings{"email"});
        REQUIRE(p.steps[0].conflicts.size() == 2);
        CHECK(p.steps[0].conflicts[0].key == "phone");
        CHECK(p.steps[0].conflicts[0].in_card == "02 2700 1234");
        CHECK(p.steps[0].conflicts[1].key == "birthday");
        REQUIRE(p.updates.size() == 1);
        REQUIRE(p.updates[0].change.fill.size() == 1);
        CHECK(p.updates[0].change.fill[0].literal == "\"zw@example.com\"");
        CHECK(p.new_files.empty());
    }
    SUBCASE("everything there already: unchanged, nothing to write") {
        Customer zw = customer("zhang-wei", "張偉", {"+886 912 345 678"});
        const ImportPlan p = plan({card(1, "張偉", {"0912 345 678"})}, {zw});
        CHECK(p.steps[0].action == ImportAction::unchanged);
        CHECK_FALSE(p.writes());
    }
    SUBCASE("the same name and a phone beats a phone alone; equal matches are skipped") {
        const std::vector<Customer> folder = {customer("zhang-wei", "張偉", {"02 2700 1234"}),
                                              customer("li-na", "Li Na", {"02 2700 1234"})};
        CHECK(plan({card(1, "張偉", {"02 2700 1234"})}, folder).steps[0].path ==
              "customers/zhang-wei.toml");
        const ImportStep both = plan({card(1, "Wang", {"02 2700 1234"})}, folder).steps[0];
        CHECK(both.action == ImportAction::skip);
        CHECK(both.reason.find("matches customers/zhang-wei.toml and customers/li-na.toml") !=
              std::string::npos);
    }
    SUBCASE("a new customer's id is never one taken, nor one of the same import") {
        const ImportPlan p = plan({card(1, "張偉", {"0911"}), card(9, "Zhang Wei", {"0922"})},
                                  {customer("zhang-wei", "Someone Else", {"0933"})});
        REQUIRE(p.new_files.size() == 2);
        CHECK(p.new_files[0].path == "customers/zhang-wei-2.toml");
        CHECK(p.new_files[1].path == "customers/zhang-wei-3.toml");
        CHECK(p.new_files[0].customer.class_name == "now");
        CHECK(p.new_files[0].customer.owner == "amy");
    }
    SUBCASE("a person at a company of the import becomes its [[person]], whatever the order") {
        ContactCard li = card(1, "李經理", {"0933"});
        li.org = "ACME";
        li.title = "buyer";
        ContactCard acme = card(7, "ACME", {"02 2795"});
        acme.organisation = true;
        const ImportPlan p = plan({li, acme}, {});
        REQUIRE(p.steps.size() == 2);
        CHECK(p.steps[0].action == ImportAction::add_person);
        CHECK(p.steps[1].action == ImportAction::add);
        REQUIRE(p.new_files.size() == 1);
        REQUIRE(p.new_files[0].customer.people.size() == 1);
        CHECK(p.new_files[0].customer.people[0].role == "buyer");
    }
    SUBCASE("a person whose company is no customer: a customer, the company in the notes") {
        ContactCard li = card(1, "李經理", {"0933"});
        li.org = "ACME";
        li.title = "buyer";
        li.note = "met at the fair";
        const ImportPlan p = plan({li}, {});
        REQUIRE(p.new_files.size() == 1);
        CHECK(p.new_files[0].customer.notes == "ACME · buyer\nmet at the fair");
    }
    SUBCASE("a person who is a customer of their own stays one, whatever their ORG") {
        ContactCard chen = card(1, "陳志明", {"0933"});
        chen.org = "ACME";
        const ImportPlan p =
            plan({chen}, {customer("acme", "ACME", {"02"}), customer("chen", "陳志明", {"0933"})});
        CHECK(p.steps[0].path == "customers/chen.toml");
        CHECK(p.steps[0].keys == Strings{"notes"}); // where they work
    }
    SUBCASE("a class that is not crm.toml's is left out with a warning") {
        ContactCard c = card(1, "A", {"0912"});
        c.class_name = "vip";
        const ImportPlan p = plan({c}, {});
        CHECK(p.new_files[0].customer.class_name == "now");
        REQUIRE(p.steps[0].warnings.size() == 1);
    }
}

TEST_CASE("apply_change: what an import writes into a customer's file") {
    Change change;
    change.fill = {{"email", "\"zw@example.com\""}, {"birthday", "1975-03-14"}};
    Person li;
    li.name = "李經理";
    li.phones = {"0933", "02 2795"};
    change.people = {li};
    SUBCASE("a missing key goes after name, an empty one is replaced, people at the end") {
        const std::string before = "name = \"張偉\" # the boss\r\nemail = \"\"\r\n\r\n"
                                   "[[log]]\r\ndate = 2026-11-20\r\n";
        const Edited e = apply_change(before, change);
        REQUIRE(e.ok());
        CHECK(e.text == "name = \"張偉\" # the boss\r\nbirthday = 1975-03-14\r\n"
                        "email = \"zw@example.com\"\r\n\r\n[[log]]\r\ndate = 2026-11-20\r\n\r\n"
                        "[[person]]\r\nname = \"李經理\"\r\nphone = [\"0933\", \"02 2795\"]\r\n");
        CHECK(verify_change(before, e.text, change).empty());
        CHECK_FALSE(verify_change(before, before, change).empty());
    }
    SUBCASE("a value written since the import was planned is never overwritten") {
        const Edited e = apply_change("name = \"A\"\nemail = \"a@b.c\"\n", change);
        CHECK_FALSE(e.ok());
        CHECK(e.error == "'email' on line 2 has a value now");
    }
}

TEST_CASE("parse_contact_birthday: day and month in either order only when it is clear") {
    CHECK(parse_contact_birthday("8/16/1979") == MonthDay{1979, 8, 16});
    CHECK(parse_contact_birthday("16/8/1979") == MonthDay{1979, 8, 16});
    CHECK(parse_contact_birthday("5/5/1979") == MonthDay{1979, 5, 5});
    CHECK_FALSE(parse_contact_birthday("3/4/1979"));
    CHECK(parse_contact_birthday("1975/3/14") == MonthDay{1975, 3, 14});
    CHECK(parse_contact_birthday("1975-03-14T00:00:00Z") == MonthDay{1975, 3, 14});
    CHECK(parse_contact_birthday("03-14") == MonthDay{std::nullopt, 3, 14});
    CHECK_FALSE(parse_contact_birthday("13-01"));
    CHECK_FALSE(parse_contact_birthday("0/0/00"));
}
