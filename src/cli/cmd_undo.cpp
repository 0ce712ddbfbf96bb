// crm undo: take back crm's last write to the folder, byte for byte, from
// the journal in .crm/ — only while the file is still as crm left it.
// `--redo` takes back the last undo; `--list` shows the last writes.

#include "commands.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "crm/journal.hpp"
#include "crm/text.hpp"
#include "folder.hpp"
#include "journal.hpp"
#include "writing.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>
#include <memory>
#include <ostream>

namespace crm::cli {

namespace {

struct UndoOptions {
    bool list = false;
    bool redo = false;
};

constexpr std::size_t kListed = 10;

const JournalEntry& entry_of(const std::vector<JournalEntry>& all, std::uint64_t seq) {
    return *std::find_if(all.begin(), all.end(),
                         [&](const JournalEntry& e) { return e.seq == seq; });
}

// "#12 2026-12-01 10:22  log: 張偉 — visit", with what undo and redo would do.
int list(const Context& ctx, const std::vector<JournalEntry>& all) {
    const UndoState state = replay(all);
    if (all.empty()) {
        ctx.out << tr("no writes to undo yet\n");
        return static_cast<int>(Exit::ok);
    }
    const auto in = [](const std::vector<std::uint64_t>& v, std::uint64_t seq) {
        return std::find(v.begin(), v.end(), seq) != v.end();
    };
    for (std::size_t i = all.size(); i-- > all.size() - std::min(all.size(), kListed);) {
        const JournalEntry& e = all[i];
        std::string mark;
        if (!state.done.empty() && state.done.back() == e.seq)
            mark = "  ← crm undo";
        else if (!state.undone.empty() && state.undone.back() == e.seq)
            mark = "  ← crm undo --redo";
        else if (in(state.undone, e.seq))
            mark = std::string("  ") + tr("(undone)");
        ctx.out << fmt::format("#{:<4} {}  {}{}\n", e.seq, e.time.substr(0, 16), visible(e.summary),
                               mark);
    }
    return static_cast<int>(Exit::ok);
}

// What became of the file since crm left it as `expected`, for a refusal:
// a phrase, then the changed lines.
std::string what_changed(const std::optional<std::string>& now,
                         const std::optional<std::string>& expected) {
    if (!now)
        return tr("has been deleted since crm wrote it; nothing was changed");
    if (!expected)
        return tr("has been made again since crm removed it; nothing was changed");
    const std::vector<std::string> diff = line_diff(*expected, *now);
    std::string lines;
    for (std::size_t i = 0; i < diff.size() && i < 12; ++i)
        lines += "\n  " + visible(diff[i]);
    if (diff.size() > 12)
        lines += trf("\n  … ({} more lines)", diff.size() - 12);
    return tr("has been changed since crm wrote it; nothing was changed (edit it by hand, or put "
              "it back as it was and run crm undo again):") +
           lines;
}

int take_back(const Context& ctx, const std::filesystem::path& root, const Settings& s,
              const JournalEntry& e, bool redo) {
    const std::string verb = redo ? "redo" : "undo";
    std::vector<io::FileChange> changes;
    for (const JournalFile& f : e.files) {
        // Undo puts `before` back over `after`; redo the other way round.
        const std::optional<std::string>& from = redo ? f.before : f.after;
        const std::optional<std::string>& to = redo ? f.after : f.before;
        changes.push_back(
            {f.path,
             [&e, &f, redo, &from, &to](const io::Content& current) -> io::Content {
                 if (current != from)
                     throw Error(fmt::format(
                         fmt::runtime(redo ? tr("cannot redo #{} ({}): '{}' {}")
                                           : tr("cannot undo #{} ({}): '{}' {}")),
                         e.seq, visible(e.summary), f.path, what_changed(current, from)));
                 return to;
             },
             [&to](const io::Content&, std::string_view written) {
                 return to && written == *to ? std::string() : std::string(tr("the bytes differ"));
             }});
    }
    write_customers(ctx, s, root, {verb, fmt::format("{}: {}", verb, e.summary), e.seq}, changes);
    std::string result;
    if (e.files.size() == 1) {
        const JournalFile& f = e.files.front();
        const std::optional<std::string>& from = redo ? f.before : f.after;
        const std::optional<std::string>& to = redo ? f.after : f.before;
        result = !to     ? trf("'{}' is removed", f.path)
                 : !from ? trf("'{}' is back", f.path)
                         : trf("'{}' is as it was", f.path);
    } else {
        result = trf("{} files are as they were", e.files.size());
    }
    ctx.out << fmt::format(fmt::runtime(redo ? tr("redid #{} {}: {}\n") : tr("undid #{} {}: {}\n")),
                           e.seq, visible(e.summary), result);
    return static_cast<int>(Exit::ok);
}

int run_undo(const Context& ctx, const UndoOptions& o) {
    const std::filesystem::path root = ctx.folder();
    const Ledger ledger = io::open_ledger(root);
    const std::vector<JournalEntry> all = io::read_journal(root);
    if (o.list)
        return list(ctx, all);
    const UndoState state = replay(all);
    const std::vector<std::uint64_t>& stack = o.redo ? state.undone : state.done;
    if (stack.empty()) {
        ctx.err << "crm: error: "
                << (o.redo ? tr("nothing to redo: no undo since the last write\n")
                           : tr("nothing to undo: the journal in .crm/ holds no write\n"));
        return static_cast<int>(Exit::usage);
    }
    return take_back(ctx, root, ledger.settings, entry_of(all, stack.back()), o.redo);
}

} // namespace

std::function<int()> setup_undo(CLI::App& sub, Context& ctx) {
    auto o = std::make_shared<UndoOptions>();
    sub.add_flag("--list", o->list, tr("show the last writes and what undo would take back"));
    sub.add_flag("--redo", o->redo, tr("take back the last undo"));
    return [&ctx, o] { return catching_usage(ctx, [&] { return run_undo(ctx, *o); }); };
}

} // namespace crm::cli
