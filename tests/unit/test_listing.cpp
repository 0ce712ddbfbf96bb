#include "agenda_fixture.hpp"
#include "crm/listing.hpp"

#include <doctest/doctest.h>

using namespace crm;
using crm::test::bought;
using crm::test::customer;
using crm::test::day;
using crm::test::log_on;
using crm::test::payment;
using crm::test::settings;

namespace {

const Date today = day("2026-11-23");

std::vector<std::string> ids(const std::vector<ListRow>& rows) {
    std::vector<std::string> out;
    for (const ListRow& r : rows)
        out.push_back(r.id);
    return out;
}

using Ids = std::vector<std::string>;

ListRow row(std::string id, std::string name) {
    ListRow r;
    r.id = std::move(id);
    r.name = std::move(name);
    return r;
}

} // namespace

TEST_CASE("loose_contains") {
    SUBCASE("Simplified characters find Traditional ones, and the other way round") {
        CHECK(loose_contains("客戶張偉說", "张伟"));
        CHECK(loose_contains("客户张伟说", "張偉"));
        CHECK_FALSE(loose_contains("客戶張敏", "张伟"));
    }
    SUBCASE("a phrase the transliterator maps as a whole is found too") {
        // 畫 alone is 画, but 計畫 is 计划: a per-character shortcut would miss it.
        CHECK(loose_contains("明年的計畫", "计划"));
        CHECK_FALSE(loose_contains("一幅畫", "计划"));
    }
    SUBCASE("case is ignored, in ASCII and beyond") {
        CHECK(loose_contains("ACME Trading", "acme"));
        CHECK(loose_contains("acme trading", "TRADING"));
        CHECK(loose_contains("Café ÉLAN", "élan"));
        CHECK(loose_contains("VIP 客戶", "vip 客户"));
    }
    SUBCASE("an ASCII needle is found among Chinese text") {
        CHECK(loose_contains("她說 Oolong 很好", "oolong"));
        CHECK_FALSE(loose_contains("她說烏龍很好", "oolong"));
    }
    SUBCASE("an empty needle is found everywhere") {
        CHECK(loose_contains("", ""));
        CHECK(loose_contains("anything", ""));
    }
    SUBCASE("a Chinese needle is not in ASCII text") {
        CHECK_FALSE(loose_contains("zhang wei", "张伟"));
    }
}

TEST_CASE("grep_matches") {
    Customer c = customer("zhang-wei");
    c.name = "張偉";
    c.phones = {"+886 912 345 678"};
    c.emails = {"zw@example.com"};
    c.tags = {"referral"};
    c.prefers = "Oolong tea";
    c.notes = "她說米太重了";
    c.logs = {log_on("2026-11-01")};
    c.logs[0].note = "wants 5 kg bags";
    c.purchases = {bought("2026-10-01", "rice-10kg")};
    c.purchases[0].note = "gift for her mother";
    c.payments = {payment("2026-10-05", 100)};
    c.payments[0].note = "paid by LINE Pay";
    const auto found = [&](std::string_view needle) {
        return grep_matches(c, LooseSearch(needle));
    };
    SUBCASE("every searched field can match") {
        for (const char* needle : {"张伟", "zhang-wei", "912 345", "example.com", "REFERRAL",
                                   "oolong", "米太重", "5 kg", "mother", "line pay"})
            CHECK_MESSAGE(found(needle), needle);
    }
    SUBCASE("other fields are not searched") {
        c.region = "Taipei/Da'an";
        c.owner = "amy";
        CHECK_FALSE(found("da'an"));
        CHECK_FALSE(found("amy"));
    }
    SUBCASE("a match never spans two fields") {
        CHECK_FALSE(found("張偉zhang"));
    }
}

TEST_CASE("is_dormant") {
    Customer c = customer("a");
    SUBCASE("a customer never contacted is dormant") {
        CHECK(is_dormant(c, 10000, today));
    }
    SUBCASE("dormant from exactly DAYS days after the last contact") {
        c.logs = {log_on("2026-11-13"), log_on("2026-10-01")};
        CHECK(is_dormant(c, 10, today));
        CHECK_FALSE(is_dormant(c, 11, today));
    }
}

TEST_CASE("next_due") {
    const Settings s = settings();
    SUBCASE("the earliest reason, an overdue one before today") {
        Customer c = customer("a", "now");
        c.logs = {log_on("2026-11-10")};
        CHECK(next_due(c, s, today) == day("2026-11-17"));
    }
    SUBCASE("far ahead: a revisit months away") {
        Customer c = customer("a", "later");
        c.logs = {log_on("2026-11-22", "2027-03-01")};
        CHECK(next_due(c, s, today) == day("2027-03-01"));
    }
    SUBCASE("a birthday sooner than the revisit") {
        Customer c = customer("a", "later");
        c.logs = {log_on("2026-11-22")};
        c.birthday = MonthDay{std::nullopt, 11, 30};
        CHECK(next_due(c, s, today) == day("2026-11-30"));
    }
    SUBCASE("no reason at all: none") {
        Customer c = customer("a", "");
        CHECK(next_due(c, s, today) == std::nullopt);
    }
}

