// Run-out: when the stock of a consumable product bought by a customer runs
// out, warned `warn` days ahead so that the next bag arrives in time.

#include "rules.hpp"

#include <algorithm>
#include <cmath>

namespace crm::rules {

namespace {

// How long a purchase lasts, if it is consumable at all: its own `lasts`
// wins over the product's.
std::optional<Interval> lasts_of(const Purchase& p, const Product* product) {
    if (p.lasts)
        return p.lasts;
    return product ? product->lasts : std::nullopt;
}

// Whole days one purchase lasts: lasts × qty, divided by the household when
// the product is per person. Rounded down, so the warning is never late.
int days_of(const Purchase& p, Interval lasts, const Product* product, unsigned household) {
    double days = approx_days(lasts) * p.qty;
    if (product && product->per_person)
        days /= std::max(1u, household);
    return std::max(0, static_cast<int>(std::floor(days)));
}

// Purchases with a known life, grouped by product and in date order within
// each product (ties in file order).
void consumables(const Customer& c, const Settings& s, std::vector<std::size_t>& order) {
    order.clear();
    for (std::size_t i = 0; i < c.purchases.size(); ++i)
        if (lasts_of(c.purchases[i], s.find_product(c.purchases[i].product)))
            order.push_back(i);
    small_sort(order, [&](std::size_t a, std::size_t b) {
        const Purchase& pa = c.purchases[a];
        const Purchase& pb = c.purchases[b];
        if (pa.product != pb.product)
            return pa.product < pb.product;
        return pa.date < pb.date;
    });
}

// The run-out date of one product's purchases order[first, last): a purchase
// made before the stock ran out adds its days to the old run-out date; one
// made after restarts the chain from its own date.
Date runout_of(const Customer& c, const std::vector<std::size_t>& order, std::size_t first,
               std::size_t last, const Product* product) {
    std::optional<Date> runout;
    for (std::size_t i = first; i < last; ++i) {
        const Purchase& p = c.purchases[order[i]];
        const Interval lasts = *lasts_of(p, product);
        const Date start = runout && *runout > p.date ? *runout : p.date;
        runout = start + date::days{days_of(p, lasts, product, c.household)};
    }
    return *runout;
}

std::string runout_text(const std::string& product, Date runout, Date today) {
    return cat({product.empty() ? "stock" : product, runout >= today ? " runs out " : " ran out ",
                day_and_date(runout)});
}

} // namespace

void add_runouts(const Customer& c, const Context& ctx, Scratch& scratch,
                 std::vector<Reason>& out) {
    std::vector<std::size_t>& order = scratch.order;
    consumables(c, ctx.settings, order);
    for (std::size_t first = 0; first < order.size();) {
        const std::string& key = c.purchases[order[first]].product;
        std::size_t end = first + 1;
        while (end < order.size() && c.purchases[order[end]].product == key)
            ++end;
        const Product* product = ctx.settings.find_product(key);
        const Date runout = runout_of(c, order, first, end, product);
        const Date warn_on = subtract(runout, product ? product->warn : Product{}.warn);
        if (warn_on <= ctx.horizon_end) {
            Reason r =
                make_reason(Kind::runout, warn_on, ctx.today, runout_text(key, runout, ctx.today));
            // The warning days are the time to deliver, not lateness: a
            // customer is late only once the product has run out.
            r.days_late = std::max(0, days_between(runout, ctx.today));
            out.push_back(std::move(r));
        }
        first = end;
    }
}

} // namespace crm::rules
