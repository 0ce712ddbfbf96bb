#include "crm/parse.hpp"
#include "crm/report.hpp"
#include "lines.hpp"

#include <doctest/doctest.h>
#include <initializer_list>
#include <ostream>
#include <sstream>

using namespace crm;

namespace {

using test::Lines;

// now = [7d, 10d]: due 7 days after a contact, on time up to 10 days after.
constexpr std::string_view kShop = R"(currency = "TWD"
[classes]
now = ["7d", "10d"]
later = "30d"
client = "90d"
monthly = "1m"
[followup]
after_purchase = ["3d", "7d", "30d"]
)";

Settings shop() {
    const auto parsed = parse_settings(kShop, "crm.toml");
    REQUIRE(parsed.diagnostics.empty());
    REQUIRE(parsed.value);
    return *parsed.value;
}

Date day(std::string_view iso) {
    return parse_date(iso).value();
}

std::string iso(Date d) {
    return format_date(d);
}

std::string money(Money m) {
    return format_money(m);
}

// customers/<id>.toml, which must parse without a diagnostic.
Customer customer(const std::string& id, std::string_view text, const Settings& s) {
    const auto parsed = parse_customer(text, "customers/" + id + ".toml", s);
    for (const Diagnostic& d : parsed.diagnostics)
        FAIL_CHECK(format_diagnostic(d));
    REQUIRE(parsed.diagnostics.empty());
    REQUIRE(parsed.value);
    return *parsed.value;
}

ReportOptions period(std::string_view since, std::string_view until, Filters filters = {}) {
    return {std::move(filters), day(since), day(until)};
}

Report report_of(const Settings& s, const std::vector<Customer>& customers,
                 const ReportOptions& options) {
    ReportBuilder b(s, options);
    for (const Customer& c : customers)
        b.add(c);
    return std::move(b).finish();
}

// "key amount count" for each row, in order.
Lines sums(const std::vector<Sum>& rows) {
    Lines out;
    for (const Sum& r : rows)
        out.push_back(r.key + " " + money(r.amount) + " " + std::to_string(r.count));
    return out;
}

Lines owed_ids(const MoneyReport& m) {
    Lines out;
    for (const OwedCustomer& o : m.owed_by_customer)
        out.push_back(o.id);
    return out;
}

// "class due on_time late missed" for each row, in order.
Lines on_time_rows(const std::vector<OnTime>& rows) {
    Lines out;
    for (const OnTime& r : rows) {
        std::ostringstream line;
        line << r.key << " " << r.due << " " << r.on_time << " " << r.late << " " << r.missed;
        out.push_back(line.str());
    }
    return out;
}

const char* was_name(RevisitOutcome::Was w) {
    switch (w) {
    case RevisitOutcome::Was::on_time:
        return "on_time";
    case RevisitOutcome::Was::late:
        return "late";
    case RevisitOutcome::Was::missed:
        return "missed";
    }
    return "?";
}

// "class due last_day was" for each outcome.
Lines outcomes(const Customer& c, const Settings& s, std::string_view since,
               std::string_view until) {
    Lines out;
    for (const RevisitOutcome& o : revisit_outcomes(c, s, day(since), day(until)))
        out.push_back(o.class_name + " " + iso(o.due) + " " + iso(o.last_day) + " " +
                      was_name(o.was));
    return out;
}

Lines sticky_rows(const RevisitReport& r) {
    Lines out;
    for (const Sticky& s : r.too_sticky)
        out.push_back(s.id + " " + std::to_string(s.contacts) + " of " + std::to_string(s.asked));
    return out;
}

std::string optional_mean(std::optional<double> m) {
    if (!m)
        return "none";
    std::ostringstream out;
    out << *m;
    return out.str();
}

