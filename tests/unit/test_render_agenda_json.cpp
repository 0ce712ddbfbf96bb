#include "agenda_json.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace crm;
using namespace crm::render;

TEST_CASE("agenda_json") {
    const Date today = parse_date("2026-11-23").value();
    Settings s;
    s.currency = "TWD";
    Customer c;
    c.id = "liu-jia-hao";
    c.path = "customers/liu-jia-hao.toml";
    c.name = "劉家豪";
    c.class_name = "client";
    c.owner = "amy";
    c.region = "Taipei/Da'an";
    Reason owes;
    owes.kind = Kind::collect;
    owes.date = today - date::days{3};
    owes.days_late = 3;
    owes.text = "owes 500.5 TWD";
    owes.amount = Money{50050};
    Reason bday;
    bday.kind = Kind::birthday;
    bday.date = today;
    bday.text = "birthday Mon";
    const Item item{
        std::make_shared<const Customer>(c), today, 3, {owes, bday}, Money::whole(2400)};
    const Agenda agenda{today, today + date::days{7}, today + date::days{30}, {item}};
    const Diagnostics ds = {{"customers/x.toml", 2, 9, Severity::error, "unknown class 'nwo'", ""}};
    const auto j = nlohmann::json::parse(agenda_json(agenda, s, ds));

    SUBCASE("the schema is versioned and the window stated") {
        CHECK(j["schema"] == 1);
        CHECK(j["today"] == "2026-11-23");
        CHECK(j["horizon_end"] == "2026-11-30");
        CHECK(j["birthday_end"] == "2026-12-23");
        CHECK(j["counts"]["overdue"] == 1);
    }
    SUBCASE("an item carries the customer and every reason") {
        const auto& i = j["items"][0];
        CHECK(i["id"] == "liu-jia-hao");
        CHECK(i["name"] == "劉家豪");
        CHECK(i["section"] == "overdue");
        CHECK(i["days_late"] == 3);
        CHECK(i["late"] == true);
        CHECK(i["kinds"] == nlohmann::json{"collect", "birthday"});
        CHECK(i["value"] == 2400);
        CHECK(i["reasons"][0]["amount"] == 500.5);
        CHECK(i["reasons"][0]["late"] == true);
        CHECK(i["reasons"][1]["amount"].is_null());
    }
    SUBCASE("diagnostics come along") {
        CHECK(j["diagnostics"][0]["message"] == "unknown class 'nwo'");
    }
}

TEST_CASE("agenda_json layout") {
    // Items are laid out one at a time; the document must read as if
    // nlohmann had laid out the whole of it: two-space indents, keys in order.
    const Date today = parse_date("2026-11-23").value();
    Customer odd;
    odd.id = "odd";
    odd.name = "line one\nline two \xff"; // a newline and a byte that is not UTF-8
    odd.tags = {"vip"};
    Customer plain;
    plain.id = "plain"; // empty contacts and tags: [] at any depth
    Reason r;
    r.kind = Kind::revisit;
    r.date = today;
    r.text = "\"items\": []";
    const auto item = [&](const Customer& c) {
        return Item{std::make_shared<const Customer>(c), today, 0, {r}, Money::whole(1)};
    };
    const Agenda agenda{today, today, today, {item(odd), item(plain), item(odd)}};
    const std::string out = agenda_json(agenda, Settings{}, {});
    const auto again = nlohmann::ordered_json::parse(out);
    CHECK(again.dump(2) + "\n" == out);
    CHECK(again["items"].size() == 3);
    CHECK(again["items"][0]["name"] == "line one\nline two \xEF\xBF\xBD");
    CHECK(again["items"][1]["reasons"][0]["text"] == "\"items\": []");
}
