#include "crm/parse.hpp"

#include <doctest/doctest.h>

using namespace crm;

TEST_CASE("parse_settings") {
    SUBCASE("an empty crm.toml gives the defaults") {
        const auto parsed = parse_settings("", "crm.toml");
        REQUIRE(parsed.value);
        CHECK(parsed.diagnostics.empty());
        CHECK(parsed.value->classes.size() == 3);
        CHECK(parsed.value->horizon == Interval::days(7));
        CHECK(parsed.value->birthday_window == Interval::days(30));
        CHECK(parsed.value->calendar.feb29 == Feb29Rule::feb28);
    }
    SUBCASE("every setting is read, classes in file order") {
        const auto parsed = parse_settings(R"(currency = "TWD"
[me]
name = "amy"
[classes]
now = ["7d", "10d"]
later = "1m"
client = "2w"
[agenda]
horizon = "10d"
birthdays = "6w"
[followup]
after_purchase = ["2d", "1m"]
[calendar]
feb29 = "mar1"
lunar_leap = "both"
lunar_day30 = "skip"
[git]
autocommit = true
[products.rice-10kg]
name = "Rice, 10 kg"
lasts = "60d"
per_person = true
warn = "4d"
)",
                                           "crm.toml");
        CHECK(parsed.diagnostics.empty());
        REQUIRE(parsed.value);
        const Settings& s = *parsed.value;
        CHECK(s.currency == "TWD");
        CHECK(s.me == "amy");
        REQUIRE(s.classes.size() == 3);
        CHECK(s.classes[0].name == "now");
        CHECK(s.classes[0].maximum == Interval::days(10));
        CHECK(s.classes[1].name == "later");
        CHECK(s.classes[1].ideal == Interval{1, Interval::Unit::month});
        CHECK(s.classes[2].ideal == Interval{2, Interval::Unit::week});
        CHECK(s.horizon == Interval::days(10));
        CHECK(s.birthday_window == Interval{6, Interval::Unit::week});
        CHECK(s.after_purchase.size() == 2);
        CHECK(s.calendar.feb29 == Feb29Rule::mar1);
        CHECK(s.calendar.lunar_leap == LunarLeapRule::both);
        CHECK(s.calendar.lunar_day30 == LunarDay30Rule::skip);
        CHECK(s.git_autocommit);
        REQUIRE(s.find_product("rice-10kg"));
        CHECK(s.find_product("rice-10kg")->per_person);
        CHECK(s.find_product("rice-10kg")->warn == Interval::days(4));
    }
    SUBCASE("a bad interval says how to write it") {
        const auto parsed = parse_settings("[classes]\nnow = \"7 days\"\n", "crm.toml");
        REQUIRE(parsed.diagnostics.size() == 1);
        CHECK(format_diagnostic(parsed.diagnostics[0]) ==
              "crm.toml:2:7: error: 'now' is not an interval: '7 days' (write 7d)");
    }
    SUBCASE("a class with a wrong cadence is remembered as broken, not dropped silently") {
        const auto parsed = parse_settings("[classes]\nnow = \"7 days\"\nlater = [\"30d\"]\n"
                                           "client = [\"90d\", \"x\"]\nvip = \"14d\"\n",
                                           "crm.toml");
        REQUIRE(parsed.value);
        CHECK(parsed.value->broken_classes == std::vector<std::string>{"now", "later", "client"});
        REQUIRE(parsed.value->classes.size() == 1);
        CHECK(parsed.value->classes[0].name == "vip");
    }
    SUBCASE("a bad value keeps its default") {
        const auto parsed = parse_settings("[agenda]\nhorizon = 7\n", "crm.toml");
        REQUIRE(parsed.value);
        CHECK(parsed.value->horizon == Interval::days(7));
        REQUIRE(parsed.diagnostics.size() == 1);
        CHECK(parsed.diagnostics[0].message == "'horizon' must be an interval in quotes");
    }
    SUBCASE("a maximum shorter than the ideal is an error") {
        const auto parsed = parse_settings("[classes]\nnow = [\"10d\", \"7d\"]\n", "crm.toml");
        REQUIRE(parsed.diagnostics.size() == 1);
        CHECK(parsed.diagnostics[0].message ==
              "class 'now': the maximum is shorter than the ideal");
    }
    SUBCASE("a calendar rule must be one of its choices") {
        const auto parsed = parse_settings("[calendar]\nfeb29 = \"march\"\n", "crm.toml");
        REQUIRE(parsed.diagnostics.size() == 1);
        CHECK(format_diagnostic(parsed.diagnostics[0]) ==
              "crm.toml:2:9: error: 'feb29' must be 'feb28' or 'mar1', not 'march'");
    }
    SUBCASE("unknown sections and keys are warnings") {
        const auto parsed =
            parse_settings("[agnda]\nhorizon = \"7d\"\n[agenda]\nhorizn = \"7d\"\n", "crm.toml");
        REQUIRE(parsed.diagnostics.size() == 2);
        CHECK(format_diagnostic(parsed.diagnostics[0]) ==
              "crm.toml:1:2: warning: unknown key 'agnda' (did you mean 'agenda'?)");
        CHECK(format_diagnostic(parsed.diagnostics[1]) ==
              "crm.toml:4:1: warning: unknown key 'horizn' in [agenda] (did you mean 'horizon'?)");
    }
}