// Everything a report holds, one figure a line, in the report's order: two
// reports are the same when their descriptions are.
std::string describe(const Report& r) {
    std::ostringstream out;
    out << "customers " << r.customers << "\n";
    const MoneyReport& m = r.money;
    out << "owed " << money(m.owed) << "\n";
    for (const AgeBucket& b : m.ageing)
        out << "ageing " << b.from << " " << money(b.amount) << " " << b.purchases << "\n";
    for (const OwedCustomer& o : m.owed_by_customer)
        out << "owed_by_customer " << o.id << " " << o.owner << " " << money(o.amount) << " "
            << iso(o.oldest) << " " << o.days << "\n";
    const auto rows = [&](const char* name, const std::vector<Sum>& list) {
        for (const Sum& s : list)
            out << name << " " << s.key << " " << money(s.amount) << " " << s.count << " " << s.qty
                << "\n";
    };
    rows("owed_by_seller", m.owed_by_seller);
    out << "collected " << money(m.collected) << "\n";
    rows("collected_by", m.collected_by);
    out << "sales " << money(m.sales) << " " << m.sale_count << "\n";
    rows("sales_by_product", m.sales_by_product);
    rows("sales_by_seller", m.sales_by_seller);
    rows("sales_by_month", m.sales_by_month);
    for (const std::string& line : on_time_rows(r.revisits.by_owner))
        out << "on_time_by_owner " << line << "\n";
    for (const std::string& line : on_time_rows(r.revisits.by_class))
        out << "on_time_by_class " << line << "\n";
    for (const Overdue& o : r.revisits.overdue)
        out << "overdue " << o.id << " " << o.class_name << " " << iso(o.due) << " " << o.days
            << "\n";
    for (const std::string& line : sticky_rows(r.revisits))
        out << "too_sticky " << line << "\n";
    rows("pipeline", r.pipeline.classes);
    for (const ClassMove& mv : r.pipeline.moves)
        out << "move " << mv.id << " " << iso(mv.date) << " " << mv.from << " " << mv.to << "\n";
    for (const Average& a : r.satisfaction.by_owner)
        out << "satisfaction " << a.key << " " << a.average << " " << a.scores << "\n";
    for (const HandoverScores& h : r.satisfaction.handovers)
        out << "handover " << h.id << " " << iso(h.date) << " " << h.from << " " << h.to << " "
            << optional_mean(h.before) << " " << h.scores_before << " " << optional_mean(h.after)
            << " " << h.scores_after << "\n";
    return out.str();
}

// A contact by phone, as `crm log` writes one.
std::string call(std::string_view iso_date, std::string_view extra = "") {
    std::string out = "[[log]]\ndate = ";
    out += iso_date;
    out += "\nkind = \"call\"\n";
    out += extra;
    return out;
}

} // namespace

TEST_CASE("age_bucket") {
    SUBCASE("0 to 30 days is the first bucket") {
        CHECK(age_bucket(0) == 0);
        CHECK(age_bucket(30) == 0);
    }
    SUBCASE("31 to 60 days is the second") {
        CHECK(age_bucket(31) == 1);
        CHECK(age_bucket(60) == 1);
    }
    SUBCASE("61 to 90 days is the third") {
        CHECK(age_bucket(61) == 2);
        CHECK(age_bucket(90) == 2);
    }
    SUBCASE("over 90 days is the last, without an upper bound") {
        CHECK(age_bucket(91) == 3);
        CHECK(age_bucket(1000) == 3);
    }
}

