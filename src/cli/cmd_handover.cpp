// crm handover --from A --to B: every one of A's customers (those the
// filters keep) gets B as owner, a [[log]] of kind handover, an
// introduction visit by A and B and a satisfaction check by B. All the files
// are one write: one journal entry (one `crm undo` takes it all back) and one
// commit. Then B gets the briefing: each customer's `crm show`, biggest first.

#include "atomic_write.hpp"
#include "briefing_text.hpp"
#include "commands.hpp"
#include "crm/briefing.hpp"
#include "crm/error.hpp"
#include "crm/handover.hpp"
#include "crm/i18n.hpp"
#include "crm/names.hpp"
#include "crm/parse.hpp"
#include "crm/text.hpp"
#include "diagnostics.hpp"
#include "filters.hpp"
#include "phrases.hpp"
#include "writing.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <mutex>
#include <ostream>

namespace crm::cli {

namespace {

struct HandoverOptions {
    std::string from;
    std::string to;
    FilterOptions filters;
    bool dry_run = false;
    bool leaving = false;
    std::string intro = "14d";
    std::string check = "30d";
    std::optional<std::string> out;
    std::optional<std::string> by;
};

[[noreturn]] void usage(const std::string& message) {
    throw UsageError(message);
}

Interval interval_option(const std::string& option, const std::string& text) {
    if (auto i = parse_interval(text))
        return *i;
    usage(trf("{} must be an interval like 14d, 2w or 1m, not '{}'", option, text));
}

void check_person(const std::string& option, const std::string& name) {
    if (name.empty() || name.find_first_of("\n\r\t") != std::string::npos ||
        first_invalid_utf8(name))
        usage(trf("{} must be a person's name on one line", option));
}

// Every customer, whole but for notes: the owner, the logs (was it handed
// over before?) and the purchases (biggest first) decide.
std::vector<Customer> all_customers(const Context& ctx, Ledger& ledger) {
    std::vector<std::optional<Customer>> slots;
    std::mutex m;
    const TakeCustomer take = [&](unsigned, std::size_t index, Customer&& c) {
        const std::lock_guard lock(m);
        if (slots.size() <= index)
            slots.resize(index + 1);
        slots[index] = std::move(c);
    };
    ctx.scan(ledger, ctx.threads(), take, Logs::all); // a handover looks for earlier ones
    std::vector<Customer> out;
    for (auto& c : slots)
        if (c)
            out.push_back(std::move(*c));
    return out;
}

// Under the lock, on the file as it is then: a customer someone else handed
// over (or edited) meanwhile is refused, and with it the whole handover.
std::string changed_owner(std::string_view text, const HandoverStep& step, const Settings& s,
                          const std::string& from) {
    const Parsed<Customer> now = parse_customer(text, step.path, s, Notes::skip);
    if (!now.value)
        return trf("'{}' no longer parses", step.path);
    if (ascii_lower(now.value->owner) != ascii_lower(from))
        return trf("'{}' is now owned by '{}'", step.path, visible(now.value->owner));
    return "";
}

std::vector<io::FileChange> file_changes(const Handover& h, const Settings& s,
                                         const std::string& from) {
    std::vector<io::FileChange> out;
    for (const HandoverStep& step : h.steps)
        out.push_back(
            {step.path,
             [&step, &s, &from](const io::Content& current) -> io::Content {
                 if (!current)
                     throw Error(trf("'{}' no longer exists; nothing was written", step.path));
                 if (std::string why = changed_owner(*current, step, s, from); !why.empty())
                     throw Error(why + tr(" (changed meanwhile); nothing was written"));
                 Edited e = apply_change(*current, step.change);
                 if (!e.ok())
                     throw Error(trf("cannot hand over '{}': {}; {}; nothing "
                                     "was written",
                                     step.path, e.error, e.hint));
                 return e.text;
             },
             [&step](const io::Content& before, std::string_view written) {
                 return verify_change(before.value_or(""), written, step.change);
             }});
    return out;
}

// "  張偉 (zhang-wei)  12,000 TWD  introduction by Tue 2026-12-15, check Thu 2027-01-14"
std::string step_line(const HandoverStep& step, const Settings& s, Date today) {
    return trf("  {} ({}), {}: introduction visit {}, satisfaction call {}\n", visible(step.name),
               visible(step.id), money_text(step.value, s),
               render::day_and_date(step.change.plans[0].date, today),
               render::day_and_date(step.change.plans[1].date, today));
}

// Each handed-over customer's `crm show`, as the files now read, biggest first.
std::string briefing(const Context& ctx, const Handover& h, const io::WrittenSet& w,
                     const Settings& s, const std::string& to) {
    std::string out = trnf("Briefing for {}: {} customer, biggest first\n",
                           "Briefing for {}: {} customers, biggest first\n", h.steps.size(),
                           visible(to), h.steps.size());
    for (std::size_t i = 0; i < h.steps.size(); ++i) {
        const Parsed<Customer> c =
            parse_customer(w.files[i].after.value_or(""), h.steps[i].path, s, Notes::keep);
        if (!c.value)
            continue;
        out += "\n" + std::string(40, '=') + "\n";
        out += render::briefing_text(make_briefing(*c.value, s, ctx.today()), s, {ctx.width, true});
    }
    return out;
}

void write_out(const std::string& file, const std::string& text) {
    const std::filesystem::path path = std::filesystem::absolute(file);
    io::AtomicFile f(path.parent_path(), path.filename().string());
    f.write(text);
    f.commit();
}

int run_handover(const Context& ctx, const HandoverOptions& o) {
    check_person("--from", o.from);
    check_person("--to", o.to);
    if (ascii_lower(o.from) == ascii_lower(o.to))
        usage(trf("--from and --to are the same person, '{}'", o.from));
    const Date today = ctx.today();
    const std::filesystem::path root = ctx.folder();
    Ledger ledger = ctx.open();
    if (auto problem = check_classes(o.filters.classes, ledger.settings))
        usage(*problem);
    HandoverRequest r{o.from,
                      o.to,
                      o.by ? *o.by : default_by(ctx, ledger.settings, root),
                      o.leaving,
                      interval_option("--intro", o.intro),
                      interval_option("--check", o.check),
                      to_filters(o.filters),
                      today};
    const std::vector<Customer> customers = all_customers(ctx, ledger);
    ctx.err << render::diagnostics_text(ledger.diagnostics);
    if (ledger.skipped > 0)
        ctx.err << "crm: warning: "
                << trnf("{} customer file could not be read and is not handed over; fix it and "
                        "run crm handover again\n",
                        "{} customer files could not be read and are not handed over; fix them "
                        "and run crm handover again\n",
                        ledger.skipped, ledger.skipped);
    const Handover h = plan_handover(customers, r);
    for (const std::string& path : h.conflicted)
        ctx.err << "crm: warning: "
                << trf("'{}' is not handed over: it has an unresolved git merge conflict; "
                       "resolve it, then run crm handover again\n",
                       path);
    const bool unread = ledger.skipped > 0 || !h.conflicted.empty();
    const std::string before =
        h.already ? trf(" ({} already handed over to {})", h.already, visible(o.to)) : "";
    if (h.steps.empty()) {
        ctx.out << trf("{} owns no customer{} to hand over{}\n", visible(o.from),
                       o.filters.owners.empty() && o.filters.regions.empty() &&
                               o.filters.tags.empty() && o.filters.classes.empty()
                           ? ""
                           : tr(" that the filters keep"),
                       before);
        return static_cast<int>(unread ? Exit::data : Exit::ok);
    }
    std::string lines;
    for (const HandoverStep& step : h.steps)
        lines += step_line(step, ledger.settings, today);
    const std::string english_count =
        fmt::format("{} customer{}", h.steps.size(), h.steps.size() == 1 ? "" : "s");
    const std::string count = trnf("{} customer", "{} customers", h.steps.size(), h.steps.size());
    if (o.dry_run) {
        ctx.out << trf("would hand over {} from {} to {}{}; nothing was written:\n{}", count,
                       visible(o.from), visible(o.to), before, lines);
        return static_cast<int>(unread ? Exit::data : Exit::ok);
    }
    const io::WrittenSet w = write_customers(
        ctx, ledger.settings, root,
        {"handover", fmt::format("handover: {} → {} ({})", o.from, o.to, english_count)},
        file_changes(h, ledger.settings, o.from));
    const std::string text = briefing(ctx, h, w, ledger.settings, o.to);
    if (o.out)
        write_out(*o.out, text);
    ctx.out << trf("handed over {} from {} to {}{} (crm undo takes it back):\n{}", count,
                   visible(o.from), visible(o.to), before, lines);
    if (o.out)
        ctx.out << trf("the briefing for {} is in {}\n", visible(o.to), visible(*o.out));
    else
        ctx.out << "\n" << text;
    return static_cast<int>(unread ? Exit::data : Exit::ok);
}

} // namespace

std::function<int()> setup_handover(CLI::App& sub, Context& ctx) {
    auto o = std::make_shared<HandoverOptions>();
    sub.add_option("--from", o->from, tr("the account manager handing the customers over"))
        ->required()
        ->option_text("NAME");
    sub.add_option("--to", o->to, tr("the new owner"))->required()->option_text("NAME");
    add_customer_filters(sub, o->filters);
    sub.add_flag("--dry-run", o->dry_run, tr("say what would be handed over; write nothing"));
    sub.add_flag("--leaving", o->leaving,
                 tr("the old owner leaves: not kept among the customers' team contacts"));
    sub.add_option("--intro", o->intro, tr("the introduction visit by both, within (default 14d)"))
        ->option_text("INTERVAL");
    sub.add_option("--check", o->check,
                   tr("the satisfaction check by the new owner, after the visit (default 30d)"))
        ->option_text("INTERVAL");
    sub.add_option("--out", o->out, tr("also write the briefing for the new owner to FILE"))
        ->option_text("FILE");
    sub.add_option("--by", o->by, tr("who records the handover (default: as crm log --by)"))
        ->option_text("NAME");
    return [&ctx, o] { return catching_usage(ctx, [&] { return run_handover(ctx, *o); }); };
}

} // namespace crm::cli
