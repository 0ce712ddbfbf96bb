#pragma once
// `crm export ics` and `crm due --format ics`: the agenda as an iCalendar
// file (RFC 5545) that a calendar imports or subscribes to, written with
// libical.

#include "crm/calendar_events.hpp"

#include <cstddef>
#include <map>
#include <string>

namespace crm::render {

struct IcsOptions {
    std::string calendar_name; // X-WR-CALNAME
    std::string version;       // crm's, in PRODID
    Date stamp;                // every DTSTAMP is this day at 00:00:00Z
};

// The longest DESCRIPTION, in bytes: a longer briefing is cut at a line
// break and ends with a line saying how to read the rest.
inline constexpr std::size_t ics_description_max = 4000;

// "張偉: revisit, last contact 2026-11-16 (overdue 7 days)": the name and the
// reason as the agenda writes them, through crm::visible() (a calendar's
// text may hold no control character), and how late an overdue one is.
std::string event_summary(const CalendarEvent& e);

// `text` when it is at most `max` bytes; else its lines that fit, then
// "… cut: crm show <id> has the rest". Never splits a UTF-8 character.
std::string short_description(const std::string& text, const std::string& id, std::size_t max);

// A VCALENDAR (PRODID "-//crm//crm <version>//EN", VERSION 2.0, CALSCALE
// GREGORIAN, X-WR-CALNAME) holding one all-day VEVENT per event: UID,
// DTSTAMP, DTSTART and DTEND as dates, RRULE for a yearly one, SUMMARY,
// DESCRIPTION (descriptions[customer id], when there is one, through
// short_description), CATEGORIES (the kind), TRANSP:TRANSPARENT. libical
// escapes the text and folds lines at 75 octets between UTF-8 characters;
// lines end in CRLF.
std::string agenda_ics(const std::vector<CalendarEvent>& events,
                       const std::map<std::string, std::string>& descriptions,
                       const IcsOptions& options);

} // namespace crm::render