TEST_CASE("ReportBuilder money") {
    const Settings s = shop();
    SUBCASE("what is owed is as of until: later purchases and payments are ignored") {
        const Customer c = customer("a", R"(name = "A"
class = "later"
owner = "amy"
[[purchase]]
date = 2026-03-01
product = "rice"
price = 100
paid = 0
[[purchase]]
date = 2026-04-01
product = "rice"
price = 50
paid = 0
[[payment]]
date = 2026-04-02
amount = 100
)",
                                    s);
        const Report r = report_of(s, {c}, period("2026-01-01", "2026-03-31"));
        CHECK(money(r.money.owed) == "100");
        REQUIRE(r.money.owed_by_customer.size() == 1);
        CHECK(money(r.money.owed_by_customer[0].amount) == "100");
        CHECK(iso(r.money.owed_by_customer[0].oldest) == "2026-03-01");
        CHECK(r.money.owed_by_customer[0].days == 30);
        CHECK(money(r.money.ageing[0].amount) == "100");
        CHECK(r.money.ageing[0].purchases == 1);
    }
    SUBCASE("payments settle the oldest purchase first: the rest ages from the newer ones") {
        // The newest purchase is written first: the oldest is the oldest by date.
        const Customer c = customer("a", R"(name = "A"
class = "later"
owner = "amy"
[[purchase]]
date = 2026-03-15
product = "rice"
price = 100
paid = 0
[[purchase]]
date = 2026-02-20
product = "rice"
price = 100
paid = 0
[[purchase]]
date = 2026-01-01
product = "oil"
price = 100
paid = 0
[[payment]]
date = 2026-03-20
amount = 120
)",
                                    s);
        const Report r = report_of(s, {c}, period("2026-01-01", "2026-03-31"));
        CHECK(money(r.money.owed) == "180");
        CHECK(money(r.money.ageing[0].amount) == "100"); // 2026-03-15, 16 days old
        CHECK(r.money.ageing[0].purchases == 1);
        CHECK(money(r.money.ageing[1].amount) == "80"); // 2026-02-20, 39 days, 20 paid
        CHECK(r.money.ageing[1].purchases == 1);
        CHECK(money(r.money.ageing[2].amount) == "0"); // 2026-01-01, 89 days, settled
        CHECK(r.money.ageing[2].purchases == 0);
        REQUIRE(r.money.owed_by_customer.size() == 1);
        CHECK(money(r.money.owed_by_customer[0].amount) == "180");
        CHECK(iso(r.money.owed_by_customer[0].oldest) == "2026-02-20");
        CHECK(r.money.owed_by_customer[0].days == 39);
    }
    SUBCASE("a customer in credit owes nothing and is not listed") {
        const Customer credit = customer("credit", R"(name = "Credit"
class = "later"
owner = "amy"
[[purchase]]
date = 2026-03-01
product = "rice"
price = 100
paid = 0
[[payment]]
date = 2026-03-02
amount = 150
)",
                                         s);
        const Customer owes = customer("owes", R"(name = "Owes"
class = "later"
owner = "ben"
[[purchase]]
date = 2026-03-01
product = "rice"
price = 30
paid = 0
)",
                                       s);
        const Report r = report_of(s, {credit, owes}, period("2026-01-01", "2026-03-31"));
        CHECK(money(r.money.owed) == "30"); // not 30 - 50
        CHECK(owed_ids(r.money) == Lines{"owes"});
        CHECK(sums(r.money.owed_by_seller) == Lines{"ben 30 1"});
        Money in_buckets;
        for (const AgeBucket& b : r.money.ageing)
            in_buckets += b.amount;
        CHECK(money(in_buckets) == "30");
    }
    SUBCASE("sales and money collected count only within since and until, both included") {
        // Purchases are settled at purchase (no `paid`): their price is collected too.
        const Customer c = customer("a", R"(name = "A"
class = "later"
owner = "amy"
[[purchase]]
date = 2026-01-31
product = "rice"
price = 1
[[purchase]]
date = 2026-02-01
product = "rice"
price = 10
[[purchase]]
date = 2026-02-28
product = "rice"
price = 100
[[purchase]]
date = 2026-03-01
product = "rice"
price = 1000
[[payment]]
date = 2026-01-31
amount = 2
[[payment]]
date = 2026-02-01
amount = 20
[[payment]]
date = 2026-02-28
amount = 200
[[payment]]
date = 2026-03-01
amount = 2000
)",
                                    s);
        const Report r = report_of(s, {c}, period("2026-02-01", "2026-02-28"));
        CHECK(money(r.money.sales) == "110");
        CHECK(r.money.sale_count == 2);
        CHECK(money(r.money.collected) == "330"); // 10 + 100 at purchase, 20 + 200 paid
        CHECK(sums(r.money.sales_by_product) == Lines{"rice 110 2"});
        CHECK(sums(r.money.collected_by) == Lines{"amy 330 4"});
    }
    SUBCASE("sales by month list every month of the period, empty ones included") {
        const Customer c = customer("a", R"(name = "A"
class = "later"
owner = "amy"
[[purchase]]
date = 2026-01-10
product = "rice"
price = 7
[[purchase]]
date = 2026-01-20
product = "rice"
price = 100
[[purchase]]
date = 2026-04-05
product = "rice"
price = 40
)",
                                    s);
        const Report r = report_of(s, {c}, period("2026-01-15", "2026-04-10"));
        CHECK(sums(r.money.sales_by_month) ==
              Lines{"2026-01 100 1", "2026-02 0 0", "2026-03 0 0", "2026-04 40 1"});
    }
    SUBCASE("purchases and payments without `by` count for the customer's owner") {
        const Customer c = customer("a", R"(name = "A"
class = "later"
owner = "amy"
[[purchase]]
date = 2026-02-01
product = "rice"
price = 100
by = "ben"
[[purchase]]
date = 2026-02-02
product = "oil"
price = 50
paid = 0
[[payment]]
date = 2026-02-03
amount = 20
by = "cara"
[[payment]]
date = 2026-02-04
amount = 10
)",
                                    s);
        const Report r = report_of(s, {c}, period("2026-01-01", "2026-03-31"));
        CHECK(sums(r.money.sales_by_seller) == Lines{"ben 100 1", "amy 50 1"});
        CHECK(sums(r.money.collected_by) == Lines{"ben 100 1", "cara 20 1", "amy 10 1"});
        CHECK(sums(r.money.owed_by_seller) == Lines{"amy 20 1"});
    }
    SUBCASE("the owner filter keeps only the matching customers") {
        const Customer amys = customer("amys", R"(name = "Amy's"
class = "later"
owner = "amy"
[[purchase]]
date = 2026-02-01
product = "rice"
price = 100
)",
                                       s);
        const Customer bens = customer("bens", R"(name = "Ben's"
class = "later"
owner = "ben"
[[purchase]]
date = 2026-02-01
product = "rice"
price = 7
paid = 0
)",
                                       s);
        Filters only_amy;
        only_amy.owners = {"amy"};
        const Report r = report_of(s, {amys, bens}, period("2026-01-01", "2026-03-31", only_amy));
        CHECK(r.customers == 1);
        CHECK(money(r.money.sales) == "100");
        CHECK(sums(r.money.sales_by_seller) == Lines{"amy 100 1"});
        CHECK(money(r.money.owed) == "0");
        CHECK(r.money.owed_by_customer.empty());
    }
}

