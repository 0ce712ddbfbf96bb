// crm completion bash|zsh|fish: the shell's completion script, made from the
// command line as CLI11 holds it once every command is set up; and crm
// completion values KIND [PREFIX], what the scripts call for the folder's
// classes, products, owners, regions, tags and customers (a PREFIX starting
// with "-" is an option to CLI11: the scripts never pass one). Hidden from
// `crm --help`; crm(1), SHELL COMPLETION, documents it.

#include "commands.hpp"
#include "completion.hpp"
#include "crm/agenda.hpp"
#include "crm/error.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>
#include <memory>
#include <ostream>
#include <set>

namespace crm::cli {

namespace {

using render::CompletionArg;
using render::ValueSource;

// The set of a CLI::IsMember check, from its description "{a,b,c}": the
// values come from the option's declaration, never from a second list.
std::vector<std::string> member_set(CLI::Option& opt) {
    for (int i = 0;; ++i) {
        CLI::Validator* v = nullptr;
        try {
            v = opt.get_validator(i);
        } catch (const CLI::OptionNotFound&) {
            return {};
        }
        const std::string d = v->get_description();
        if (d.size() < 2 || d.front() != '{' || d.back() != '}')
            continue;
        std::vector<std::string> out;
        for (std::string& word : CLI::detail::split(d.substr(1, d.size() - 2), ','))
            if (!word.empty())
                out.push_back(std::move(word));
        return out;
    }
}

// The reasons of the agenda (--kind KIND), as crm::parse_kind reads them.
std::vector<std::string> agenda_kinds() {
    std::vector<std::string> out;
    for (int k = 0; k <= static_cast<int>(Kind::collect); ++k)
        out.emplace_back(kind_name(static_cast<Kind>(k)));
    return out;
}

// "buy|keep|stop": a value name that lists every value (lowercase words),
// as an option checked after parsing declares it; else nothing.
std::vector<std::string> listed_values(const std::string& label) {
    if (label.find('|') == std::string::npos ||
        label.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-|") != std::string::npos)
        return {};
    std::vector<std::string> out = CLI::detail::split(label, '|');
    if (std::find(out.begin(), out.end(), "") != out.end())
        return {};
    return out;
}

// Where a value comes from, by the name the declaration gives it: an
// option's NAME is a person of the team, a positional NAME a customer.
void set_source(CompletionArg& a, bool positional) {
    const std::string& l = a.label;
    auto folder = [&](const char* kind) {
        a.source = ValueSource::folder;
        a.kind = kind;
    };
    if (a.choices.empty())
        a.choices = listed_values(l);
    if (!a.choices.empty())
        a.source = ValueSource::choices;
    else if (l == "KIND")
        a.choices = agenda_kinds(), a.source = ValueSource::choices;
    else if (l == "NAME" && positional)
        folder("name");
    else if (l == "NAME" && !(a.names.size() == 1 && a.names[0].ends_with("-name")))
        folder("owner");
    else if (l == "CLASS")
        folder("class");
    else if (l == "PRODUCT")
        folder("product");
    else if (l == "REGION")
        folder("region");
    else if (l == "TAG")
        folder("tag");
    else if (l == "FILE")
        a.source = ValueSource::file;
    else if (l == "DIR")
        a.source = ValueSource::dir;
}

CompletionArg describe(CLI::Option& opt) {
    CompletionArg a;
    const bool positional = !opt.nonpositional();
    for (const std::string& s : opt.get_snames())
        a.names.push_back("-" + s);
    for (const std::string& l : opt.get_lnames())
        a.names.push_back("--" + l);
    a.label = positional ? opt.get_name() : opt.get_option_text();
    a.help = opt.get_description();
    a.takes_value = positional || opt.get_expected_max() > 0; // a flag expects none
    a.repeatable = opt.get_items_expected_max() > 1;
    a.choices = member_set(opt);
    set_source(a, positional);
    return a;
}

void describe_options(CLI::App& app, std::vector<CompletionArg>& options,
                      std::vector<CompletionArg>* positionals,
                      const std::set<std::vector<std::string>>& skip) {
    for (CLI::Option* opt : app.get_options()) {
        if (opt->get_group().empty())
            continue; // hidden
        CompletionArg a = describe(*opt);
        if (a.names.empty() && positionals)
            positionals->push_back(std::move(a));
        else if (!a.names.empty() && !skip.contains(a.names))
            options.push_back(std::move(a));
    }
}

// The whole command line but the hidden commands and options.
render::CompletionSpec describe_app(CLI::App& app) {
    render::CompletionSpec spec;
    spec.program = app.get_name();
    describe_options(app, spec.globals, nullptr, {});
    std::set<std::vector<std::string>> globals; // -h,--help: once, with the globals
    for (const CompletionArg& a : spec.globals)
        globals.insert(a.names);
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
        if (sub->get_group().empty())
            continue;
        render::CompletionCommand c{sub->get_name(), sub->get_description(), {}, {}};
        describe_options(*sub, c.options, &c.positionals, globals);
        spec.commands.push_back(std::move(c));
    }
    return spec;
}

// A customer's words of a kind: for a region, the regions above it too.
void customer_values(const Customer& c, std::string_view kind, std::vector<std::string>& out) {
    if (kind == "name") {
        out.push_back(c.id);
        out.push_back(c.name);
    } else if (kind == "owner") {
        out.push_back(c.owner);
        out.insert(out.end(), c.contacts.begin(), c.contacts.end());
    } else if (kind == "tag") {
        out.insert(out.end(), c.tags.begin(), c.tags.end());
    } else if (kind == "region") {
        for (std::size_t slash = c.region.find('/'); slash != std::string::npos;
             slash = c.region.find('/', slash + 1))
            out.push_back(c.region.substr(0, slash));
        out.push_back(c.region);
    }
}

std::vector<std::string> folder_values(const Context& ctx, const std::string& kind) {
    Ledger ledger = ctx.open();
    std::vector<std::string> out;
    if (kind == "class")
        for (const ClassCadence& c : ledger.settings.classes)
            out.push_back(c.name);
    if (kind == "product")
        for (const Product& p : ledger.settings.products)
            out.push_back(p.key);
    if (kind == "owner" && !ledger.settings.me.empty())
        out.push_back(ledger.settings.me);
    if (kind != "name" && kind != "owner" && kind != "tag" && kind != "region")
        return out;
    const unsigned threads = ctx.threads();
    std::vector<std::vector<std::string>> found(threads);
    ctx.scan(
        ledger, threads,
        [&](unsigned worker, std::size_t, Customer&& c) {
            customer_values(c, kind, found[worker]);
        },
        Logs::none);
    for (const auto& f : found)
        out.insert(out.end(), f.begin(), f.end());
    return out;
}

// One value a line, sorted, each once; nothing at all on any failure, so
// that a completion outside a folder offers nothing and says nothing.
int print_values(const Context& ctx, const std::vector<std::string>& words) {
    std::set<std::string> values;
    try {
        const std::string prefix = words.size() > 2 ? words[2] : "";
        for (std::string& v : folder_values(ctx, words.at(1)))
            if (!v.empty() && v.find_first_of("\n\r") == std::string::npos && v.starts_with(prefix))
                values.insert(std::move(v));
    } catch (...) {
        return static_cast<int>(Exit::ok);
    }
    for (const std::string& v : values)
        ctx.out << v << '\n';
    return static_cast<int>(Exit::ok);
}

int run_completion(const Context& ctx, CLI::App& app, const std::vector<std::string>& words) {
    const std::string shell = words.empty() ? "" : words.front();
    if (shell == "values")
        return print_values(ctx, words);
    const render::CompletionSpec spec = describe_app(app);
    if (shell == "bash")
        ctx.out << render::completion_bash(spec);
    else if (shell == "zsh")
        ctx.out << render::completion_zsh(spec);
    else if (shell == "fish")
        ctx.out << render::completion_fish(spec);
    else {
        ctx.err << fmt::format("crm: error: 'crm completion' takes bash, zsh or fish, not '{}'\n",
                               shell);
        return static_cast<int>(Exit::usage);
    }
    return static_cast<int>(Exit::ok);
}

} // namespace

std::function<int()> setup_completion(CLI::App& sub, Context& ctx) {
    sub.group(""); // not in `crm --help`
    sub.allow_extras();
    auto words = std::make_shared<std::vector<std::string>>();
    sub.add_option("SHELL", *words, "bash, zsh or fish; or values KIND [PREFIX]");
    return [&ctx, &sub, words] { return run_completion(ctx, *sub.get_parent(), *words); };
}

} // namespace crm::cli
