#pragma once
// The undo journal: what each write of crm did to the folder's files, kept in
// the state folder .crm/ (crm(5), THE STATE FOLDER), so that `crm undo` can
// take a write back byte for byte. Pure: entries are values, written as text
// and read back; the io layer keeps the files.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm {

// One file a write changed: its bytes before and after (nullopt: it did not
// exist before, or it was removed).
struct JournalFile {
    std::string path; // relative to the folder
    std::optional<std::string> before;
    std::optional<std::string> after;
    bool operator==(const JournalFile&) const = default;
};

// One write. `command` is the command that wrote ("log", "sell", "add",
// …), or "undo" / "redo" with `target` the entry taken back or made again.
struct JournalEntry {
    std::uint64_t seq = 0;
    std::string time;    // when it was written, "2026-12-01 10:22:03 +0800"
    std::string command; // log, sell, pay, add, edit, undo, redo, …
    std::string summary; // one line: "log: 張偉 — visit" (the commit message too)
    std::optional<std::uint64_t> target;
    std::vector<JournalFile> files;
    bool operator==(const JournalEntry&) const = default;
};

// The entry as the bytes of its journal file: a header of "key: value"
// lines, a blank line, then each file's bytes, as long as the header says.
std::string format_entry(const JournalEntry& e);

// The entry back from format_entry's bytes; nullopt when they are damaged
// (cut short, an unknown version): such an entry is ignored, never guessed.
std::optional<JournalEntry> parse_entry(std::string_view bytes);

// Which writes are in effect and which have been taken back, from the whole
// journal in order: a write is done; `undo` moves its target to undone;
// `redo` moves it back; a new write forgets what was undone (as editors do).
struct UndoState {
    std::vector<std::uint64_t> done;   // oldest first: undo takes the last
    std::vector<std::uint64_t> undone; // redo takes the last
};
UndoState replay(const std::vector<JournalEntry>& entries);

} // namespace crm
