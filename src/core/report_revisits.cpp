// crm report's revisit SOP: a little sticky, never too sticky. Every contact
// asks for the next one by its class's cadence; the report counts how many
// came by their last on-time day, who is late now, and who was contacted
// more often than the class asks.

#include "report_parts.hpp"
#include "rules.hpp"

#include <algorithm>

namespace crm::detail {

namespace {

using Was = RevisitOutcome::Was;

// The class before the first recorded move: that move's `class_was`, else
// the class the file names now.
std::string first_class(const Customer& c, const std::vector<std::size_t>& order) {
    for (const std::size_t i : order)
        if (!c.logs[i].class_to.empty())
            return c.logs[i].class_was;
    return c.class_name;
}

std::optional<Date> start_of(const Customer& c) {
    if (c.since)
        return c.since;
    std::optional<Date> first;
    for (const Purchase& p : c.purchases)
        if (!first || p.date < *first)
            first = p.date;
    return first;
}

struct Pending {
    RevisitOutcome outcome;
    bool open = false;
};

void open_from(Pending& pending, const rules::RevisitDue& due, const std::string& cls) {
    pending.outcome = {cls, due.due, due.late_after.value_or(due.due), Was::missed};
    pending.open = true;
}

// A revisit counts once it is decided: done (on time or late) by `until`,
// or past its last on-time day without a contact.
void close(Pending& pending, std::optional<Date> contact, Date since, Date until,
           std::vector<RevisitOutcome>& out) {
    if (!pending.open)
        return;
    pending.open = false;
    RevisitOutcome& o = pending.outcome;
    if (o.last_day < since || o.last_day > until || (!contact && o.last_day == until))
        return;
    o.was = !contact ? Was::missed : *contact <= o.last_day ? Was::on_time : Was::late;
    out.push_back(o);
}

// Every revisit of `c` decided by `until` into `out`; the one still open
// after the last contact is returned, for "overdue now".
Pending walk(const Customer& c, const std::vector<std::size_t>& order, const Settings& s,
             Date since, Date until, std::vector<RevisitOutcome>& out) {
    std::string cls = first_class(c, order);
    Pending pending;
    // The start asks for the first revisit only of a customer not contacted
    // by then, as the agenda counts from it only before a first contact.
    const std::optional<Date> start = start_of(c);
    const auto first = std::find_if(order.begin(), order.end(), [&](std::size_t i) {
        return is_contact(c.logs[i]) && c.logs[i].date <= until;
    });
    const bool contacted_by_start = first != order.end() && start && c.logs[*first].date <= *start;
    if (const ClassCadence* cadence = s.find_class(cls); cadence && start && !contacted_by_start)
        open_from(pending, rules::revisit_from(*start, *cadence), cls);
    for (const std::size_t i : order) {
        const LogEntry& e = c.logs[i];
        if (e.date > until)
            break;
        if (!e.class_to.empty())
            cls = e.class_to;
        if (!is_contact(e))
            continue;
        close(pending, e.date, since, until, out);
        if (const ClassCadence* cadence = s.find_class(cls))
            open_from(pending, rules::revisit_after(e, *cadence), cls);
    }
    return pending;
}

// Added to the key's row: a builder holds a row per owner and per class,
// not one per revisit.
void count(std::vector<OnTime>& rows, const std::string& key, Was was) {
    auto row =
        std::find_if(rows.begin(), rows.end(), [&](const OnTime& r) { return r.key == key; });
    if (row == rows.end())
        row = rows.insert(rows.end(), OnTime{key, 0, 0, 0, 0});
    ++row->due;
    ++(was == Was::on_time ? row->on_time : was == Was::late ? row->late : row->missed);
}

// Whether something besides the cadence asked for the contact: a sale that
// day or its follow-ups (crm.toml's after_purchase, up to the last step), a
// planned item it closed.
bool asked_otherwise(const LogEntry& e, const Customer& c, const Settings& s) {
    if (e.done)
        return true;
    return std::any_of(c.purchases.begin(), c.purchases.end(), [&](const Purchase& p) {
        if (e.date < p.date)
            return false;
        const Date last = s.after_purchase.empty() ? p.date : add(p.date, s.after_purchase.back());
        return e.date <= last;
    });
}

// The contacts in the period that only the class's cadence could ask for.
std::size_t cadence_contacts(const Customer& c, const Settings& s, Date since, Date until) {
    return static_cast<std::size_t>(
        std::count_if(c.logs.begin(), c.logs.end(), [&](const LogEntry& e) {
            return is_contact(e) && since <= e.date && e.date <= until && !asked_otherwise(e, c, s);
        }));
}

} // namespace

void add_revisits(RevisitReport& r, const Customer& c, const std::vector<std::size_t>& order,
                  const Settings& s, const ReportOptions& o) {
    thread_local std::vector<RevisitOutcome> outcomes;
    outcomes.clear();
    Pending last = walk(c, order, s, o.since, o.until, outcomes);
    const Pending now = last;
    close(last, std::nullopt, o.since, o.until, outcomes);
    for (const RevisitOutcome& x : outcomes) {
        count(r.by_owner, c.owner, x.was);
        count(r.by_class, x.class_name, x.was);
    }
    if (now.open && now.outcome.last_day < o.until)
        r.overdue.push_back({c.id, c.name, c.owner, now.outcome.class_name, now.outcome.due,
                             static_cast<int>((o.until - now.outcome.last_day).count())});
    const ClassCadence* cls = s.find_class(c.class_name);
    if (!cls)
        return;
    const std::size_t asked = contacts_asked(*cls, o.since, o.until);
    const std::size_t contacts = cadence_contacts(c, s, o.since, o.until);
    if (asked > 0 && contacts > asked)
        r.too_sticky.push_back({c.id, c.name, c.owner, c.class_name, contacts, asked});
}

} // namespace crm::detail

namespace crm {

std::vector<RevisitOutcome> revisit_outcomes(const Customer& c, const Settings& s, Date since,
                                             Date until) {
    std::vector<RevisitOutcome> out;
    detail::Pending last = detail::walk(c, detail::logs_by_date(c), s, since, until, out);
    detail::close(last, std::nullopt, since, until, out);
    return out;
}

std::size_t contacts_asked(const ClassCadence& cls, Date since, Date until) {
    if (add(since, cls.ideal) <= since)
        return 0; // a class of "0d" asks for no rhythm
    std::size_t asked = 1;
    for (int k = 1; add(since, Interval{cls.ideal.count * k, cls.ideal.unit}) <= until; ++k)
        ++asked;
    return asked;
}

} // namespace crm