TEST_CASE("ReportBuilder join") {
    const Settings s = shop();
    const std::vector<Customer> book = {customer("a", R"(name = "A"
class = "later"
owner = "amy"
[[purchase]]
date = 2026-01-05
product = "rice"
price = 100
paid = 0
by = "ben"
[[purchase]]
date = 2026-03-01
product = "oil"
price = 30
[[payment]]
date = 2026-02-01
amount = 40
[[log]]
date = 2026-01-06
kind = "call"
satisfaction = 4
[[log]]
date = 2026-01-20
kind = "call"
class = "later"
class_was = "now"
)",
                                                 s),
                                        customer("b", R"(name = "B"
class = "now"
owner = "ben"
[[purchase]]
date = 2026-01-25
product = "rice"
price = 100
paid = 0
[[log]]
date = 2026-02-01
kind = "call"
satisfaction = 2
[[log]]
date = 2026-02-15
kind = "handover"
owner_was = "amy"
owner = "ben"
[[log]]
date = 2026-03-01
kind = "call"
satisfaction = 5
)",
                                                 s),
                                        customer("c",
                                                 std::string(R"(name = "C"
class = "later"
owner = "amy"
)") + call("2026-01-02", "satisfaction = 3\n") + call("2026-01-10") +
                                                     call("2026-01-20") + call("2026-02-05") +
                                                     call("2026-03-20"),
                                                 s)};
    const ReportOptions options = period("2026-01-01", "2026-03-31");
    const auto built = [&](std::vector<std::size_t> which) {
        ReportBuilder b(s, options);
        for (const std::size_t i : which)
            b.add(book[i]);
        return b;
    };
    const std::string whole = describe(report_of(s, book, options));
    // The book gives every part something to sum, so that a part join
    // dropped would show.
    const Report one = report_of(s, book, options);
    REQUIRE(one.customers == 3);
    REQUIRE(one.money.owed_by_customer.size() == 2);
    REQUIRE(one.revisits.by_owner.size() == 2);
    REQUIRE(one.revisits.overdue.size() == 2);
    REQUIRE(one.revisits.too_sticky.size() == 1);
    REQUIRE(one.pipeline.moves.size() == 1);
    REQUIRE(one.satisfaction.by_owner.size() == 2);
    REQUIRE(one.satisfaction.handovers.size() == 1);
    SUBCASE("customers split across two builders and joined give the same report") {
        ReportBuilder first = built({0, 2});
        first.join(built({1}));
        CHECK(describe(std::move(first).finish()) == whole);
    }
    SUBCASE("the order of the join does not matter") {
        ReportBuilder second = built({1});
        second.join(built({0, 2}));
        CHECK(describe(std::move(second).finish()) == whole);
        ReportBuilder third = built({2, 1});
        third.join(built({0}));
        CHECK(describe(std::move(third).finish()) == whole);
    }
}

