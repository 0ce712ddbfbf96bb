#include "agenda_text.hpp"
#include "crm/dates.hpp"
#include "crm/text.hpp"
#include "lines.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <sstream>

using namespace crm;
using namespace crm::render;

namespace {

Date on(const char* iso) {
    return parse_date(iso).value();
}

Settings shop() {
    Settings s;
    s.currency = "TWD";
    s.classes = {{"now", Interval::days(7), Interval::days(10)},
                 {"client", Interval::days(60), std::nullopt}};
    return s;
}

Customer person(std::string id, std::string name, std::string class_name = "client",
                std::string region = "Taipei") {
    Customer c;
    c.id = std::move(id);
    c.path = "customers/" + c.id + ".toml";
    c.name = std::move(name);
    c.class_name = std::move(class_name);
    c.region = std::move(region);
    return c;
}

Reason reason(Kind k, const char* iso, Date today, std::string text, bool late = false) {
    Reason r;
    r.kind = k;
    r.date = on(iso);
    r.days_late = std::max(0, days_between(r.date, today));
    r.late = late;
    r.text = std::move(text);
    return r;
}

Item item(const Customer& c, Date today, std::vector<Reason> reasons) {
    Item it;
    it.customer = std::make_shared<const Customer>(c);
    it.date = std::max(reasons.front().date, today);
    for (const Reason& r : reasons)
        it.days_late = std::max(it.days_late, r.days_late);
    it.reasons = std::move(reasons);
    return it;
}

Agenda agenda_on(Date today, std::vector<Item> items) {
    return {today, today + date::days{7}, today + date::days{30}, std::move(items)};
}

using crm::test::lines_of;

TextOptions coloured_options() {
    TextOptions o;
    o.color = true;
    return o;
}

TextOptions grouped_by(GroupBy g) {
    TextOptions o;
    o.group = g;
    return o;
}

// As crm due writes to a terminal `width` columns wide.
TextOptions terminal(std::size_t width) {
    TextOptions o;
    o.width = width;
    o.terminal = true;
    return o;
}

TextOptions with_value() {
    TextOptions o;
    o.value = true;
    return o;
}

// The line of `lines` that holds `needle`.
std::string line_with(const std::vector<std::string>& lines, std::string_view needle) {
    for (const std::string& line : lines)
        if (line.find(needle) != std::string::npos)
            return line;
    return {};
}

// The display column where `needle` starts in `line`.
std::size_t column_of(const std::string& line, std::string_view needle) {
    return display_width(line.substr(0, line.find(needle)));
}

} // namespace

TEST_CASE("agenda_text") {
    const Date today = on("2026-11-23");
    const Settings s = shop();
    const Customer zhou = person("zhou", "周國強");
    const Customer cai = person("cai", "蔡宜君", "now");
    const Customer huang = person("huang", "黃建宏", "now");
    const Customer cafe = person("cafe", "Morning Brew Café", "client", "Taipei/Xinyi");
    const Customer lotus = person("lotus", "蓮花素食 Lotus Vegetarian Kitchen and Tea House");
    const Agenda agenda = agenda_on(
        today,
        {item(zhou, today,
              {reason(Kind::revisit, "2026-11-21", today, "last contact 2026-09-22"),
               reason(Kind::runout, "2026-10-14", today, "rice-10kg ran out Mon 2026-10-19")}),
         item(cai, today, {reason(Kind::revisit, "2026-11-17", today, "never contacted", true)}),
         item(huang, today, {reason(Kind::revisit, "2026-11-21", today, "last contact")}),
         item(cafe, today, {reason(Kind::followup, "2026-11-23", today, "3d after buying tea")}),
         item(lotus, today, {reason(Kind::birthday, "2026-11-27", today, "birthday Fri (64)")}),
         item(zhou, today, {reason(Kind::birthday, "2026-12-15", today, "lunar 11/5 → Tue")})});
    const std::string text = agenda_text(agenda, s, {});
    const auto lines = lines_of(text);

    SUBCASE("the header names the day and counts each section") {
        CHECK(lines.at(0) == "Mon 2026-11-23 · 3 overdue · 1 today · 1 coming · 1 birthday");
    }
    SUBCASE("reasons start in the same display column whatever the script of the name") {
        const std::size_t col = column_of(lines.at(3), "rice-10kg");
        CHECK(column_of(lines.at(4), "revisit") == col);
        CHECK(column_of(lines.at(5), "revisit") == col);
        CHECK(column_of(lines.at(8), "follow-up") == col);
        CHECK(column_of(lines.at(15), "birthday") == col);
    }
    SUBCASE("one line per item, its reasons merged, the most late first") {
        CHECK(lines.at(3) == "  40 days late    周國強             rice-10kg ran out Mon 2026-10-19"
                             " (40 days late) · revisit, last contact 2026-09-22 (2 days late)");
    }
    SUBCASE("late past a class maximum is told apart from due within it") {
        CHECK(lines.at(4).starts_with("  6 days late "));
        CHECK(lines.at(5).starts_with("  due 2 days ago "));
    }
    SUBCASE("a name wider than the column puts its reasons on the next line, aligned") {
        CHECK(lines.at(11) == "  Fri 2026-11-27  蓮花素食 Lotus Vegetarian Kitchen and Tea House");
        CHECK(column_of(lines.at(12), "birthday") == column_of(lines.at(3), "rice-10kg"));
    }
    SUBCASE("sections say how far they reach") {
        CHECK(lines.at(10) == "Coming days, until Mon 2026-11-30 (1)");
        CHECK(lines.at(14) == "Birthdays, until Wed 2026-12-23 (1)");
    }
    SUBCASE("no colour unless asked, and no trailing spaces") {
        CHECK(text.find('\x1b') == std::string::npos);
        for (const std::string& line : lines)
            CHECK_FALSE(line.ends_with(' '));
    }
    SUBCASE("colour marks late in red, due in yellow, and keeps the columns") {
        const auto coloured = lines_of(agenda_text(agenda, s, coloured_options()));
        CHECK(coloured.at(4).starts_with("  \x1b[31m6 days late   "));
        CHECK(coloured.at(5).starts_with("  \x1b[33mdue 2 days ago\x1b[0m"));
    }
}

