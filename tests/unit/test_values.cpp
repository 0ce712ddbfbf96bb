// Money, intervals, dates and names: the small value types every rule uses.

#include "crm/dates.hpp"
#include "crm/interval.hpp"
#include "crm/money.hpp"
#include "crm/names.hpp"
#include "crm/text.hpp"

#include <doctest/doctest.h>

using namespace crm;

namespace {
Date day(const char* iso) {
    return *parse_date(iso);
}
} // namespace

TEST_CASE("parse_money") {
    SUBCASE("integers, decimals and separators are exact") {
        CHECK(parse_money("1200") == Money{120000});
        CHECK(parse_money("12.5") == Money{1250});
        CHECK(parse_money("12.50") == Money{1250});
        CHECK(parse_money("1_000") == Money{100000});
        CHECK(parse_money("-3.75") == Money{-375});
        CHECK(parse_money("1.500") == Money{150});
    }
    SUBCASE("more precision than cents, or not a number, is refused") {
        CHECK_FALSE(parse_money("1.005"));
        CHECK_FALSE(parse_money("abc"));
        CHECK_FALSE(parse_money(""));
        CHECK_FALSE(parse_money("1e3"));
    }
}

TEST_CASE("format_money") {
    CHECK(format_money(Money{120000}) == "1200");
    CHECK(format_money(Money{1250}) == "12.50");
    CHECK(format_money(Money{-375}) == "-3.75");
}

TEST_CASE("parse_interval") {
    CHECK(parse_interval("7d") == Interval::days(7));
    CHECK(parse_interval("2w") == Interval{2, Interval::Unit::week});
    CHECK(parse_interval("3m") == Interval{3, Interval::Unit::month});
    CHECK(parse_interval("1y") == Interval{1, Interval::Unit::year});
    CHECK_FALSE(parse_interval("7"));
    CHECK_FALSE(parse_interval("7 days"));
    CHECK_FALSE(parse_interval("-1d"));
    CHECK_FALSE(parse_interval("d"));
}

TEST_CASE("add") {
    SUBCASE("months clamp to the month's last day and never drift") {
        const Interval month{1, Interval::Unit::month};
        CHECK(add(day("2026-01-31"), month) == day("2026-02-28"));
        CHECK(add(day("2028-01-31"), month) == day("2028-02-29"));
        CHECK(add(day("2026-01-31"), Interval{2, Interval::Unit::month}) == day("2026-03-31"));
        CHECK(subtract(day("2026-03-31"), month) == day("2026-02-28"));
    }
    SUBCASE("days and weeks cross year ends") {
        CHECK(add(day("2026-12-29"), Interval::days(7)) == day("2027-01-05"));
        CHECK(add(day("2026-12-29"), Interval{1, Interval::Unit::week}) == day("2027-01-05"));
        CHECK(add(day("2028-02-29"), Interval{1, Interval::Unit::year}) == day("2029-02-28"));
    }
}

TEST_CASE("parse_date") {
    CHECK(parse_date("2028-02-29"));
    CHECK_FALSE(parse_date("2026-02-29"));
    CHECK_FALSE(parse_date("2026-02-30"));
    CHECK_FALSE(parse_date("2026-13-01"));
    CHECK_FALSE(parse_date("2026-1-01"));
    CHECK(format_date(day("2026-11-23")) == "2026-11-23");
    CHECK(weekday_abbrev(day("2026-11-23")) == "Mon");
}

TEST_CASE("next_monthly") {
    SUBCASE("day 31 in a 30-day month is the 30th") {
        CHECK(next_monthly(day("2026-11-01"), 31) == day("2026-11-30"));
        CHECK(next_monthly(day("2026-02-01"), 31) == day("2026-02-28"));
    }
    SUBCASE("it never drifts: 31 stays 31 after a short month") {
        CHECK(next_monthly(day("2026-03-01"), 31) == day("2026-03-31"));
    }
    SUBCASE("a day already past moves to next month") {
        CHECK(next_monthly(day("2026-11-06"), 5) == day("2026-12-05"));
        CHECK(next_monthly(day("2026-12-06"), 5) == day("2027-01-05"));
        CHECK(next_monthly(day("2026-11-05"), 5) == day("2026-11-05"));
    }
}

TEST_CASE("anniversary_in") {
    const MonthDay leap_day{1988, 2, 29};
    SUBCASE("feb29 = feb28 keeps Feb 29 birthdays on Feb 28 in common years") {
        const auto a = anniversary_in(2027, leap_day, Feb29Rule::feb28);
        CHECK(a.date == day("2027-02-28"));
        CHECK(a.moved);
    }
    SUBCASE("feb29 = mar1 moves them to Mar 1") {
        CHECK(anniversary_in(2027, leap_day, Feb29Rule::mar1).date == day("2027-03-01"));
    }
    SUBCASE("in leap years Feb 29 is Feb 29") {
        const auto a = anniversary_in(2028, leap_day, Feb29Rule::mar1);
        CHECK(a.date == day("2028-02-29"));
        CHECK_FALSE(a.moved);
    }
}

TEST_CASE("edit_distance") {
    CHECK(edit_distance("now", "now") == 0);
    CHECK(edit_distance("nwo", "now") == 1); // a swap is one typo
    CHECK(edit_distance("househld", "household") == 1);
    CHECK(edit_distance("張偉", "張衛") == 1); // counted in characters
    CHECK(edit_distance("", "abc") == 3);
}

