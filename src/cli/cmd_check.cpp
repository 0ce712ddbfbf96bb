// crm check: every file, every problem, one summary line.

#include "commands.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "diagnostics.hpp"
#include "merge_driver.hpp"

#include <CLI/CLI.hpp>
#include <future>
#include <memory>
#include <ostream>

namespace crm::cli {

namespace {

struct CheckOptions {
    bool strict = false;
    std::string format = "text";
};

int run_check(const Context& ctx, const CheckOptions& o) {
    // Only the diagnostics matter: each customer is dropped once parsed, and
    // from the index only its class is read (Logs::check).
    Ledger ledger = ctx.open();
    // A clone whose git would merge customer files by lines: a warning. Its
    // git commands (milliseconds each) run while the files are read.
    std::future<std::optional<Diagnostic>> setup =
        std::async(std::launch::async, io::merge_setup_warning, ctx.folder());
    ctx.scan(
        ledger, ctx.threads(), [](unsigned, std::size_t, Customer&&) {}, Logs::check);
    if (auto warning = setup.get())
        ledger.diagnostics.push_back(std::move(*warning));
    if (o.format == "json") {
        ctx.out << render::check_json(ledger);
    } else {
        ctx.err << render::diagnostics_text(ledger.diagnostics);
        ctx.out << render::check_summary(ledger);
    }
    const bool failed = count_errors(ledger.diagnostics) > 0 ||
                        (o.strict && count_warnings(ledger.diagnostics) > 0);
    return static_cast<int>(failed ? Exit::data : Exit::ok);
}

} // namespace

std::function<int()> setup_check(CLI::App& sub, Context& ctx) {
    auto o = std::make_shared<CheckOptions>();
    sub.add_flag("--strict", o->strict, tr("fail on warnings too"));
    sub.add_option("--format", o->format, tr("text or json"))
        ->check(CLI::IsMember({"text", "json"}))
        ->option_text("text|json");
    return [&ctx, o] { return run_check(ctx, *o); };
}

} // namespace crm::cli
