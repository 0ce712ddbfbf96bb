#pragma once
// A whole folder in memory: its settings, every customer that could be read,
// and every problem found on the way.

#include "crm/customer.hpp"
#include "crm/diagnostic.hpp"
#include "crm/settings.hpp"

#include <string>
#include <vector>

namespace crm {

struct Ledger {
    Settings settings;
    std::vector<Customer> customers;
    Diagnostics diagnostics;
    std::size_t files = 0;   // customer files looked at
    std::size_t skipped = 0; // customer files that could not be read at all

    const Customer* find(std::string_view id) const;
};

// A file as read from disk, before parsing.
struct SourceFile {
    std::string path; // relative to the folder
    std::string text;
    std::string read_error; // non-empty when the file could not be read
};

// Parses crm.toml and every customer file into a ledger, in the order given
// (callers sort). Files that do not parse are skipped with their errors;
// cross-file checks (ids that clash ignoring case) are added. Pure: the
// caller reads the files. Parses customers on `threads` threads.
Ledger build_ledger(const SourceFile& settings_file, const std::vector<SourceFile>& customer_files,
                    unsigned threads = 1);

} // namespace crm
