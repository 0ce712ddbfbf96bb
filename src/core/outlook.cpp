// What lies ahead for one customer: the agenda's rules run with windows far
// enough to see everything, and their working values kept.

#include "crm/outlook.hpp"

#include "rules.hpp"

#include <algorithm>
#include <string_view>

namespace crm {

namespace {

// Later than any date a ledger holds: with it as the horizon, the rules
// keep every reason they find. Birthdays recur, so their window is only
// long enough to hold the next Gregorian and the next lunar one (a lunar
// year with a leap month has up to 385 days).
constexpr int kBirthdayDays = 400;

Date far_horizon() {
    return date::sys_days{date::year{9999} / 12 / 31};
}

rules::Context far_context(const Settings& s, Date today, std::vector<Kind> kinds = {}) {
    rules::Context ctx = rules::make_context(s, today, far_horizon(),
                                             today + date::days{kBirthdayDays}, std::move(kinds));
    ctx.next_birthdays = true;
    return ctx;
}

} // namespace

std::vector<Collection> collections_of(const Customer& c) {
    rules::Scratch scratch;
    rules::open_balances(c, scratch);
    std::vector<Collection> out;
    out.reserve(scratch.owed.size());
    for (const rules::Scratch::Owed& o : scratch.owed)
        out.push_back({o.amount, o.date, o.from, o.purchase});
    return out;
}

std::vector<Runout> runouts_of(const Customer& c, const Settings& s) {
    std::vector<std::size_t> order;
    rules::consumables(c, s, order);
    std::vector<Runout> out;
    for (std::size_t first = 0; first < order.size();) {
        const rules::Stock stock = rules::stock_at(c, s, order, first);
        out.push_back({c.purchases[order[first]].product, stock.runs_out, stock.warn_from,
                       stock.divided_by, stock.units});
        first = stock.end;
    }
    return out;
}

std::vector<Reason> coming_for(const Customer& c, const Settings& s, Date today) {
    const rules::Context ctx = far_context(s, today);
    rules::Scratch scratch;
    std::vector<Reason> out;
    rules::add_all(c, ctx, scratch, out);
    std::stable_sort(out.begin(), out.end(), [](const Reason& a, const Reason& b) {
        if (a.date != b.date)
            return a.date < b.date;
        return a.kind < b.kind;
    });
    return out;
}

std::vector<std::size_t> open_plans_of(const Customer& c) {
    rules::Scratch scratch;
    rules::open_plans(c, scratch);
    return std::move(scratch.plans);
}

std::optional<Reason> next_revisit(const Customer& c, const Settings& s, Date today) {
    const rules::Context ctx = far_context(s, today, {Kind::revisit});
    std::vector<Reason> out;
    rules::add_revisit(c, ctx, out);
    if (out.empty())
        return std::nullopt;
    return std::move(out.front());
}

} // namespace crm
