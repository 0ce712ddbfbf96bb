// The briefing before a visit: the customer's history in reading order and
// what lies ahead, from the outlook.

#include "crm/briefing.hpp"

#include "crm/i18n.hpp"
#include "crm/spoken.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <numeric>

namespace crm {

namespace {

// Newest first; among entries of one day the last in the file first, as
// last_contact counts it.
std::vector<std::size_t> contacts_newest_first(const Customer& c) {
    std::vector<std::size_t> order(c.logs.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return c.logs[a].date > c.logs[b].date; });
    // Stable sort kept file order within a day; the last entry is the newest.
    for (auto first = order.begin(); first != order.end();) {
        auto last = std::find_if(first, order.end(), [&](std::size_t i) {
            return c.logs[i].date != c.logs[*first].date;
        });
        std::reverse(first, last);
        first = last;
    }
    return order;
}

std::vector<std::size_t> purchases_oldest_first(const Customer& c) {
    std::vector<std::size_t> order(c.purchases.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return c.purchases[a].date < c.purchases[b].date;
    });
    return order;
}

} // namespace

Briefing make_briefing(Customer c, const Settings& s, Date today) {
    Briefing b;
    b.today = today;
    b.cadence = c.class_name.empty() ? nullptr : s.find_class(c.class_name);
    b.contacts = contacts_newest_first(c);
    for (const std::size_t i : b.contacts)
        if (!c.logs[i].said.empty())
            b.words.push_back(i);
    for (auto i = b.contacts.rbegin(); i != b.contacts.rend(); ++i)
        if (c.logs[*i].satisfaction)
            b.scores.push_back(*i);
    b.purchases = purchases_oldest_first(c);
    b.collections = collections_of(c);
    b.runouts = runouts_of(c, s);
    b.plans = open_plans_of(c);
    b.coming = coming_for(c, s, today);
    b.balance = balance(c);
    b.value = lifetime_value(c);
    b.customer = std::move(c);
    return b;
}

std::string cadence_text(const ClassCadence& cls) {
    std::string out = trf("every {}", spoken_interval(cls.ideal));
    if (cls.maximum)
        out += trf(", late after {}", spoken_interval(*cls.maximum));
    return out;
}

std::string format_month_day(const MonthDay& md) {
    if (md.year)
        return fmt::format("{:04}-{:02}-{:02}", *md.year, md.month, md.day);
    return fmt::format("--{:02}-{:02}", md.month, md.day);
}

std::string format_qty(double qty) {
    // Quantities are written by people: a few decimals at most. {:g} keeps
    // six significant digits and drops trailing zeros.
    return fmt::format("{:g}", qty);
}

} // namespace crm