TEST_CASE("agenda_text groups") {
    const Date today = on("2026-11-23");
    const Settings s = shop();
    const Customer a = person("a", "林美玲", "client", "Taipei/Xinyi");
    const Customer b = person("b", "吳淑芬", "client", "");
    const Customer c = person("c", "張偉", "client", "Taoyuan");
    const Agenda agenda = agenda_on(
        today, {item(a, today,
                     {reason(Kind::revisit, "2026-11-23", today, "x"),
                      reason(Kind::collect, "2026-11-23", today, "owes 1 TWD")}),
                item(b, today, {reason(Kind::collect, "2026-11-24", today, "owes 2 TWD")}),
                item(c, today, {reason(Kind::revisit, "2026-11-25", today, "y")})});

    SUBCASE("by region: sorted, the customers without one last") {
        const std::string text = agenda_text(agenda, s, grouped_by(GroupBy::region));
        const auto xinyi = text.find("Taipei/Xinyi (1)");
        const auto taoyuan = text.find("Taoyuan (1)");
        const auto none = text.find("(no region) (1)");
        CHECK(xinyi < taoyuan);
        CHECK(taoyuan < none);
        CHECK(none != std::string::npos);
        CHECK(text.find("\n  Today (1)\n    today  ") != std::string::npos);
    }
    SUBCASE("by kind: an item with two kinds is under both") {
        const std::string text = agenda_text(agenda, s, grouped_by(GroupBy::kind));
        CHECK(text.find("revisit (2)") < text.find("collect (2)"));
    }
    SUBCASE("an empty agenda says so in one line") {
        CHECK(agenda_text(agenda_on(today, {}), s, grouped_by(GroupBy::region)) ==
              "Mon 2026-11-23 · nothing due\n");
    }
}

TEST_CASE("is_late") {
    const Date today = on("2026-11-23");
    const Settings s = shop();
    const Customer now = person("n", "n", "now");
    const Customer client = person("c", "c", "client");
    SUBCASE("a revisit inside the class maximum is due, not late") {
        CHECK_FALSE(is_late(reason(Kind::revisit, "2026-11-20", today, ""), now, s));
        CHECK(is_late(reason(Kind::revisit, "2026-11-20", today, "", true), now, s));
    }
    SUBCASE("without a maximum, overdue is late") {
        CHECK(is_late(reason(Kind::revisit, "2026-11-20", today, ""), client, s));
        CHECK(is_late(reason(Kind::collect, "2026-11-22", today, ""), now, s));
    }
    SUBCASE("nothing is late before its day") {
        CHECK_FALSE(is_late(reason(Kind::collect, "2026-11-23", today, ""), client, s));
    }
}

