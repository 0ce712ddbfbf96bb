// crm report: how the book stands, for the owner of the shop or a sales
// manager. Reads every customer with all their logs (through the index).

#include "builders.hpp"
#include "commands.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "crm/report.hpp"
#include "crm/text.hpp"
#include "diagnostics.hpp"
#include "filters.hpp"
#include "period.hpp"
#include "report_html.hpp"
#include "report_json.hpp"
#include "report_text.hpp"
#include "writing.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <ostream>

namespace crm::cli {

namespace {

// The period a report covers when --since is not given.
constexpr Interval kDefaultPeriod{90, Interval::Unit::day};

struct ReportCliOptions {
    FilterOptions filters;
    PeriodOptions period;
    std::string format = "text";
};

std::string render(const Context& ctx, const ReportCliOptions& o, const Report& r,
                   const Ledger& ledger) {
    if (o.format == "json")
        return render::report_json(r, ledger.settings, ledger.diagnostics);
    if (o.format == "csv")
        return render::report_csv(r, {ctx.out_is_tty});
    if (o.format == "html")
        return render::report_html(r, ledger.settings);
    return render::report_text(r, ledger.settings);
}

int run_report(const Context& ctx, const ReportCliOptions& o) {
    const Period period = resolve_period(o.period, ctx.today());
    ReportOptions options{to_filters(o.filters),
                          period.since.value_or(subtract(period.until, kDefaultPeriod)),
                          period.until};
    Ledger ledger = ctx.open();
    if (auto problem = check_classes(o.filters.classes, ledger.settings)) {
        ctx.err << fmt::format("crm: error: {}\n", visible_lines(*problem));
        return static_cast<int>(Exit::usage);
    }
    const Report report =
        scan_into<ReportBuilder>(ctx, ledger, Logs::all, ledger.settings, options);
    ctx.err << render::diagnostics_text(ledger.diagnostics);
    ctx.out << render(ctx, o, report, ledger);
    const bool skipped = ledger.skipped > 0 || count_errors(ledger.diagnostics) > 0;
    return static_cast<int>(skipped ? Exit::data : Exit::ok);
}

} // namespace

std::function<int()> setup_report(CLI::App& sub, Context& ctx) {
    auto o = std::make_shared<ReportCliOptions>();
    add_customer_filters(sub, o->filters);
    add_period_options(sub, o->period, "90d");
    sub.add_option("--format", o->format, tr("text, json, csv, or html (one self-contained page)"))
        ->check(CLI::IsMember({"text", "json", "csv", "html"}))
        ->option_text("text|json|csv|html");
    return [&ctx, o] { return catching_usage(ctx, [&] { return run_report(ctx, *o); }); };
}

} // namespace crm::cli
