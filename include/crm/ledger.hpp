#pragma once
// A whole folder in memory: its settings, every customer that could be read,
// and every problem found on the way.

#include "crm/customer.hpp"
#include "crm/diagnostic.hpp"
#include "crm/parse.hpp"
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

// What the loader keeps of each customer. The agenda needs the purchases and
// the newest contact, not the notes or the older contacts; keeping every
// log of 100,000 customers would take gigabytes.
enum class Keep { everything, agenda };

// Parses one customer file, or reports why it could not be read.
Parsed<Customer> parse_source(const SourceFile& file, const Settings& settings, Keep keep);

// Puts parsed files together, in the order given: customers that parsed,
// every diagnostic, and the cross-file checks (ids that clash ignoring case).
Ledger assemble_ledger(Parsed<Settings> settings, const std::vector<std::string>& paths,
                       std::vector<Parsed<Customer>> customers);

// Parses crm.toml and every customer file into a ledger, in the order given
// (callers sort), on `threads` threads. Pure: the caller reads the files.
Ledger build_ledger(const SourceFile& settings_file, const std::vector<SourceFile>& customer_files,
                    unsigned threads = 1, Keep keep = Keep::everything);

} // namespace crm
