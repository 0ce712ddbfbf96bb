#include "crm/customer.hpp"

namespace crm {

Customer without_history(const Customer& c) {
    Customer out;
    out.id = c.id;
    out.path = c.path;
    out.name = c.name;
    out.class_name = c.class_name;
    out.owner = c.owner;
    out.contacts = c.contacts;
    out.region = c.region;
    out.phone = c.phone;
    out.email = c.email;
    out.birthday = c.birthday;
    out.lunar_birthday = c.lunar_birthday;
    out.payday = c.payday;
    out.household = c.household;
    out.tags = c.tags;
    out.prefers = c.prefers;
    out.since = c.since;
    out.calendar = c.calendar;
    out.conflict_line = c.conflict_line;
    out.people = c.people;
    return out;
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
