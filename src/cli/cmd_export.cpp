// crm export ics: the agenda and every birthday as a calendar file, printed
// or written atomically over a file that a calendar subscribes to.

#include "agenda_scan.hpp"
#include "calendar_export.hpp"
#include "commands.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "crm/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <ostream>

namespace crm::cli {

namespace {

struct ExportOptions {
    std::string format;
    AgendaFilterOptions agenda;
    int years = 3;
    std::optional<std::string> output;
    std::optional<std::string> name;
};

int run_export(const Context& ctx, const ExportOptions& o) {
    CalendarRequest request;
    request.lunar_years = o.years;
    request.name = o.name;
    if (auto p = agenda_options(o.agenda, SortKey::date, request.agenda)) {
        ctx.err << fmt::format("crm: error: {}\n", visible_lines(*p));
        return static_cast<int>(Exit::usage);
    }
    ctx.today(); // a bad --date is refused before the folder is read
    Ledger ledger = ctx.open();
    if (auto p = check_classes(o.agenda.filters.classes, ledger.settings)) {
        ctx.err << fmt::format("crm: error: {}\n", visible_lines(*p));
        return static_cast<int>(Exit::usage);
    }
    const Calendar cal = make_calendar(ctx, ledger, request);
    if (o.output)
        write_atomically(ctx, *o.output, cal.text);
    else
        ctx.out << cal.text;
    return static_cast<int>(cal.skipped ? Exit::data : Exit::ok);
}

} // namespace

std::function<int()> setup_export(CLI::App& sub, Context& ctx) {
    auto o = std::make_shared<ExportOptions>();
    sub.add_option("FORMAT", o->format, tr("what to export: ics (an iCalendar file)"))
        ->required()
        ->check(CLI::IsMember({"ics"}));
    add_agenda_filters(sub, o->agenda);
    sub.add_option("--years", o->years,
                   tr("lunar birthdays for the next N years (default: 3); Gregorian ones repeat "
                      "every year"))
        ->check(CLI::Range(1, 100))
        ->option_text("N");
    sub.add_option("-o,--output", o->output,
                   tr("write FILE atomically (a temporary file in its folder, synced, renamed) "
                      "instead of printing"))
        ->option_text("FILE");
    sub.add_option("--calendar-name", o->name,
                   tr("the calendar's name, X-WR-CALNAME (default: crm: and the folder's name)"))
        ->option_text("NAME");
    return [&ctx, o] { return run_export(ctx, *o); };
}

} // namespace crm::cli
