#pragma once
// The one way crm writes a customer file, for every command that writes
// (log, sell, pay, add, edit, undo, …): under the folder's lock, read the
// file, make the new text, write it beside the file, read it back and check
// it, sync it, and move it into place only while the file is still the one
// read; then record the write in the undo journal and, when crm.toml asks,
// commit it to git. Nothing here knows what a customer is: the command
// gives the change and the check.

#include <ctime>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::io {

// Where and how the folder is written.
struct Session {
    std::filesystem::path root;
    bool autocommit = false;  // [git] autocommit in crm.toml
    std::time_t now = 0;      // when the write happens, for the journal
    bool update_index = true; // refresh the written files' entries in .crm/index
};

// What the write is, for the undo journal and the git commit.
struct WriteInfo {
    std::string command; // "log", "sell", …, "undo", "redo"
    std::string summary; // one line, e.g. "log: 張偉 — visit": the journal's and the commit's
    std::optional<std::uint64_t> target = {}; // for undo and redo: the entry concerned
};

// A file's bytes, or nullopt when it does not exist.
using Content = std::optional<std::string>;

// Makes the new content from the current one: nullopt removes the file.
// Runs under the lock, and again when the file changed meanwhile; throws
// crm::Error to refuse, leaving everything as it was.
using Produce = std::function<Content(const Content& current)>;

// What is wrong with `written` as a successor of `before`, or "".
using Check = std::function<std::string(const Content& before, std::string_view written)>;

// What the write did. `warning` is set when the file is written but the
// journal or git could not follow (the caller prints it; the write stands).
struct Written {
    Content before;
    Content after;
    std::uint64_t seq = 0; // the journal entry; 0 when none could be written
    std::string warning;
};

// One file of a write that changes several at once.
struct FileChange {
    std::string relative;
    Produce produce;
    Check check;
};

// What a write of several files did: each file's Written (its seq and
// warning unset), the one journal entry, and the warnings of all.
struct WrittenSet {
    std::vector<Written> files;
    std::uint64_t seq = 0;
    std::string warning;
};

// Writes every file of `changes` as write_file() does, under one lock, as
// one journal entry (one `crm undo` takes them all back) and one git
// commit. When one file cannot be written, those already written are put
// back as they were before the error is thrown, so either all are written
// or none.
WrittenSet write_files(const Session& session, const WriteInfo& info,
                       const std::vector<FileChange>& changes);

// Writes `relative` as `produce` says, as described above. A file that does
// not exist is created (never over one made meanwhile); one that the
// change removes is removed only if it still holds what was read. Throws
// crm::Error when the lock, the read, the check or the write fails: the
// file is then as it was.
Written write_file(const Session& session, const std::string& relative, const WriteInfo& info,
                   const Produce& produce, const Check& check);

} // namespace crm::io
