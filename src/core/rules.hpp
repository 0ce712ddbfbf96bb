#pragma once
// The agenda's rule families, one source file each. Each appends the reasons
// it finds for one customer to `out`, already limited to the window in which
// they show; agenda.cpp merges, filters and sorts them.

#include "crm/agenda.hpp"
#include "crm/outlook.hpp"
#include "crm/spoken.hpp"

#include <cstddef>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace crm::rules {

// The longest one purchase's stock can last: a hundred years.
inline constexpr int kMaxStockDays = 36'525;

// What every rule needs about the day, computed once per agenda rather than
// once per customer.
struct Context {
    const Settings& settings;
    Date today;
    Date horizon_end;  // last day revisits, follow-ups, run-outs and collects show
    Date birthday_end; // last day birthdays show
    // The lunar dates of today and birthday_end, when inside the supported
    // range; lets the birthday rule skip customers without a table lookup.
    std::optional<LunarDate> lunar_today;
    std::optional<LunarDate> lunar_end;
    // The kinds asked for (empty: all); the other families are not computed.
    std::vector<Kind> kinds = {};
    // Only the next of each birthday (each calendar, the customer's and each
    // person's), as the outlook wants; the agenda wants every one in its window.
    bool next_birthdays = false;

    bool wants(Kind k) const;
};

Context make_context(const Settings& s, Date today, Date horizon_end, Date birthday_end,
                     std::vector<Kind> kinds = {});

// Buffers reused from one customer to the next so that the rules allocate
// nothing but their output.
struct Scratch {
    std::vector<std::size_t> order;
    struct Step {
        Date due;
        Interval after;
    };
    std::vector<Step> steps;
    struct Owed {
        Date date;
        Money amount;
        std::size_t purchase = 0;
        int count = 0;
        Collection::From from = Collection::From::purchase;
    };
    std::vector<Owed> owed;
    std::vector<std::size_t> logs;  // open_plans: the logs by date
    std::vector<std::size_t> plans; // open_plans: the plans by date, then the open ones
    std::vector<bool> closed;       // open_plans: per plan
};

// A stable sort for the few elements one customer has (purchases, steps,
// reasons): std::stable_sort would allocate a buffer on every call, and
// files are usually in date order already, which makes this linear.
template <class T, class Less> void small_sort(std::vector<T>& v, Less less) {
    for (std::size_t i = 1; i < v.size(); ++i) {
        T moving = std::move(v[i]);
        std::size_t j = i;
        for (; j > 0 && less(moving, v[j - 1]); --j)
            v[j] = std::move(v[j - 1]);
        v[j] = std::move(moving);
    }
}

// A reason of `kind` due on `date`, with days_late filled in.
Reason make_reason(Kind kind, Date date, Date today, std::string text);

// The reasons' texts are built for every line of the agenda, often a
// hundred thousand of them, so they are concatenated directly rather than
// through a format string.
std::string cat(std::initializer_list<std::string_view> parts);

// Indices of `c.purchases` sorted by date, ties in file order, into `order`.
void purchases_by_date(const Customer& c, std::vector<std::size_t>& order);
// The same for `c.logs`.
void logs_by_date(const Customer& c, std::vector<std::size_t>& order);

// The balances still open on c's purchases, into scratch.owed by collect
// date (ties in purchase-date order), each with count 1; none when balance(c)
// is not positive. Payments settle the oldest balances first. Reuses
// scratch.order.
void open_balances(const Customer& c, Scratch& scratch);

// When a revisit is due after `base` (a contact, or the customer's start),
// and the last day it is on time: the class's ideal interval and its maximum.
struct RevisitDue {
    Date due;
    std::optional<Date> late_after; // late once a day is past this one
};
RevisitDue revisit_from(Date base, const ClassCadence& cls);
// After a contact: its `next` replaces the ideal date; the class's slack
// between ideal and maximum still applies after it, so "late" means the
// same thing with or without an explicit date.
RevisitDue revisit_after(const LogEntry& contact, const ClassCadence& cls);

// One product's stock, as the run-out rule sees it.
struct Stock {
    std::size_t end = 0;              // the product's purchases are order[first, end)
    const Product* product = nullptr; // null for a product crm.toml lacks
    Date runs_out;
    Date warn_from;          // runs_out minus the product's `warn`
    unsigned divided_by = 1; // the household, when the product is per person
    double units = 0;        // bought in the chain of purchases ending on runs_out
};

// Indices of the purchases that can run out (a `lasts` of their own or
// their product's), grouped by product key and by date within a product
// (ties in file order), into `order`.
void consumables(const Customer& c, const Settings& s, std::vector<std::size_t>& order);

// The stock of the product whose purchases start at order[first] (order as
// consumables() leaves it).
Stock stock_at(const Customer& c, const Settings& s, const std::vector<std::size_t>& order,
               std::size_t first);

// Indices of c.plans still open, by date (ties in file order), into
// scratch.plans, as open_plans_of() defines them. Reuses scratch.logs and
// scratch.closed.
void open_plans(const Customer& c, Scratch& scratch);

// Whose birthday, in a reason's text: "李經理 (purchasing)", or the name alone.
std::string person_label(const Person& p);

// "lunar 8/15 → Fri 2026-09-25"; when this year's date is not the recorded
// one (day 30 kept on day 29, a leap birthday in the regular month, a regular
// one greeted again in the leap month) it says so: "lunar 12/30 as 12/29 → …".
// A person's (`who` not empty): "birthday of 李經理 (purchasing), lunar 8/15 → …".
std::string lunar_text(std::string_view who, const LunarMonthDay& b, const LunarOccurrence& o,
                       Date today);

void add_revisit(const Customer& c, const Context& ctx, std::vector<Reason>& out);
void add_followups(const Customer& c, const Context& ctx, Scratch& scratch,
                   std::vector<Reason>& out);
void add_plans(const Customer& c, const Context& ctx, Scratch& scratch, std::vector<Reason>& out);
void add_birthdays(const Customer& c, const Context& ctx, std::vector<Reason>& out);
void add_runouts(const Customer& c, const Context& ctx, Scratch& scratch, std::vector<Reason>& out);
void add_collects(const Customer& c, const Context& ctx, Scratch& scratch,
                  std::vector<Reason>& out);

// The families ctx.wants, in Kind order.
void add_all(const Customer& c, const Context& ctx, Scratch& scratch, std::vector<Reason>& out);

} // namespace crm::rules
