// Calendar events for `crm export ics`: agenda reasons and birthdays, named
// by what they are about rather than by their date.

#include "crm/calendar_events.hpp"

#include "crm/briefing.hpp"
#include "crm/i18n.hpp"
#include "rules.hpp"

#include <algorithm>
#include <map>

namespace crm {

namespace {

// "revisit.zhang-wei@crm", "run-out.zhang-wei.rice-10kg@crm".
std::string uid_of(std::string_view kind, const Customer& c, std::string_view key) {
    return rules::cat({kind, ".", key_part(c.id), key.empty() ? "" : ".", key, "@crm"});
}

Yearly yearly_of(const MonthDay& md, Feb29Rule rule) {
    if (md.month != 2 || md.day != 29)
        return Yearly::same_day;
    return rule == Feb29Rule::feb28 ? Yearly::february_last_day : Yearly::year_day_60;
}

// "birthday (born 1975)", "birthday of 李經理 (purchasing), Feb 29 → Feb 28 in
// common years": no age, since the event repeats.
std::string yearly_text(std::string_view who, const MonthDay& md, Feb29Rule rule) {
    std::string text = who.empty() ? std::string(tr("birthday")) : trf("birthday of {}", who);
    if (md.year)
        text += trf(" (born {})", *md.year);
    if (md.month == 2 && md.day == 29)
        text += rule == Feb29Rule::feb28 ? tr(", Feb 29 → Feb 28 in common years")
                                         : tr(", Feb 29 → Mar 1 in common years");
    return text;
}

struct Whose {
    const std::shared_ptr<const Customer>& customer;
    std::string label; // "" for the customer's own
    std::string key;   // "" for the customer's own, else the person's name
};

void add_yearly(const Whose& w, const MonthDay& md, Feb29Rule rule,
                std::vector<CalendarEvent>& out) {
    const int year = md.year.value_or(2000); // a leap year: Feb 29 exists
    const Date first = anniversary_in(year, md, Feb29Rule::feb28).date;
    Reason r = rules::make_reason(Kind::birthday, first, first, yearly_text(w.label, md, rule));
    r.key = w.key;
    out.push_back({uid_of("birthday", *w.customer, w.key), first, yearly_of(md, rule), std::move(r),
                   w.customer});
}

// The occurrences of the next `years` lunar years that still have one on or
// after today, each named by its lunar year (and ".leap" for the second of
// a year greeting in both months).
void add_lunar(const Whose& w, const LunarMonthDay& b, const Customer& c, const Settings& s,
               Date today, int years, std::vector<CalendarEvent>& out) {
    const std::optional<LunarDate> now = to_lunar(today);
    if (!now)
        return;
    const LunarLeapRule leap = c.calendar.lunar_leap.value_or(s.calendar.lunar_leap);
    const LunarDay30Rule day30 = c.calendar.lunar_day30.value_or(s.calendar.lunar_day30);
    int found = 0;
    // A year may have no occurrence at all (day 30 skipped): look a little
    // further, never past the table's end.
    for (int y = now->year; found < years && y <= now->year + 2 * years + 2; ++y) {
        bool any = false;
        for (const LunarOccurrence& o : lunar_birthdays_in(y, b, leap, day30)) {
            if (o.date < today)
                continue;
            any = true;
            Reason r = rules::make_reason(Kind::birthday, o.date, today,
                                          rules::lunar_text(w.label, b, o, today));
            const std::string_view dot = w.key.empty() ? "" : ".";
            r.key = rules::cat({"lunar", dot, w.key});
            const std::string_view leap_too = o.lunar.leap && !b.leap ? ".leap" : "";
            const std::string key = rules::cat({w.key, dot, std::to_string(y), leap_too});
            out.push_back(
                {uid_of("lunar-birthday", c, key), o.date, Yearly::none, std::move(r), w.customer});
        }
        found += any ? 1 : 0;
    }
}

} // namespace

std::vector<CalendarEvent> agenda_events(const Agenda& agenda) {
    std::vector<CalendarEvent> out;
    for (const Item& item : agenda.items)
        for (const Reason& r : item.reasons)
            if (r.kind != Kind::birthday)
                out.push_back({uid_of(kind_name(r.kind), *item.customer, r.key),
                               std::max(r.date, agenda.today), Yearly::none, r, item.customer});
    return out;
}

void add_birthday_events(const std::shared_ptr<const Customer>& c, const Settings& s, Date today,
                         int lunar_years, std::vector<CalendarEvent>& out) {
    const Feb29Rule rule = c->calendar.feb29.value_or(s.calendar.feb29);
    const Whose own{c, "", ""};
    if (c->birthday)
        add_yearly(own, *c->birthday, rule, out);
    if (c->lunar_birthday)
        add_lunar(own, *c->lunar_birthday, *c, s, today, lunar_years, out);
    for (const Person& p : c->people) {
        const Whose whose{c, rules::person_label(p), key_part(p.name)};
        if (p.birthday)
            add_yearly(whose, *p.birthday, rule, out);
        if (p.lunar_birthday)
            add_lunar(whose, *p.lunar_birthday, *c, s, today, lunar_years, out);
    }
}

void finish_events(std::vector<CalendarEvent>& events) {
    std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
        if (a.day != b.day)
            return a.day < b.day;
        return a.uid != b.uid ? a.uid < b.uid : a.reason.text < b.reason.text;
    });
    std::map<std::string, int> seen;
    for (CalendarEvent& e : events) {
        const int n = ++seen[e.uid];
        if (n > 1)
            e.uid = rules::cat({std::string_view(e.uid).substr(0, e.uid.size() - 4), "~",
                                std::to_string(n), "@crm"});
    }
}

} // namespace crm
