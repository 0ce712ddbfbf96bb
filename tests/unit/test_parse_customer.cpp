#include "crm/parse.hpp"

#include <doctest/doctest.h>

using namespace crm;

namespace {

Settings shop() {
    Settings s;
    s.classes = {{"now", Interval::days(7), Interval::days(10)},
                 {"later", Interval::days(30), std::nullopt},
                 {"client", Interval::days(90), std::nullopt}};
    return s;
}

// The one diagnostic a text produces, rendered as crm prints it.
std::string only_diagnostic(std::string_view text) {
    const auto parsed = parse_customer(text, "customers/x.toml", shop());
    REQUIRE(parsed.diagnostics.size() == 1);
    return format_diagnostic(parsed.diagnostics[0]);
}

} // namespace

TEST_CASE("parse_customer") {
    SUBCASE("every key of the format is read") {
        const auto parsed = parse_customer(R"(name = "張偉"
class = "now"
owner = "amy"
contacts = ["ben"]
region = "Taipei/Da'an"
phone = "+886 912 345 678"
email = "zhang.wei@example.com"
birthday = 1975-03-14
lunar_birthday = { month = 6, day = 3, leap = true }
payday = 5
household = 4
tags = ["vip", "referral"]
prefers = "Oolong tea"
notes = "met at the market"
since = 2024-05-01
feb29 = "mar1"

[[purchase]]
date = 2026-10-02
product = "rice-10kg"
qty = 2
price = 1200.50
paid = 600.25
by = "amy"
due = 2026-11-05
lasts = "45d"

[[payment]]
date = 2026-11-05
amount = 300

[[log]]
date = 2026-11-20
by = "amy"
kind = "visit"
note = "wants 5 kg next time"
next = 2026-11-27
)",
                                           "customers/zhang-wei.toml", shop());
        CHECK(parsed.diagnostics.empty());
        REQUIRE(parsed.value);
        const Customer& c = *parsed.value;
        CHECK(c.id == "zhang-wei");
        CHECK(c.name == "張偉");
        CHECK(c.class_name == "now");
        CHECK(c.contacts == std::vector<std::string>{"ben"});
        CHECK(c.birthday == MonthDay{1975, 3, 14});
        CHECK(c.lunar_birthday == LunarMonthDay{6, 3, true});
        CHECK(c.payday == 5u);
        CHECK(c.household == 4u);
        CHECK(c.calendar.feb29 == Feb29Rule::mar1);
        REQUIRE(c.purchases.size() == 1);
        CHECK(c.purchases[0].price == Money{120050});
        CHECK(c.purchases[0].paid == Money{60025});
        CHECK(c.purchases[0].qty == 2);
        CHECK(c.purchases[0].lasts == Interval::days(45));
        CHECK(c.purchases[0].line == 18);
        REQUIRE(c.payments.size() == 1);
        CHECK(c.payments[0].amount == Money::whole(300));
        REQUIRE(c.logs.size() == 1);
        CHECK(c.logs[0].next == parse_date("2026-11-27"));
        CHECK(balance(c) == Money{120050 - 60025 - 30000});
    }
    SUBCASE("a purchase without paid is settled") {
        const auto parsed = parse_customer("name = \"A\"\n[[purchase]]\ndate = 2026-01-02\n"
                                           "price = 500\n",
                                           "customers/a.toml", shop());
        REQUIRE(parsed.value);
        CHECK(parsed.value->purchases[0].paid == Money::whole(500));
    }
    SUBCASE("a birthday without year is written --MM-DD") {
        const auto parsed =
            parse_customer("name = \"A\"\nbirthday = \"--02-29\"\n", "customers/a.toml", shop());
        REQUIRE(parsed.value);
        CHECK(parsed.value->birthday == MonthDay{std::nullopt, 2, 29});
    }
    SUBCASE("money sums exactly") {
        const auto parsed = parse_customer("name = \"A\"\n[[purchase]]\ndate = 2026-01-02\n"
                                           "price = 0.3\npaid = 0.1\n[[payment]]\n"
                                           "date = 2026-01-03\namount = 0.2\n",
                                           "customers/a.toml", shop());
        REQUIRE(parsed.value);
        CHECK(balance(*parsed.value) == Money{0});
    }
}

