#include "writing.hpp"

#include "crm/error.hpp"
#include "crm/match.hpp"
#include "crm/parse.hpp"
#include "crm/text.hpp"
#include "diagnostics.hpp"
#include "folder.hpp"
#include "git.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <ostream>
#include <pwd.h>
#include <unistd.h>
#include <unordered_set>

namespace crm::cli {

namespace {

// Every customer file, parsed or not: a file with a syntax error must still
// be found, so that the user hears why it is refused.
std::vector<Candidate> candidates(const Ledger& ledger, const std::filesystem::path& root) {
    std::vector<Candidate> out;
    std::unordered_set<std::string_view> parsed;
    for (const Customer& c : ledger.customers) {
        out.push_back(candidate_of(c));
        parsed.insert(c.id);
    }
    for (const std::string& path : io::list_customer_files(root)) {
        std::string id = id_from_path(path);
        if (!parsed.contains(id))
            out.push_back({std::move(id), "", "", ""});
    }
    return out;
}

// "  zhang-wei  張偉  Taipei/Da'an", columns aligned for CJK names too.
std::string listing(const std::vector<Candidate>& cs, const std::vector<std::size_t>& which) {
    std::size_t id_width = 0;
    std::size_t name_width = 0;
    for (const std::size_t i : which) {
        id_width = std::max(id_width, display_width(cs[i].id));
        name_width = std::max(name_width, display_width(cs[i].name));
    }
    std::string out;
    for (const std::size_t i : which) {
        std::string line = fmt::format("  {}  {}  {}", pad_right(cs[i].id, id_width),
                                       pad_right(cs[i].name, name_width), cs[i].region);
        out += line.substr(0, line.find_last_not_of(' ') + 1) + "\n";
    }
    return out;
}

} // namespace

std::optional<Target> find_target(const Context& ctx, const Ledger& ledger,
                                  const std::filesystem::path& root, std::string_view query) {
    const std::vector<Candidate> cs = candidates(ledger, root);
    const Match m = match_customer(cs, query);
    if (m.found.size() == 1) {
        const Candidate& c = cs[m.found.front()];
        return Target{c.id, fmt::format("customers/{}.toml", c.id), ledger.find(c.id)};
    }
    if (!m.found.empty()) {
        ctx.err << fmt::format("crm: error: '{}' matches {} customers; nothing was written\n{}"
                               "name one of them by its id\n",
                               query, m.found.size(), listing(cs, m.found));
    } else if (!m.nearest.empty()) {
        ctx.err << fmt::format("crm: error: no customer matches '{}'; did you mean\n{}", query,
                               listing(cs, m.nearest));
    } else {
        ctx.err << fmt::format("crm: error: no customer matches '{}' (to add one: crm add "
                               "NAME)\n",
                               query);
    }
    return std::nullopt;
}

void refuse_unparsable(const Context& ctx, const Ledger& ledger, const Target& target) {
    if (target.customer)
        return;
    Diagnostics errors;
    for (const Diagnostic& d : ledger.diagnostics)
        if (d.path == target.path && d.severity == Severity::error)
            errors.push_back(d);
    ctx.err << render::diagnostics_text(errors);
    const unsigned line = errors.empty() ? 0 : errors.front().line;
    if (line == 0) // not a syntax error: the file could not be read at all
        throw Error(fmt::format("'{}' cannot be read; nothing was written", target.path));
    throw Error(fmt::format("'{}' does not parse; fix line {} first, or use 'crm edit {}'",
                            target.path, line, target.id));
}

std::string default_by(const Context& ctx, const Settings& s, const std::filesystem::path& root) {
    if (!s.me.empty())
        return s.me;
    if (ctx.env.crm_user && !ctx.env.crm_user->empty())
        return *ctx.env.crm_user;
    if (auto name = io::git_user_name(root))
        return *name;
    if (ctx.env.user && !ctx.env.user->empty())
        return *ctx.env.user;
    if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_name)
        return pw->pw_name;
    return "";
}

void autocommit(const Context& ctx, const Settings& s, const std::filesystem::path& root,
                const std::string& relative, const std::string& message) {
    if (!s.git_autocommit || !io::is_git_work_tree(root))
        return;
    if (const std::string why = io::commit_file(root, relative, message); !why.empty())
        ctx.err << fmt::format("crm: warning: '{}' is written but not committed: {}\n", relative,
                               why);
}

int catching_usage(const Context& ctx, const std::function<int()>& run) {
    try {
        return run();
    } catch (const UsageError& e) {
        ctx.err << fmt::format("crm: error: {}\n", e.what());
        return static_cast<int>(Exit::usage);
    }
}

std::string display_name(const Target& t) {
    return t.customer && !t.customer->name.empty() ? t.customer->name : t.id;
}

} // namespace crm::cli
