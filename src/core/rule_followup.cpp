// Follow-up: after-sale care at each `after_purchase` step from a purchase.
//
// Step k is done by any contact logged after step k-1's due date (after the
// purchase date for the first step): the sale itself, logged on the purchase
// day, is not a follow-up, and a call on day 3 answers the 3-day step but not
// the 7-day one. It follows that the pending steps of a sale are always the
// last ones, and that only the newest log date matters.

#include "crm/i18n.hpp"
#include "rules.hpp"

#include <algorithm>

namespace crm::rules {

namespace {

using Step = Scratch::Step;

// Purchases on the same day were one sale: they get one follow-up line.
std::string sale_text(const Customer& c, const std::vector<std::size_t>& order, std::size_t first,
                      std::size_t last, Interval after, Date today) {
    const std::string_view comma = tr(", ");
    std::string products;
    for (std::size_t i = first; i < last; ++i) {
        const std::string& product = c.purchases[order[i]].product;
        if (product.empty())
            continue;
        if (!products.empty())
            products += comma;
        products += product;
    }
    const std::string day = spoken_date(c.purchases[order[first]].date, today);
    if (products.empty())
        return trf("{0} after the purchase of {1}", spoken_interval(after), day);
    return trf("{0} after buying {1} on {2}", spoken_interval(after), products, day);
}

// The step to show for a sale made on `day`, or nullptr: the newest step
// that is due and not done (older ones are superseded by it, so overdue
// steps collapse), else the next pending one when it falls in the horizon.
// `last` is the latest contact, Date::min() when there is none.
const Step* step_to_show(Date day, const std::vector<Step>& steps, Date last, const Context& ctx) {
    std::size_t pending = 0;
    while (pending < steps.size() && last > (pending == 0 ? day : steps[pending - 1].due))
        ++pending;
    if (pending == steps.size())
        return nullptr;
    std::size_t due = steps.size();
    for (std::size_t k = pending; k < steps.size() && steps[k].due <= ctx.today; ++k)
        due = k;
    if (due == steps.size())
        return steps[pending].due <= ctx.horizon_end ? &steps[pending] : nullptr;
    // A step lasts until the next is due; the last one until it has been
    // due as long as the step itself (and at least its own day), so a
    // missed follow-up does not linger for years.
    if (due + 1 == steps.size()) {
        const Step& s = steps[due];
        const Date expires = std::max(add(s.due, s.after), s.due + date::days{1});
        if (ctx.today >= expires)
            return nullptr;
    }
    return &steps[due];
}

void fill_steps(Date day, const std::vector<Interval>& after, std::vector<Step>& steps) {
    steps.clear();
    for (const Interval& i : after)
        steps.push_back({add(day, i), i});
    // crm.toml may list the steps in any order; windows are defined in date order.
    small_sort(steps, [](const Step& a, const Step& b) { return a.due < b.due; });
}

} // namespace

void add_followups(const Customer& c, const Context& ctx, Scratch& scratch,
                   std::vector<Reason>& out) {
    if (ctx.settings.after_purchase.empty() || c.purchases.empty())
        return;
    purchases_by_date(c, scratch.order);
    const LogEntry* last = last_contact(c);
    // No contact is the earliest date, which does no step (a plain date, not
    // an optional: GCC's -O2 warns falsely about the optional).
    const Date latest = last ? last->date : Date::min();
    const std::vector<std::size_t>& order = scratch.order;
    for (std::size_t first = 0; first < order.size();) {
        const Date day = c.purchases[order[first]].date;
        std::size_t end = first + 1;
        while (end < order.size() && c.purchases[order[end]].date == day)
            ++end;
        fill_steps(day, ctx.settings.after_purchase, scratch.steps);
        if (const Step* s = step_to_show(day, scratch.steps, latest, ctx)) {
            out.push_back(make_reason(Kind::followup, s->due, ctx.today,
                                      sale_text(c, order, first, end, s->after, ctx.today)));
            out.back().key = format_date(day); // the next step moves the same reason
        }
        first = end;
    }
}

} // namespace crm::rules
