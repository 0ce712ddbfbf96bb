#pragma once
// What lies ahead for one customer, whatever the agenda's windows: the
// balances still to collect and when, each product's run-out, and every
// reason the agenda has or will have. For `crm show`, `crm list` and the
// lines the writing commands print after a write. Pure: the customer, the
// settings and the day go in, values come out; the rules are the agenda's
// (crm(5), WHAT CRM COMPUTES), never a second copy of them.

#include "crm/agenda.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace crm {

// One balance still open on one purchase, after payments have settled the
// oldest balances first.
struct Collection {
    Money amount;                                                    // still owed on this purchase
    Date on;                                                         // when to collect it
    enum class From { due, payday, purchase } from = From::purchase; // where `on` came from
    std::size_t purchase = 0; // index into Customer::purchases
};

// The open balances, by collect date (ties in purchase order); their
// amounts add up to balance(c) when it is positive, and there are none
// when nothing is owed.
std::vector<Collection> collections_of(const Customer& c);

// When the stock of one consumable product runs out.
struct Runout {
    std::string product;     // the purchases' product key (or free text)
    Date runs_out;           // the day the stock bought runs out
    Date warn_from;          // runs_out minus the product's `warn`: when the agenda shows it
    unsigned divided_by = 1; // the household size the time was divided by (1 unless per person)
    double units = 0;        // units bought in the chain of purchases that ends on runs_out
};

// One entry per product that can run out (a `lasts` here or in crm.toml),
// in product order, computed as the run-out rule computes it.
std::vector<Runout> runouts_of(const Customer& c, const Settings& s);

// Every reason the agenda has for `c` today or will have later, in date
// order (ties in Kind order): the next revisit, each sale's pending
// follow-up, each open plan, the next Gregorian and the next lunar birthday
// of the customer and of each person, each product's run-out, and each
// balance to collect, however far ahead.
std::vector<Reason> coming_for(const Customer& c, const Settings& s, Date today);

// Indices of c.plans still open, by date (ties in file order): a plan
// closes when a contact of its kind (ASCII case ignored; a log without a
// kind is a visit) is logged on or after its date; a log with `done = true`
// that closes none so closes the earliest open plan of its kind, whatever
// its date, else the earliest open plan of any kind, among the plans written
// above it in the file. Logs count in date order.
std::vector<std::size_t> open_plans_of(const Customer& c);

// "planned visit with amy, ben: introduction of ben", the plan's reason on
// the agenda: its kind, who goes, and the note's first line (" …" after it
// when the note has more).
std::string plan_text(const PlanEntry& p);

// The date the customer is next due for a revisit (overdue: a date before
// today), or nullopt when it has no class crm.toml knows.
std::optional<Reason> next_revisit(const Customer& c, const Settings& s, Date today);

} // namespace crm
