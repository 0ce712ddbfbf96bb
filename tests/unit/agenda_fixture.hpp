#pragma once
// Small builders for the agenda's unit tests: customers and settings are
// written directly as values, dates as ISO strings.

#include "../../src/core/rules.hpp"
#include "crm/agenda.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <optional>
#include <string>
#include <vector>

namespace crm::test {

// Throws on a mistyped date, which fails the test that uses it (also when
// called during static initialisation, outside any test).
inline Date day(std::string_view iso) {
    return parse_date(iso).value();
}

inline Interval days(int n) {
    return Interval::days(n);
}
inline Interval months(int n) {
    return {n, Interval::Unit::month};
}

// now = [7d, 10d], later = 30d, monthly = 1m; follow-ups 3d, 7d, 30d;
// rice-10kg lasts 60d per person (warn 5d), oil-2l 30d per bottle (warn 3d),
// manual has no life.
inline Settings settings() {
    Settings s;
    s.currency = "TWD";
    s.classes = {{"now", days(7), days(10)},
                 {"later", days(30), std::nullopt},
                 {"monthly", months(1), std::nullopt}};
    s.after_purchase = {days(3), days(7), days(30)};
    s.products = {{"rice-10kg", "Rice, 10 kg", days(60), true, days(5), Money::whole(600)},
                  {"oil-2l", "Oil, 2 l", days(30), false, days(3), std::nullopt},
                  {"manual", "Manual", std::nullopt, false, days(5), std::nullopt}};
    return s;
}

inline Customer customer(std::string id, std::string class_name = "now") {
    Customer c;
    c.name = id;
    c.path = "customers/" + id + ".toml";
    c.id = std::move(id);
    c.class_name = std::move(class_name);
    return c;
}

inline LogEntry log_on(std::string_view iso, std::optional<std::string_view> next = {}) {
    LogEntry e;
    e.date = day(iso);
    e.kind = "call";
    if (next)
        e.next = day(*next);
    return e;
}

// A settled purchase unless `paid` says otherwise.
inline Purchase bought(std::string_view iso, std::string product, double qty = 1,
                       std::int64_t price = 100, std::optional<std::int64_t> paid = {}) {
    Purchase p;
    p.date = day(iso);
    p.product = std::move(product);
    p.qty = qty;
    p.price = Money::whole(price);
    p.paid = Money::whole(paid.value_or(price));
    return p;
}

inline Payment payment(std::string_view iso, std::int64_t amount) {
    Payment p;
    p.date = day(iso);
    p.amount = Money::whole(amount);
    return p;
}

// The context of an agenda on `today` with a 7-day horizon and 30 days of
// birthdays, unless told otherwise.
inline rules::Context context(const Settings& s, Date today, int horizon = 7, int birthdays = 30) {
    return rules::make_context(s, today, today + date::days{horizon},
                               today + date::days{birthdays});
}

// Short names for the rule functions, so that tables can hold them.
inline std::vector<Reason> run(void (*rule)(const Customer&, const rules::Context&, rules::Scratch&,
                                            std::vector<Reason>&),
                               const Customer& c, const rules::Context& ctx) {
    rules::Scratch scratch;
    std::vector<Reason> out;
    rule(c, ctx, scratch, out);
    return out;
}

inline std::vector<Reason> run(void (*rule)(const Customer&, const rules::Context&,
                                            std::vector<Reason>&),
                               const Customer& c, const rules::Context& ctx) {
    std::vector<Reason> out;
    rule(c, ctx, out);
    return out;
}

// Checks a rule's reasons against a table's rows, one to one, all of
// `kind`: each row gives the date, the text and, when it has the field, how
// many days late (0 otherwise).
template <class Row>
void check_reasons(const std::vector<Reason>& got, Kind kind, const std::vector<Row>& rows) {
    REQUIRE(got.size() == rows.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        CHECK(got[i].kind == kind);
        CHECK(format_date(got[i].date) == rows[i].date);
        if constexpr (requires { rows[i].days_late; })
            CHECK(got[i].days_late == rows[i].days_late);
        else
            CHECK(got[i].days_late == 0);
        CHECK(got[i].text == rows[i].text);
    }
}

} // namespace crm::test
