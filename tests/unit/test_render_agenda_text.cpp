#include "agenda_text.hpp"
#include "crm/text.hpp"
#include "lines.hpp"

#include <doctest/doctest.h>
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
        const std::size_t col = column_of(lines.at(3), "revisit");
        CHECK(column_of(lines.at(4), "revisit") == col);
        CHECK(column_of(lines.at(5), "revisit") == col);
        CHECK(column_of(lines.at(8), "follow-up") == col);
        CHECK(column_of(lines.at(15), "birthday") == col);
    }
    SUBCASE("one line per item, its reasons merged") {
        CHECK(lines.at(3) == "  40 days late    周國強             revisit, last contact 2026-09-22"
                             " · rice-10kg ran out Mon 2026-10-19");
    }
    SUBCASE("late past a class maximum is told apart from due within it") {
        CHECK(lines.at(4).starts_with("  6 days late "));
        CHECK(lines.at(5).starts_with("  due 2 days ago "));
    }
    SUBCASE("a name wider than the column puts its reasons on the next line, aligned") {
        CHECK(lines.at(11) == "  Fri 2026-11-27  蓮花素食 Lotus Vegetarian Kitchen and Tea House");
        CHECK(column_of(lines.at(12), "birthday") == column_of(lines.at(3), "revisit"));
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
        const auto coloured = lines_of(agenda_text(agenda, s, {true, GroupBy::none}));
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
        const std::string text = agenda_text(agenda, s, {false, GroupBy::region});
        const auto xinyi = text.find("Taipei/Xinyi (1)");
        const auto taoyuan = text.find("Taoyuan (1)");
        const auto none = text.find("(no region) (1)");
        CHECK(xinyi < taoyuan);
        CHECK(taoyuan < none);
        CHECK(none != std::string::npos);
        CHECK(text.find("\n  Today (1)\n    today  ") != std::string::npos);
    }
    SUBCASE("by kind: an item with two kinds is under both") {
        const std::string text = agenda_text(agenda, s, {false, GroupBy::kind});
        CHECK(text.find("revisit (2)") < text.find("collect (2)"));
    }
    SUBCASE("an empty agenda says so in one line") {
        CHECK(agenda_text(agenda_on(today, {}), s, {false, GroupBy::region}) ==
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
