#pragma once
// `crm export ics`: the agenda and every birthday as calendar events, each
// with a UID that stays the same from one export to the next, so that a
// calendar re-reading the file updates its events instead of adding copies.
// Pure: the agenda, the customers and the day go in. crm(1), EXPORT, has
// the rules.

#include "crm/agenda.hpp"

#include <memory>
#include <string>
#include <vector>

namespace crm {

// How an event repeats. A Feb 29 birthday repeats on the day the customer's
// feb29 rule gives in common years: February's last day, or the 60th day of
// the year (Feb 29 in a leap year, Mar 1 in a common one).
enum class Yearly { none, same_day, february_last_day, year_day_60 };

// One all-day event.
struct CalendarEvent {
    std::string uid; // "revisit.zhang-wei@crm"
    Date day;        // the day it is on; an overdue reason's is today
    Yearly yearly = Yearly::none;
    Reason reason;                            // kind, text and days_late as the agenda has them
    std::shared_ptr<const Customer> customer; // who (id, name): whose briefing describes it
};

// The events of the agenda's reasons but its birthdays (birthday_events
// makes those), on max(reason date, today): "<kind>.<id>[.<key>]@crm".
std::vector<CalendarEvent> agenda_events(const Agenda& agenda);

// c's Gregorian birthdays (its own and each person's) as yearly events from
// the year of birth (2000 when the year is unknown), and each lunar birthday
// as one event per occurrence in the next `lunar_years` lunar years that
// still have an occurrence on or after `today`.
void add_birthday_events(const std::shared_ptr<const Customer>& c, const Settings& s, Date today,
                         int lunar_years, std::vector<CalendarEvent>& out);

// Sorts by day, UID and text, and makes UIDs unique: a second event of the
// same UID (two plans of one kind on one day) gets "~2" before the "@" (a
// '~' is never in a key_part()).
void finish_events(std::vector<CalendarEvent>& events);

} // namespace crm
