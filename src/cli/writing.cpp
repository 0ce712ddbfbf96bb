#include "writing.hpp"

#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "crm/match.hpp"
#include "crm/merge.hpp"
#include "crm/names.hpp"
#include "crm/outlook.hpp"
#include "crm/parse.hpp"
#include "crm/text.hpp"
#include "diagnostics.hpp"
#include "exit_soon.hpp"
#include "folder.hpp"
#include "git.hpp"
#include "phrases.hpp"
#include "update.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <ostream>
#include <pwd.h>
#include <unistd.h>

namespace crm::cli {

namespace {

// Every customer file, parsed or not: a file with a syntax error must still
// be found, so that the user hears why it is refused.
std::vector<Candidate> candidates(const Ledger& ledger) {
    std::vector<Candidate> out;
    out.reserve(ledger.customers.size() + ledger.unreadable.size());
    for (const Customer& c : ledger.customers)
        out.push_back(candidate_of(c));
    for (const std::string& path : ledger.unreadable)
        out.push_back({id_from_path(path), "", "", {}, {}});
    return out;
}

// "  zhang-wei  張偉  Taipei/Da'an", columns aligned for CJK names too; with
// "  (person 李經理)" after it when found through one of its people (`via`,
// beside `which`).
std::string listing(const std::vector<Candidate>& cs, const std::vector<std::size_t>& which,
                    const std::vector<std::string>& via = {}) {
    std::size_t id_width = 0;
    std::size_t name_width = 0;
    for (const std::size_t i : which) {
        id_width = std::max(id_width, display_width(visible(cs[i].id)));
        name_width = std::max(name_width, display_width(visible(cs[i].name)));
    }
    std::string out;
    for (std::size_t k = 0; k < which.size(); ++k) {
        const std::size_t i = which[k];
        std::string line =
            fmt::format("  {}  {}  {}", pad_right(visible(cs[i].id), id_width),
                        pad_right(visible(cs[i].name), name_width), visible(cs[i].region));
        line.erase(line.find_last_not_of(' ') + 1);
        if (k < via.size() && !via[k].empty())
            line += trf("  (person {})", visible(via[k]));
        out += line + "\n";
    }
    return out;
}

} // namespace

std::optional<Target> find_target(const Context& ctx, const Ledger& ledger, std::string_view query,
                                  bool writes) {
    const std::vector<Candidate>& cs = keep_until_exit(candidates(ledger));
    const Match m = match_customer(cs, query);
    if (m.found.size() == 1) {
        const Candidate& c = cs[m.found.front()];
        return Target{c.id, fmt::format("customers/{}.toml", c.id), ledger.find(c.id)};
    }
    if (!m.found.empty()) {
        ctx.err << "crm: error: "
                << trf("'{}' matches {} customers{}\n{}name one of them by its id\n",
                       visible(query), m.found.size(), writes ? tr("; nothing was written") : "",
                       listing(cs, m.found, m.via));
    } else if (!m.nearest.empty()) {
        ctx.err << "crm: error: "
                << trf("no customer matches '{}'; did you mean\n{}", visible(query),
                       listing(cs, m.nearest));
    } else {
        ctx.err << "crm: error: "
                << trf("no customer matches '{}' (to add one: crm add NAME)\n", visible(query));
    }
    return std::nullopt;
}

std::string conflict_refusal(const std::string& path, const std::string& id, unsigned line,
                             std::string_view outcome) {
    return trf("'{}' has an unresolved git merge conflict at line {}; {}. To resolve it, "
               "keep the lines you want and delete the <<<<<<<, ======= and >>>>>>> "
               "lines ('crm edit {}' opens the file), then run crm check and crm sync",
               path, line, outcome, id);
}

void refuse_unparsable(const Context& ctx, const Ledger& ledger, const Target& target) {
    if (target.customer && !target.customer->conflict_line)
        return;
    Diagnostics errors;
    for (const Diagnostic& d : ledger.diagnostics)
        if (d.path == target.path && d.severity == Severity::error)
            errors.push_back(d);
    ctx.err << render::diagnostics_text(errors);
    if (target.customer)
        throw Error(conflict_refusal(target.path, target.id, *target.customer->conflict_line,
                                     tr("nothing was written")));
    const unsigned line = errors.empty() ? 0 : errors.front().line;
    if (line == 0) // not a syntax error: the file could not be read at all
        throw Error(trf("'{}' cannot be read; nothing was written", target.path));
    throw Error(trf("'{}' does not parse; fix line {} first, or use 'crm edit {}'", target.path,
                    line, target.id));
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

io::Session session(const Context& ctx, const Settings& s, const std::filesystem::path& root) {
    return {root, s.git_autocommit, ctx.started, ctx.use_index() == io::UseIndex::yes};
}

io::Written write_customer(const Context& ctx, const Settings& s, const std::filesystem::path& root,
                           const std::string& relative, const io::WriteInfo& info,
                           const io::Produce& produce, const io::Check& check) {
    io::Written w = io::write_file(session(ctx, s, root), relative, info, produce, check);
    if (!w.warning.empty())
        ctx.err << fmt::format("crm: warning: {}\n", visible(w.warning));
    return w;
}

io::WrittenSet write_customers(const Context& ctx, const Settings& s,
                               const std::filesystem::path& root, const io::WriteInfo& info,
                               const std::vector<io::FileChange>& changes) {
    io::WrittenSet w = io::write_files(session(ctx, s, root), info, changes);
    if (!w.warning.empty())
        ctx.err << fmt::format("crm: warning: {}\n", visible(w.warning));
    return w;
}

std::string append_change(const Context& ctx, const Settings& s, const std::filesystem::path& root,
                          const Target& t, const io::WriteInfo& info, const Change& change,
                          const std::function<void(std::string_view current)>& refuse) {
    const io::Written w = write_customer(
        ctx, s, root, t.path, info,
        [&](const io::Content& current) -> io::Content {
            if (!current)
                throw Error(trf("'{}' no longer exists (deleted or renamed meanwhile); "
                                "nothing was written",
                                t.path));
            if (const auto conflicts = find_conflicts(*current); !conflicts.empty())
                throw Error(
                    conflict_refusal(t.path, t.id, conflicts.front().begin, "nothing was written"));
            if (refuse)
                refuse(*current);
            Edited e = apply_change(*current, change);
            if (!e.ok())
                throw Error(trf("cannot add to '{}': {}; {}", t.path, e.error, e.hint));
            return e.text;
        },
        [&](const io::Content& before, std::string_view written) {
            return verify_change(before.value_or(""), written, change);
        });
    return w.after.value_or("");
}

std::string next_revisit_phrase(std::string_view text, const std::string& path, const Settings& s,
                                Date today) {
    const Parsed<Customer> parsed = parse_customer(text, path, s, Notes::skip);
    if (!parsed.value)
        return "";
    if (parsed.value->class_name.empty())
        return tr("no revisit (no class)");
    const auto next = next_revisit(*parsed.value, s, today);
    if (!next)
        return trf("no revisit (class '{}' is not in crm.toml)", visible(parsed.value->class_name));
    return trf("next revisit {}", render::day_and_date(next->date, today));
}

std::string money_text(Money m, const Settings& s) {
    return s.currency.empty() ? format_money(m)
                              : fmt::format("{} {}", format_money(m), visible(s.currency));
}

std::string owed_phrase(const Customer& c, const Settings& s, Date today) {
    const Money owed = balance(c);
    if (owed < Money{})
        return trf("a credit of {}", money_text(Money{} - owed, s));
    if (owed == Money{})
        return tr("nothing owed");
    const std::vector<Collection> due = collections_of(c);
    if (due.empty())
        return trf("owes {}", money_text(owed, s));
    const Collection& first = due.front();
    const char* why = first.from == Collection::From::due      ? tr(" (due date)")
                      : first.from == Collection::From::payday ? tr(" (payday)")
                                                               : "";
    const char* line =
        first.on < today ? tr("owes {}, overdue since {}{}") : tr("owes {}, to collect {}{}");
    return fmt::format(fmt::runtime(line), money_text(owed, s),
                       render::day_and_date(first.on, today), why);
}

Money amount_option(std::string_view what, const std::string& text, bool zero) {
    const auto m = parse_money(text);
    if (!m || *m < Money{} || (*m == Money{} && !zero) || *m > kMaxAmount)
        throw UsageError(trf("{} '{}' is not an amount {}like 300 or 12.50", what, visible(text),
                             zero ? "" : tr("above 0 ")));
    return *m;
}

Date date_or_interval(std::string_view option, const std::string& value, Date today) {
    if (auto d = parse_date(value))
        return *d;
    if (auto i = parse_interval(value))
        return add(today, *i);
    throw UsageError(trf("{} '{}' is neither a date (2026-12-01) nor an interval (7d, "
                         "2w, 1m)",
                         option, visible(value)));
}

Customer read_customer(const std::filesystem::path& root, const std::string& path,
                       const Settings& s) {
    Parsed<Customer> parsed = parse_customer(io::read_file(root, path), path, s);
    if (!parsed.value)
        throw Error(trf("'{}' does not parse; run 'crm check'", path));
    return std::move(*parsed.value);
}

std::string shell_quote(std::string_view word) {
    if (!word.empty() &&
        word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                               "-_./+@:,=") == std::string_view::npos)
        return std::string(word);
    std::string out = "'";
    for (const char c : word)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

namespace {

std::string joined(const std::vector<std::string>& words, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to; ++i)
        out += (i == from ? "" : " ") + words[i];
    return out;
}

// The command line with `words` regrouped: the first `name_words` as the
// name, the last argument taking the rest.
std::string regrouped(std::string_view command, const std::vector<std::string>& words,
                      std::size_t name_words, std::size_t takes) {
    std::vector<std::string> args{joined(words, 0, name_words)};
    for (std::size_t i = name_words; i < words.size(); ++i)
        if (args.size() < takes)
            args.push_back(words[i]);
        else
            args.back() += " " + words[i];
    std::string out = fmt::format("crm {}", command);
    for (const std::string& a : args)
        out += " " + shell_quote(a);
    return visible(out);
}

} // namespace

void refuse_extra_words(const Ledger& ledger, std::string_view command,
                        const std::vector<std::string>& words,
                        const std::vector<std::string>& names, bool note_last) {
    const std::size_t takes = names.size();
    if (words.size() <= takes)
        return;
    const std::string what = trf("crm {} takes {}, and got {} words; nothing was written", command,
                                 fmt::join(names, " and "), words.size());
    const std::vector<Candidate> cs = candidates(ledger);
    // The longest run of first words that names one customer is the likely name.
    for (std::size_t k = words.size() - takes + 1; k >= 2; --k) {
        const Match m = match_customer(cs, joined(words, 0, k));
        if (m.found.size() == 1 && m.by != MatchBy::substring)
            throw UsageError(trf("{} (quote a name or number with spaces: {})", what,
                                 regrouped(command, words, k, takes)));
    }
    if (!note_last)
        throw UsageError(trf("{} (quote a name or number with spaces: {})", what,
                             regrouped(command, words, words.size() - takes + 1, takes)));
    throw UsageError(trf("{} (quote the {} when it has spaces: {})", what,
                         ascii_lower(names.back()), regrouped(command, words, 1, takes)));
}

int catching_usage(const Context& ctx, const std::function<int()>& run) {
    try {
        return run();
    } catch (const UsageError& e) {
        ctx.err << fmt::format("crm: error: {}\n", visible_lines(e.what()));
        return static_cast<int>(Exit::usage);
    }
}

std::string display_name(const Target& t) {
    return t.customer && !t.customer->name.empty() ? t.customer->name : t.id;
}

} // namespace crm::cli