TEST_CASE("revisit_outcomes") {
    const Settings s = shop();
    // Class now: due 7 days after a contact, last on-time day 10 days after.
    const auto now_customer = [&](std::string logs) {
        return customer("a", "name = \"A\"\nclass = \"now\"\nowner = \"amy\"\n" + logs, s);
    };
    SUBCASE("a next contact exactly on the last on-time day is on time") {
        const Customer c = now_customer(call("2026-01-01") + call("2026-01-11"));
        CHECK(outcomes(c, s, "2026-01-01", "2026-01-15") ==
              Lines{"now 2026-01-08 2026-01-11 on_time"});
    }
    SUBCASE("a next contact one day after the last on-time day is late") {
        const Customer c = now_customer(call("2026-01-01") + call("2026-01-12"));
        CHECK(outcomes(c, s, "2026-01-01", "2026-01-15") ==
              Lines{"now 2026-01-08 2026-01-11 late"});
    }
    SUBCASE("no contact, and the last on-time day before until, is missed") {
        const Customer c = now_customer(call("2026-01-01"));
        CHECK(outcomes(c, s, "2026-01-01", "2026-01-12") ==
              Lines{"now 2026-01-08 2026-01-11 missed"});
    }
    SUBCASE("no contact, and the last on-time day is until, is not decided: not counted") {
        const Customer c = now_customer(call("2026-01-01"));
        CHECK(outcomes(c, s, "2026-01-01", "2026-01-11").empty());
        // A contact on that day decides it.
        const Customer done = now_customer(call("2026-01-01") + call("2026-01-11"));
        CHECK(outcomes(done, s, "2026-01-01", "2026-01-11") ==
              Lines{"now 2026-01-08 2026-01-11 on_time"});
    }
    SUBCASE("a revisit whose last on-time day is before since is not counted") {
        const Customer c = now_customer(call("2026-01-01") + call("2026-01-05"));
        CHECK(outcomes(c, s, "2026-01-12", "2026-01-31") ==
              Lines{"now 2026-01-12 2026-01-15 missed"});
        CHECK(outcomes(c, s, "2026-01-11", "2026-01-31") ==
              Lines{"now 2026-01-08 2026-01-11 on_time", "now 2026-01-12 2026-01-15 missed"});
    }
    SUBCASE("a log's next replaces the ideal date, and the class's slack still applies after it") {
        const Customer on_time =
            now_customer(call("2026-01-01", "next = 2026-01-20\n") + call("2026-01-23"));
        CHECK(outcomes(on_time, s, "2026-01-01", "2026-01-25") ==
              Lines{"now 2026-01-20 2026-01-23 on_time"});
        const Customer late =
            now_customer(call("2026-01-01", "next = 2026-01-20\n") + call("2026-01-24"));
        CHECK(outcomes(late, s, "2026-01-01", "2026-01-25") ==
              Lines{"now 2026-01-20 2026-01-23 late"});
    }
    SUBCASE("a class move makes the following revisit use the new class, reported under it") {
        // The file names the class it is in today, client; the log of 2026-01-05 moved it from now.
        const Customer c =
            customer("a",
                     "name = \"A\"\nclass = \"client\"\nowner = \"amy\"\n" + call("2026-01-01") +
                         call("2026-01-05", "class = \"client\"\n"
                                            "class_was = \"now\"\n") +
                         call("2026-04-01"),
                     s);
        // client = 90d, no maximum: due and last day 2026-01-05 + 90 days.
        CHECK(outcomes(c, s, "2026-01-01", "2026-06-30") ==
              Lines{"now 2026-01-08 2026-01-11 on_time", "client 2026-04-05 2026-04-05 on_time"});
        const Report r = report_of(s, {c}, period("2026-01-01", "2026-06-30"));
        CHECK(on_time_rows(r.revisits.by_class) == Lines{"now 1 1 0 0", "client 1 1 0 0"});
        CHECK(on_time_rows(r.revisits.by_owner) == Lines{"amy 2 2 0 0"});
    }
    SUBCASE("the customer's start asks for the first contact") {
        // No since: the first purchase is the start.
        const Customer c = now_customer("[[purchase]]\ndate = 2026-01-01\nproduct = \"rice\"\n"
                                        "price = 100\n" +
                                        call("2026-01-09"));
        CHECK(outcomes(c, s, "2026-01-01", "2026-01-15") ==
              Lines{"now 2026-01-08 2026-01-11 on_time"});
    }
    SUBCASE("a contact dated before the customer's start does not do the start's revisit") {
        // As on the agenda, the start only counts for a customer never contacted before it:
        // here the contacts of 2026-01-01 and 2026-01-05 ask for the revisits.
        const Customer c =
            now_customer("since = 2026-01-20\n" + call("2026-01-01") + call("2026-01-05"));
        CHECK(outcomes(c, s, "2026-01-01", "2026-01-31") ==
              Lines{"now 2026-01-08 2026-01-11 on_time", "now 2026-01-12 2026-01-15 missed"});
        // The same for a prospect called before the first purchase, the start without since.
        const Customer prospect =
            now_customer(call("2026-01-01") + call("2026-01-05") +
                         "[[purchase]]\ndate = 2026-01-20\nproduct = \"rice\"\nprice = 100\n");
        CHECK(outcomes(prospect, s, "2026-01-01", "2026-01-31") ==
              Lines{"now 2026-01-08 2026-01-11 on_time", "now 2026-01-12 2026-01-15 missed"});
    }
    SUBCASE("a handover is not a contact") {
        const Customer c =
            now_customer(call("2026-01-01") +
                         "[[log]]\ndate = 2026-01-05\nkind = \"handover\"\nowner_was = \"ben\"\n"
                         "owner = \"amy\"\n");
        CHECK(outcomes(c, s, "2026-01-01", "2026-01-12") ==
              Lines{"now 2026-01-08 2026-01-11 missed"});
    }
}

