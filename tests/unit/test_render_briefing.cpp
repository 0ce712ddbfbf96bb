#include "agenda_fixture.hpp"
#include "briefing_json.hpp"
#include "briefing_text.hpp"
#include "crm/text.hpp"
#include "lines.hpp"

#include <nlohmann/json.hpp>

using namespace crm;
using namespace crm::test;
using namespace crm::render;

namespace {

const Date today = day("2026-11-23");

std::string text_of(const Customer& c, BriefingTextOptions o = {}) {
    static const Settings s = settings();
    return briefing_text(make_briefing(c, s, today), s, o);
}

bool has_line(const std::string& text, const std::string& line) {
    const auto lines = lines_of(text);
    return std::find(lines.begin(), lines.end(), line) != lines.end();
}

LogEntry noted(std::string_view iso, std::string note) {
    LogEntry e = log_on(iso);
    e.by = "amy";
    e.note = std::move(note);
    return e;
}

} // namespace

TEST_CASE("briefing_text") {
    SUBCASE("empty parts are left out") {
        Customer c = customer("lee", "");
        c.name = "李";
        CHECK(text_of(c) == "李 (lee)\n");
    }
    SUBCASE("who: the class with its cadence, then the recorded fields") {
        Customer c = customer("zhang", "now");
        c.name = "張偉";
        c.owner = "amy";
        c.contacts = {"ben", "cho"};
        c.birthday = MonthDay{1975, 3, 14};
        c.lunar_birthday = LunarMonthDay{8, 15, false};
        c.household = 4;
        c.payday = 5;
        const std::string t = text_of(c);
        CHECK(has_line(t, "  class     now: every 7d, late after 10d"));
        CHECK(has_line(t, "  contacts  ben, cho"));
        CHECK(has_line(t, "  birthday  1975-03-14; lunar 8/15"));
        CHECK(has_line(t, "  household 4"));
        CHECK(has_line(t, "  payday    5"));
    }
    SUBCASE("notes wrap to the width, continuation lines under the text's column") {
        Customer c = customer("c", "");
        c.logs = {noted("2026-11-20", "the ten kilo bag is too heavy to carry upstairs")};
        const auto lines = lines_of(text_of(c, {30, false}));
        const std::vector<std::string> want = {"    the ten kilo bag is too",
                                               "    heavy to carry upstairs"};
        REQUIRE(lines.size() == 6);
        CHECK(lines[3] == "  2026-11-20  call by amy");
        CHECK(lines[4] == want[0]);
        CHECK(lines[5] == want[1]);
        for (const std::string& line : lines)
            CHECK(display_width(line) <= 30);
    }
    SUBCASE("Chinese wraps by display width") {
        Customer c = customer("c", "");
        c.prefers = "十公斤太重我太太搬不上去十公斤太重我太太搬不上去";
        const auto lines = lines_of(text_of(c, {22, false}));
        REQUIRE(lines.size() == 6);
        CHECK(lines[2] == "Prefers");
        CHECK(lines[3] == "  十公斤太重我太太搬不");
        CHECK(lines[4] == "  上去十公斤太重我太太");
        CHECK(lines[5] == "  搬不上去");
    }
    SUBCASE("without a width (not a terminal) nothing is wrapped") {
        Customer c = customer("c", "");
        c.notes = std::string(300, 'x') + " " + std::string(300, 'y');
        CHECK(has_line(text_of(c), "  " + c.notes));
    }
    SUBCASE("a note's line breaks stay line breaks and controls are made visible") {
        Customer c = customer("c", "");
        c.notes = "first line\nsecond \x1b[31mred\n\nafter a blank\n";
        const std::string t = text_of(c);
        CHECK(t.find("Notes\n  first line\n  second \\e[31mred\n\n  after a blank\n") !=
              std::string::npos);
        CHECK(t.find("\\n") == std::string::npos);
    }
    SUBCASE("the last 5 contacts, newest first, unless all") {
        Customer c = customer("c", "");
        for (int d = 10; d < 17; ++d)
            c.logs.push_back(noted("2026-11-" + std::to_string(d), ""));
        const std::string five = text_of(c);
        CHECK(has_line(five, "Contacts, newest first (last 5 of 7; --all for every one)"));
        CHECK(five.find("2026-11-16  call") < five.find("2026-11-12  call"));
        CHECK(five.find("2026-11-11") == std::string::npos);
        const std::string all = text_of(c, {std::nullopt, true});
        CHECK(has_line(all, "Contacts, newest first"));
        CHECK(has_line(all, "  2026-11-10  call by amy"));
    }
    SUBCASE("purchases with their notes, what is owed and why that date") {
        Customer c = customer("c", "");
        c.payday = 5;
        c.purchases = {bought("2026-11-06", "rice-10kg", 2, 1200, 600)};
        c.purchases[0].by = "amy";
        c.purchases[0].note = "half now";
        const std::string t = text_of(c);
        CHECK(t.find("Purchases\n  2026-11-06  rice-10kg × 2, 1200 TWD, paid 600, by amy\n"
                     "    half now\n") != std::string::npos);
        CHECK(t.find("Owes 600 TWD\n  600 TWD on Sat 2026-12-05 (payday), for rice-10kg of "
                     "2026-11-06\n") != std::string::npos);
        CHECK(has_line(t, "Lifetime value 1200 TWD"));
    }
    SUBCASE("a credit when more was paid than bought") {
        Customer c = customer("c", "");
        c.purchases = {bought("2026-11-06", "manual", 1, 100)};
        c.payments = {payment("2026-11-10", 250)};
        const std::string t = text_of(c);
        CHECK(has_line(t, "Credit 250 TWD (paid more than bought)"));
        CHECK(t.find("Owes") == std::string::npos);
    }
    SUBCASE("run-outs: the date, the warning, and the household it was divided by") {
        Customer c = customer("c", "");
        c.household = 4;
        c.purchases = {bought("2026-11-06", "rice-10kg", 2)};
        CHECK(has_line(text_of(c), "  rice-10kg  runs out Sun 2026-12-06, warned from Tue "
                                   "2026-12-01 (2 bought, for 4 people)"));
    }
    SUBCASE("coming: overdue ones say how late") {
        Customer c = customer("c", "later");
        c.logs = {log_on("2026-10-01")};
        c.birthday = MonthDay{std::nullopt, 1, 2};
        const std::string t = text_of(c);
        CHECK(t.find("Coming\n  Sat 2026-10-31  revisit    last contact 2026-10-01 (23 days "
                     "late)\n  Sat 2027-01-02  birthday   birthday Sat\n") != std::string::npos);
    }
    SUBCASE("a revisit inside the class's maximum is due, not late") {
        Customer c = customer("c", "now");
        c.logs = {log_on("2026-11-14")};
        CHECK(has_line(text_of(c),
                       "  Sat 2026-11-21  revisit    last contact 2026-11-14 (due 2 days ago)"));
    }
}

