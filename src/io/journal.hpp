#pragma once
// The undo journal on disk: one file per write in .crm/journal/, in the
// ledger's state folder, which holds its own .gitignore so that git never
// commits it (crm(5), THE STATE FOLDER). Callers hold the folder's lock.

#include "crm/journal.hpp"

#include <cstddef>
#include <filesystem>
#include <vector>

namespace crm::io {

// How many writes the journal keeps; older ones can no longer be undone.
inline constexpr std::size_t kJournalKept = 100;

// `root`/.crm, made when missing, with a .gitignore of "*" in it (also in a
// folder made before the state folder existed). Throws crm::Error when it
// cannot be made.
// Without `journal`, .crm/journal/ is not made (the index needs only .crm/).
std::filesystem::path state_folder(const std::filesystem::path& root, bool journal = true);

// Every readable entry, oldest first; damaged ones are skipped.
std::vector<JournalEntry> read_journal(const std::filesystem::path& root);

// Writes `entry` as the next one (its seq is set here, one above the
// newest) and drops the oldest beyond kJournalKept; returns its seq. Throws
// crm::Error when the state folder cannot be written.
std::uint64_t append_journal(const std::filesystem::path& root, JournalEntry entry);

} // namespace crm::io