TEST_CASE("contacts_asked") {
    const Settings s = shop();
    const ClassCadence& later = *s.find_class("later"); // 30d
    const ClassCadence& monthly = *s.find_class("monthly");
    const Date since = day("2026-01-01");
    SUBCASE("one, and one more for each whole ideal interval that fits") {
        CHECK(contacts_asked(later, since, since) == 1);
        CHECK(contacts_asked(later, since, since + date::days{89}) == 3); // since, +30, +60
        CHECK(contacts_asked(later, since, since + date::days{90}) == 4); // and +90
    }
    SUBCASE("months are counted from since, so the clamping does not drift") {
        // Jan 31 + 1m = Feb 28, + 2m = Mar 31, + 3m = Apr 30 (not Mar 28, Apr 28).
        const Date jan31 = day("2026-01-31");
        CHECK(contacts_asked(monthly, jan31, day("2026-02-27")) == 1);
        CHECK(contacts_asked(monthly, jan31, day("2026-02-28")) == 2);
        CHECK(contacts_asked(monthly, jan31, day("2026-03-30")) == 2);
        CHECK(contacts_asked(monthly, jan31, day("2026-03-31")) == 3);
        CHECK(contacts_asked(monthly, jan31, day("2026-04-29")) == 3);
        CHECK(contacts_asked(monthly, jan31, day("2026-04-30")) == 4);
    }
}