TEST_CASE("agenda_text: lateness of several reasons") {
    const Date today = on("2026-11-23");
    const Settings s = shop();
    const Customer lin = person("lin", "林美玲");
    const Customer cai = person("cai", "蔡宜君", "now");
    const auto text_of = [&](const Customer& c, std::vector<Reason> reasons) {
        return lines_of(agenda_text(agenda_on(today, {item(c, today, std::move(reasons))}), s, {}))
            .at(3);
    };
    SUBCASE("the reason the when-column's lateness belongs to comes first, with its own") {
        CHECK(
            text_of(lin, {reason(Kind::revisit, "2026-11-12", today, "last contact 2026-09-13"),
                          reason(Kind::runout, "2026-11-23", today, "rice-10kg runs out today")}) ==
            "  11 days late  林美玲  revisit, last contact 2026-09-13 (11 days late) · rice-10kg "
            "runs out today");
        CHECK(text_of(lin, {reason(Kind::revisit, "2026-11-21", today, "last contact 2026-09-22"),
                            reason(Kind::collect, "2026-11-13", today, "owes 5 TWD")}) ==
              "  10 days late  林美玲  owes 5 TWD (10 days late) · revisit, last contact "
              "2026-09-22 (2 days late)");
    }
    SUBCASE("a reason within its class maximum says it is due, and a late one leads") {
        CHECK(text_of(cai, {reason(Kind::revisit, "2026-11-17", today, "last contact"),
                            reason(Kind::collect, "2026-11-22", today, "owes 5 TWD")}) ==
              "  1 day late  蔡宜君  owes 5 TWD (1 day late) · revisit, last contact (due 6 "
              "days ago)");
    }
    SUBCASE("a line of one reason says how late it is in the when-column alone") {
        CHECK(text_of(lin, {reason(Kind::revisit, "2026-11-12", today, "last contact")}) ==
              "  11 days late  林美玲  revisit, last contact");
    }
}

TEST_CASE("agenda_text: value") {
    const Date today = on("2026-11-23");
    Settings s = shop();
    Customer rich = person("rich", "陳志明");
    Customer poor = person("poor", "Sarah Miller");
    Item a = item(rich, today, {reason(Kind::collect, "2026-11-23", today, "x")});
    a.value = Money::whole(72000);
    Item b = item(poor, today, {reason(Kind::collect, "2026-11-23", today, "y")});
    b.value = Money::whole(700);
    const Agenda agenda = agenda_on(today, {a, b});
    SUBCASE("each line shows the lifetime value, right-aligned after the name") {
        const auto lines = lines_of(agenda_text(agenda, s, with_value()));
        CHECK(lines.at(3) == "  today  陳志明        72000 TWD  x");
        CHECK(lines.at(4) == "  today  Sarah Miller    700 TWD  y");
    }
    SUBCASE("without a currency, the amount alone") {
        s.currency.clear();
        CHECK(lines_of(agenda_text(agenda, s, with_value())).at(3) ==
              "  today  陳志明        72000  x");
    }
    SUBCASE("only when asked") {
        CHECK(lines_of(agenda_text(agenda, s, {})).at(3) == "  today  陳志明        x");
    }
}

TEST_CASE("agenda_text: width") {
    const Date today = on("2026-11-23");
    const Settings s = shop();
    const Customer zhou = person("zhou", "周國強");
    const Customer lotus =
        person("lotus", "蓮花素食 Lotus Vegetarian Kitchen and Tea House Company Limited");
    const Agenda agenda = agenda_on(
        today, {item(zhou, today,
                     {reason(Kind::followup, "2026-11-23", today,
                             "30d after buying rice-10kg on 2026-10-24"),
                      reason(Kind::collect, "2026-11-23", today,
                             "owes 1200 TWD for tea-gift-box of 2026-11-19")}),
                item(lotus, today, {reason(Kind::collect, "2026-11-23", today, "owes 5 TWD")})});
    const std::string reasons_x(2 + 5 + 2 + 6 + 2, ' '); // indent, "today", the name column
    SUBCASE("reasons wrap at word boundaries and go on in the reasons column") {
        const auto lines = lines_of(agenda_text(agenda, s, terminal(50)));
        CHECK(lines.at(4) == "  today  周國強  follow-up 30d after buying");
        CHECK(lines.at(5) == reasons_x + "rice-10kg on 2026-10-24 · owes");
        CHECK(lines.at(6) == reasons_x + "1200 TWD for tea-gift-box of");
        CHECK(lines.at(7) == reasons_x + "2026-11-19");
        for (const std::string& line : lines)
            CHECK(display_width(line, Ambiguous::wide) <= 50);
    }
    SUBCASE("a name too long for its line wraps in the name column") {
        const auto lines = lines_of(agenda_text(agenda, s, terminal(50)));
        CHECK(lines.at(8) == "  today  蓮花素食 Lotus Vegetarian Kitchen and Tea");
        CHECK(lines.at(9) == "         House Company Limited");
        CHECK(lines.at(10) == reasons_x + "owes 5 TWD");
    }
    SUBCASE("the header breaks between counts, never inside one") {
        const auto lines = lines_of(agenda_text(agenda, s, terminal(50)));
        CHECK(lines.at(0) == "Mon 2026-11-23 · 0 overdue · 2 today · 0 coming");
        CHECK(lines.at(1) == "0 birthdays");
    }
    SUBCASE("a narrow terminal still gives the reasons 20 columns") {
        const auto lines = lines_of(agenda_text(agenda, s, terminal(30)));
        CHECK(lines.at(5) == "  today  周國強  follow-up 30d after");
    }
    SUBCASE("without a width, nothing is wrapped") {
        TextOptions o = terminal(50);
        o.width.reset();
        const auto lines = lines_of(agenda_text(agenda, s, o));
        CHECK(
            lines.at(3).ends_with("on 2026-10-24 · owes 1200 TWD for tea-gift-box of 2026-11-19"));
        CHECK(lines.at(4).ends_with("Company Limited"));
    }
}

