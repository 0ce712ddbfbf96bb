#include "crm/customer.hpp"

namespace crm {

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

const LogEntry* last_contact(const Customer& c) {
    const LogEntry* last = nullptr;
    for (const LogEntry& e : c.logs)
        if (!last || e.date >= last->date)
            last = &e;
    return last;
}

} // namespace crm
