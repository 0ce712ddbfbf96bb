// crm sync: commit what is not committed in the folder, merge the branch's
// upstream with crm's merge driver, push, and say what came in. Everything
// that can stop it (no upstream, an unreachable remote, a file that does not
// parse) is found before anything is committed; conflicts stop it before
// the push, and a run after they are fixed finishes the merge.

#include "commands.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "crm/merge.hpp"
#include "crm/text.hpp"
#include "diagnostics.hpp"
#include "folder.hpp"
#include "git_sync.hpp"
#include "lock.hpp"
#include "merge_driver.hpp"
#include "sync_text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <optional>
#include <ostream>

namespace crm::cli {

namespace {

namespace fs = std::filesystem;

// How many times a push that raced a colleague's is merged and tried again.
constexpr int kPushAttempts = 5;

// Bad data stops the sync (Exit::data): the files' problems are printed,
// then the sentence saying what to do.
struct DataStop {
    std::string message;
};

// The id of a customer file crm reads (customers/<id>.toml), else "".
std::string customer_id(const std::string& path) {
    const std::string_view prefix = "customers/";
    if (!path.starts_with(prefix) || !path.ends_with(".toml") ||
        path.find('/', prefix.size()) != std::string::npos)
        return "";
    return path.substr(prefix.size(), path.size() - prefix.size() - 5);
}

// Customers by name (the id of one that is gone), then the other files.
render::Changes changes_of(std::string author, const std::vector<std::string>& files,
                           const Ledger& ledger) {
    render::Changes c{std::move(author), {}, {}};
    for (const std::string& path : files) {
        const std::string id = customer_id(path);
        if (id.empty()) {
            c.others.push_back(path);
        } else {
            const Customer* customer = ledger.find(id);
            c.customers.push_back(customer && !customer->name.empty() ? customer->name : id);
        }
    }
    return c;
}

// Every customer file and crm.toml as they are now; a file with an error
// stops the sync, its errors printed.
Ledger checked_ledger(const Context& ctx, const std::string& what) {
    Ledger ledger = ctx.load();
    Diagnostics errors;
    for (const Diagnostic& d : ledger.diagnostics)
        if (d.severity == Severity::error)
            errors.push_back(d);
    if (errors.empty())
        return ledger;
    ctx.err << render::diagnostics_text(errors);
    std::size_t files = 0;
    for (std::size_t i = 0; i < errors.size(); ++i)
        files += i == 0 || errors[i].path != errors[i - 1].path;
    throw DataStop{trnf("{} file has errors; fix it (crm check names each), then run crm sync "
                        "again; {}",
                        "{} files have errors; fix them (crm check names each), then run crm "
                        "sync again; {}",
                        files, files, tr(what.c_str()))};
}

// During a merge a run finishes it: the files git left unmerged must be
// free of conflict markers (they are then taken as resolved). Returns them.
std::vector<std::string> resolved_files(const Context& ctx, const fs::path& root,
                                        const io::SyncBranch& b) {
    const std::vector<std::string> unmerged = io::unmerged_files(root, b);
    std::vector<std::string> left;
    for (const std::string& path : unmerged) {
        const fs::path file = b.file(root, path);
        const SourceFile f = io::read_source(file.parent_path(), file.filename().string());
        const std::vector<ConflictRegion> regions = find_conflicts(f.text);
        for (const ConflictRegion& r : regions)
            ctx.err << visible(
                           fmt::format("{}:{}: error: an unresolved merge conflict", path, r.begin))
                    << '\n';
        if (!regions.empty())
            left.push_back(path);
    }
    if (!left.empty())
        throw DataStop{trnf("a merge is in progress and {} file still has conflicts; fix it, run "
                            "crm check, then crm sync again",
                            "a merge is in progress and {} files still have conflicts; fix them, "
                            "run crm check, then crm sync again",
                            left.size(), left.size())};
    return unmerged;
}

// Step (1): the branch, and during a merge the files it resolved.
struct Start {
    io::SyncBranch branch;
    bool merging = false;
    std::vector<std::string> resolved;
};

Start preflight(const Context& ctx, const fs::path& root) {
    Start s{io::sync_branch(root), io::merge_in_progress(root), {}};
    if (s.merging)
        s.resolved = resolved_files(ctx, root, s.branch);
    return s;
}

// The .gitattributes rule and this clone's driver, when either is missing.
void set_up_driver(const Context& ctx, const fs::path& root) {
    if (io::ensure_attributes(root))
        ctx.out << tr("added crm's merge rule for customer files to .gitattributes\n");
    if (io::ensure_driver(root))
        ctx.out << tr("registered crm's merge driver in this clone's git config\n");
}

// Step (5): what is uncommitted in the folder, committed; during a merge,
// the merge concluded. Returns the commit the others' work is counted from.
std::optional<std::string> commit(const Context& ctx, const fs::path& root, const Start& s,
                                  const Ledger& ledger) {
    const std::optional<std::string> before = io::resolve(root, "HEAD");
    const std::vector<std::string> files = io::uncommitted_files(root, s.branch);
    if (!s.merging && files.empty())
        return before;
    render::Changes c = changes_of("", files, ledger);
    std::vector<std::string> names = c.customers;
    names.insert(names.end(), c.others.begin(), c.others.end());
    const std::string message = render::sync_commit_message(names);
    if (const std::string why = io::commit_ledger(root, message, s.resolved, s.merging);
        !why.empty())
        throw Error(trf("git could not commit the folder: {}; nothing was pushed", why));
    ctx.out << (s.merging ? std::string(tr("committed the merge\n"))
                          : trf("committed: {}\n", message));
    return s.merging ? before : io::resolve(root, "HEAD");
}

// Conflicts the driver left: each file's, then what to do.
DataStop conflicts(const Context& ctx, const fs::path& root, const io::SyncBranch& b) {
    const std::vector<std::string> unmerged = io::unmerged_files(root, b);
    const Ledger ledger = ctx.load();
    for (const std::string& path : unmerged) {
        bool told = false;
        for (const Diagnostic& d : ledger.diagnostics)
            if (d.path == path && d.severity == Severity::error) {
                ctx.err << render::diagnostics_text({d});
                told = true;
            }
        if (!told)
            ctx.err << visible(fmt::format("{}: error: git could not merge it (changed on one side "
                                           "and deleted on the other, or not text); make it "
                                           "what it should be",
                                           path))
                    << '\n';
    }
    return {trnf("merging {} left conflicts in {} file; fix them (crm check names each), then "
                 "run crm sync again to finish the merge; nothing was pushed",
                 "merging {} left conflicts in {} files; fix them (crm check names each), then "
                 "run crm sync again to finish the merge; nothing was pushed",
                 unmerged.size(), visible(b.upstream_name()), unmerged.size())};
}

// Step (6): the upstream merged into HEAD, when it has anything new.
void merge_upstream(const Context& ctx, const fs::path& root, const io::SyncBranch& b) {
    const std::optional<std::string> upstream = io::upstream_ref(root);
    if (!upstream)
        return; // nothing was ever pushed there: the push makes it
    const std::optional<std::string> head = io::resolve(root, "HEAD");
    const std::optional<std::string> theirs = io::resolve(root, *upstream);
    if (head && theirs && io::is_ancestor(root, *theirs, *head))
        return;
    std::string why;
    switch (io::merge(root, *upstream, why)) {
    case io::MergeOutcome::merged:
        checked_ledger(ctx, N_("the merge is committed here, nothing was pushed"));
        return;
    case io::MergeOutcome::conflicts:
        throw conflicts(ctx, root, b);
    case io::MergeOutcome::failed:
        throw Error(trf("git could not merge {}: {}; nothing was pushed", visible(*upstream), why));
    }
}

// Steps (6) and (7): merge, push, and when the push raced a colleague's,
// fetch, merge and push again. Returns how many commits went out.
std::size_t merge_and_push(const Context& ctx, const fs::path& root, const io::SyncBranch& b,
                           std::optional<io::FolderLock>& lock) {
    for (int attempt = 0; attempt < kPushAttempts; ++attempt) {
        if (!lock)
            lock.emplace(root);
        merge_upstream(ctx, root, b);
        const std::optional<std::string> head = io::resolve(root, "HEAD");
        const std::optional<std::string> theirs = io::resolve(root, "@{upstream}");
        if (!head || (theirs && io::is_ancestor(root, *head, *theirs)))
            return 0;
        const std::size_t commits = io::count_commits(root, theirs.value_or(""), *head);
        lock.reset(); // writers need not wait for the network
        const io::PushResult pushed = io::push(root, b);
        if (pushed.pushed)
            return commits;
        if (const std::string why = io::fetch(root, b); !why.empty())
            throw Error(trf("git could not push to {} ({}) nor fetch from it again: {}",
                            visible(b.upstream_name()), pushed.reason, why));
        const std::optional<std::string> now = io::resolve(root, "@{upstream}");
        if (!now || now == theirs || io::is_ancestor(root, *now, *head))
            throw Error(trf("git could not push to {}: {}; your changes are committed "
                            "here and go out with the next crm sync",
                            visible(b.upstream_name()), pushed.reason));
    }
    throw Error(trf("{} moved under every one of {} pushes; your changes are committed "
                    "here, run crm sync again",
                    visible(b.upstream_name()), kPushAttempts));
}

// Step (8): per author, what the commits that came in changed.
std::string report_incoming(const Context& ctx, const fs::path& root,
                            const std::optional<std::string>& mine) {
    if (!io::resolve(root, "HEAD"))
        return render::incoming_text({});
    const Ledger ledger = ctx.load();
    std::vector<render::Changes> changes;
    for (io::Incoming& i : io::incoming(root, mine.value_or(""), "HEAD"))
        changes.push_back(changes_of(std::move(i.author), i.files, ledger));
    return render::incoming_text(changes);
}

int run_sync(const Context& ctx) {
    const fs::path root = ctx.folder();
    try {
        const Start start = preflight(ctx, root);
        if (const std::string why = io::fetch(root, start.branch); !why.empty())
            throw Error(trf("cannot reach '{}' to sync: {}; nothing was changed",
                            visible(start.branch.remote), why));
        std::optional<io::FolderLock> lock(std::in_place, root);
        const Ledger ledger = checked_ledger(ctx, N_("nothing was committed or pushed"));
        set_up_driver(ctx, root);
        const std::optional<std::string> mine = commit(ctx, root, start, ledger);
        const std::size_t sent = merge_and_push(ctx, root, start.branch, lock);
        lock.reset();
        ctx.out << report_incoming(ctx, root, mine);
        ctx.out << render::sent_text(sent, start.branch.upstream_name());
    } catch (const DataStop& stop) {
        ctx.err << fmt::format("crm: error: {}\n", stop.message);
        return static_cast<int>(Exit::data);
    }
    return static_cast<int>(Exit::ok);
}

} // namespace

std::function<int()> setup_sync(CLI::App&, Context& ctx) {
    return [&ctx] { return run_sync(ctx); };
}

} // namespace crm::cli
