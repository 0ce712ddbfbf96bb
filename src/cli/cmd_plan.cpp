// crm plan NAME DATE|INTERVAL WHAT...: plan a contact ahead, as a [[plan]]
// entry. It is on the agenda from its day until a contact of its kind is
// logged on or after that day (or `crm log --done` closes it).

#include "agenda_text.hpp"
#include "commands.hpp"
#include "crm/edit.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "crm/outlook.hpp"
#include "crm/parse.hpp"
#include "crm/text.hpp"
#include "writing.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>
#include <limits>
#include <memory>
#include <ostream>

namespace crm::cli {

namespace {

struct PlanOptions {
    std::vector<std::string> words; // NAME WHEN WHAT...
    std::string kind = "visit";
    std::vector<std::string> with;
    std::optional<std::string> by;
};

[[noreturn]] void usage(const std::string& message) {
    throw UsageError(message);
}

bool is_when(const std::string& word) {
    return parse_date(word) || parse_interval(word);
}

// `crm plan Sarah Miller 7d intro` splits the name: say how to quote it
// rather than complain that "Miller" is no date.
void check_words(const PlanOptions& o) {
    if (o.words.size() < 2)
        usage(tr("crm plan needs a day and what is planned: crm plan NAME DATE|INTERVAL WHAT..."));
    if (is_when(o.words[1])) {
        if (o.words.size() < 3)
            usage(tr("crm plan needs what is planned after the day: crm plan NAME DATE|INTERVAL "
                     "WHAT..."));
        return;
    }
    const auto when = std::find_if(o.words.begin() + 2, o.words.end(), is_when);
    if (when == o.words.end())
        return; // date_or_interval explains what a day looks like
    const std::string name = fmt::format("{}", fmt::join(o.words.begin(), when, " "));
    usage(trf("crm plan takes NAME, then DATE|INTERVAL; nothing was written (quote a "
              "name with spaces: crm plan {} {} …)",
              visible(shell_quote(name)), visible(*when)));
}

std::string one_line(std::string_view option, const std::string& value) {
    if (value.empty() || value.find_first_of("\r\n") != std::string::npos ||
        first_invalid_utf8(value))
        usage(trf("{} '{}' must be one line of UTF-8 text", option, visible(value)));
    return value;
}

// Names for --with, trimmed: "--with 'amy, ben'" is two people.
std::vector<std::string> team(const std::vector<std::string>& names) {
    std::vector<std::string> out;
    for (const std::string& raw : names) {
        const std::size_t first = raw.find_first_not_of(" \t");
        if (first == std::string::npos)
            usage(tr("--with needs a name, like --with ben or --with amy,ben"));
        std::string name = raw.substr(first, raw.find_last_not_of(" \t") - first + 1);
        if (std::find(out.begin(), out.end(), name) == out.end())
            out.push_back(one_line("--with", name));
    }
    return out;
}

PlanDraft make_plan(const Context& ctx, const PlanOptions& o, const Settings& s,
                    const std::filesystem::path& root) {
    const Date today = ctx.today();
    PlanDraft p;
    p.date = date_or_interval("DATE|INTERVAL", o.words[1], today);
    if (p.date < today)
        usage(trf("{} is before today ({}); a plan is for today or later", o.words[1],
                  format_date(today)));
    if (o.kind.find_first_of(" \t\r\n") != std::string::npos || o.kind.empty())
        usage(tr("--kind must be one word, like visit, call, message or email"));
    p.kind = o.kind;
    p.with = team(o.with);
    p.by = o.by ? one_line("--by", *o.by) : default_by(ctx, s, root);
    std::vector<std::string> what(o.words.begin() + 2, o.words.end());
    p.note = clean_note(fmt::format("{}", fmt::join(what, " ")), false);
    if (p.note.empty() || first_invalid_utf8(p.note))
        usage(tr("WHAT must say, in UTF-8 text, what is planned"));
    return p;
}

// Checked under the lock, against the file as it is: a plan that a contact
// already logged closes would never show.
void refuse_closed(std::string_view text, const Target& t, const Settings& s, const PlanDraft& p) {
    Parsed<Customer> parsed = parse_customer(text, t.path, s, Notes::skip);
    if (!parsed.value)
        return; // the write path refuses a file that does not parse
    Customer& c = *parsed.value;
    // Appended below every entry: no log above it takes it as done.
    c.plans.push_back({p.date, p.kind, p.with, p.note, p.by, std::numeric_limits<unsigned>::max()});
    const std::vector<std::size_t> open = open_plans_of(c);
    if (std::find(open.begin(), open.end(), c.plans.size() - 1) != open.end())
        return;
    usage(trf("a {} with {} is already logged on {}, which closes this plan; nothing "
              "was written (plan a later day, or another --kind)",
              visible(p.kind), visible(display_name(t)), format_date(p.date)));
}

int run_plan(const Context& ctx, const PlanOptions& o) {
    const std::filesystem::path root = ctx.folder();
    const Ledger& ledger = ctx.load_for(o.words.front());
    check_words(o);
    const PlanDraft plan = make_plan(ctx, o, ledger.settings, root);
    const auto target = find_target(ctx, ledger, o.words.front());
    if (!target)
        return static_cast<int>(Exit::usage);
    refuse_unparsable(ctx, ledger, *target);
    Change change;
    change.plans.push_back(plan);
    const std::string what = fmt::format("{} on {}", plan.kind, format_date(plan.date));
    append_change(
        ctx, ledger.settings, root, *target,
        {"plan", fmt::format("plan: {} — {}", display_name(*target), what)}, change,
        [&](std::string_view current) { refuse_closed(current, *target, ledger.settings, plan); });
    std::string with;
    for (const std::string& who : plan.with)
        with += (with.empty() ? tr(" with ") : tr(", ")) + who;
    ctx.out << trf("{} ({}): planned {}{} on {}: {}\n", visible(display_name(*target)), target->id,
                   render::log_kind_label(plan.kind), visible(with),
                   render::day_and_date(plan.date, ctx.today()), visible(plan.note));
    return static_cast<int>(Exit::ok);
}

} // namespace

std::function<int()> setup_plan(CLI::App& sub, Context& ctx) {
    auto o = std::make_shared<PlanOptions>();
    sub.add_option("NAME", o->words, tr("the customer: id, name, part of the name, or phone"))
        ->required();
    sub.add_option("DATE|INTERVAL", o->words,
                   tr("the day: a date (2026-12-04) or an interval from today (7d, 2w, 1m)"))
        ->expected(1);
    sub.add_option("WHAT", o->words,
                   tr("what is planned, e.g. introduce ben (the rest of the words)"));
    sub.add_option("--kind", o->kind, tr("visit (the default), call, message, email, or any word"))
        ->option_text("WORD");
    sub.add_option("--with", o->with, tr("who of the team goes along; repeat it or use commas"))
        ->delimiter(',')
        ->allow_extra_args(false)
        ->option_text("NAME");
    sub.add_option("--by", o->by, tr("who planned it (default: as crm log --by)"))
        ->option_text("NAME");
    return [&ctx, o] { return catching_usage(ctx, [&] { return run_plan(ctx, *o); }); };
}

} // namespace crm::cli
