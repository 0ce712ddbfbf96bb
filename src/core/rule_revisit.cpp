// Revisit: the class cadence counted from the last contact, or the date the
// newest log asked for.

#include "crm/i18n.hpp"
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
    const RevisitDue due = revisit_from(base, cls);
    return {due.due, due.late_after, from, base};
}

Plan from_log(const LogEntry& last, const ClassCadence& cls) {
    const RevisitDue due = revisit_after(last, cls);
    return {due.due, due.late_after, last.next ? From::plan : From::contact, last.date};
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

std::string plan_text(const Plan& plan, Date today) {
    const std::string base = spoken_date(plan.base, today);
    switch (plan.from) {
    case From::contact:
        return trf("last contact {}", base);
    case From::plan:
        return trf("planned at last contact {}", base);
    case From::since:
        return trf("customer since {}, never contacted", base);
    case From::purchase:
        return trf("first purchase {}, never contacted", base);
    case From::nothing:
        break;
    }
    return tr("never contacted");
}

} // namespace

RevisitDue revisit_from(Date base, const ClassCadence& cls) {
    RevisitDue due{add(base, cls.ideal), std::nullopt};
    if (cls.maximum)
        due.late_after = add(base, *cls.maximum);
    return due;
}

RevisitDue revisit_after(const LogEntry& contact, const ClassCadence& cls) {
    if (!contact.next)
        return revisit_from(contact.date, cls);
    RevisitDue due{*contact.next, std::nullopt};
    if (cls.maximum)
        due.late_after =
            *contact.next + (add(contact.date, *cls.maximum) - add(contact.date, cls.ideal));
    return due;
}

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
    Reason r = make_reason(Kind::revisit, plan.due, ctx.today, plan_text(plan, ctx.today));
    r.late = plan.late_after && ctx.today > *plan.late_after;
    out.push_back(std::move(r));
}

} // namespace crm::rules