TEST_CASE("parse_customer diagnostics") {
    SUBCASE("a wrong type says what to write") {
        CHECK(only_diagnostic("name = \"A\"\nbirthday = \"14 March\"\n") ==
              "customers/x.toml:2:12: error: 'birthday' must be a date like 1975-03-14 or "
              "--03-14 (write --MM-DD in quotes when the year is unknown)");
    }
    SUBCASE("an impossible date is quoted and pointed at") {
        CHECK(only_diagnostic("name = \"A\"\nsince = 2026-02-30\n") ==
              "customers/x.toml:2:9: error: impossible date '2026-02-30': expected day between "
              "1 and 28 (inclusive), saw 30 (check the month's length)");
    }
    SUBCASE("lunar month 13 and day 31 do not exist") {
        const auto parsed =
            parse_customer("name = \"A\"\nlunar_birthday = { month = 13, day = 31 }\n",
                           "customers/x.toml", shop());
        REQUIRE(parsed.diagnostics.size() == 2);
        CHECK(format_diagnostic(parsed.diagnostics[0]) ==
              "customers/x.toml:2:28: error: lunar month 13 does not exist (lunar months are 1 "
              "to 12; set leap = true for a leap month)");
        CHECK(format_diagnostic(parsed.diagnostics[1]) ==
              "customers/x.toml:2:38: error: lunar day 31 does not exist (lunar months have 29 "
              "or 30 days)");
    }
    SUBCASE("an unknown class suggests the nearest") {
        CHECK(only_diagnostic("name = \"A\"\nclass = \"nwo\"\n") ==
              "customers/x.toml:2:9: error: unknown class 'nwo' (did you mean 'now'?)");
    }
    SUBCASE("a class whose cadence in crm.toml is wrong is not reported again") {
        Settings s = shop();
        s.classes.erase(s.classes.begin()); // "now = \"7 days\"" was refused
        s.broken_classes = {"now"};
        const auto parsed =
            parse_customer("name = \"A\"\nclass = \"now\"\n", "customers/x.toml", s);
        CHECK(parsed.diagnostics.empty());
        REQUIRE(parsed.value);
        CHECK(parsed.value->class_name == "now");
    }
    SUBCASE("an unknown class far from any lists the classes") {
        CHECK(only_diagnostic("name = \"A\"\nclass = \"gold\"\n") ==
              "customers/x.toml:2:9: error: unknown class 'gold' (the classes in crm.toml are: "
              "now, later, client)");
    }
    SUBCASE("an unknown key is a warning with a suggestion") {
        CHECK(only_diagnostic("name = \"A\"\nhousehld = 3\n") ==
              "customers/x.toml:2:1: warning: unknown key 'househld' (did you mean 'household'?)");
    }
    SUBCASE("a zero or negative quantity is refused") {
        CHECK(only_diagnostic("name = \"A\"\n[[purchase]]\ndate = 2026-01-02\nqty = 0\n") ==
              "customers/x.toml:4:7: error: quantity 0 is not positive (a purchase has a "
              "quantity above 0; record a return as a note)");
        CHECK(only_diagnostic("name = \"A\"\n[[purchase]]\ndate = 2026-01-02\nqty = -2\n") ==
              "customers/x.toml:4:7: error: quantity -2 is not positive (a purchase has a "
              "quantity above 0; record a return as a note)");
    }
    SUBCASE("paid cannot exceed the price") {
        CHECK(only_diagnostic("name = \"A\"\n[[purchase]]\ndate = 2026-01-02\nprice = 100\n"
                              "paid = 150\n") ==
              "customers/x.toml:5:8: error: paid 150 is more than the price 100 (price is the "
              "total for the purchase; record extra money as a [[payment]])");
    }
    SUBCASE("payday is a day of the month") {
        CHECK(only_diagnostic("name = \"A\"\npayday = 0\n") ==
              "customers/x.toml:2:10: error: payday 0 is not a day of the month (write a day "
              "from 1 to 31; 31 means the month's last day)");
    }
    SUBCASE("money has at most two decimals") {
        CHECK(only_diagnostic("name = \"A\"\n[[purchase]]\ndate = 2026-01-02\nprice = 1.005\n") ==
              "customers/x.toml:4:9: error: 'price' has more than two decimals");
    }
    SUBCASE("an entry without its date is reported at its header") {
        CHECK(only_diagnostic("name = \"A\"\n\n[[log]]\nnote = \"hi\"\n") ==
              "customers/x.toml:3:1: error: [[log]] without a 'date' (add date = YYYY-MM-DD to "
              "this entry)");
    }
    SUBCASE("a file without a name is read with a warning") {
        const auto parsed = parse_customer("class = \"now\"\n", "customers/lin.toml", shop());
        REQUIRE(parsed.value);
        CHECK(parsed.value->name == "lin");
        REQUIRE(parsed.diagnostics.size() == 1);
        CHECK(parsed.diagnostics[0].severity == Severity::warning);
    }
    SUBCASE("diagnostics come in file order, not key order") {
        const auto parsed = parse_customer("zzz = 1\naaa = 2\n", "customers/x.toml", shop());
        REQUIRE(parsed.diagnostics.size() == 3);
        CHECK(parsed.diagnostics[0].line == 1);
        CHECK(parsed.diagnostics[1].line == 1);
        CHECK(parsed.diagnostics[2].line == 2);
    }
}

