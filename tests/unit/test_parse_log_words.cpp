#include "crm/parse.hpp"

#include <doctest/doctest.h>

using namespace crm;

namespace {

Settings shop() {
    Settings s;
    s.classes = {{"now", Interval::days(7), Interval::days(10)},
                 {"client", Interval::days(90), std::nullopt}};
    return s;
}

Parsed<Customer> parse(std::string_view text) {
    return parse_customer(text, "customers/x.toml", shop());
}

// A customer with one [[log]] holding `keys` (from line 4 on).
std::string one_log(std::string_view keys) {
    return "name = \"A\"\n[[log]]\ndate = 2026-11-20\n" + std::string(keys);
}

// The one diagnostic a text produces, rendered as crm prints it.
std::string only_diagnostic(std::string_view text) {
    const auto parsed = parse(text);
    REQUIRE(parsed.diagnostics.size() == 1);
    return format_diagnostic(parsed.diagnostics[0]);
}

} // namespace

TEST_CASE("parse_customer log words") {
    SUBCASE("why, said, themes, satisfaction and the class and owner moves are read") {
        const auto parsed = parse(R"(name = "A"
class = "client"
owner = "ben"
[[log]]
date = 2026-11-20
by = "amy"
kind = "visit"
why = "stop"
said = "The 10 kg bag is too heavy for the stairs."
themes = ["weight", "Delivery "]
satisfaction = 4
class = "client"
class_was = "now"
owner = "ben"
owner_was = "amy"
)");
        CHECK(parsed.diagnostics.empty());
        REQUIRE(parsed.value);
        REQUIRE(parsed.value->logs.size() == 1);
        const LogEntry& e = parsed.value->logs[0];
        CHECK(e.why == "stop");
        CHECK(e.said == "The 10 kg bag is too heavy for the stairs.");
        CHECK(e.themes == std::vector<std::string>{"weight", "Delivery "}); // as written
        CHECK(e.satisfaction == 4u);
        CHECK(e.class_to == "client");
        CHECK(e.class_was == "now");
        CHECK(e.owner_to == "ben");
        CHECK(e.owner_was == "amy");
        CHECK(e.by == "amy");
        CHECK(e.kind == "visit");
    }
    SUBCASE("a log without them has none") {
        const auto parsed = parse(one_log("kind = \"call\"\n"));
        REQUIRE(parsed.value);
        REQUIRE(parsed.value->logs.size() == 1);
        const LogEntry& e = parsed.value->logs[0];
        CHECK(e.why.empty());
        CHECK(e.said.empty());
        CHECK(e.themes.empty());
        CHECK(e.satisfaction == std::nullopt);
        CHECK(e.class_to.empty());
        CHECK(e.owner_to.empty());
    }
    SUBCASE("each of buy, keep and stop is read without a warning") {
        for (const char* why : {"buy", "keep", "stop"}) {
            const auto parsed = parse(one_log("why = \"" + std::string(why) + "\"\n"));
            CHECK_MESSAGE(parsed.diagnostics.empty(), why);
            REQUIRE(parsed.value);
            REQUIRE(parsed.value->logs.size() == 1);
            CHECK(parsed.value->logs[0].why == why);
        }
    }
    SUBCASE("a why that is none of buy, keep, stop is kept, with a warning naming the nearest") {
        CHECK(only_diagnostic(one_log("why = \"buy \"\n")) ==
              "customers/x.toml:4:7: warning: why = \"buy \" is none of buy, keep, stop (did you "
              "mean 'buy'? crm reasons leaves this one out)");
        const auto parsed = parse(one_log("why = \"buy \"\n"));
        REQUIRE(parsed.value);
        REQUIRE(parsed.value->logs.size() == 1);
        CHECK(parsed.value->logs[0].why == "buy ");
    }
    SUBCASE("a why too far from every question says what the questions are") {
        // "bye" is two edits from "buy": too many for a word of three letters.
        CHECK(only_diagnostic(one_log("why = \"bye\"\n")) ==
              "customers/x.toml:4:7: warning: why = \"bye\" is none of buy, keep, stop (crm "
              "reasons asks why customers buy, keep buying or would stop; it leaves this one "
              "out)");
    }
    SUBCASE("a satisfaction outside 1 to 5 warns and leaves the score unset") {
        for (const int score : {0, 6}) {
            const std::string text = one_log("satisfaction = " + std::to_string(score) + "\n");
            CHECK(only_diagnostic(text) ==
                  "customers/x.toml:4:16: warning: satisfaction " + std::to_string(score) +
                      " is not from 1 to 5 (write 1 (very unhappy) to 5 (very happy); this "
                      "score is left out)");
            const auto parsed = parse(text);
            REQUIRE(parsed.value);
            REQUIRE(parsed.value->logs.size() == 1); // a warning keeps the log
            CHECK(parsed.value->logs[0].satisfaction == std::nullopt);
        }
    }
    SUBCASE("1 and 5 are scores") {
        for (const unsigned score : {1u, 5u}) {
            const auto parsed = parse(one_log("satisfaction = " + std::to_string(score) + "\n"));
            CHECK(parsed.diagnostics.empty());
            REQUIRE(parsed.value);
            REQUIRE(parsed.value->logs.size() == 1);
            CHECK(parsed.value->logs[0].satisfaction == score);
        }
    }
    SUBCASE("a satisfaction in quotes is the wrong type, reported as for other keys") {
        CHECK(only_diagnostic(one_log("satisfaction = \"4\"\n")) ==
              "customers/x.toml:4:16: error: 'satisfaction' must be a whole number");
        CHECK(only_diagnostic("name = \"A\"\npayday = \"4\"\n") ==
              "customers/x.toml:2:10: error: 'payday' must be a whole number");
        // A wrong value leaves the entry out whole, as for every entry.
        const auto parsed = parse(one_log("satisfaction = \"4\"\n"));
        REQUIRE(parsed.value);
        CHECK(parsed.value->logs.empty());
    }
    SUBCASE("said and themes of the wrong type are reported") {
        CHECK(
            only_diagnostic(one_log("said = 4\n")) ==
            "customers/x.toml:4:8: error: 'said' must be a string in quotes (write said = \"…\")");
        const std::string themes = only_diagnostic(one_log("themes = \"price\"\n"));
        CHECK(themes.starts_with("customers/x.toml:4:10: error: 'themes' must be a list of "
                                 "strings"));
    }
}