TEST_CASE("ReportBuilder too_sticky") {
    const Settings s = shop();
    // Class later (30d) over 2026-01-01..2026-03-31: 3 contacts asked.
    const ReportOptions q1 = period("2026-01-01", "2026-03-31");
    const auto later_customer = [&](const std::string& id, std::string rest) {
        return customer(id, "name = \"" + id + "\"\nclass = \"later\"\nowner = \"amy\"\n" + rest,
                        s);
    };
    const std::string three = call("2026-01-10") + call("2026-01-20") + call("2026-03-20");
    const std::string purchase = "[[purchase]]\ndate = 2026-02-01\nproduct = \"rice\"\n"
                                 "price = 100\n";
    SUBCASE("exactly the contacts asked is not too sticky, one more is") {
        const Customer exactly = later_customer("exactly", call("2025-12-31") + three);
        const Customer more = later_customer("more", three + call("2026-03-25"));
        const Report r = report_of(s, {exactly, more}, q1);
        CHECK(sticky_rows(r.revisits) == Lines{"more 4 of 3"});
    }
    SUBCASE("contacts on since and on until are in the period") {
        const Customer on_since = later_customer("on-since", three + call("2026-01-01"));
        const Customer on_until = later_customer("on-until", three + call("2026-03-31"));
        const Report r = report_of(s, {on_since, on_until}, q1);
        CHECK(sticky_rows(r.revisits) == Lines{"on-since 4 of 3", "on-until 4 of 3"});
    }
    SUBCASE("contacts up to the last after_purchase step after a purchase are not counted") {
        // 2026-02-01 + 30d = 2026-03-03, the last follow-up.
        const Customer within =
            later_customer("within", purchase + three + call("2026-02-01") + call("2026-03-03"));
        const Customer after = later_customer("after", purchase + three + call("2026-03-04"));
        const Customer before = later_customer("before", purchase + three + call("2026-01-31"));
        const Report r = report_of(s, {within, after, before}, q1);
        CHECK(sticky_rows(r.revisits) == Lines{"after 4 of 3", "before 4 of 3"});
    }
    SUBCASE("a contact that closes a plan (done = true) is not counted") {
        const Customer c = later_customer("done", three + call("2026-02-15", "done = true\n"));
        const Report r = report_of(s, {c}, q1);
        CHECK(r.revisits.too_sticky.empty());
    }
    SUBCASE("a handover is not a contact") {
        const Customer c =
            later_customer("handed", three + "[[log]]\ndate = 2026-02-15\nkind = \"handover\"\n"
                                             "owner_was = \"ben\"\nowner = \"amy\"\n");
        const Report r = report_of(s, {c}, q1);
        CHECK(r.revisits.too_sticky.empty());
    }
}

TEST_CASE("ReportBuilder overdue") {
    const Settings s = shop();
    // Contacted 2026-01-01, class now: due 2026-01-08, last on-time day 2026-01-11.
    const Customer c =
        customer("a", "name = \"A\"\nclass = \"now\"\nowner = \"amy\"\n" + call("2026-01-01"), s);
    SUBCASE("past the last on-time day on until: listed, days counted from that day") {
        const Report r = report_of(s, {c}, period("2026-01-01", "2026-01-15"));
        REQUIRE(r.revisits.overdue.size() == 1);
        const Overdue& o = r.revisits.overdue[0];
        CHECK(o.id == "a");
        CHECK(o.class_name == "now");
        CHECK(iso(o.due) == "2026-01-08");
        CHECK(o.days == 4);
    }
    SUBCASE("on the last on-time day itself: not overdue") {
        const Report r = report_of(s, {c}, period("2026-01-01", "2026-01-11"));
        CHECK(r.revisits.overdue.empty());
    }
}

