#include "crm/dates.hpp"
#include "list_csv.hpp"
#include "list_json.hpp"
#include "list_text.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace crm;
using namespace crm::render;

namespace {

Date day(std::string_view iso) {
    return parse_date(iso).value();
}

ListRow zhang() {
    ListRow r;
    r.id = "zhang-wei";
    r.name = "張偉";
    r.class_name = "now";
    r.owner = "amy";
    r.contacts = {"ben", "carl"};
    r.region = "Taipei/Da'an";
    r.phones = {"+886 912 345 678"};
    r.emails = {"zw@example.com"};
    r.tags = {"vip", "referral"};
    r.path = "customers/zhang-wei.toml";
    r.last_contact = day("2026-11-20");
    r.next_due = day("2026-11-27");
    r.balance = Money{60050};
    r.value = Money::whole(2400);
    return r;
}

ListRow oliver() {
    ListRow r;
    r.id = "oliver-grant";
    r.name = "Oliver \"Ollie\" Grant, Jr.";
    r.class_name = "later";
    r.region = "Taipei\tXinyi\r\nline two\\";
    r.path = "customers/oliver-grant.toml";
    r.value = Money::whole(12000);
    return r;
}

Listing listing_of(std::vector<ListRow> rows, std::size_t total, bool filtered) {
    return {day("2026-11-23"), total, filtered, std::move(rows)};
}

} // namespace

TEST_CASE("list_text") {
    const Listing l = listing_of({zhang(), oliver()}, 2, false);
    const std::string text = list_text(l);
    SUBCASE("a header, then columns aligned by display width") {
        CHECK(text ==
              "name                       id            class  owner  region                  "
              "    phone             last contact  next due    balance  value\n"
              "張偉                       zhang-wei     now    amy    Taipei/Da'an            "
              "    +886 912 345 678  2026-11-20    2026-11-27   600.50   2400\n"
              "Oliver \"Ollie\" Grant, Jr.  oliver-grant  later  -      "
              "Taipei\\tXinyi\\r\\nline two\\  -                 never         -           "
              "      0  12000\n"
              "2 customers\n");
    }
    SUBCASE("the count says how many of how many when filtered") {
        CHECK(list_count(listing_of({zhang()}, 25, true)) == "1 of 25 customers");
        CHECK(list_count(listing_of({zhang()}, 1, false)) == "1 customer");
        CHECK(list_text(listing_of({}, 25, true)) == "0 of 25 customers\n");
    }
    SUBCASE("control characters from a file are shown escaped") {
        ListRow r = zhang();
        r.name = "\x1b[31mred";
        CHECK(list_text(listing_of({r}, 1, false)).find("\\e[31mred") != std::string::npos);
    }
}

TEST_CASE("list_json") {
    Settings s;
    s.currency = "TWD";
    const auto j = nlohmann::json::parse(list_json(listing_of({zhang(), oliver()}, 3, true), s));
    SUBCASE("the schema is versioned, with the day and the currency") {
        CHECK(j["schema"] == 1);
        CHECK(j["today"] == "2026-11-23");
        CHECK(j["currency"] == "TWD");
        CHECK(j["customers"].size() == 2);
    }
    SUBCASE("a customer carries its fields, amounts as numbers, dates or null") {
        const auto& c = j["customers"][0];
        CHECK(c["id"] == "zhang-wei");
        CHECK(c["name"] == "張偉");
        CHECK(c["contacts"] == nlohmann::json{"ben", "carl"});
        CHECK(c["tags"] == nlohmann::json{"vip", "referral"});
        CHECK(c["last_contact"] == "2026-11-20");
        CHECK(c["next_due"] == "2026-11-27");
        CHECK(c["balance"] == 600.5);
        CHECK(c["value"] == 2400);
        CHECK(c["path"] == "customers/zhang-wei.toml");
        CHECK(j["customers"][1]["last_contact"].is_null());
        CHECK(j["customers"][1]["next_due"].is_null());
    }
    SUBCASE("an empty list is an empty array") {
        const auto e = nlohmann::json::parse(list_json(listing_of({}, 3, true), s));
        CHECK(e["customers"] == nlohmann::json::array());
    }
}

TEST_CASE("list_csv") {
    const std::string csv = list_csv(listing_of({zhang(), oliver()}, 2, false));
    SUBCASE("a header row, CRLF line ends, quotes only where needed") {
        CHECK(csv == "name,id,class,owner,contacts,region,phone,email,tags,last_contact,"
                     "next_due,balance,value\r\n"
                     "張偉,zhang-wei,now,amy,ben;carl,Taipei/Da'an,+886 912 345 678,"
                     "zw@example.com,vip;referral,2026-11-20,2026-11-27,600.50,2400\r\n"
                     "\"Oliver \"\"Ollie\"\" Grant, Jr.\",oliver-grant,later,,,"
                     "\"Taipei\tXinyi\r\nline two\\\",,,,,,0,12000\r\n");
    }
    SUBCASE("on a terminal, control characters are shown escaped") {
        const std::string shown = list_csv(listing_of({oliver()}, 1, false), {true});
        CHECK(shown.find("Taipei\\tXinyi\\r\\nline two\\,") != std::string::npos);
    }
}

TEST_CASE("list_tsv") {
    SUBCASE("tabs, line breaks and backslashes in fields are escaped") {
        const std::string tsv = list_tsv(listing_of({oliver()}, 1, false));
        CHECK(tsv == "name\tid\tclass\towner\tcontacts\tregion\tphone\temail\ttags\t"
                     "last_contact\tnext_due\tbalance\tvalue\n"
                     "Oliver \"Ollie\" Grant, Jr.\toliver-grant\tlater\t\t\t"
                     "Taipei\\tXinyi\\r\\nline two\\\\\t\t\t\t\t\t0\t12000\n");
    }
    SUBCASE("on a terminal, an escape character is shown escaped too") {
        ListRow r = oliver();
        r.name = "a\x1b"
                 "b";
        CHECK(list_tsv(listing_of({r}, 1, false), {true}).find("a\\eb\t") != std::string::npos);
    }
}
