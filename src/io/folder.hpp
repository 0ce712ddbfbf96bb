#pragma once
// Finding and reading the ledger folder.

#include "crm/index.hpp"
#include "crm/ledger.hpp"
#include "scan.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace crm::io {

namespace fs = std::filesystem;

// Where the folder is looked for, in order: --dir, $CRM_DIR, the nearest
// ancestor of `cwd` holding crm.toml, then `default_dir` (config.toml's
// `dir`, its ~ expanded). Throws crm::Error, saying how to make one, when
// there is none.
fs::path find_folder(const std::optional<std::string>& dir_option,
                     const std::optional<std::string>& env_dir, const fs::path& cwd,
                     const std::optional<std::string>& default_dir = std::nullopt);

// The file's bytes; on failure, read_error says why and text is empty.
SourceFile read_source(const fs::path& root, const std::string& relative);
// The same into `into`, reusing its buffers; `stat`, when given, gets the
// stat data of the file as it was opened.
void read_source(const fs::path& root, const std::string& relative, SourceFile& into,
                 FileStat* stat = nullptr);

// Whether a name in customers/ is a customer file's: *.toml, and not hidden
// (editors' and crm's own temporary files start with a dot).
bool is_customer_name(std::string_view name);

// customers/*.toml relative to root, sorted by name; hidden and temporary
// files are ignored.
std::vector<std::string> list_customer_files(const fs::path& root);

// A ledger with crm.toml's settings and diagnostics, no customers yet.
// Throws crm::Error when crm.toml cannot be read.
Ledger open_ledger(const fs::path& root);

// Reads and parses every customer file on `threads` threads, handing each
// customer to `take` (see parse_customers): what `take` does not keep is
// dropped as soon as it is parsed.
// Through the index unless `use` says no (scan_files).
void scan_customers(const fs::path& root, Ledger& ledger, unsigned threads,
                    const TakeCustomer& take, Notes notes, Logs logs, UseIndex use);

// The whole folder, each customer kept as `keep` says. Throws crm::Error
// when crm.toml cannot be read.
Ledger load_ledger(const fs::path& root, unsigned threads, Keep keep = Keep::everything,
                   UseIndex use = UseIndex::no);

// For a command that names one customer: when `query` is the id of a
// customer file (or its path), crm.toml and that file alone, whole, since an
// id match always wins (match_customer); otherwise every customer as
// Keep::identity. Logging a visit by id does not wait for 10,000 files.
Ledger load_for_query(const fs::path& root, unsigned threads, std::string_view query,
                      UseIndex use = UseIndex::no);

} // namespace crm::io
