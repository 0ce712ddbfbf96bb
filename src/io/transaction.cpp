#include "transaction.hpp"

#include "atomic_write.hpp"
#include "crm/error.hpp"
#include "git.hpp"
#include "journal.hpp"
#include "lock.hpp"
#include "update.hpp"

#include <fmt/format.h>

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
                throw Error(
                    fmt::format("'{}' changed while crm wrote it; nothing was written", relative));
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
void add_warning(Written& w, const std::string& text) {
    w.warning += (w.warning.empty() ? "" : "; ") + text;
}

void record(const Session& s, const std::string& relative, const WriteInfo& info, Written& w) {
    try {
        w.seq = append_journal(s.root, {0,
                                        local_time(s.now),
                                        info.command,
                                        info.summary,
                                        info.target,
                                        {{relative, w.before, w.after}}});
    } catch (const Error& e) {
        add_warning(w, fmt::format("'{}' is written but cannot be undone: {}", relative, e.what()));
    }
    if (!s.autocommit || !is_git_work_tree(s.root))
        return;
    if (const std::string why = commit_file(s.root, relative, info.summary); !why.empty())
        add_warning(w, fmt::format("'{}' is written but not committed: {}", relative, why));
}

} // namespace

Written write_file(const Session& session, const std::string& relative, const WriteInfo& info,
                   const Produce& produce, const Check& check) {
    const FolderLock lock(session.root);
    Written w = apply(session, relative, produce, check);
    if (w.before == w.after)
        return w; // nothing changed: nothing to journal or commit
    record(session, relative, info, w);
    return w;
}

} // namespace crm::io