TEST_CASE("did_you_mean") {
    const std::vector<std::string> classes = {"now", "later", "client"};
    CHECK(did_you_mean("nwo", classes) == "now");
    CHECK(did_you_mean("Later", classes) == "later");
    CHECK(did_you_mean("clients", classes) == "client");
    CHECK_FALSE(did_you_mean("gold", classes));
    CHECK_FALSE(did_you_mean("now", classes));
}

TEST_CASE("display_width") {
    CHECK(display_width("Amy") == 3);
    CHECK(display_width("張偉") == 4);
    CHECK(display_width("e\xCC\x81") == 1); // e + combining acute
    CHECK(pad_right("張偉", 6) == "張偉  ");
}

TEST_CASE("wrap") {
    SUBCASE("English breaks between words, never inside one") {
        CHECK(wrap("the bag is too heavy for the stairs", 12) ==
              std::vector<std::string>{"the bag is", "too heavy", "for the", "stairs"});
    }
    SUBCASE("Chinese breaks between characters by display width") {
        CHECK(wrap("十公斤太重我太太搬不上去", 10) ==
              std::vector<std::string>{"十公斤太重", "我太太搬不", "上去"});
    }
    SUBCASE("closing punctuation stays with the character before it") {
        const auto lines = wrap("我跟太太商量一下，27號前回你。", 18);
        for (const std::string& l : lines)
            CHECK_FALSE(l.starts_with("，"));
        CHECK(lines.front() == "我跟太太商量一下，");
    }
    SUBCASE("dates, hyphenated words and regions stay whole") {
        CHECK(wrap("follow-up on 2026-11-23 in Taipei/Da'an", 10) ==
              std::vector<std::string>{"follow-up", "on", "2026-11-23", "in", "Taipei/Da'an"});
    }
    SUBCASE("a word wider than the width gets a line of its own, uncut") {
        CHECK(wrap("a supercalifragilistic b", 5) ==
              std::vector<std::string>{"a", "supercalifragilistic", "b"});
    }
    SUBCASE("line breaks are kept; width 0 does not wrap") {
        CHECK(wrap("one two\nthree", 0) == std::vector<std::string>{"one two", "three"});
        CHECK(wrap("one two\nthree", 4) == std::vector<std::string>{"one", "two", "three"});
    }
    SUBCASE("ambiguous characters count two when asked") {
        CHECK(display_width("艾莉‧史密斯") == 11);
        CHECK(display_width("艾莉‧史密斯", Ambiguous::wide) == 12);
        CHECK(has_ambiguous_width("Anne·Marie"));
        CHECK_FALSE(has_ambiguous_width("張偉 Zhang"));
    }
}

TEST_CASE("visible") {
    SUBCASE("escape sequences and control characters are shown, not obeyed") {
        CHECK(visible("\x1b]0;pwned\x07") == "\\e]0;pwned\\x07");
        CHECK(visible("\x1b[2J") == "\\e[2J");
        CHECK(visible("a\nb\rc\td") == "a\\nb\\rc\\td");
        CHECK(visible("del\x7f") == "del\\x7f");
        CHECK(visible("\xc2\x9b"
                      "31m") == "\\u009b31m"); // C1 CSI
    }
    SUBCASE("bidirectional controls are shown") {
        CHECK(visible("abc\u202Edef") == "abc\\u202edef");
        CHECK(visible("\u2066x\u2069") == "\\u2066x\\u2069");
    }
    SUBCASE("ordinary text, Chinese included, is unchanged") {
        CHECK(visible("張偉 — Taipei/Da'an \\ ok") == "張偉 — Taipei/Da'an \\ ok");
    }
    SUBCASE("bytes that are not UTF-8 are shown as bytes") {
        CHECK(visible("a\xff"
                      "b") == "a\\xffb");
    }
}

TEST_CASE("line_diff") {
    SUBCASE("equal texts have no diff") {
        CHECK(line_diff("a\nb\n", "a\nb\n").empty());
    }
    SUBCASE("a changed and an added line, with the lines around them") {
        CHECK(line_diff("a\nb\nc\n", "a\nB\nc\nd\n") ==
              std::vector<std::string>{"@@ -1,3 +1,4 @@", " a", "-b", "+B", " c", "+d"});
    }
    SUBCASE("texts that differ only in line endings say so") {
        CHECK(line_diff("a\nb\n", "a\r\nb\r\n") ==
              std::vector<std::string>{"(only the line endings differ)"});
    }
}

TEST_CASE("did_you_mean on a huge word") {
    SUBCASE("a word far longer than every candidate gets no suggestion") {
        const std::vector<std::string> keys = {"name", "class", "phone"};
        CHECK_FALSE(did_you_mean(std::string(10'000'000, 'x'), keys));
        CHECK(did_you_mean("phnoe", keys) == "phone");
    }
}

TEST_CASE("visible_lines") {
    SUBCASE("a message's line breaks stay, other controls are shown") {
        CHECK(visible_lines("one\n  two \x1b[2J") == "one\n  two \\e[2J");
        CHECK(visible_lines(visible_lines("a\x07\nb")) == "a\\x07\nb");
    }
}
