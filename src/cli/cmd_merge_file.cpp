// crm merge-file BASE OURS THEIRS [PATH]: git's merge driver for customer
// files. git runs it as `crm merge-file %O %A %B %P` from the work tree's
// root, with three temporary files: the merged text goes to OURS, and the
// exit status says whether it is clean (0) or marked with conflicts (1). It
// needs no crm folder: the three files are all it reads. When crm cannot
// merge (a side that is not TOML), git's own line merge does, so that
// nothing is guessed and no side is lost.

#include "atomic_write.hpp"
#include "commands.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "crm/merge.hpp"
#include "crm/text.hpp"
#include "folder.hpp"
#include "process.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <ostream>

namespace crm::cli {

namespace {

struct MergeFileArgs {
    std::string base;
    std::string ours;
    std::string theirs;
    std::string path; // only for messages
};

// strerror()'s text starts lowercase, as crm's messages do.
std::string lower_first(std::string s) {
    if (s.size() > 1 && s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z'))
        s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

std::string read_side(const std::string& file) {
    SourceFile f = io::read_source({}, file);
    if (!f.read_error.empty())
        throw Error(fmt::format("cannot read '{}': {}; nothing was merged", file,
                                lower_first(f.read_error)));
    return std::move(f.text);
}

// Replaces OURS by the merged text, never leaving it half-written.
void write_ours(const Context& ctx, const std::string& ours, std::string_view text) {
    const std::filesystem::path target(ours);
    io::AtomicFile file(target.parent_path(), target.filename().string());
    file.write(text);
    file.commit();
    if (!file.warning().empty())
        ctx.err << fmt::format("crm: warning: {}\n", visible(file.warning()));
}

// git's line merge into OURS, with git's plain labels: conflicts it marks
// are named by `crm check` as git's.
int fall_back(const Context& ctx, const MergeFileArgs& a, const std::string& name,
              const std::string& why) {
    ctx.err << visible(fmt::format("{}: crm did not merge it: {}; git merge-file merges it by "
                                   "lines",
                                   name, why))
            << '\n';
    const io::ProcessResult r = io::run_process(
        {"git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs", a.ours, a.base, a.theirs},
        true);
    if (r.status < 0)
        throw Error(fmt::format("cannot run git merge-file: {}; '{}' is unchanged", r.err, a.ours));
    if (r.status > 127)
        throw Error(fmt::format("git merge-file failed: {}", r.err));
    ctx.err << visible_lines(r.err);
    if (r.status > 0)
        ctx.err << fmt::format("{}: {} conflict{} marked by git\n", visible(name), r.status,
                               r.status == 1 ? "" : "s");
    return static_cast<int>(r.status == 0 ? Exit::ok : Exit::data);
}

int run_merge_file(const Context& ctx, const MergeFileArgs& a) {
    const std::string name = a.path.empty() ? a.ours : a.path;
    const std::string base = read_side(a.base);
    const std::string ours = read_side(a.ours);
    const std::string theirs = read_side(a.theirs);
    const MergeResult merged = merge_customer(base, ours, theirs);
    if (!merged.ok())
        return fall_back(ctx, a, name, merged.fallback);
    if (merged.text != ours)
        write_ours(ctx, a.ours, merged.text);
    for (const MergeConflict& c : merged.conflicts)
        ctx.err << visible(fmt::format("{}:{}: conflict: {}", name, c.line, c.message)) << '\n';
    return static_cast<int>(merged.conflicts.empty() ? Exit::ok : Exit::data);
}

} // namespace

std::function<int()> setup_merge_file(CLI::App& sub, Context& ctx) {
    auto a = std::make_shared<MergeFileArgs>();
    sub.add_option("BASE", a->base, tr("the common ancestor's version (git's %O)"))->required();
    sub.add_option("OURS", a->ours, tr("our version, replaced by the merge (git's %A)"))
        ->required();
    sub.add_option("THEIRS", a->theirs, tr("their version (git's %B)"))->required();
    sub.add_option("PATH", a->path, tr("the file's name in messages (git's %P)"));
    return [&ctx, a] { return run_merge_file(ctx, *a); };
}

} // namespace crm::cli
