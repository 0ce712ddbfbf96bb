// Revisit: the class cadence counted from the last contact, or the date the
// newest log asked for.

#include "rules.hpp"

namespace crm::rules {

namespace {

// Where the due date was counted from; the text is only written for the
// few customers whose revisit is in the horizon.
enum class From { contact, plan, since, purchase, nothing };

struct Plan {
    Date due;
    std::optional<Date> late_after; // late once today is past this day
    From from = From::nothing;
    Date base; // the date counted from
};

std::optional<Date> first_purchase(const Customer& c) {
    std::optional<Date> first;
    for (const Purchase& p : c.purchases)
        if (!first || p.date < *first)
            first = p.date;
    return first;
}

Plan from_base(Date base, const ClassCadence& cls, From from) {
    Plan plan{add(base, cls.ideal), std::nullopt, from, base};
    if (cls.maximum)
        plan.late_after = add(base, *cls.maximum);
    return plan;
}

// The newest log's `next` replaces the ideal date; the class's slack between
// ideal and maximum still applies after it, so "late" means the same thing
// with or without an explicit date.
Plan from_log(const LogEntry& last, const ClassCadence& cls) {
    if (!last.next)
        return from_base(last.date, cls, From::contact);
    Plan plan{*last.next, std::nullopt, From::plan, last.date};
    if (cls.maximum)
        plan.late_after = *last.next + (add(last.date, *cls.maximum) - add(last.date, cls.ideal));
    return plan;
}

Plan never_contacted(const Customer& c, const ClassCadence& cls, Date today) {
    if (c.since)
        return from_base(*c.since, cls, From::since);
    if (const auto first = first_purchase(c))
        return from_base(*first, cls, From::purchase);
    // Nothing to count from: the customer is due now, and stays due today
    // (never "late") until someone calls.
    return {today, std::nullopt, From::nothing, today};
}

std::string plan_text(const Plan& plan) {
    switch (plan.from) {
    case From::contact:
        return cat({"last contact ", iso_date(plan.base)});
    case From::plan:
        return cat({"planned at last contact ", iso_date(plan.base)});
    case From::since:
        return cat({"customer since ", iso_date(plan.base), ", never contacted"});
    case From::purchase:
        return cat({"first purchase ", iso_date(plan.base), ", never contacted"});
    case From::nothing:
        break;
    }
    return "never contacted";
}

} // namespace

void add_revisit(const Customer& c, const Context& ctx, std::vector<Reason>& out) {
    // An unknown class was reported by the loader; guessing a cadence would
    // put the customer on someone's list for the wrong reason.
    const ClassCadence* cls = ctx.settings.find_class(c.class_name);
    if (!cls)
        return;
    const LogEntry* last = last_contact(c);
    const Plan plan = last ? from_log(*last, *cls) : never_contacted(c, *cls, ctx.today);
    if (plan.due > ctx.horizon_end)
        return;
    Reason r = make_reason(Kind::revisit, plan.due, ctx.today, plan_text(plan));
    r.late = plan.late_after && ctx.today > *plan.late_after;
    out.push_back(std::move(r));
}

} // namespace crm::rules
