#include "app.hpp"

#include "commands.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "crm/names.hpp"
#include "crm/text.hpp"
#include "help.hpp"
#include "language.hpp"
#include "usage.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <ctime>
#include <exception>
#include <fmt/format.h>
#include <iostream>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <system_error>
#include <unistd.h>

namespace crm::cli {

namespace {

void add_globals(CLI::App& app, Globals& g) {
    app.add_option("-C,--dir", g.dir,
                   tr("the crm folder (default: $CRM_DIR, else the nearest folder above "
                      "holding crm.toml, else config.toml's dir)"))
        ->option_text("DIR");
    app.add_option("--date", g.date, tr("compute as of this day instead of today"))
        ->option_text("YYYY-MM-DD");
    app.add_option("--color", g.color, tr("colour the output (never when TERM=dumb or NO_COLOR)"))
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->option_text("auto|always|never");
    app.add_flag("--no-index", g.no_index,
                 tr("read every customer file, without using or updating .crm/index"));
}

// The streams crm writes to: std::cout and std::cerr, converted from UTF-8
// when they are a terminal whose locale has another character set (files
// and pipes stay UTF-8, as crm's own files are).
struct Streams {
    std::unique_ptr<std::ostream> out_converted, err_converted;
    std::ostream* out = &std::cout;
    std::ostream* err = &std::cerr;
};

Streams open_streams(const LocaleVariables& vars) {
    Streams s;
    const std::string charset = locale_charset(vars);
    const bool out_tty = isatty(STDOUT_FILENO) == 1, err_tty = isatty(STDERR_FILENO) == 1;
    if (charset.empty() || (!out_tty && !err_tty))
        return s;
    std::string why;
    if (out_tty && (s.out_converted = converting_stream(std::cout, charset, why)))
        s.out = s.out_converted.get();
    if (err_tty && (s.err_converted = converting_stream(std::cerr, charset, why)))
        s.err = s.err_converted.get();
    if (!why.empty())
        std::cerr << trf("crm: warning: cannot convert to the locale's character set {} ({}); "
                         "writing UTF-8\n",
                         charset, why);
    return s;
}

// Whether the arguments are global options alone (`crm`, `crm -C DIR`,
// `crm --date …`): the agenda, not an error. Anything else (-V, --help)
// goes to the parser.
bool globals_only(const std::vector<std::string>& args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-C" || a == "--dir" || a == "--date" || a == "--color")
            ++i;
        else if (!(a == "--no-index" || a.starts_with("--dir=") || a.starts_with("--date=") ||
                   a.starts_with("--color=")))
            return false;
    }
    return true;
}

bool names_dir(const std::vector<std::string>& args) {
    return std::any_of(args.begin(), args.end(), [](const std::string& a) {
        return a == "-C" || a == "--dir" || a.starts_with("--dir=");
    });
}

// Whether the global options and the environment lead to a folder; a bad
// --dir still counts, so that `crm -C typo` says what is wrong with it.
bool has_folder(const Context& ctx, const std::vector<std::string>& args) {
    if (names_dir(args) || (ctx.env.crm_dir && !ctx.env.crm_dir->empty()))
        return true;
    try {
        ctx.folder();
        return true;
    } catch (const Error&) {
        return false;
    }
}

int run_app(int argc, char** argv) {
    const auto locale_vars = LocaleVariables::from_process();
    setup_language(choose_language(locale_vars));
    Streams streams = open_streams(locale_vars);
    // Empty when the working folder has been deleted: -C and CRM_DIR still work.
    std::error_code no_cwd;
    Context ctx{Globals{},
                Environment::from_process(),
                std::filesystem::current_path(no_cwd),
                *streams.out,
                *streams.err,
                std::cin,
                isatty(STDOUT_FILENO) == 1,
                isatty(STDIN_FILENO) == 1,
                std::nullopt,
                std::time(nullptr),
                std::nullopt};
    ctx.width = terminal_width(STDOUT_FILENO, ctx.out_is_tty, ctx.env.columns);
    CLI::App app{tr("crm: whom to contact today, from plain TOML files"), "crm"};
    app.formatter(help_formatter());
    // Every option in one translated group; the help flags made after this.
    app.option_defaults()->group(tr("Options"));
    app.set_version_flag("--version", CRM_VERSION, tr("print crm's version and exit"));
    app.set_help_flag("-h,--help", tr("print this help and exit"));
    app.require_subcommand(1);
    app.fallthrough();
    app.footer(help_footer(
        "crm due\ncrm show 張偉\ncrm log 張偉 \"wants the 5 kg bag next time\" --next 2w", ""));
    add_globals(app, ctx.globals);
    std::map<const CLI::App*, std::function<int()>> runners;
    for (const Command& c : commands()) {
        CLI::App* sub = app.add_subcommand(c.name, tr(c.summary));
        sub->set_help_flag("-h,--help", tr("print this help and exit"));
        sub->group(tr("Commands"));
        sub->footer(help_footer(c.examples, std::string("crm ") + c.name));
        runners[sub] = c.setup(*sub, ctx);
    }
    std::vector<std::string> args(argv + 1, argv + argc);
    // `crm` alone, or with global options only, is `crm due` in a folder
    // (as `task` is `task next`), and a few first steps outside one.
    if (!command_word(args) && globals_only(args)) {
        if (!has_folder(ctx, args)) {
            ctx.out << first_steps();
            return static_cast<int>(Exit::ok);
        }
        args.emplace_back("due");
    }
    try {
        std::vector<std::string> reversed(args.rbegin(), args.rend());
        app.parse(reversed);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0)
            return app.exit(e, ctx.out, ctx.err);
        const auto word = command_word(args);
        const bool known = word && std::any_of(commands().begin(), commands().end(),
                                               [&](const Command& c) { return *word == c.name; });
        ctx.err << trf("crm: error: {}\n", visible_lines(usage_message(app, e, args)));
        ctx.err << (known ? trf("run 'crm {} --help' for its options\n", *word)
                          : std::string(tr("run 'crm --help' for the commands\n")));
        return static_cast<int>(Exit::usage);
    }
    if (ctx.globals.date && !parse_date(*ctx.globals.date)) {
        ctx.err << trf("crm: error: --date '{}' is not a date like 2026-11-23\n",
                       visible_lines(*ctx.globals.date));
        return static_cast<int>(Exit::usage);
    }
    try {
        for (const CLI::App* sub : app.get_subcommands())
            return runners.at(sub)();
    } catch (const Error& e) {
        ctx.err << trf("crm: error: {}\n", visible_lines(e.what()));
        return static_cast<int>(Exit::failure);
    }
    return static_cast<int>(Exit::usage);
}

} // namespace

int run(int argc, char** argv) {
    // A message and an exit status for cron, not an abort and a core file.
    try {
        return run_app(argc, argv);
    } catch (const std::bad_alloc&) {
        std::cerr << "crm: error: out of memory\n";
    } catch (const std::exception& e) {
        std::cerr << fmt::format("crm: error: {}\n", visible_lines(e.what()));
    }
    return static_cast<int>(Exit::failure);
}

} // namespace crm::cli
