#pragma once
// `crm show`: everything about one customer a salesperson reads before a
// visit, as values the renderers lay out. Pure: the customer (parsed with
// its notes), the settings and the day go in.

#include "crm/outlook.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace crm {

struct Briefing {
    Customer customer;
    Date today;
    // The customer's class as crm.toml defines it; null when crm.toml has
    // no such class (or the customer none). Points into the settings.
    const ClassCadence* cadence = nullptr;
    std::vector<std::size_t> contacts;  // indices of customer.logs, newest first
    std::vector<std::size_t> words;     // of those, the logs with the customer's `said`
    std::vector<std::size_t> scores;    // the logs with a satisfaction score, oldest first
    std::vector<std::size_t> purchases; // indices of customer.purchases, oldest first
    std::vector<Collection> collections;
    std::vector<Runout> runouts;
    std::vector<std::size_t> plans; // indices of customer.plans still open, by date
    std::vector<Reason> coming;
    Money balance; // balance(customer): negative for a credit
    Money value;   // lifetime_value(customer)
};

// The briefing of `c` as of `today`. `s` must outlive it (see `cadence`).
Briefing make_briefing(Customer c, const Settings& s, Date today);

// "every 7d, late after 10d", "every 30d"; in Chinese "每 7 天，超過 10 天算逾期".
std::string cadence_text(const ClassCadence& cls);

// A birthday as recorded: "1975-03-14", or "--03-14" without the year.
std::string format_month_day(const MonthDay& md);

// A quantity without needless decimals: "2", "1.5", "0.25".
std::string format_qty(double qty);

} // namespace crm