TEST_CASE("agenda_text: ambiguous width") {
    const Date today = on("2026-11-23");
    const Settings s = shop();
    const Customer dot = person("dot", "莎拉‧米勒"); // U+2027: 1 or 2 columns
    const Customer plain = person("plain", "周國強");
    const Agenda agenda =
        agenda_on(today, {item(dot, today, {reason(Kind::collect, "2026-11-23", today, "a")}),
                          item(plain, today, {reason(Kind::collect, "2026-11-23", today, "b")})});
    SUBCASE("for a terminal, a name with one moves to the reasons column by cursor position") {
        const auto lines = lines_of(agenda_text(agenda, s, terminal(80)));
        // The name column counts ‧ as two: 10 columns; the reasons start at
        // column 21 (0-based), ESC [ 22 G.
        CHECK(lines.at(3) == "  today  莎拉‧米勒\x1b[22Ga");
        CHECK(lines.at(4) == "  today  周國強      b");
    }
    SUBCASE("for a terminal, the escape does not depend on colour") {
        TextOptions o = terminal(80);
        o.color = true;
        CHECK(line_with(lines_of(agenda_text(agenda, s, o)), "莎拉").ends_with("\x1b[22Ga"));
    }
    SUBCASE("in a pipe, it counts one column and spaces pad, with no escape") {
        const std::string text = agenda_text(agenda, s, {});
        CHECK(text.find('\x1b') == std::string::npos);
        const auto lines = lines_of(text);
        CHECK(lines.at(3) == "  today  莎拉‧米勒  a");
        CHECK(lines.at(4) == "  today  周國強     b");
    }
    SUBCASE("wrapping for a terminal counts the separators' · as two columns") {
        const Agenda two =
            agenda_on(today, {item(plain, today,
                                   {reason(Kind::revisit, "2026-11-23", today, "aaaa"),
                                    reason(Kind::collect, "2026-11-23", today, "owes 5 TWD")})});
        // "revisit, aaaa · owes 5 TWD" is 26 columns, 27 with · as two.
        const auto lines = lines_of(agenda_text(two, s, terminal(2 + 5 + 2 + 6 + 2 + 26)));
        CHECK(lines.at(4) == "  today  周國強  revisit, aaaa · owes 5");
        CHECK(lines.at(5) == std::string(17, ' ') + "TWD");
    }
}

TEST_CASE("agenda_text: a long agenda's lines made on several threads") {
    // Enough lines in each section for them to be made in runs, with lines
    // that differ (names, wide names, lateness), in several sections.
    const Date today = on("2026-11-23");
    std::vector<Item> items;
    for (int i = 0; i < 1200; ++i) {
        const Customer c = person(fmt::format("c{:04}", i),
                                  i % 3 ? fmt::format("Customer {}", i) : fmt::format("客戶{}", i));
        const Date due = today + date::days{i % 11 - 5};
        items.push_back(item(c, today,
                             {reason(Kind::revisit, format_date(due).c_str(), today,
                                     fmt::format("last contact {}", i), i % 2 == 0)}));
    }
    const Agenda a = agenda_on(today, std::move(items));
    TextOptions one;
    one.width = 100;
    const std::string alone = agenda_text(a, shop(), one);
    CHECK(lines_of(alone).size() > 1200);
    for (const unsigned threads : {2u, 3u, 8u}) {
        TextOptions more = one;
        more.threads = threads;
        CHECK(agenda_text(a, shop(), more) == alone);
        more.group = GroupBy::region;
        TextOptions grouped = one;
        grouped.group = GroupBy::region;
        CHECK(agenda_text(a, shop(), more) == agenda_text(a, shop(), grouped));
    }
}
