// crm show NAME: the briefing before a visit — who the customer is, what
// they said, bought and owe, and everything coming for them, on one screen.
// Nothing is written.

#include "briefing_json.hpp"
#include "briefing_text.hpp"
#include "commands.hpp"
#include "crm/briefing.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "crm/parse.hpp"
#include "crm/text.hpp"
#include "diagnostics.hpp"
#include "update.hpp"
#include "writing.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <ostream>

namespace crm::cli {

namespace {

struct ShowOptions {
    // More than one word is refused: a shell split "Sarah Miller" in two.
    std::vector<std::string> name_words;
    bool all = false;
    std::string format = "text";
};

// 'Sarah Miller', quoted for a POSIX shell.
std::string shell_quoted(const std::string& s) {
    std::string out = "'";
    for (const char ch : s)
        out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
    return out + "'";
}

void check_one_name(const std::vector<std::string>& words) {
    if (words.size() <= 1)
        return;
    throw UsageError(trf("crm show takes one NAME, not {} words; quote a name with a "
                         "space: crm show {}",
                         words.size(), shell_quoted(fmt::format("{}", fmt::join(words, " ")))));
}

// The whole file, notes and history included (the ledger holds who the
// customer is only); nullopt, after saying why, when it does not parse.
std::optional<Customer> read_customer(const Context& ctx, const Ledger& ledger,
                                      const std::filesystem::path& root, const Target& t,
                                      bool& errors) {
    const std::string text = io::read_file(root, t.path);
    Parsed<Customer> parsed = parse_customer(text, t.path, ledger.settings, Notes::keep);
    ctx.err << render::diagnostics_text(parsed.diagnostics);
    errors = count_errors(parsed.diagnostics) > 0;
    if (!parsed.value) {
        unsigned line = 0;
        for (const Diagnostic& d : parsed.diagnostics)
            if (d.severity == Severity::error && line == 0)
                line = d.line;
        ctx.err << "crm: error: "
                << trf("'{}' does not parse; fix line {} first, or use 'crm edit {}'\n", t.path,
                       line, t.id);
    }
    return std::move(parsed.value);
}

// crm.toml's own problems; those of other customers' files are not this
// command's business.
void print_settings_diagnostics(const Context& ctx, const Ledger& ledger) {
    Diagnostics ds;
    for (const Diagnostic& d : ledger.diagnostics)
        if (d.path == "crm.toml")
            ds.push_back(d);
    ctx.err << render::diagnostics_text(ds);
}

int run_show(const Context& ctx, const ShowOptions& o) {
    check_one_name(o.name_words);
    const std::string& name = o.name_words.front();
    const Date today = ctx.today();
    const std::filesystem::path root = ctx.folder();
    const Ledger& ledger = ctx.load_for(name);
    const auto target = find_target(ctx, ledger, name, false);
    if (!target)
        return static_cast<int>(Exit::usage);
    print_settings_diagnostics(ctx, ledger);
    bool errors = false;
    std::optional<Customer> c = read_customer(ctx, ledger, root, *target, errors);
    if (!c)
        return static_cast<int>(Exit::data);
    if (c->conflict_line) {
        // The file is two versions at once: a briefing of either would
        // mislead. Its error above names the line; this says what to do.
        ctx.err << fmt::format(
            "crm: error: {}\n",
            conflict_refusal(target->path, target->id, *c->conflict_line,
                             trf("{} cannot be shown until then", visible(c->name))));
        return static_cast<int>(Exit::data);
    }
    const Briefing b = make_briefing(std::move(*c), ledger.settings, today);
    if (o.format == "json")
        ctx.out << render::briefing_json(b, ledger.settings, o.all);
    else
        ctx.out << render::briefing_text(b, ledger.settings, {ctx.width, o.all});
    return static_cast<int>(errors ? Exit::data : Exit::ok);
}

} // namespace

std::function<int()> setup_show(CLI::App& sub, Context& ctx) {
    auto o = std::make_shared<ShowOptions>();
    sub.add_option("NAME", o->name_words, tr("the customer: id, name, part of the name, or phone"))
        ->required();
    sub.add_flag("--all", o->all, tr("every contact, not only the last 5"));
    sub.add_option("--format", o->format, tr("text (the default) or json"))
        ->check(CLI::IsMember({"text", "json"}))
        ->option_text("text|json");
    return [&ctx, o] { return catching_usage(ctx, [&] { return run_show(ctx, *o); }); };
}

} // namespace crm::cli
