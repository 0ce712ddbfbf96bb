#include "git_sync.hpp"

#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "lock.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace crm::io {

namespace {

std::string first_line(const std::string& s) {
    const std::size_t start = s.find_first_not_of(" \t\n");
    if (start == std::string::npos)
        return "";
    std::string line = s.substr(start, s.find('\n', start) - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
        line.pop_back();
    return line;
}

// NUL-separated fields, empty ones dropped (git -z output).
std::vector<std::string> split_nul(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < s.size()) {
        std::size_t end = s.find('\0', start);
        if (end == std::string::npos)
            end = s.size();
        if (end > start)
            out.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

std::string config_value(const std::filesystem::path& root, const std::string& key) {
    const ProcessResult r = run_git(root, {"config", "--get", key});
    return r.status == 0 ? first_line(r.out) : "";
}

// Pathspecs for the ledger folder without crm's lock and temporary files,
// which a folder made before its .gitignore would otherwise commit.
std::vector<std::string> ledger_pathspec() {
    // Globs, not names: git add refuses a named path that .gitignore ignores.
    return {".", fmt::format(":(exclude,glob)**/{}", kLockFile), ":(exclude,glob)**/.*.crm-tmp-*"};
}

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

// The git work tree's root and the ledger's place in it; throws when
// `root` is in none.
void locate(const std::filesystem::path& root, SyncBranch& b) {
    const ProcessResult r =
        run_git(root, {"rev-parse", "--is-inside-work-tree", "--show-toplevel", "--show-prefix"});
    if (r.status < 0)
        throw Error(trf("cannot run git: {}; crm sync needs git installed", r.err));
    std::vector<std::string> lines;
    for (std::size_t at = 0; at < r.out.size();) {
        const std::size_t nl = std::min(r.out.find('\n', at), r.out.size());
        lines.push_back(r.out.substr(at, nl - at));
        at = nl + 1;
    }
    if (r.status != 0 || lines.empty() || lines[0] != "true")
        throw Error(trf("'{}' is not in a git repository, so there is nothing to sync "
                        "with; see SYNC in crm(1) to share it",
                        root.string()));
    b.top = lines.size() > 1 ? lines[1] : "";
    b.prefix = lines.size() > 2 ? lines[2] : "";
}

} // namespace

ProcessResult run_git(const std::filesystem::path& root, const std::vector<std::string>& args) {
    std::vector<std::string> argv{"git", "-C", root.empty() ? "." : root.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, true);
}

std::string git_reason(const ProcessResult& r) {
    std::string why = first_line(r.err).empty() ? first_line(r.out) : first_line(r.err);
    for (const char* lead : {"fatal: ", "error: "})
        if (why.starts_with(lead))
            why.erase(0, std::string_view(lead).size());
    return why.empty() ? tr("git failed") : why;
}

std::filesystem::path SyncBranch::file(const std::filesystem::path& root,
                                       const std::string& shown) const {
    return shown.starts_with(":/") ? top / shown.substr(2) : root / shown;
}

std::string SyncBranch::upstream_name() const {
    const std::string_view heads = "refs/heads/";
    const std::string short_merge =
        merge.starts_with(heads) ? merge.substr(heads.size()) : std::string(merge);
    return remote == "." ? short_merge : fmt::format("{}/{}", remote, short_merge);
}

namespace {

std::vector<std::string> remotes_of(const std::filesystem::path& root) {
    const ProcessResult r = run_git(root, {"remote"});
    std::vector<std::string> remotes;
    for (std::size_t at = 0; at < r.out.size();) {
        const std::size_t nl = std::min(r.out.find('\n', at), r.out.size());
        if (nl > at)
            remotes.push_back(r.out.substr(at, nl - at));
        at = nl + 1;
    }
    return remotes;
}

// The branch's remote and merge, from its config; each way they can be
// missing is one sentence.
void read_upstream(const std::filesystem::path& root, SyncBranch& b) {
    const std::vector<std::string> remotes = remotes_of(root);
    b.remote = config_value(root, fmt::format("branch.{}.remote", b.name));
    b.merge = config_value(root, fmt::format("branch.{}.merge", b.name));
    if (remotes.empty() && b.remote != ".")
        throw Error(trf("this repository has no remote to sync with; add the shared one "
                        "with 'git remote add origin URL' and 'git push -u origin {}'",
                        b.name));
    const auto has = [&](const std::string& name) {
        return std::find(remotes.begin(), remotes.end(), name) != remotes.end();
    };
    const std::string suggested = remotes.empty() || has("origin") ? "origin" : remotes.front();
    if ((b.remote.empty() || b.merge.empty()) && !resolve(root, "HEAD"))
        throw Error(trf("branch '{}' has no commit and no upstream yet; commit the folder "
                        "('git add -A' and 'git commit'), then set the upstream with 'git "
                        "push -u {} {}'",
                        b.name, suggested, b.name));
    if (b.remote.empty() || b.merge.empty())
        throw Error(trf("branch '{}' has no upstream to sync with; set it once with 'git "
                        "push -u {} {}'",
                        b.name, suggested, b.name));
    // A remote may also be "." (this repository) or a URL, as git allows.
    const bool url = b.remote.find_first_of("/:") != std::string::npos;
    if (b.remote != "." && !url && !has(b.remote))
        throw Error(trf("branch '{}' follows remote '{}', which this repository does not "
                        "have; set the upstream with 'git push -u {} {}'",
                        b.name, b.remote, suggested, b.name));
}

} // namespace

SyncBranch sync_branch(const std::filesystem::path& root) {
    SyncBranch b;
    locate(root, b);
    const ProcessResult r = run_git(root, {"symbolic-ref", "--quiet", "--short", "HEAD"});
    if (r.status != 0)
        throw Error(tr("HEAD is detached (no branch is checked out), so crm cannot tell what to "
                       "sync; switch to your branch first with 'git switch BRANCH'"));
    b.name = first_line(r.out);
    read_upstream(root, b);
    return b;
}

bool merge_in_progress(const std::filesystem::path& root) {
    return run_git(root, {"rev-parse", "--quiet", "--verify", "MERGE_HEAD"}).status == 0;
}

std::vector<std::string> unmerged_files(const std::filesystem::path& root,
                                        const SyncBranch& branch) {
    // Paths relative to the work tree's root: a conflict may lie outside
    // the ledger folder.
    const ProcessResult r = run_git(
        root, {"diff", "--no-relative", "--name-only", "-z", "--diff-filter=U", "--", ":/"});
    std::vector<std::string> out;
    for (std::string& path : split_nul(r.out))
        out.push_back(path.starts_with(branch.prefix) ? path.substr(branch.prefix.size())
                                                      : ":/" + path);
    return out;
}

std::string fetch(const std::filesystem::path& root, const SyncBranch& branch) {
    const ProcessResult r = run_git(root, {"fetch", "--quiet", branch.remote});
    return r.status == 0 ? "" : git_reason(r);
}

std::optional<std::string> resolve(const std::filesystem::path& root, const std::string& rev) {
    const ProcessResult r =
        run_git(root, {"rev-parse", "--quiet", "--verify", "--end-of-options", rev + "^{commit}"});
    if (r.status != 0 || first_line(r.out).empty())
        return std::nullopt;
    return first_line(r.out);
}

std::optional<std::string> upstream_ref(const std::filesystem::path& root) {
    const ProcessResult r = run_git(root, {"rev-parse", "--quiet", "--verify", "--abbrev-ref",
                                           "--symbolic-full-name", "@{upstream}"});
    if (r.status != 0 || first_line(r.out).empty() || !resolve(root, "@{upstream}"))
        return std::nullopt;
    return first_line(r.out);
}

bool is_ancestor(const std::filesystem::path& root, const std::string& a, const std::string& b) {
    return run_git(root, {"merge-base", "--is-ancestor", a, b}).status == 0;
}

std::vector<std::string> uncommitted_files(const std::filesystem::path& root,
                                           const SyncBranch& branch) {
    const ProcessResult r =
        run_git(root, with({"status", "--porcelain=v1", "-z", "--no-renames", "-uall", "--"},
                           ledger_pathspec()));
    if (r.status != 0)
        throw Error(trf("git status failed: {}", git_reason(r)));
    std::vector<std::string> out;
    for (const std::string& entry : split_nul(r.out)) {
        // "XY path", the path relative to the work tree's root.
        if (entry.size() < 4)
            continue;
        const std::string path = entry.substr(3);
        out.push_back(path.starts_with(branch.prefix) ? path.substr(branch.prefix.size()) : path);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::string commit_ledger(const std::filesystem::path& root, const std::string& message,
                          const std::vector<std::string>& extra, bool concluding_merge) {
    ProcessResult r = run_git(root, with({"add", "-A", "--"}, ledger_pathspec()));
    if (r.status == 0 && !extra.empty())
        r = run_git(root, with({"add", "-A", "--"}, extra));
    if (r.status != 0)
        return git_reason(r);
    // During a merge git commits the whole index (a partial commit is not
    // allowed); otherwise only the ledger folder, whatever else is staged.
    r = concluding_merge
            ? run_git(root, {"commit", "--quiet", "--no-edit"})
            : run_git(root, with({"commit", "--quiet", "-m", message, "--"}, ledger_pathspec()));
    return r.status == 0 ? "" : git_reason(r);
}

MergeOutcome merge(const std::filesystem::path& root, const std::string& commit,
                   std::string& reason) {
    // --ff: fast-forward when possible, else a merge commit, whatever
    // merge.ff says; never a rebase.
    const ProcessResult r = run_git(root, {"merge", "--no-edit", "--ff", "--quiet", commit});
    if (r.status == 0)
        return MergeOutcome::merged;
    if (merge_in_progress(root))
        return MergeOutcome::conflicts;
    reason = git_reason(r);
    return MergeOutcome::failed;
}

PushResult push(const std::filesystem::path& root, const SyncBranch& branch) {
    const ProcessResult r =
        run_git(root, {"push", "--quiet", "--porcelain", branch.remote, "HEAD:" + branch.merge});
    if (r.status == 0)
        return {true, ""};
    // --porcelain: a refused ref is a line "!\tFROM:TO\tSUMMARY"; git's
    // stderr then only says that some refs failed.
    for (std::size_t at = 0; at < r.out.size();) {
        const std::size_t nl = std::min(r.out.find('\n', at), r.out.size());
        const std::string line = r.out.substr(at, nl - at);
        if (line.starts_with("!\t")) {
            const std::size_t tab = line.find('\t', 2);
            if (tab != std::string::npos)
                return {false, line.substr(tab + 1)};
        }
        at = nl + 1;
    }
    return {false, git_reason(r)};
}

std::size_t count_commits(const std::filesystem::path& root, const std::string& from,
                          const std::string& to) {
    const ProcessResult r =
        run_git(root, {"rev-list", "--count", from.empty() ? to : from + ".." + to});
    return r.status == 0 ? std::stoul("0" + first_line(r.out)) : 0;
}

std::vector<Incoming> incoming(const std::filesystem::path& root, const std::string& from,
                               const std::string& to) {
    // One record per commit: \x01, the author, then the files (-z), paths
    // relative to the ledger folder and limited to it. --full-history: a
    // merge that kept one side's file would otherwise hide the other side.
    const ProcessResult r = run_git(root, {"log", "--no-merges", "--full-history", "--reverse",
                                           "-z", "--name-only", "--relative", "--format=%x01%an",
                                           from.empty() ? to : from + ".." + to, "--", "."});
    std::vector<Incoming> out;
    for (std::size_t at = r.out.find('\x01'); at != std::string::npos;) {
        const std::size_t next = r.out.find('\x01', at + 1);
        const std::string record = r.out.substr(at + 1, next - at - 1);
        std::vector<std::string> fields = split_nul(record);
        at = next;
        if (fields.empty())
            continue;
        auto who = std::find_if(out.begin(), out.end(),
                                [&](const Incoming& i) { return i.author == fields[0]; });
        if (who == out.end())
            who = out.insert(out.end(), Incoming{fields[0], {}});
        for (std::size_t i = 1; i < fields.size(); ++i) {
            std::string file = fields[i];
            file.erase(0, file.find_first_not_of('\n'));
            if (!file.empty() &&
                std::find(who->files.begin(), who->files.end(), file) == who->files.end())
                who->files.push_back(file);
        }
    }
    return out;
}

} // namespace crm::io
