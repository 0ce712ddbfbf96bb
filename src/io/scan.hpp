#pragma once
// Reading customer files into a ledger through the index (.crm/index): a
// file whose stat data matches its entry is not read, its entry's parse is
// used; the others are read and parsed, and the index is rewritten with
// them. The result is the same as reading every file (tests/stress/
// index_equivalence.py holds crm to that).

#include "crm/ledger.hpp"
#include "index_file.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace crm::io {

// --no-index and CRM_NO_INDEX=1 make every scan read every file, and leave
// the index alone.
enum class UseIndex { no, yes };

// Parses the customer files `names` (sorted, relative to `root`) into
// `ledger` as parse_customers does, on `threads` threads, each customer's
// logs as `logs` says (keep_last_contact), whether it comes from the index
// or from its file; with Logs::none, what without_history() drops may or
// may not be there (the caller drops it), and with Logs::check all but the
// class and a conflict. The index holds no notes: Notes::keep reads every file.
// `files`, when given, is the folder's index as the caller already read it.
void scan_files(const std::filesystem::path& root, const std::vector<std::string>& names,
                Ledger& ledger, unsigned threads, const TakeCustomer& take, Notes notes, Logs logs,
                UseIndex use, std::unique_ptr<IndexFiles> files = nullptr);

// After a write: the entries of `paths` in the folder's index, if it has
// one, are made again from the files (or dropped when a file is gone).
// Never fails: an index that cannot be updated is left for the next scan,
// which finds the files changed.
void refresh_index(const std::filesystem::path& root, const std::vector<std::string>& paths);

} // namespace crm::io
