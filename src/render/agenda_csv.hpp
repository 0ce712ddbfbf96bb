#pragma once
// `crm due --format csv`: the agenda for a spreadsheet, one record per line
// of the agenda.

#include "crm/agenda.hpp"
#include "list_csv.hpp"

#include <string>

namespace crm::render {

// The columns, in order: date (the line's day, YYYY-MM-DD), id, name, kinds
// (the line's kinds, joined by ";"), reasons (each as the text agenda writes
// it, joined by " · "), days_late (0 unless overdue), owner, region, phone
// (the first one).
extern const char* const agenda_columns[9];

// RFC 4180, as list_csv: a header row, then one record per item in the
// agenda's order, CRLF after each.
std::string agenda_csv(const Agenda& agenda, const DelimitedOptions& options = {});

} // namespace crm::render
