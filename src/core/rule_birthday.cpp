// Birthday: the Gregorian and the lunar one, the customer's and each
// [[person]]'s, within [today, birthday_end]. Birthdays are never overdue: a
// greeting after the day is pointless.

#include "crm/i18n.hpp"
#include "rules.hpp"

namespace crm::rules {

namespace {

bool in_window(Date d, const Context& ctx) {
    return d >= ctx.today && d <= ctx.birthday_end;
}

// "birthday Fri (50)"; a person's: "birthday of 李經理 (purchasing) Fri (50)".
std::string gregorian_text(std::string_view who, Date d, int year, const MonthDay& md, bool moved,
                           Feb29Rule rule) {
    const std::string day = spoken_weekday(d);
    // An age below 1 means the recorded year is this year or later: no age
    // is better than a wrong one.
    const int age = md.year ? year - *md.year : 0;
    std::string text;
    if (age >= 1)
        text = who.empty() ? trf("birthday {} ({})", day, age)
                           : trf("birthday of {} {} ({})", who, day, age);
    else
        text = who.empty() ? trf("birthday {}", day) : trf("birthday of {} {}", who, day);
    if (moved)
        text += rule == Feb29Rule::feb28 ? tr(", Feb 29 → Feb 28") : tr(", Feb 29 → Mar 1");
    return text;
}

void add_gregorian(const Customer& c, std::string_view who, const MonthDay& md, const Context& ctx,
                   std::vector<Reason>& out) {
    const Feb29Rule rule = c.calendar.feb29.value_or(ctx.settings.calendar.feb29);
    const int first = static_cast<int>(date::year_month_day{ctx.today}.year());
    const int last = static_cast<int>(date::year_month_day{ctx.birthday_end}.year());
    for (int y = first; y <= last; ++y) {
        const Anniversary a = anniversary_in(y, md, rule);
        if (!in_window(a.date, ctx))
            continue;
        out.push_back(make_reason(Kind::birthday, a.date, ctx.today,
                                  gregorian_text(who, a.date, y, md, a.moved, rule)));
        if (ctx.next_birthdays)
            return;
    }
}

// Month numbers never decrease within a lunar year, so a birthday in a
// month outside [today's month, the window end's month] of that lunar year
// cannot fall in the window; this skips the conversion for most customers.
bool may_fall_in(int year, unsigned month, const Context& ctx) {
    if (year == ctx.lunar_today->year && month < ctx.lunar_today->month)
        return false;
    return !(year == ctx.lunar_end->year && month > ctx.lunar_end->month);
}

void add_lunar(const Customer& c, std::string_view who, const LunarMonthDay& b, const Context& ctx,
               std::vector<Reason>& out) {
    if (!ctx.lunar_today || !ctx.lunar_end)
        return;
    const LunarLeapRule leap = c.calendar.lunar_leap.value_or(ctx.settings.calendar.lunar_leap);
    const LunarDay30Rule day30 = c.calendar.lunar_day30.value_or(ctx.settings.calendar.lunar_day30);
    // A window crossing Lunar New Year spans two lunar years; every lunar
    // date in it belongs to one of the lunar years from today's to the end's.
    for (int y = ctx.lunar_today->year; y <= ctx.lunar_end->year; ++y) {
        if (!may_fall_in(y, b.month, ctx))
            continue;
        for (const LunarOccurrence& o : lunar_birthdays_in(y, b, leap, day30)) {
            if (!in_window(o.date, ctx))
                continue;
            out.push_back(
                make_reason(Kind::birthday, o.date, ctx.today, lunar_text(who, b, o, ctx.today)));
            if (ctx.next_birthdays)
                return;
        }
    }
}

void set_keys(std::vector<Reason>& out, std::size_t from, const std::string& key) {
    for (std::size_t i = from; i < out.size(); ++i)
        out[i].key = key;
}

} // namespace

std::string person_label(const Person& p) {
    return p.role.empty() ? p.name : trf("{} ({})", p.name, p.role);
}

std::string lunar_text(std::string_view who, const LunarMonthDay& b, const LunarOccurrence& o,
                       Date today) {
    const std::string recorded = spoken_lunar(b.month, b.day, b.leap);
    const std::string day = spoken_day_and_date(o.date, today);
    const bool as_recorded =
        o.lunar.month == b.month && o.lunar.day == b.day && o.lunar.leap == b.leap;
    if (as_recorded)
        return who.empty() ? trf("lunar {} → {}", recorded, day)
                           : trf("birthday of {}, lunar {} → {}", who, recorded, day);
    const std::string kept = spoken_lunar(o.lunar.month, o.lunar.day, o.lunar.leap);
    return who.empty() ? trf("lunar {} as {} → {}", recorded, kept, day)
                       : trf("birthday of {}, lunar {} as {} → {}", who, recorded, kept, day);
}

// The customer's calendar overrides hold for its people too: one file, one
// set of rules.
void add_birthdays(const Customer& c, const Context& ctx, std::vector<Reason>& out) {
    if (c.birthday)
        add_gregorian(c, "", *c.birthday, ctx, out);
    if (c.lunar_birthday) {
        const std::size_t from = out.size();
        add_lunar(c, "", *c.lunar_birthday, ctx, out);
        set_keys(out, from, "lunar");
    }
    for (const Person& p : c.people) {
        if (!p.birthday && !p.lunar_birthday)
            continue;
        const std::string who = person_label(p);
        const std::size_t from = out.size();
        if (p.birthday)
            add_gregorian(c, who, *p.birthday, ctx, out);
        set_keys(out, from, key_part(p.name));
        if (p.lunar_birthday) {
            const std::size_t lunar = out.size();
            add_lunar(c, who, *p.lunar_birthday, ctx, out);
            set_keys(out, lunar, "lunar." + key_part(p.name));
        }
    }
}

} // namespace crm::rules
