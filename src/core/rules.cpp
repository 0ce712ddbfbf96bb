// What the rule families share.

#include "rules.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace crm::rules {

Context make_context(const Settings& s, Date today, Date horizon_end, Date birthday_end,
                     std::vector<Kind> kinds) {
    return {s,
            today,
            horizon_end,
            birthday_end,
            to_lunar(today),
            to_lunar(birthday_end),
            std::move(kinds)};
}

bool Context::wants(Kind k) const {
    return kinds.empty() || std::find(kinds.begin(), kinds.end(), k) != kinds.end();
}

Reason make_reason(Kind kind, Date date, Date today, std::string text) {
    Reason r;
    r.kind = kind;
    r.date = date;
    r.days_late = std::max(0, days_between(date, today));
    r.text = std::move(text);
    return r;
}

std::string cat(std::initializer_list<std::string_view> parts) {
    std::size_t size = 0;
    for (std::string_view p : parts)
        size += p.size();
    std::string out;
    out.reserve(size);
    for (std::string_view p : parts)
        out += p;
    return out;
}

void purchases_by_date(const Customer& c, std::vector<std::size_t>& order) {
    order.clear();
    for (std::size_t i = 0; i < c.purchases.size(); ++i)
        order.push_back(i);
    small_sort(order, [&](std::size_t a, std::size_t b) {
        return c.purchases[a].date < c.purchases[b].date;
    });
}

void logs_by_date(const Customer& c, std::vector<std::size_t>& order) {
    order.clear();
    for (std::size_t i = 0; i < c.logs.size(); ++i)
        order.push_back(i);
    small_sort(order,
               [&](std::size_t a, std::size_t b) { return c.logs[a].date < c.logs[b].date; });
}

void add_all(const Customer& c, const Context& ctx, Scratch& scratch, std::vector<Reason>& out) {
    if (c.conflict_line) {
        // Read from one side of the conflict, the file's other reasons could
        // be wrong; that it must be resolved is sure, and never filtered out.
        out.push_back({Kind::conflict,
                       ctx.today,
                       0,
                       false,
                       fmt::format("merge conflict at {}:{}: resolve it, then crm check", c.path,
                                   *c.conflict_line),
                       std::nullopt,
                       {}});
        return;
    }
    if (ctx.wants(Kind::revisit))
        add_revisit(c, ctx, out);
    if (ctx.wants(Kind::followup))
        add_followups(c, ctx, scratch, out);
    if (ctx.wants(Kind::plan))
        add_plans(c, ctx, scratch, out);
    if (ctx.wants(Kind::birthday))
        add_birthdays(c, ctx, out);
    if (ctx.wants(Kind::runout))
        add_runouts(c, ctx, scratch, out);
    if (ctx.wants(Kind::collect))
        add_collects(c, ctx, scratch, out);
}

} // namespace crm::rules
