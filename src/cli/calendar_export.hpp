#pragma once
// The calendar file of `crm export ics` and `crm due --format ics`: the
// agenda's reasons and every birthday as events, each described by the
// customer's briefing.

#include "agenda_scan.hpp"

#include <filesystem>
#include <string>

namespace crm::cli {

struct CalendarRequest {
    AgendaOptions agenda;
    int lunar_years = 3;
    std::optional<std::string> name; // X-WR-CALNAME; default "crm: <folder name>"
};

struct Calendar {
    std::string text;     // the iCalendar file
    bool skipped = false; // some files were skipped or have errors
    std::size_t events = 0;
};

// Reads the folder (printing its diagnostics to ctx.err) and renders the
// calendar as of today. Throws crm::Error when the folder cannot be read.
Calendar make_calendar(const Context& ctx, Ledger& ledger, const CalendarRequest& request);

// Replaces `file` (relative to the working folder) with `text` atomically:
// a temporary file in its folder, synced, then renamed over it. Throws
// crm::Error on failure, leaving the old file as it was.
void write_atomically(const Context& ctx, const std::string& file, const std::string& text);

} // namespace crm::cli
