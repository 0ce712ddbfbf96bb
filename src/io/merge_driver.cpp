#include "merge_driver.hpp"

#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "folder.hpp"
#include "git.hpp"
#include "git_sync.hpp"

#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <unistd.h>

namespace crm::io {

namespace {

constexpr const char* kComment = "# customer files are merged by crm, entry by entry (crm(5))\n";

// The first `crm` that $PATH finds, as a shell would look for it.
std::optional<std::filesystem::path> crm_on_path() {
    const char* path = std::getenv("PATH");
    std::string_view dirs = path ? path : "";
    while (path) {
        const std::size_t colon = dirs.find(':');
        const std::string dir(dirs.substr(0, colon));
        const std::filesystem::path candidate =
            std::filesystem::path(dir.empty() ? "." : dir) / "crm";
        std::error_code ec;
        if (std::filesystem::is_regular_file(candidate, ec) &&
            ::access(candidate.c_str(), X_OK) == 0)
            return candidate;
        if (colon == std::string_view::npos)
            break;
        dirs.remove_prefix(colon + 1);
    }
    return std::nullopt;
}

std::string append_text(const std::string& existing) {
    std::string text;
    if (!existing.empty() && existing.back() != '\n')
        text += '\n';
    return text + kComment + kAttributesRule + "\n";
}

} // namespace

unsigned attributes_rule_line(std::string_view text) {
    unsigned number = 0;
    while (!text.empty()) {
        ++number;
        const std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        // A pattern, then attributes, separated by blanks.
        std::vector<std::string_view> words;
        while (true) {
            const std::size_t start = line.find_first_not_of(" \t\r");
            if (start == std::string_view::npos)
                break;
            line.remove_prefix(start);
            const std::size_t end = std::min(line.find_first_of(" \t\r"), line.size());
            words.push_back(line.substr(0, end));
            line.remove_prefix(end);
        }
        if (words.size() > 1 && words[0] == "customers/**/*.toml")
            for (std::size_t i = 1; i < words.size(); ++i)
                if (words[i] == "merge=crm")
                    return number;
    }
    return 0;
}

bool ensure_attributes(const std::filesystem::path& root) {
    const std::filesystem::path file = root / ".gitattributes";
    std::error_code ec;
    const bool exists =
        std::filesystem::symlink_status(file, ec).type() != std::filesystem::file_type::not_found;
    std::string existing;
    if (exists) {
        const SourceFile f = read_source(root, ".gitattributes");
        if (!f.read_error.empty())
            throw Error(trf("cannot read '{}': {}", file.string(), f.read_error));
        if (attributes_rule_line(f.text) > 0)
            return false;
        existing = f.text;
    }
    // Appended, never rewritten: the user's own lines stay as they are.
    std::FILE* out = std::fopen(file.c_str(), exists ? "a" : "wx");
    if (!out)
        throw Error(trf("cannot write '{}': {}", file.string(),
                        std::error_code(errno, std::generic_category()).message()));
    const bool written = std::fputs(append_text(existing).c_str(), out) >= 0;
    if (std::fclose(out) != 0 || !written)
        throw Error(trf("cannot write '{}'", file.string()));
    return true;
}

std::string driver_command() {
    std::error_code ec;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    std::string program = "crm";
    if (!ec) {
        const auto found = crm_on_path();
        if (!found || !std::filesystem::equivalent(*found, self, ec) || ec)
            program = sh_quote(self.string());
    }
    return program + " merge-file %O %A %B %P";
}

bool driver_registered(const std::filesystem::path& root) {
    const ProcessResult r = run_git(root, {"config", "--get", "merge.crm.driver"});
    return r.status == 0 && r.out.find_first_not_of(" \t\n") != std::string::npos;
}

bool ensure_driver(const std::filesystem::path& root) {
    if (driver_registered(root))
        return false;
    for (const auto& [key, value] :
         {std::pair<std::string, std::string>{"merge.crm.name", "crm customer files"},
          {"merge.crm.driver", driver_command()}}) {
        const ProcessResult r = run_git(root, {"config", "--local", key, value});
        if (r.status != 0)
            throw Error(
                trf("cannot register crm's merge driver in git's config: {}", git_reason(r)));
    }
    return true;
}

std::optional<Diagnostic> merge_setup_warning(const std::filesystem::path& root) {
    if (!is_git_work_tree(root))
        return std::nullopt;
    // What git itself would use for a customer file, wherever the rule is.
    const ProcessResult attr = run_git(root, {"check-attr", "merge", "--", "customers/x.toml"});
    const bool applies = attr.status == 0 && attr.out.ends_with(": merge: crm\n");
    if (applies && driver_registered(root))
        return std::nullopt;
    const SourceFile f = read_source(root, ".gitattributes");
    return Diagnostic{".gitattributes",
                      f.read_error.empty() ? attributes_rule_line(f.text) : 0,
                      0,
                      Severity::warning,
                      tr("git does not know crm's merge driver in this clone"),
                      tr("run crm sync")};
}

std::string sh_quote(const std::string& word) {
    const bool bare = !word.empty() &&
                      word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                             "0123456789_@+=:,./-") == std::string::npos;
    if (bare)
        return word;
    std::string out = "'";
    for (const char c : word)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

} // namespace crm::io
