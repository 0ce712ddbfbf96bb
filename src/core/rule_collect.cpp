// Collect: what is still owed on each purchase, and when to ask for it.

#include "crm/i18n.hpp"
#include "rules.hpp"

#include <algorithm>

namespace crm::rules {

namespace {

using Owed = Scratch::Owed;

// `amount` owed on purchase `index`, collected on the purchase's `due` date;
// else on the customer's first payday on or after the purchase (clamped to
// short months, never drifting); else on the day of the purchase itself.
Owed owed_on(const Customer& c, const Purchase& p, Money amount, std::size_t index) {
    if (p.due)
        return {*p.due, amount, index, 1, Collection::From::due};
    if (c.payday)
        return {next_monthly(p.date, *c.payday), amount, index, 1, Collection::From::payday};
    return {p.date, amount, index, 1, Collection::From::purchase};
}

// Payments are not tied to purchases: they (and anything paid beyond the
// price at purchase) settle the oldest balances first, so the sum of what
// is left equals balance(c).
Money payment_pool(const Customer& c) {
    Money pool;
    for (const Payment& p : c.payments)
        pool += p.amount;
    for (const Purchase& p : c.purchases)
        if (p.paid > p.price)
            pool += p.paid - p.price;
    return pool;
}

std::string collect_text(const Customer& c, const Owed& o, const std::string& currency,
                         Date today) {
    const std::string amount =
        currency.empty() ? format_money(o.amount) : format_money(o.amount) + " " + currency;
    const Purchase& p = c.purchases[o.purchase];
    const std::string day = spoken_date(p.date, today);
    if (o.count > 1)
        return trf("owes {} for {} purchases since {}", amount, o.count, day);
    if (p.product.empty())
        return trf("owes {} for the purchase of {}", amount, day);
    return trf("owes {} for {} of {}", amount, p.product, day);
}

// The purchase that names the reason: a balance joining today's when its
// day comes keeps the oldest purchase, and so its key.
std::string collect_key(const Purchase& p) {
    const std::string day = format_date(p.date);
    return p.product.empty() ? day : cat({day, ".", key_part(p.product)});
}

} // namespace

void open_balances(const Customer& c, Scratch& scratch) {
    std::vector<Owed>& owed = scratch.owed;
    owed.clear();
    // Nothing owed in all means nothing owed on any purchase: payments
    // settle purchases until they run out. Most customers stop here.
    if (balance(c) <= Money{})
        return;
    purchases_by_date(c, scratch.order);
    Money pool = payment_pool(c);
    for (std::size_t i : scratch.order) {
        const Purchase& p = c.purchases[i];
        const Money debt = p.price - p.paid;
        if (debt <= Money{})
            continue;
        const Money applied = std::clamp(pool, Money{}, debt);
        pool -= applied;
        if (debt - applied > Money{})
            owed.push_back(owed_on(c, p, debt - applied, i));
    }
    small_sort(owed, [](const Owed& a, const Owed& b) { return a.date < b.date; });
}

// Everything due by today is one reason (one visit collects it all, dated by
// the oldest collect date); later balances are one reason per collect date.
void add_collects(const Customer& c, const Context& ctx, Scratch& scratch,
                  std::vector<Reason>& out) {
    open_balances(c, scratch);
    const std::vector<Owed>& owed = scratch.owed;
    for (std::size_t first = 0; first < owed.size();) {
        const Date bucket = std::max(owed[first].date, ctx.today);
        if (bucket > ctx.horizon_end)
            break;
        Owed sum = owed[first];
        std::size_t end = first + 1;
        for (; end < owed.size() && std::max(owed[end].date, ctx.today) == bucket; ++end) {
            sum.amount += owed[end].amount;
            sum.count += owed[end].count;
            // The oldest purchase names the group ("since …").
            sum.purchase = std::min(sum.purchase, owed[end].purchase, [&](auto a, auto b) {
                return c.purchases[a].date < c.purchases[b].date;
            });
        }
        Reason r = make_reason(Kind::collect, sum.date, ctx.today,
                               collect_text(c, sum, ctx.settings.currency, ctx.today));
        r.amount = sum.amount;
        r.key = collect_key(c.purchases[sum.purchase]);
        out.push_back(std::move(r));
        first = end;
    }
}

} // namespace crm::rules