TEST_CASE("ReportBuilder satisfaction") {
    const Settings s = shop();
    SUBCASE("by owner: the average of the scores in the period") {
        const Customer a =
            customer("a",
                     std::string(R"(name = "A"
class = "later"
owner = "amy"
)") + call("2025-12-31", "satisfaction = 1\n") +
                         call("2026-01-10", "satisfaction = 4\n") +
                         call("2026-02-10", "satisfaction = 5\n") + call("2026-02-11"),
                     s);
        const Customer b = customer("b", std::string(R"(name = "B"
class = "later"
owner = "amy"
)") + call("2026-03-01", "satisfaction = 3\n"),
                                    s);
        const Customer c = customer("c", std::string(R"(name = "C"
class = "later"
owner = "ben"
)") + call("2026-01-15", "satisfaction = 2\n"),
                                    s);
        const Report r = report_of(s, {a, b, c}, period("2026-01-01", "2026-03-31"));
        REQUIRE(r.satisfaction.by_owner.size() == 2);
        CHECK(r.satisfaction.by_owner[0].key == "amy");
        CHECK(r.satisfaction.by_owner[0].average == doctest::Approx(4.0)); // (4 + 5 + 3) / 3
        CHECK(r.satisfaction.by_owner[0].scores == 3);
        CHECK(r.satisfaction.by_owner[1].key == "ben");
        CHECK(r.satisfaction.by_owner[1].average == doctest::Approx(2.0));
        CHECK(r.satisfaction.by_owner[1].scores == 1);
    }
    SUBCASE("handovers: the scores before and after each, the owners from the log") {
        const std::string handover_1 = "[[log]]\ndate = 2026-02-01\nkind = \"handover\"\n"
                                       "owner_was = \"amy\"\nowner = \"ben\"\n";
        const std::string handover_2 = "[[log]]\ndate = 2026-03-01\nkind = \"handover\"\n"
                                       "owner_was = \"ben\"\nowner = \"cara\"\n";
        const Customer c = customer(
            "a",
            std::string("name = \"A\"\nclass = \"later\"\nowner = \"cara\"\n") +
                call("2026-01-05", "satisfaction = 5\n") +
                call("2026-01-10", "satisfaction = 3\n") + handover_1 +
                call("2026-02-10", "satisfaction = 2\n") + handover_2 +
                call("2026-03-10", "satisfaction = 4\n") + call("2026-04-10", "satisfaction = 1\n"),
            s);
        // A handover before since is still shown: handovers are up to until.
        const Report r = report_of(s, {c}, period("2026-02-15", "2026-03-31"));
        REQUIRE(r.satisfaction.handovers.size() == 2);
        const HandoverScores& first = r.satisfaction.handovers[0];
        CHECK(iso(first.date) == "2026-02-01");
        CHECK(first.from == "amy");
        CHECK(first.to == "ben");
        CHECK(optional_mean(first.before) == "4"); // 5 and 3
        CHECK(first.scores_before == 2);
        CHECK(optional_mean(first.after) == "2"); // up to the next handover
        CHECK(first.scores_after == 1);
        const HandoverScores& second = r.satisfaction.handovers[1];
        CHECK(iso(second.date) == "2026-03-01");
        CHECK(second.from == "ben");
        CHECK(second.to == "cara");
        CHECK(optional_mean(second.before) == "2"); // since the previous handover
        CHECK(second.scores_before == 1);
        CHECK(optional_mean(second.after) == "4"); // 2026-04-10 is after until
        CHECK(second.scores_after == 1);
    }
}

TEST_CASE("on_time_share") {
    SUBCASE("nothing due: no share") {
        CHECK(on_time_share(OnTime{"amy", 0, 0, 0, 0}) == std::nullopt);
    }
    SUBCASE("on time out of due") {
        const auto share = on_time_share(OnTime{"amy", 4, 3, 1, 0});
        REQUIRE(share);
        CHECK(*share == doctest::Approx(0.75));
    }
}
