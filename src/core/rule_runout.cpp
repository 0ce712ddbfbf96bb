// Run-out: when the stock of a consumable product bought by a customer runs
// out, warned `warn` days ahead so that the next bag arrives in time.

#include "crm/i18n.hpp"
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

// Whole days one purchase lasts: lasts × qty, divided by `divided_by` (the
// household when the product is per person). Rounded down, so the warning
// is never late.
int days_of(const Purchase& p, Interval lasts, unsigned divided_by) {
    const double days = approx_days(lasts) * p.qty / divided_by;
    // Bounded before the conversion: a long life times a large quantity
    // must not overflow an int (no stock lasts more than kMaxStockDays).
    return static_cast<int>(std::clamp(std::floor(days), 0.0, double{kMaxStockDays}));
}

// The end of a chain of purchases, which never passes the last day crm's
// dates reach, however many long-lived purchases follow each other.
Date later_by(Date start, int days) {
    const Date last = date::sys_days{date::year{9999} / 12 / 31};
    return days_between(start, last) < days ? last : start + date::days{days};
}

std::string runout_text(const std::string& product, Date runout, Date today) {
    const std::string what = product.empty() ? std::string(tr("stock")) : product;
    return runout >= today ? trf("{} runs out {}", what, spoken_day_and_date(runout, today))
                           : trf("{} ran out {}", what, spoken_day_and_date(runout, today));
}

} // namespace

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

// A purchase made before the stock ran out adds its days to the old run-out
// date; one made after restarts the chain from its own date.
Stock stock_at(const Customer& c, const Settings& s, const std::vector<std::size_t>& order,
               std::size_t first) {
    const std::string& key = c.purchases[order[first]].product;
    Stock stock;
    stock.product = s.find_product(key);
    if (stock.product && stock.product->per_person)
        stock.divided_by = std::max(1u, c.household);
    std::optional<Date> runout;
    stock.end = first;
    for (; stock.end < order.size() && c.purchases[order[stock.end]].product == key; ++stock.end) {
        const Purchase& p = c.purchases[order[stock.end]];
        const bool carries = runout && *runout > p.date;
        const Date start = carries ? *runout : p.date;
        runout = later_by(start, days_of(p, *lasts_of(p, stock.product), stock.divided_by));
        stock.units = carries ? stock.units + p.qty : p.qty;
    }
    stock.runs_out = *runout;
    stock.warn_from =
        subtract(stock.runs_out, stock.product ? stock.product->warn : Product{}.warn);
    return stock;
}

void add_runouts(const Customer& c, const Context& ctx, Scratch& scratch,
                 std::vector<Reason>& out) {
    std::vector<std::size_t>& order = scratch.order;
    consumables(c, ctx.settings, order);
    for (std::size_t first = 0; first < order.size();) {
        const Stock stock = stock_at(c, ctx.settings, order, first);
        if (stock.warn_from <= ctx.horizon_end) {
            const std::string& key = c.purchases[order[first]].product;
            Reason r = make_reason(Kind::runout, stock.warn_from, ctx.today,
                                   runout_text(key, stock.runs_out, ctx.today));
            // The warning days are the time to deliver, not lateness: a
            // customer is late only once the product has run out.
            r.days_late = std::max(0, days_between(stock.runs_out, ctx.today));
            r.key = key_part(key);
            out.push_back(std::move(r));
        }
        first = stock.end;
    }
}

} // namespace crm::rules