TEST_CASE("briefing_json") {
    const Settings s = settings();
    Customer c = customer("zhang", "now");
    c.payday = 5;
    c.purchases = {bought("2026-11-06", "rice-10kg", 2, 1200, 600)};
    for (int d = 10; d < 17; ++d)
        c.logs.push_back(log_on("2026-11-" + std::to_string(d)));
    const Briefing b = make_briefing(c, s, today);
    SUBCASE("one object, keys in a fixed order, followed by a newline") {
        const std::string out = briefing_json(b, s, false);
        CHECK(out.ends_with("}\n"));
        const auto j = nlohmann::ordered_json::parse(out);
        std::vector<std::string> keys;
        for (const auto& [key, value] : j.items())
            keys.push_back(key);
        const std::vector<std::string> want = {
            "schema", "today",     "id",       "path",     "name",           "phone",
            "phones", "email",     "emails",   "region",   "class",          "cadence",
            "owner",  "contacts",  "since",    "birthday", "lunar_birthday", "household",
            "payday", "tags",      "prefers",  "notes",    "people",         "log_total",
            "log",    "purchases", "currency", "balance",  "collections",    "runouts",
            "plans",  "value",     "coming"};
        CHECK(keys == want);
        CHECK(j["schema"] == 1);
        CHECK(j["cadence"]["maximum"] == "10d");
        CHECK(j["balance"] == 600);
        CHECK(j["collections"][0]["date"] == "2026-12-05");
        CHECK(j["collections"][0]["from"] == "payday");
        CHECK(j["runouts"][0]["runs_out"] == "2027-03-06");
        CHECK(j["log_total"] == 7);
        CHECK(j["log"].size() == 5);
        CHECK(j["log"][0]["date"] == "2026-11-16");
    }
    SUBCASE("every contact with all") {
        const auto j = nlohmann::json::parse(briefing_json(b, s, true));
        CHECK(j["log"].size() == 7);
    }
    SUBCASE("whole quantities are integers, others decimals") {
        Customer half = c;
        half.purchases.push_back(bought("2026-11-07", "oil-2l", 1.5));
        const std::string out = briefing_json(make_briefing(half, s, today), s, false);
        CHECK(out.find("\"qty\": 2,") != std::string::npos);
        CHECK(out.find("\"qty\": 1.5,") != std::string::npos);
    }
    SUBCASE("amounts with cents are decimals") {
        Customer cents = c;
        cents.purchases[0].paid = Money{119950};
        const auto j =
            nlohmann::json::parse(briefing_json(make_briefing(cents, s, today), s, false));
        CHECK(j["balance"] == 0.5);
    }
}
