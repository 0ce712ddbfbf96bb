#include "agenda_fixture.hpp"

using namespace crm;
using namespace crm::test;

namespace {

struct Expected {
    const char* date;
    int days_late;
    std::int64_t cents;
    const char* text;
};

struct CollectCase {
    const char* rule;
    const char* today;
    std::optional<unsigned> payday;
    std::vector<Purchase> purchases;
    std::vector<Payment> payments;
    std::vector<Expected> expected;
};

Purchase owing(const char* iso, std::string product, std::int64_t price, std::int64_t paid,
               std::optional<const char*> due = {}) {
    Purchase p = bought(iso, std::move(product), 1, price, paid);
    if (due)
        p.due = day(*due);
    return p;
}

Purchase cents_owing(const char* iso, std::int64_t price_cents) {
    Purchase p = bought(iso, "oil-2l");
    p.price = Money{price_cents};
    p.paid = Money{};
    return p;
}

Payment cents_paid(const char* iso, std::int64_t cents) {
    Payment p = payment(iso, 0);
    p.amount = Money{cents};
    return p;
}

} // namespace

TEST_CASE("add_collects") {
    const std::vector<CollectCase> cases = {
        {"a balance is collected on the purchase's due date",
         "2026-11-23",
         5,
         {owing("2026-11-02", "rice-10kg", 1200, 600, "2026-11-25")},
         {},
         {{"2026-11-25", 0, 60000, "owes 600 TWD for rice-10kg of 2026-11-02"}}},
        {"without a due date, on the first payday after the purchase",
         "2026-11-23",
         25,
         {owing("2026-11-02", "rice-10kg", 1200, 600)},
         {},
         {{"2026-11-25", 0, 60000, "owes 600 TWD for rice-10kg of 2026-11-02"}}},
        {"a payday on the purchase day itself counts",
         "2026-11-23",
         23,
         {owing("2026-11-23", "rice-10kg", 1200, 600)},
         {},
         {{"2026-11-23", 0, 60000, "owes 600 TWD for rice-10kg of 2026-11-23"}}},
        {"payday 31 in a 30-day month is the 30th, the horizon's last day",
         "2026-11-23",
         31,
         {owing("2026-11-02", "oil-2l", 300, 0)},
         {},
         {{"2026-11-30", 0, 30000, "owes 300 TWD for oil-2l of 2026-11-02"}}},
        {"payday 31 in February is the 28th",
         "2027-02-27",
         31,
         {owing("2027-02-10", "oil-2l", 300, 0)},
         {},
         {{"2027-02-28", 0, 30000, "owes 300 TWD for oil-2l of 2027-02-10"}}},
        {"payday 31 does not drift after February",
         "2027-03-28",
         31,
         {owing("2027-03-01", "oil-2l", 300, 0)},
         {},
         {{"2027-03-31", 0, 30000, "owes 300 TWD for oil-2l of 2027-03-01"}}},
        {"payday 30 in a leap February is the 29th",
         "2028-02-25",
         30,
         {owing("2028-02-03", "oil-2l", 300, 0)},
         {},
         {{"2028-02-29", 0, 30000, "owes 300 TWD for oil-2l of 2028-02-03"}}},
        {"a payday across the new year",
         "2027-01-01",
         5,
         {owing("2026-12-20", "oil-2l", 300, 0)},
         {},
         {{"2027-01-05", 0, 30000, "owes 300 TWD for oil-2l of 2026-12-20"}}},
        {"without due date or payday, on the day of the purchase",
         "2026-11-23",
         std::nullopt,
         {owing("2026-11-20", "", 300, 0)},
         {},
         {{"2026-11-20", 3, 30000, "owes 300 TWD for the purchase of 2026-11-20"}}},
        {"payments settle the oldest purchase first",
         "2026-11-23",
         std::nullopt,
         {owing("2026-11-10", "oil-2l", 500, 0, "2026-11-25"),
          owing("2026-10-01", "rice-10kg", 1000, 0, "2026-11-01")},
         {payment("2026-11-15", 1200)},
         {{"2026-11-25", 0, 30000, "owes 300 TWD for oil-2l of 2026-11-10"}}},
        {"overdue balances stay, with days late, as one reason",
         "2026-11-23",
         std::nullopt,
         {owing("2026-10-01", "rice-10kg", 1000, 200, "2026-10-15"),
          owing("2026-11-01", "oil-2l", 500, 0, "2026-11-05")},
         {},
         {{"2026-10-15", 39, 130000, "owes 1300 TWD for 2 purchases since 2026-10-01"}}},
        {"later balances due the same day are one reason",
         "2026-11-23",
         std::nullopt,
         {owing("2026-11-01", "rice-10kg", 1000, 0, "2026-11-27"),
          owing("2026-11-20", "oil-2l", 500, 0, "2026-11-27")},
         {},
         {{"2026-11-27", 0, 150000, "owes 1500 TWD for 2 purchases since 2026-11-01"}}},
        {"a balance paid in full leaves the agenda",
         "2026-11-23",
         std::nullopt,
         {owing("2026-10-01", "rice-10kg", 1000, 400, "2026-10-15")},
         {payment("2026-11-01", 600)},
         {}},
        {"paid beyond the price at purchase counts as a payment",
         "2026-11-23",
         std::nullopt,
         {owing("2026-10-01", "oil-2l", 100, 300),
          owing("2026-11-01", "rice-10kg", 500, 0, "2026-11-25")},
         {},
         {{"2026-11-25", 0, 30000, "owes 300 TWD for rice-10kg of 2026-11-01"}}},
        {"money is exact to the cent",
         "2026-11-23",
         std::nullopt,
         {cents_owing("2026-11-20", 1010)},
         {cents_paid("2026-11-21", 330), cents_paid("2026-11-22", 340)},
         {{"2026-11-20", 3, 340, "owes 3.40 TWD for oil-2l of 2026-11-20"}}},
        {"a balance due after the horizon is not shown",
         "2026-11-23",
         std::nullopt,
         {owing("2026-11-01", "rice-10kg", 1000, 0, "2026-12-01")},
         {},
         {}},
    };
    for (const CollectCase& tc : cases) {
        SUBCASE(tc.rule) {
            Customer c = customer("debtor");
            c.payday = tc.payday;
            c.purchases = tc.purchases;
            c.payments = tc.payments;
            const std::vector<Reason> got =
                run(rules::add_collects, c, context(settings(), day(tc.today)));
            check_reasons(got, Kind::collect, tc.expected);
            for (std::size_t i = 0; i < got.size(); ++i) {
                REQUIRE(got[i].amount.has_value());
                CHECK(got[i].amount->cents == tc.expected[i].cents);
            }
        }
    }
}
