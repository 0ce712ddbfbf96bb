// crm edit NAME: the customer's file in $VISUAL/$EDITOR, checked after, as
// crontab -e and visudo do it. The editor works on a copy; the copy replaces
// the file only once it is checked (or the user insists, if it still parses),
// and only if nobody changed the file meanwhile. A copy that is not saved is
// kept and its path printed: nothing typed is ever lost.

#include "commands.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "crm/parse.hpp"
#include "diagnostics.hpp"
#include "editor.hpp"
#include "update.hpp"
#include "writing.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <istream>
#include <memory>
#include <ostream>

namespace crm::cli {

namespace {

enum class Choice { edit, save, quit };

// The answer to "what now?"; the end of input means quit, which loses
// nothing.
Choice ask(const Context& ctx, bool can_save) {
    for (;;) {
        ctx.err << (can_save ? tr("what now? (e)dit again, (s)ave it with its errors, (q)uit and "
                                  "leave the file as it was [e]: ")
                             : tr("what now? (e)dit again, (q)uit and leave the file as it was "
                                  "[e]: "));
        ctx.err.flush();
        std::string line;
        const bool answered = static_cast<bool>(std::getline(ctx.in, line));
        if (!ctx.in_is_tty) // a piped answer is shown, so that the transcript reads right
            ctx.err << line << "\n";
        if (!answered)
            return Choice::quit;
        const auto start = line.find_first_not_of(" \t");
        const char answer = start == std::string::npos ? 'e' : line[start];
        if (answer == 'e' || answer == 'E')
            return Choice::edit;
        if (answer == 'q' || answer == 'Q')
            return Choice::quit;
        if (can_save && (answer == 's' || answer == 'S'))
            return Choice::save;
    }
}

// Edits until the copy is checked, or the user chooses; returns the choice.
Choice edit_until_checked(const Context& ctx, const Settings& s, const Target& t,
                          const io::EditBuffer& buffer, const std::string& original) {
    const std::string command = io::editor_command(ctx.env.visual, ctx.env.editor);
    for (;;) {
        io::run_editor(command, buffer.path());
        const std::string edited = buffer.read();
        if (edited == original)
            return Choice::quit;
        const Parsed<Customer> parsed = parse_customer(edited, t.path, s);
        ctx.err << render::diagnostics_text(parsed.diagnostics);
        if (count_errors(parsed.diagnostics) == 0)
            return Choice::save;
        const Choice choice = ask(ctx, parsed.value.has_value());
        if (choice != Choice::edit)
            return choice;
    }
}

void save(const Context& ctx, const Settings& s, const std::filesystem::path& root, const Target& t,
          const std::string& original, const io::EditBuffer& buffer) {
    const std::string edited = buffer.read();
    write_customer(
        ctx, s, root, t.path, {"edit", fmt::format("edit: {}", display_name(t))},
        [&](const io::Content& current) -> io::Content {
            if (!current)
                throw Error(trf("'{}' no longer exists (deleted or renamed meanwhile); "
                                "nothing was written",
                                t.path));
            if (current != original)
                throw Error(trf("'{}' changed while you were editing it; it is left "
                                "as it is now",
                                t.path));
            return edited;
        },
        [&](const io::Content&, std::string_view written) {
            return parse_customer(written, t.path, s).value ? std::string()
                                                            : std::string(tr("it does not parse"));
        });
}

int run_edit(const Context& ctx, const std::string& name) {
    const std::filesystem::path root = ctx.folder();
    const Ledger& ledger = ctx.load_for(name);
    const auto target = find_target(ctx, ledger, name);
    if (!target)
        return static_cast<int>(Exit::usage);
    const std::string original = io::read_file(root, target->path);
    io::split_command(io::editor_command(ctx.env.visual, ctx.env.editor)); // fails before a copy
    io::EditBuffer buffer(target->id + ".toml", original);
    try {
        const Choice choice = edit_until_checked(ctx, ledger.settings, *target, buffer, original);
        if (choice == Choice::quit && buffer.read() == original) {
            buffer.discard();
            ctx.out << trf("{}: no changes\n", target->path);
            return static_cast<int>(Exit::ok);
        }
        if (choice == Choice::quit) {
            ctx.err << "crm: "
                    << trf("'{}' is left as it was; your edit is kept in '{}'\n", target->path,
                           buffer.path().string());
            return static_cast<int>(Exit::data);
        }
        save(ctx, ledger.settings, root, *target, original, buffer);
    } catch (const Error& e) {
        throw Error(trf("{}; your edit is kept in '{}'", e.what(), buffer.path().string()));
    }
    buffer.discard();
    ctx.out << trf("{}: saved\n", target->path);
    return static_cast<int>(Exit::ok);
}

} // namespace

std::function<int()> setup_edit(CLI::App& sub, Context& ctx) {
    auto name = std::make_shared<std::string>();
    sub.add_option("NAME", *name, tr("the customer: id, name, part of the name, or phone"))
        ->required();
    return [&ctx, name] { return run_edit(ctx, *name); };
}

} // namespace crm::cli
