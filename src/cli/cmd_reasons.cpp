// crm reasons: why customers buy, keep buying and would stop, in their own
// words, with the themes that come up most. Reads every customer's logs
// (through the index; the words are kept in it, the notes are not read).

#include "builders.hpp"
#include "commands.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "crm/reasons.hpp"
#include "crm/text.hpp"
#include "diagnostics.hpp"
#include "filters.hpp"
#include "period.hpp"
#include "reasons_render.hpp"
#include "writing.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <ostream>

namespace crm::cli {

namespace {

struct ReasonsCliOptions {
    FilterOptions filters;
    PeriodOptions period;
    std::vector<std::string> why;
    std::vector<std::string> themes;
    std::string format = "text";
};

void check_why(const std::vector<std::string>& why) {
    for (const std::string& w : why)
        if (std::find(reason_questions().begin(), reason_questions().end(), w) ==
            reason_questions().end())
            throw UsageError(trf("--why '{}' is not a question crm reasons asks ({})", visible(w),
                                 suggestion(w, reason_questions())));
}

int run_reasons(const Context& ctx, const ReasonsCliOptions& o) {
    check_why(o.why);
    const Period period = resolve_period(o.period, ctx.today());
    const ReasonsOptions options{to_filters(o.filters), period.since, period.until, o.why,
                                 o.themes};
    Ledger ledger = ctx.open();
    if (auto problem = check_classes(o.filters.classes, ledger.settings)) {
        ctx.err << fmt::format("crm: error: {}\n", visible_lines(*problem));
        return static_cast<int>(Exit::usage);
    }
    const Reasons reasons = scan_into<ReasonsBuilder>(ctx, ledger, Logs::all, options);
    ctx.err << render::diagnostics_text(ledger.diagnostics);
    if (o.format == "json")
        ctx.out << render::reasons_json(reasons, ledger.diagnostics);
    else if (o.format == "csv")
        ctx.out << render::reasons_csv(reasons, {ctx.out_is_tty});
    else
        ctx.out << render::reasons_text(reasons);
    const bool skipped = ledger.skipped > 0 || count_errors(ledger.diagnostics) > 0;
    return static_cast<int>(skipped ? Exit::data : Exit::ok);
}

} // namespace

std::function<int()> setup_reasons(CLI::App& sub, Context& ctx) {
    auto o = std::make_shared<ReasonsCliOptions>();
    add_customer_filters(sub, o->filters);
    add_period_options(sub, o->period, tr("from the first log"));
    add_list_option(sub, "--why", o->why, tr("only this question: buy, keep or stop"),
                    "buy|keep|stop");
    add_list_option(sub, "--theme", o->themes, tr("only words about this theme"), "THEME");
    sub.add_option("--format", o->format, tr("text, json or csv"))
        ->check(CLI::IsMember({"text", "json", "csv"}))
        ->option_text("text|json|csv");
    return [&ctx, o] { return catching_usage(ctx, [&] { return run_reasons(ctx, *o); }); };
}

} // namespace crm::cli
