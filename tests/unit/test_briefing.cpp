#include "agenda_fixture.hpp"
#include "crm/briefing.hpp"

using namespace crm;
using namespace crm::test;

TEST_CASE("make_briefing") {
    const Settings s = settings();
    SUBCASE("contacts newest first; on one day the last in the file first") {
        Customer c = customer("c");
        c.logs = {log_on("2026-11-01"), log_on("2026-11-20"), log_on("2026-11-10"),
                  log_on("2026-11-20")};
        const Briefing b = make_briefing(c, s, day("2026-11-23"));
        CHECK(b.contacts == std::vector<std::size_t>{3, 1, 2, 0});
    }
    SUBCASE("purchases oldest first, ties in file order") {
        Customer c = customer("c");
        c.purchases = {bought("2026-11-05", "a"), bought("2026-10-01", "b"),
                       bought("2026-11-05", "c")};
        const Briefing b = make_briefing(c, s, day("2026-11-23"));
        CHECK(b.purchases == std::vector<std::size_t>{1, 0, 2});
    }
    SUBCASE("the class's cadence from the settings, none for a class they lack") {
        CHECK(make_briefing(customer("c", "now"), s, day("2026-11-23")).cadence ==
              s.find_class("now"));
        CHECK(make_briefing(customer("c", "nwo"), s, day("2026-11-23")).cadence == nullptr);
    }
    SUBCASE("the balance, the value, and the outlook") {
        Customer c = customer("c");
        c.payday = 5;
        c.purchases = {bought("2026-11-06", "rice-10kg", 2, 1200, 600)};
        const Briefing b = make_briefing(c, s, day("2026-11-23"));
        CHECK(b.balance == Money::whole(600));
        CHECK(b.value == Money::whole(1200));
        CHECK(b.collections.size() == 1);
        CHECK(b.runouts.size() == 1);
        const auto coming = coming_for(c, s, day("2026-11-23"));
        REQUIRE(b.coming.size() == coming.size());
        for (std::size_t i = 0; i < coming.size(); ++i)
            CHECK(b.coming[i].text == coming[i].text);
    }
}

TEST_CASE("cadence_text") {
    CHECK(cadence_text({"now", days(7), days(10)}) == "every 7d, late after 10d");
    CHECK(cadence_text({"client", months(2), std::nullopt}) == "every 2m");
}

TEST_CASE("format_month_day") {
    CHECK(format_month_day({1975, 3, 14}) == "1975-03-14");
    CHECK(format_month_day({std::nullopt, 2, 29}) == "--02-29");
}

TEST_CASE("format_qty") {
    CHECK(format_qty(2) == "2");
    CHECK(format_qty(1.5) == "1.5");
    CHECK(format_qty(0.25) == "0.25");
}
