// The iCalendar renderer: events in, libical's text out.

#include "agenda_ics.hpp"

#include "agenda_text.hpp"
#include "crm/i18n.hpp"
#include "crm/text.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <libical/ical.h>
#include <memory>

namespace crm::render {

namespace {

struct FreeComponent {
    void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, FreeComponent>;

icaltimetype ical_date(Date d) {
    const date::year_month_day ymd{d};
    icaltimetype t = icaltime_null_date();
    t.year = static_cast<int>(ymd.year());
    t.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    t.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    return t;
}

icaltimetype midnight_utc(Date d) {
    icaltimetype t = ical_date(d);
    t.is_date = 0;
    t.hour = 0;
    t.minute = 0;
    t.second = 0;
    t.zone = icaltimezone_get_utc_timezone();
    return t;
}

icalproperty* rrule(Yearly yearly) {
    icalrecurrencetype r;
    icalrecurrencetype_clear(&r);
    r.freq = ICAL_YEARLY_RECURRENCE;
    if (yearly == Yearly::february_last_day) {
        r.by_month[0] = 2;
        r.by_month_day[0] = -1;
    } else if (yearly == Yearly::year_day_60) {
        r.by_year_day[0] = 60;
    }
    return icalproperty_new_rrule(r);
}

icalproperty* x_property(const char* name, const std::string& value) {
    icalproperty* p = icalproperty_new_x(value.c_str());
    icalproperty_set_x_name(p, name);
    return p;
}

void add_event(icalcomponent* cal, const CalendarEvent& e, const std::string* description,
               const IcsOptions& o) {
    icalcomponent* ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    icalcomponent_add_property(ev, icalproperty_new_uid(e.uid.c_str()));
    icalcomponent_add_property(ev, icalproperty_new_dtstamp(midnight_utc(o.stamp)));
    icalcomponent_add_property(ev, icalproperty_new_dtstart(ical_date(e.day)));
    icalcomponent_add_property(ev, icalproperty_new_dtend(ical_date(e.day + date::days{1})));
    if (e.yearly != Yearly::none)
        icalcomponent_add_property(ev, rrule(e.yearly));
    icalcomponent_add_property(ev, icalproperty_new_summary(event_summary(e).c_str()));
    if (description) {
        const std::string text =
            short_description(*description, e.customer->id, ics_description_max);
        icalcomponent_add_property(ev, icalproperty_new_description(text.c_str()));
    }
    icalcomponent_add_property(
        ev, icalproperty_new_categories(std::string(kind_name(e.reason.kind)).c_str()));
    icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
    icalcomponent_add_component(cal, ev);
}

} // namespace

std::string event_summary(const CalendarEvent& e) {
    std::string out = trf("{}: {}", visible(e.customer->name), visible(reason_phrase(e.reason)));
    if (e.reason.days_late > 0)
        out += trnf(" (overdue {} day)", " (overdue {} days)",
                    static_cast<unsigned long>(e.reason.days_late), e.reason.days_late);
    return out;
}

std::string short_description(const std::string& text, const std::string& id, std::size_t max) {
    if (text.size() <= max)
        return text;
    const std::string tail = trf("… cut: crm show {} has the rest\n", visible(id));
    const std::size_t room = max > tail.size() + 1 ? max - tail.size() - 1 : 0;
    std::size_t cut = text.rfind('\n', room);
    if (cut == std::string::npos || cut == 0) {
        // One huge line: cut between characters (never before a
        // continuation byte 10xxxxxx).
        cut = room;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
            --cut;
        return text.substr(0, cut) + "\n" + tail;
    }
    return text.substr(0, cut + 1) + tail;
}

std::string agenda_ics(const std::vector<CalendarEvent>& events,
                       const std::map<std::string, std::string>& descriptions,
                       const IcsOptions& options) {
    const Component cal{icalcomponent_new(ICAL_VCALENDAR_COMPONENT)};
    icalcomponent_add_property(
        cal.get(),
        icalproperty_new_prodid(fmt::format("-//crm//crm {}//EN", options.version).c_str()));
    icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(cal.get(),
                               x_property("X-WR-CALNAME", visible(options.calendar_name)));
    for (const CalendarEvent& e : events) {
        const auto d = descriptions.find(e.customer->id);
        add_event(cal.get(), e, d == descriptions.end() ? nullptr : &d->second, options);
    }
    char* text = icalcomponent_as_ical_string_r(cal.get());
    std::string out = text ? text : "";
    std::free(text);
    return out;
}

} // namespace crm::render
