#pragma once
// `crm report`: how the book stands. Money owed and its age, money
// collected, sales; the revisit SOP kept or not; the pipeline between
// classes; satisfaction, by owner and around handovers. Pure: customers,
// settings and the period go in, sums come out; money is exact.

#include "crm/agenda.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace crm {

struct ReportOptions {
    Filters filters; // the customer filters (no kinds)
    Date since;      // the period's first day
    Date until;      // its last day: balances and "overdue" are as of this day
};

// A sum under a name: a seller, a product, a month ("2026-11").
struct Sum {
    std::string key;
    Money amount;
    std::size_t count = 0; // purchases or payments summed
    double qty = 0;        // units, for products
};

// What is owed on purchases of one age, in days since the purchase.
struct AgeBucket {
    int from = 0;
    std::optional<int> to; // nullopt: no upper bound ("over 90 days")
    Money amount;
    std::size_t purchases = 0;
};

struct OwedCustomer {
    std::string id;
    std::string name;
    std::string owner;
    Money amount;
    Date oldest;  // the oldest purchase still (partly) owed
    int days = 0; // its age on `until`
};

struct MoneyReport {
    Money owed;                                 // on `until`, over the customers who owe
    std::array<AgeBucket, 4> ageing;            // 0–30, 31–60, 61–90, over 90 days
    std::vector<OwedCustomer> owed_by_customer; // largest first
    std::vector<Sum> owed_by_seller;            // largest first
    Money collected;               // payments and money paid at purchase, in the period
    std::vector<Sum> collected_by; // by who took it, largest first
    Money sales;                   // purchase prices in the period
    std::size_t sale_count = 0;
    std::vector<Sum> sales_by_product; // largest first
    std::vector<Sum> sales_by_seller;  // largest first
    std::vector<Sum> sales_by_month;   // every month of the period, oldest first
};

// Revisits whose last on-time day fell in the period and were decided by
// `until`: done, or that day passed without a contact.
struct OnTime {
    std::string key; // an owner or a class
    std::size_t due = 0;
    std::size_t on_time = 0; // the next contact came by the last on-time day
    std::size_t late = 0;    // it came after
    std::size_t missed = 0;  // none has come yet
};

// on_time / due; nullopt when nothing was due.
std::optional<double> on_time_share(const OnTime& t);
// The share as a whole percent, half up, in integers (1 of 8 is 13), as
// every format prints it; nullopt when nothing was due.
std::optional<std::size_t> on_time_percent(const OnTime& t);

// A customer late for a revisit on `until` (as the agenda marks it late).
struct Overdue {
    std::string id;
    std::string name;
    std::string owner;
    std::string class_name;
    Date due;     // the revisit's date
    int days = 0; // days past its last on-time day
};

// A customer contacted more often in the period than their class asks.
// Contacts that something else asked for (a sale that day, its follow-ups
// up to crm.toml's last after_purchase step, a planned item closed) are not
// counted.
struct Sticky {
    std::string id;
    std::string name;
    std::string owner;
    std::string class_name;
    std::size_t contacts = 0; // in the period, that only the cadence asks for
    std::size_t asked = 0;    // the most the class's cadence asks for in it
};

struct RevisitReport {
    std::vector<OnTime> by_owner; // by name
    std::vector<OnTime> by_class; // in crm.toml's order
    std::vector<Overdue> overdue; // the longest overdue first
    std::vector<Sticky> too_sticky;
};

struct ClassMove {
    std::string id;
    std::string name;
    Date date;
    std::string from;
    std::string to;
};

struct PipelineReport {
    std::vector<Sum> classes;     // customers per class now (count), in crm.toml's order
    std::vector<ClassMove> moves; // in the period, oldest first
};

struct Average {
    std::string key;
    double average = 0;
    std::size_t scores = 0;
};

struct HandoverScores {
    std::string id;
    std::string name;
    Date date;
    std::string from; // empty when the log did not record it
    std::string to;
    std::optional<double> before;
    std::size_t scores_before = 0;
    std::optional<double> after;
    std::size_t scores_after = 0;
};

struct SatisfactionReport {
    std::vector<Average> by_owner;         // scores in the period, by the customer's owner
    std::vector<HandoverScores> handovers; // handovers up to `until`, oldest first
};

struct Report {
    Date since;
    Date until;
    std::size_t customers = 0; // that passed the filters
    MoneyReport money;
    RevisitReport revisits;
    PipelineReport pipeline;
    SatisfactionReport satisfaction;
};

// Sums customers one at a time (one builder per thread, then join).
class ReportBuilder {
  public:
    ReportBuilder(const Settings& s, ReportOptions options);
    void add(const Customer& c);
    void join(ReportBuilder&& other);
    Report finish() &&;

  private:
    const Settings* settings_;
    ReportOptions options_;
    Report report_;
};

// The bucket of a purchase `days` old: 0 for 0–30 days, 1 for 31–60, 2 for
// 61–90, 3 for more. A purchase dated after the day is 0 days old.
std::size_t age_bucket(int days);

// The revisits of one customer due in [since, until), as ReportBuilder
// counts them: one per contact (and one from the customer's start), each
// on time, late or missed. The class of each is the class the customer was
// in after that contact (a [[log]]'s `class` moves it).
struct RevisitOutcome {
    std::string class_name;
    Date due;
    Date last_day; // the last on-time day: the class's maximum, else `due`
    enum class Was { on_time, late, missed } was = Was::missed;
};
std::vector<RevisitOutcome> revisit_outcomes(const Customer& c, const Settings& s, Date since,
                                             Date until);

// How many contacts the class's cadence asks for at most in [since, until]:
// one, and one more for each whole `ideal` interval that fits.
std::size_t contacts_asked(const ClassCadence& cls, Date since, Date until);

} // namespace crm
