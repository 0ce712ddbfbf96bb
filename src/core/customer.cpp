#include "crm/customer.hpp"

#include <utility>

namespace crm {

namespace {

// Both overloads: `C` is const Customer& (copies) or Customer (moves).
template <class C> Customer identity_of(C&& c) {
    Customer out;
    out.id = std::forward<C>(c).id;
    out.path = std::forward<C>(c).path;
    out.name = std::forward<C>(c).name;
    out.class_name = std::forward<C>(c).class_name;
    out.owner = std::forward<C>(c).owner;
    out.contacts = std::forward<C>(c).contacts;
    out.region = std::forward<C>(c).region;
    out.phones = std::forward<C>(c).phones;
    out.emails = std::forward<C>(c).emails;
    out.birthday = std::forward<C>(c).birthday;
    out.lunar_birthday = std::forward<C>(c).lunar_birthday;
    out.payday = std::forward<C>(c).payday;
    out.household = std::forward<C>(c).household;
    out.tags = std::forward<C>(c).tags;
    out.prefers = std::forward<C>(c).prefers;
    out.since = std::forward<C>(c).since;
    out.calendar = std::forward<C>(c).calendar;
    out.conflict_line = std::forward<C>(c).conflict_line;
    out.people = std::forward<C>(c).people;
    return out;
}

} // namespace

Customer without_history(const Customer& c) {
    return identity_of(c);
}

Customer without_history(Customer&& c) {
    return identity_of(std::move(c));
}

Money lifetime_value(const Customer& c) {
    Money total;
    for (const Purchase& p : c.purchases)
        total += p.price;
    return total;
}

Money balance(const Customer& c) {
    Money owed;
    for (const Purchase& p : c.purchases)
        owed += p.price - p.paid;
    for (const Payment& p : c.payments)
        owed -= p.amount;
    return owed;
}

bool is_contact(const LogEntry& e) {
    return e.kind != "handover";
}

const LogEntry* last_contact(const Customer& c) {
    const LogEntry* last = nullptr;
    for (const LogEntry& e : c.logs)
        if (is_contact(e) && (!last || e.date >= last->date))
            last = &e;
    return last;
}

void keep_last_contact(Customer& c) {
    if (!c.plans.empty())
        return;
    if (const LogEntry* last = last_contact(c)) {
        LogEntry kept = *last;
        c.logs.clear();
        c.logs.push_back(std::move(kept));
    } else
        c.logs.clear();
}

} // namespace crm
