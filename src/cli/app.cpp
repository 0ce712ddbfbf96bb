#include "app.hpp"

#include "commands.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "crm/names.hpp"
#include "crm/text.hpp"
#include "language.hpp"

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
                   "the ledger folder (default: $CRM_DIR, else the nearest "
                   "folder above holding crm.toml)")
        ->option_text("DIR");
    app.add_option("--date", g.date, "compute as of this day instead of today")
        ->option_text("YYYY-MM-DD");
    app.add_option("--color", g.color, "colour the output")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->option_text("auto|always|never");
    app.add_flag("--no-index", g.no_index,
                 "read every customer file, without using or updating .crm/index");
}

// The first word that is neither an option nor an option's value: what the
// user meant as the command.
std::optional<std::string> command_word(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "-C" || arg == "--dir" || arg == "--date" || arg == "--color") {
            ++i;
            continue;
        }
        if (!arg.starts_with('-'))
            return std::string(arg);
    }
    return std::nullopt;
}

// An unknown command gets a suggestion, as git and ninja do.
std::string usage_message(const CLI::ParseError& e, int argc, char** argv) {
    std::vector<std::string> names;
    for (const Command& c : commands())
        names.emplace_back(c.name);
    const auto word = command_word(argc, argv);
    if (!word)
        return "no command given";
    if (std::find(names.begin(), names.end(), *word) != names.end())
        return e.what();
    std::string message = fmt::format("unknown command '{}'", *word);
    if (auto near = did_you_mean(*word, names))
        message += fmt::format(" (did you mean '{}'?)", *near);
    return message;
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
                std::time(nullptr)};
    ctx.width = terminal_width(STDOUT_FILENO, ctx.out_is_tty, ctx.env.columns);
    CLI::App app{"crm: whom to contact today, from plain TOML files", "crm"};
    app.set_version_flag("--version", CRM_VERSION);
    app.require_subcommand(1);
    app.fallthrough();
    add_globals(app, ctx.globals);
    std::map<const CLI::App*, std::function<int()>> runners;
    for (const Command& c : commands()) {
        CLI::App* sub = app.add_subcommand(c.name, c.summary);
        runners[sub] = c.setup(*sub, ctx);
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0)
            return app.exit(e, ctx.out, ctx.err);
        ctx.err << fmt::format("crm: error: {}\nrun 'crm --help' for the commands\n",
                               usage_message(e, argc, argv));
        return static_cast<int>(Exit::usage);
    }
    if (ctx.globals.date && !parse_date(*ctx.globals.date)) {
        ctx.err << fmt::format("crm: error: --date '{}' is not a date like 2026-11-23\n",
                               *ctx.globals.date);
        return static_cast<int>(Exit::usage);
    }
    try {
        for (const CLI::App* sub : app.get_subcommands())
            return runners.at(sub)();
    } catch (const Error& e) {
        ctx.err << fmt::format("crm: error: {}\n", visible_lines(e.what()));
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
