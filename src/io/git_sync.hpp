#pragma once
// The git plumbing of `crm sync`: where the ledger sits in its repository,
// what is uncommitted, fetch, merge, push and what came in. git runs as a
// program (`git -C ROOT …`, no shell), so the user's configuration, hooks
// and ssh set-up apply; each function is one or a few git commands.

#include "process.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace crm::io {

// Runs `git -C root args…`, capturing its output.
ProcessResult run_git(const std::filesystem::path& root, const std::vector<std::string>& args);

// git's first line of complaint (stderr, else stdout), without "fatal: " or
// "error: "; "git failed" when it said nothing.
std::string git_reason(const ProcessResult& r);

// The branch the ledger's repository has checked out and where it syncs.
struct SyncBranch {
    std::string name;          // "main"
    std::string remote;        // "origin"
    std::string merge;         // the upstream branch on the remote, "refs/heads/main"
    std::string prefix;        // the ledger folder in the work tree, "" or "sub/ledger/"
    std::filesystem::path top; // the work tree's root

    // "origin/main", for messages and the merge.
    std::string upstream_name() const;
    // Where a file as unmerged_files() names it is, from the ledger folder `root`.
    std::filesystem::path file(const std::filesystem::path& root, const std::string& shown) const;
};

// The branch of `root`'s repository, when it can sync. Throws crm::Error,
// in one sentence saying what to do, when `root` is not in a git work tree,
// HEAD is detached, there is no remote, or the branch has no upstream (or
// one on a remote that is not configured). Changes nothing.
SyncBranch sync_branch(const std::filesystem::path& root);

// Whether a merge is in progress (MERGE_HEAD exists).
bool merge_in_progress(const std::filesystem::path& root);

// The files the index holds as unmerged, relative to the ledger folder when
// inside it, else ":/" and the path in the work tree (a pathspec git takes).
std::vector<std::string> unmerged_files(const std::filesystem::path& root,
                                        const SyncBranch& branch);

// `git fetch` from the branch's remote: "" when done, else git's reason.
std::string fetch(const std::filesystem::path& root, const SyncBranch& branch);

// The commit `rev` names ("HEAD", "@{upstream}"), or nullopt when there is
// none (an unborn branch, a remote branch that does not exist yet).
std::optional<std::string> resolve(const std::filesystem::path& root, const std::string& rev);

// The upstream's remote-tracking branch as git names it ("origin/main"),
// or nullopt when it does not exist yet (nothing was ever pushed there).
std::optional<std::string> upstream_ref(const std::filesystem::path& root);

// Whether commit `a` is `b` or one of its ancestors.
bool is_ancestor(const std::filesystem::path& root, const std::string& a, const std::string& b);

// The ledger folder's files that differ from HEAD or are untracked (not
// ignored), relative to the ledger folder, sorted; crm's lock file and
// temporary files are never among them.
std::vector<std::string> uncommitted_files(const std::filesystem::path& root,
                                           const SyncBranch& branch);

// Stages the ledger folder whole (`git add -A`, crm's own files left out)
// and `extra` (resolved files of a merge, wherever they are), then commits:
// with `message` and the ledger folder only, or, during a merge, the whole
// index with git's merge message. "" when done, else git's reason.
std::string commit_ledger(const std::filesystem::path& root, const std::string& message,
                          const std::vector<std::string>& extra, bool concluding_merge);

// What merging the upstream did.
enum class MergeOutcome { merged, conflicts, failed };

// `git merge --no-edit` of `commit`, which crm's merge driver merges
// customer files for. `reason` gets git's reason when it failed.
MergeOutcome merge(const std::filesystem::path& root, const std::string& commit,
                   std::string& reason);

// What pushing HEAD to the upstream did.
struct PushResult {
    bool pushed = false;
    std::string reason; // git's reason when not pushed
};

PushResult push(const std::filesystem::path& root, const SyncBranch& branch);

// Commits in `to` and not in `from` (all of `to` when `from` is empty).
std::size_t count_commits(const std::filesystem::path& root, const std::string& from,
                          const std::string& to);

// Someone's commits among those that came in, merges left out: their
// author's name and the ledger files they touched, relative to the ledger
// folder, in the order first touched.
struct Incoming {
    std::string author;
    std::vector<std::string> files;
};

// Per author, in the order of their first commit (oldest first), the
// ledger files changed by the commits in `to` and not in `from`.
std::vector<Incoming> incoming(const std::filesystem::path& root, const std::string& from,
                               const std::string& to);

} // namespace crm::io
