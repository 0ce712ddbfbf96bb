#pragma once
// Git, as pass(1) uses it: optional, per folder, one commit per write that
// touches only the file crm wrote. git runs as a program (no shell, no
// library), so the user's git configuration and hooks apply.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace crm::io {

// Whether `root` is inside a git work tree (false when git is missing).
bool is_git_work_tree(const std::filesystem::path& root);

// git's user.name as seen from `root`, when git has one.
std::optional<std::string> git_user_name(const std::filesystem::path& root);

// Commits `relative` alone (other staged changes stay staged and out of the
// commit) with `message`. Returns "" when done, else git's first complaint.
std::string commit_file(const std::filesystem::path& root, const std::string& relative,
                        const std::string& message);

// commit_file() for several files in one commit.
std::string commit_files(const std::filesystem::path& root,
                         const std::vector<std::string>& relative, const std::string& message);

} // namespace crm::io
