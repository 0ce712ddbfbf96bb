#include "git.hpp"

#include "crm/i18n.hpp"
#include "process.hpp"

namespace crm::io {

namespace {

ProcessResult git(const std::filesystem::path& root, const std::vector<std::string>& args) {
    // Built whole rather than by insert(begin()): GCC 12 at -O2 warns falsely
    // about a null dereference inside vector::insert.
    std::vector<std::string> argv{"git"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, true, root);
}

std::string first_line(const std::string& s) {
    const std::size_t start = s.find_first_not_of(" \n");
    if (start == std::string::npos)
        return "";
    return s.substr(start, s.find('\n', start) - start);
}

} // namespace

bool is_git_work_tree(const std::filesystem::path& root) {
    const ProcessResult r = git(root, {"rev-parse", "--is-inside-work-tree"});
    return r.status == 0 && first_line(r.out) == "true";
}

std::optional<std::string> git_user_name(const std::filesystem::path& root) {
    const ProcessResult r = git(root, {"config", "user.name"});
    std::string name = first_line(r.out);
    if (r.status != 0 || name.empty())
        return std::nullopt;
    return name;
}

std::string commit_file(const std::filesystem::path& root, const std::string& relative,
                        const std::string& message) {
    return commit_files(root, {relative}, message);
}

std::string commit_files(const std::filesystem::path& root,
                         const std::vector<std::string>& relative, const std::string& message) {
    // `add` first, so that a new file is known to git; `commit -- paths`
    // then commits those paths only, whatever else the index holds.
    std::vector<std::string> add{"add", "-A", "--"}; // -A: a removal too
    add.insert(add.end(), relative.begin(), relative.end());
    ProcessResult r = git(root, add);
    if (r.status == 0) {
        std::vector<std::string> commit{"commit", "--quiet", "-m", message, "--"};
        commit.insert(commit.end(), relative.begin(), relative.end());
        r = git(root, commit);
    }
    if (r.status == 0)
        return "";
    const std::string why = first_line(r.err).empty() ? first_line(r.out) : first_line(r.err);
    return why.empty() ? tr("git failed") : why;
}

} // namespace crm::io
