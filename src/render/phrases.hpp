#pragma once
// Days, day counts and lists as a person reads them in their language:
// English "Tue 2026-12-08", Chinese "12月8日（二）". JSON, CSV, commit
// messages and files keep English and crm::format_date.

#include "crm/dates.hpp"

#include <string>

namespace crm::render {

// Whether a text is for a person (in their language) or for a program or a
// file (always English).
enum class Words { user, english };

// "Tue 2026-12-08"; in Chinese "12月8日（二）", with the year
// ("2027年1月5日（二）") when it is not `today`'s.
std::string day_and_date(Date d, Date today);

// "3 days", "1 day"; "3 天".
std::string days(int n);

// "3 days late"; "逾期 3 天".
std::string days_late(int n);

// "due 2 days ago"; "2 天前到期".
std::string due_days_ago(int n);

// What an overdue reason adds after its text, in a line of several: " (3
// days late)" past every grace, else " (due 3 days ago)".
std::string lateness_note(int n, bool late);

} // namespace crm::render