TEST_CASE("parse_customer entries with a wrong value") {
    SUBCASE("are left out whole, so no debt or sale is invented") {
        const auto parsed =
            parse_customer("name = \"A\"\n"
                           "[[purchase]]\ndate = 2026-01-02\nprice = 100\npaid = 150\n"
                           "[[purchase]]\ndate = 2026-01-03\nqty = 0\nprice = 100\n"
                           "[[purchase]]\ndate = 2026-01-04\nprice = 100\npaid = 40\n",
                           "customers/a.toml", Settings{});
        REQUIRE(parsed.value);
        REQUIRE(parsed.value->purchases.size() == 1);
        CHECK(parsed.value->purchases[0].date == parse_date("2026-01-04"));
        CHECK(balance(*parsed.value) == Money::whole(60));
    }
}

TEST_CASE("parse_customer syntax messages") {
    SUBCASE("toml++'s doubled word is said once") {
        const auto parsed =
            parse_customer("name = \"A\"\nbirthday = --06-01\n", "customers/a.toml", Settings{});
        REQUIRE(parsed.diagnostics.size() == 1);
        CHECK(parsed.diagnostics[0].message.find("expected expected") == std::string::npos);
        CHECK(parsed.diagnostics[0].message.starts_with("expected "));
    }
}

TEST_CASE("parse_customer error cascades") {
    SUBCASE("a bad price is one error, not also a misleading one about paid") {
        const auto parsed = parse_customer("name = \"A\"\n[[purchase]]\ndate = 2026-01-02\n"
                                           "price = 10.555\npaid = 5\n",
                                           "customers/a.toml", Settings{});
        REQUIRE(parsed.diagnostics.size() == 1);
        CHECK(parsed.diagnostics[0].message == "'price' has more than two decimals");
    }
}

