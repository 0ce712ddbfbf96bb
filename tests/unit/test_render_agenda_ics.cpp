#include "agenda_fixture.hpp"
#include "agenda_ics.hpp"
#include "crm/calendar_events.hpp"

#include <memory>

using namespace crm;
using namespace crm::test;

namespace {

CalendarEvent event_named(std::string name, int days_late = 0) {
    Customer c = customer("zhang-wei");
    c.name = std::move(name);
    CalendarEvent e;
    e.uid = "revisit.zhang-wei@crm";
    e.day = day("2026-11-23");
    e.reason = rules::make_reason(Kind::revisit, day("2026-11-23") - date::days{days_late},
                                  day("2026-11-23"), "last contact 2026-11-02");
    e.customer = std::make_shared<const Customer>(std::move(c));
    return e;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t end; (end = text.find("\r\n", start)) != std::string::npos; start = end + 2)
        out.push_back(text.substr(start, end - start));
    return out;
}

bool is_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        if ((b & 0xC0) == 0x80 || i + n > s.size())
            return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
                return false;
        i += n;
    }
    return true;
}

} // namespace

TEST_CASE("event_summary") {
    SUBCASE("the name and the reason as the agenda writes them") {
        CHECK(render::event_summary(event_named("張偉")) ==
              "張偉: revisit, last contact 2026-11-02");
    }
    SUBCASE("an overdue one says how late it is") {
        CHECK(render::event_summary(event_named("張偉", 1)) ==
              "張偉: revisit, last contact 2026-11-02 (overdue 1 day)");
        CHECK(render::event_summary(event_named("張偉", 7)).ends_with("(overdue 7 days)"));
    }
    SUBCASE("control characters from the file are shown, never passed on") {
        CHECK(render::event_summary(event_named("Eve\x1b[2J\n")).starts_with("Eve\\e[2J\\n: "));
    }
}

TEST_CASE("short_description") {
    SUBCASE("a short text is kept whole") {
        CHECK(render::short_description("a\nb\n", "x", 100) == "a\nb\n");
    }
    SUBCASE("a long one is cut at a line break and says where the rest is") {
        std::string text;
        for (int i = 0; i < 100; ++i)
            text += "line 很長\n";
        const std::string got = render::short_description(text, "zhang-wei", 200);
        CHECK(got.size() <= 200);
        CHECK(got.ends_with("line 很長\n… cut: crm show zhang-wei has the rest\n"));
    }
    SUBCASE("one huge line is cut between characters") {
        const std::string got = render::short_description(
            std::string(300, 'x') + "很很很很很很很很很很很很很很很很很很很很很很", "z", 320);
        CHECK(got.size() <= 320);
        CHECK(is_utf8(got));
    }
}

TEST_CASE("agenda_ics") {
    const std::string name = "張偉, \"Wei\"; back\\slash " + std::string(40 * 3, 'x') + [] {
        std::string s;
        for (int i = 0; i < 60; ++i)
            s += i % 2 ? "長" : "é";
        return s;
    }();
    const render::IcsOptions o{"crm: shop", "0.1.0", day("2026-11-23")};
    const std::string text =
        render::agenda_ics({event_named(name)}, {{"zhang-wei", "line one\nline, two; 三\n"}}, o);
    SUBCASE("the calendar's properties and a dated DTSTAMP") {
        CHECK(text.starts_with("BEGIN:VCALENDAR\r\nPRODID:-//crm//crm 0.1.0//EN\r\nVERSION:2.0\r\n"
                               "CALSCALE:GREGORIAN\r\nX-WR-CALNAME:crm: shop\r\n"));
        CHECK(text.find("\r\nDTSTAMP:20261123T000000Z\r\n") != std::string::npos);
        CHECK(text.find("\r\nDTSTART;VALUE=DATE:20261123\r\n") != std::string::npos);
        CHECK(text.find("\r\nDTEND;VALUE=DATE:20261124\r\n") != std::string::npos);
        CHECK(text.ends_with("END:VCALENDAR\r\n"));
    }
    SUBCASE("lines are folded at 75 octets, never inside a UTF-8 character") {
        for (const std::string& line : lines_of(text)) {
            CHECK(line.size() <= 75);
            CHECK(is_utf8(line));
        }
    }
    SUBCASE("commas, semicolons, backslashes and line breaks are escaped") {
        CHECK(text.find("DESCRIPTION:line one\\nline\\, two\\; 三\\n\r\n") != std::string::npos);
        CHECK(text.find("SUMMARY:張偉\\, \"Wei\"\\; back\\\\slash") != std::string::npos);
    }
}
