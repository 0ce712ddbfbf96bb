// crm report's money: what is owed and for how long, what came in, what sold.

#include "report_parts.hpp"
#include "rules.hpp"

#include <algorithm>

namespace crm::detail {

namespace {

bool in_period(Date d, const ReportOptions& o) {
    return o.since <= d && d <= o.until;
}

void add_owed(MoneyReport& m, const Customer& c, const ReportOptions& o) {
    thread_local rules::Scratch scratch;
    rules::open_balances(c, scratch);
    OwedCustomer owed{c.id, c.name, c.owner, {}, o.until, 0};
    std::optional<Date> oldest;
    for (const rules::Scratch::Owed& rest : scratch.owed) {
        const Purchase& p = c.purchases[rest.purchase];
        const int days = std::max(0, static_cast<int>((o.until - p.date).count()));
        AgeBucket& bucket = m.ageing[age_bucket(days)];
        bucket.amount += rest.amount;
        ++bucket.purchases;
        m.owed += rest.amount;
        m.owed_by_seller.push_back({credited_to(p.by, c), rest.amount, 1, 0});
        owed.amount += rest.amount;
        if (!oldest || p.date < *oldest)
            oldest = p.date;
    }
    if (owed.amount <= Money{} || !oldest)
        return;
    owed.oldest = *oldest;
    owed.days = std::max(0, static_cast<int>((o.until - *oldest).count()));
    m.owed_by_customer.push_back(std::move(owed));
}

void add_sales(MoneyReport& m, const Customer& c, const ReportOptions& o) {
    for (const Purchase& p : c.purchases) {
        if (!in_period(p.date, o))
            continue;
        const std::string& seller = credited_to(p.by, c);
        m.sales += p.price;
        ++m.sale_count;
        m.sales_by_product.push_back({p.product, p.price, 1, p.qty});
        m.sales_by_seller.push_back({seller, p.price, 1, p.qty});
        m.sales_by_month.push_back({month_of(p.date), p.price, 1, p.qty});
        if (p.paid > Money{}) {
            m.collected += p.paid;
            m.collected_by.push_back({seller, p.paid, 1, 0});
        }
    }
    for (const Payment& p : c.payments) {
        if (!in_period(p.date, o))
            continue;
        m.collected += p.amount;
        m.collected_by.push_back({credited_to(p.by, c), p.amount, 1, 0});
    }
}

} // namespace

const std::string& credited_to(const std::string& by, const Customer& c) {
    return by.empty() ? c.owner : by;
}

void add_money(MoneyReport& m, const Customer& c, const ReportOptions& o) {
    add_owed(m, c, o);
    add_sales(m, c, o);
}

} // namespace crm::detail