TEST_CASE("parse_customer without notes") {
    const std::string text = "name = \"A\"\nnotes = \"long story\"\n"
                             "[[purchase]]\ndate = 2026-01-02\nprice = 10.5\nnote = \"gift\"\n"
                             "[[payment]]\ndate = 2026-01-03\namount = 5\nnote = \"cash\"\n"
                             "[[log]]\ndate = 2026-03-01\nnote = \"newest\"\nnext = 2026-03-09\n"
                             "[[log]]\ndate = 2026-02-01\nnote = 3\n";
    SUBCASE("keeps every entry and value but the notes") {
        const auto parsed = parse_customer(text, "customers/a.toml", Settings{}, Notes::skip);
        REQUIRE(parsed.value);
        const Customer& c = *parsed.value;
        CHECK(c.notes.empty());
        REQUIRE(c.purchases.size() == 1);
        CHECK(c.purchases[0].note.empty());
        CHECK(c.purchases[0].price == Money{1050});
        REQUIRE(c.payments.size() == 1);
        CHECK(c.payments[0].note.empty());
        REQUIRE(c.logs.size() == 1); // the second one's note is not a string
        CHECK(c.logs[0].note.empty());
        CHECK(c.logs[0].next == parse_date("2026-03-09"));
    }
    SUBCASE("still checks them, as a full parse does") {
        const auto skipped = parse_customer(text, "customers/a.toml", Settings{}, Notes::skip);
        const auto kept = parse_customer(text, "customers/a.toml", Settings{}, Notes::keep);
        REQUIRE(skipped.diagnostics.size() == 1);
        CHECK(format_diagnostic(skipped.diagnostics[0]) == format_diagnostic(kept.diagnostics[0]));
        CHECK(skipped.diagnostics[0].line == 17);
        REQUIRE(kept.value);
        CHECK(kept.value->notes == "long story");
        CHECK(kept.value->logs[0].note == "newest");
    }
}

TEST_CASE("parse_customer ranges") {
    SUBCASE("an amount beyond a trillion is a positioned error, not a wrapped sum") {
        CHECK(only_diagnostic(
                  "name = \"A\"\n[[purchase]]\ndate = 2026-11-01\nprice = 92233720368547749\n") ==
              "customers/x.toml:4:9: error: 'price' 92233720368547749 is more than crm keeps "
              "(amounts are at most 1000000000000)");
        CHECK(only_diagnostic("name = \"A\"\n[[payment]]\ndate = 2026-11-01\namount = 1e3\n") ==
              "customers/x.toml:4:10: error: 'amount' must be an amount like 1200 or 12.50 "
              "(write it without an exponent)");
    }
    SUBCASE("a quantity beyond a million units is refused") {
        CHECK(only_diagnostic("name = \"A\"\n[[purchase]]\ndate = 2026-11-01\nqty = 1e9\n") ==
              "customers/x.toml:4:7: error: quantity 1000000000 is more than crm keeps (a purchase "
              "has at most 1000000 units)");
    }
    SUBCASE("the largest amounts and quantities allowed still sum and run out sanely") {
        std::string text = "name = \"big\"\n";
        for (int i = 0; i < 3; ++i)
            text += "[[purchase]]\ndate = 2026-11-01\nproduct = \"x\"\nqty = 1000000\n"
                    "lasts = \"10000y\"\nprice = 1000000000000\npaid = 0\n";
        const auto parsed = parse_customer(text, "customers/x.toml", shop());
        REQUIRE(parsed.value);
        CHECK(parsed.diagnostics.empty());
        CHECK(lifetime_value(*parsed.value) == Money{300'000'000'000'000});
        CHECK(balance(*parsed.value) == Money{300'000'000'000'000});
    }
}

TEST_CASE("Money arithmetic") {
    SUBCASE("a sum past the int64 limits saturates instead of wrapping") {
        const Money big{INT64_MAX - 5};
        CHECK(big + Money{10} == Money{INT64_MAX});
        CHECK(Money{INT64_MIN + 5} - Money{10} == Money{INT64_MIN});
        CHECK(Money{200} + Money{-300} == Money{-100});
    }
}