TEST_CASE("row_of") {
    Customer c = customer("zhang-wei", "later");
    c.name = "張偉";
    c.owner = "amy";
    c.region = "Taipei";
    c.purchases = {bought("2026-10-01", "rice-10kg", 1, 1200, 600),
                   bought("2026-10-02", "manual", 1, 300)};
    c.payments = {payment("2026-10-05", 100)};
    c.logs = {log_on("2026-11-20"), log_on("2026-11-01")};
    const ListRow r = row_of(c, settings(), today);
    SUBCASE("the row carries who the customer is") {
        CHECK(r.id == "zhang-wei");
        CHECK(r.name == "張偉");
        CHECK(r.class_name == "later");
        CHECK(r.path == "customers/zhang-wei.toml");
    }
    SUBCASE("amounts are the balance and the lifetime value") {
        CHECK(r.balance == Money::whole(500));
        CHECK(r.value == Money::whole(1500));
    }
    SUBCASE("the last contact is the latest log's date") {
        CHECK(r.last_contact == day("2026-11-20"));
        CHECK(r.next_due.has_value());
    }
}

TEST_CASE("parse_list_sort") {
    CHECK(parse_list_sort("name") == ListSort::name);
    CHECK(parse_list_sort("balance") == ListSort::balance);
    CHECK(parse_list_sort("next") == ListSort::next);
    CHECK(parse_list_sort("Name") == std::nullopt);
}

TEST_CASE("sort_rows") {
    std::vector<ListRow> rows = {row("liu", "劉"),  row("wang", "王"), row("amy", "amy"),
                                 row("ding", "丁"), row("ben", "Ben"), row("ding2", "丁")};
    rows[0].value = Money::whole(50);
    rows[1].value = Money::whole(900);
    rows[2].balance = Money::whole(30);
    rows[4].balance = Money::whole(300);
    rows[0].last_contact = day("2026-11-01");
    rows[1].last_contact = day("2026-10-01");
    rows[2].last_contact = day("2026-11-20");
    rows[1].next_due = day("2026-12-01");
    rows[4].next_due = day("2026-11-20");
    SUBCASE("by name: Han by stroke count, then Latin ignoring case; ties by id") {
        sort_rows(rows, ListSort::name);
        CHECK(ids(rows) == Ids{"ding", "ding2", "wang", "liu", "amy", "ben"});
    }
    SUBCASE("by value, biggest first") {
        sort_rows(rows, ListSort::value);
        CHECK(ids(rows) == Ids{"wang", "liu", "ding", "ding2", "amy", "ben"});
    }
    SUBCASE("by balance, biggest first") {
        sort_rows(rows, ListSort::balance);
        CHECK(ids(rows) == Ids{"ben", "amy", "ding", "ding2", "wang", "liu"});
    }
    SUBCASE("by last contact: never contacted first, then the longest ago") {
        sort_rows(rows, ListSort::last);
        CHECK(ids(rows) == Ids{"ding", "ding2", "ben", "wang", "liu", "amy"});
    }
    SUBCASE("by next due: soonest first, none last") {
        sort_rows(rows, ListSort::next);
        CHECK(ids(rows) == Ids{"ben", "wang", "ding", "ding2", "liu", "amy"});
    }
}

TEST_CASE("ListBuilder") {
    const Settings s = settings();
    std::vector<Customer> customers;
    for (int i = 0; i < 12; ++i) {
        Customer c = customer("c" + std::to_string(10 + i), i % 2 ? "now" : "later");
        c.name = c.id;
        if (i % 3)
            c.logs = {log_on(i % 3 == 1 ? "2026-11-20" : "2026-09-01")};
        c.notes = i == 7 ? "說要買烏龍" : "";
        customers.push_back(c);
    }
    const auto build = [&](const ListOptions& o, unsigned threads) {
        std::vector<ListBuilder> builders;
        for (unsigned t = 0; t < threads; ++t)
            builders.emplace_back(s, o, today);
        for (std::size_t i = 0; i < customers.size(); ++i)
            builders[i % threads].add(customers[i]);
        for (std::size_t t = 1; t < builders.size(); ++t)
            builders[0].join(std::move(builders[t]));
        return std::move(builders[0]).finish();
    };
    SUBCASE("every customer when nothing narrows the list, whatever the threads") {
        const Listing one = build({}, 1);
        const Listing three = build({}, 3);
        CHECK(one.total == 12);
        CHECK_FALSE(one.filtered);
        CHECK(ids(one.rows) == ids(three.rows));
        CHECK(one.rows.size() == 12);
    }
    SUBCASE("the filters of crm due, the search and dormancy all narrow it") {
        ListOptions o;
        o.filters.classes = {"NOW"};
        o.dormant = 30;
        const Listing l = build(o, 2);
        CHECK(l.total == 12);
        CHECK(l.filtered);
        // odd i; dormant: never contacted (i % 3 == 0) or in September (i % 3 == 2)
        CHECK(ids(l.rows) == Ids{"c13", "c15", "c19", "c21"});
        o = {};
        o.grep = "乌龙";
        CHECK(ids(build(o, 2).rows) == Ids{"c17"});
    }
}
