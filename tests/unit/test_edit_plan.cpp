// Writing [[plan]] entries and `done = true` logs (crm plan, crm log --done).

#include "crm/edit.hpp"
#include "crm/parse.hpp"

#include <doctest/doctest.h>

using namespace crm;

namespace {

Date day(const char* iso) {
    return *parse_date(iso);
}

PlanDraft intro() {
    return {day("2026-11-30"), "visit", {"amy", "ben"}, "introduction of ben", "amy"};
}

const char* const kFile = "name = \"ACME\"   # the buyer\n"
                          "class = \"later\"\n"
                          "\n"
                          "[[log]]\n"
                          "date = 2026-11-20\n"
                          "kind = \"call\"\n";

} // namespace

TEST_CASE("render_plan") {
    SUBCASE("keys in the documented order, `with` always a list") {
        CHECK(render_plan(intro(), Layout{}) == "[[plan]]\n"
                                                "date = 2026-11-30\n"
                                                "kind = \"visit\"\n"
                                                "with = [\"amy\", \"ben\"]\n"
                                                "by = \"amy\"\n"
                                                "note = \"introduction of ben\"\n");
    }
    SUBCASE("empty keys are left out; the kind is always written") {
        const PlanDraft p{day("2026-12-01"), "call", {}, "", ""};
        CHECK(render_plan(p, Layout{}) == "[[plan]]\ndate = 2026-12-01\nkind = \"call\"\n");
    }
    SUBCASE("names and notes are escaped; the layout's indentation and line ending are used") {
        Layout l;
        l.eol = "\r\n";
        l.key_indent = "  ";
        const PlanDraft p{day("2026-12-01"), "visit", {"a\"b"}, "two\nlines", "amy"};
        CHECK(render_plan(p, l) == "[[plan]]\r\n"
                                   "  date = 2026-12-01\r\n"
                                   "  kind = \"visit\"\r\n"
                                   "  with = [\"a\\\"b\"]\r\n"
                                   "  by = \"amy\"\r\n"
                                   "  note = \"\"\"\r\ntwo\r\nlines\"\"\"\r\n");
    }
}

TEST_CASE("render_log done") {
    LogDraft e{day("2026-11-23"), "amy", "visit", "", std::nullopt};
    CHECK(render_log(e, Layout{}).find("done") == std::string::npos);
    e.done = true;
    CHECK(render_log(e, Layout{}) ==
          "[[log]]\ndate = 2026-11-23\nby = \"amy\"\nkind = \"visit\"\ndone = true\n");
}

TEST_CASE("apply_change plans") {
    SUBCASE("plans are appended after the log, in order, and nothing else changes") {
        Change c;
        c.log = LogDraft{day("2026-11-23"), "amy", "visit", "", std::nullopt, true};
        c.plans = {intro(), {day("2026-12-30"), "call", {}, "satisfaction", "amy"}};
        const Edited e = apply_change(kFile, c);
        REQUIRE(e.ok());
        CHECK(e.text == std::string(kFile) +
                            "\n[[log]]\ndate = 2026-11-23\nby = \"amy\"\nkind = \"visit\"\n"
                            "done = true\n"
                            "\n[[plan]]\ndate = 2026-11-30\nkind = \"visit\"\n"
                            "with = [\"amy\", \"ben\"]\nby = \"amy\"\n"
                            "note = \"introduction of ben\"\n"
                            "\n[[plan]]\ndate = 2026-12-30\nkind = \"call\"\nby = \"amy\"\n"
                            "note = \"satisfaction\"\n");
        CHECK(verify_change(kFile, e.text, c).empty());
        const auto parsed = parse_customer(e.text, "customers/acme.toml", Settings{});
        REQUIRE(parsed.value);
        REQUIRE(parsed.value->plans.size() == 2);
        CHECK(parsed.value->plans[0].with == std::vector<std::string>{"amy", "ben"});
        CHECK(parsed.value->logs.back().done);
    }
    SUBCASE("an inline array of plans is refused") {
        Change c;
        c.plans = {intro()};
        const Edited e = apply_change("name = \"A\"\nplan = []\n", c);
        CHECK(e.error == "'plan' on line 2 is an inline array, which cannot take a [[plan]] entry");
    }
}

TEST_CASE("verify_change plans") {
    Change c;
    c.plans = {intro()};
    const std::string good = apply_change(kFile, c).text;
    SUBCASE("the old data plus the new plan passes") {
        CHECK(verify_change(kFile, good, c).empty());
    }
    SUBCASE("a plan with another team, or a log that lost its done, fails") {
        std::string other = good;
        other.replace(other.find("\"ben\"]"), 5, "\"cara\"");
        CHECK_FALSE(verify_change(kFile, other, c).empty());
        Change done;
        done.log = LogDraft{day("2026-11-23"), "amy", "visit", "", std::nullopt, true};
        std::string written = apply_change(kFile, done).text;
        CHECK(verify_change(kFile, written, done).empty());
        written.erase(written.find("done = true\n"));
        CHECK_FALSE(verify_change(kFile, written, done).empty());
    }
}
