#include "transaction.hpp"

#include "atomic_write.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "git.hpp"
#include "journal.hpp"
#include "lock.hpp"
#include "scan.hpp"
#include "update.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace crm::io {

namespace {

// "2026-12-01 10:22:03 +0800", in the local zone.
std::string local_time(std::time_t t) {
    std::tm local{};
    localtime_r(&t, &local);
    char buffer[64];
    const std::size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S %z", &local);
    return std::string(buffer, n);
}

// An existing file rewritten: `first` was made from `read`; a file that
// changed before the rename gets the change made again from what it holds.
void rewrite_existing(const Session& s, const std::string& relative, const Produce& produce,
                      const Check& check, const std::string& read, const std::string& first,
                      Written& w) {
    w.after = first;
    w.before = rewrite_file(
        s.root, relative,
        [&](std::string_view current) {
            // Made again from what the file holds now, unless it is the text
            // `first` was made from (an editor may save and then revert).
            w.after = current == read ? Content(first) : produce(std::string(current));
            if (!w.after)
                throw Error(trf("'{}' changed while crm wrote it; nothing was written", relative));
            return *w.after;
        },
        [&](std::string_view old, std::string_view written) {
            return check(std::string(old), written);
        },
        {}, &w.warning);
}

Written apply(const Session& s, const std::string& relative, const Produce& produce,
              const Check& check) {
    Written w;
    const std::optional<FileState> read = read_state(s.root / relative, relative);
    const Content first = produce(read ? Content(read->bytes) : std::nullopt);
    if (!read) {
        w.after = first;
        if (first)
            create_file(
                s.root, relative, *first,
                [&](std::string_view, std::string_view written) {
                    return check(std::nullopt, written);
                },
                &w.warning);
        return w;
    }
    if (!first) {
        remove_file(s.root, relative, read->bytes);
        w.before = read->bytes;
        return w;
    }
    rewrite_existing(s, relative, produce, check, read->bytes, *first, w);
    return w;
}

// A warning from the write itself (the folder not synced) is kept beside the
// journal's or git's.
void add_warning(std::string& warning, const std::string& text) {
    if (!text.empty())
        warning += (warning.empty() ? "" : "; ") + text;
}

void record(const Session& s, const WriteInfo& info, const std::vector<FileChange>& changes,
            WrittenSet& out) {
    JournalEntry entry{0, local_time(s.now), info.command, info.summary, info.target, {}};
    std::vector<std::string> paths;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const Written& w = out.files[i];
        if (w.before == w.after)
            continue;
        entry.files.push_back({changes[i].relative, w.before, w.after});
        paths.push_back(changes[i].relative);
    }
    // One message for one file and one for several, each translated whole.
    const auto about = [&](const char* one, const char* several, std::string_view why) {
        return paths.size() == 1 ? trf(one, paths.front(), why) : trf(several, paths.size(), why);
    };
    try {
        out.seq = append_journal(s.root, entry);
    } catch (const Error& e) {
        add_warning(out.warning,
                    about(N_("'{}' is written but cannot be undone: {}"),
                          N_("{} files are written but cannot be undone: {}"), e.what()));
    }
    if (s.update_index)
        refresh_index(s.root, paths);
    if (!s.autocommit || !is_git_work_tree(s.root))
        return;
    if (const std::string why = commit_files(s.root, paths, info.summary); !why.empty())
        add_warning(out.warning, about(N_("'{}' is written but not committed: {}"),
                                       N_("{} files are written but not committed: {}"), why));
}

// Puts back a file this write changed, while it still holds what was written.
// Returns "" when done, else why not.
std::string put_back(const Session& s, const FileChange& change, const Written& w) {
    try {
        apply(
            s, change.relative,
            [&](const Content& current) -> Content {
                if (current != w.after)
                    throw Error(tr("it changed meanwhile"));
                return w.before;
            },
            [&](const Content&, std::string_view written) {
                return w.before && written == *w.before ? std::string()
                                                        : std::string(tr("differs"));
            });
        return "";
    } catch (const Error& e) {
        return e.what();
    }
}

} // namespace

WrittenSet write_files(const Session& session, const WriteInfo& info,
                       const std::vector<FileChange>& changes) {
    const FolderLock lock(session.root);
    WrittenSet out;
    out.files.reserve(changes.size());
    for (const FileChange& change : changes) {
        try {
            out.files.push_back(apply(session, change.relative, change.produce, change.check));
        } catch (const Error& e) {
            // All or nothing: the files written so far go back, newest first.
            std::vector<std::string> kept;
            for (std::size_t i = out.files.size(); i-- > 0;) {
                if (out.files[i].before == out.files[i].after)
                    continue;
                if (const std::string why = put_back(session, changes[i], out.files[i]);
                    !why.empty())
                    kept.push_back(fmt::format("'{}' ({})", changes[i].relative, why));
            }
            if (kept.empty())
                throw;
            throw Error(trf("{}; and these files stay written, as they could not be put back: {}",
                            e.what(), fmt::join(kept, ", ")));
        }
        add_warning(out.warning, out.files.back().warning);
    }
    const bool changed = std::any_of(out.files.begin(), out.files.end(),
                                     [](const Written& w) { return w.before != w.after; });
    if (changed) // nothing changed: nothing to journal or commit
        record(session, info, changes, out);
    return out;
}

Written write_file(const Session& session, const std::string& relative, const WriteInfo& info,
                   const Produce& produce, const Check& check) {
    WrittenSet set = write_files(session, info, {{relative, produce, check}});
    Written w = std::move(set.files.front());
    w.seq = set.seq;
    w.warning = std::move(set.warning);
    return w;
}

} // namespace crm::io
