#pragma once
// A whole folder in memory: its settings, every customer that could be read,
// and every problem found on the way.

#include "crm/customer.hpp"
#include "crm/diagnostic.hpp"
#include "crm/parse.hpp"
#include "crm/settings.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace crm {

struct Ledger {
    Settings settings;
    std::vector<Customer> customers;
    Diagnostics diagnostics;
    std::size_t files = 0;   // customer files looked at
    std::size_t skipped = 0; // customer files that could not be read at all
    // Those files' paths, in the order scanned: a command that names a
    // customer still finds them, to say why it refuses.
    std::vector<std::string> unreadable;

    const Customer* find(std::string_view id) const;
    // Customer files that parsed, whether or not `customers` holds them.
    std::size_t customers_read() const { return files - skipped; }
};

// A file as read from disk, before parsing.
struct SourceFile {
    std::string path; // relative to the folder
    std::string text;
    std::string read_error; // non-empty when the file could not be read
};

// Reads the file at an index of the list being parsed into `into`, in the
// thread that parses it. Each thread reuses one SourceFile, so a big text
// buffer is not allocated (and the heap not reorganised) for every file.
using ReadSource = std::function<void(std::size_t index, SourceFile& into)>;

// Receives each customer that parsed, in the thread that parsed it: `worker`
// is that thread's number (0 to threads - 1), `index` the file's place in the
// list.
using TakeCustomer = std::function<void(unsigned worker, std::size_t index, Customer&& customer)>;

// A ledger with crm.toml's settings (the defaults when it did not parse) and
// its diagnostics; no customers yet.
Ledger start_ledger(Parsed<Settings> settings);

// Parses one customer file on its own (parse_customer_text), or reports why
// it could not be read.
Parsed<Customer> parse_source_text(const SourceFile& file, Notes notes = Notes::keep);

// Makes the parse of file `index` of the list, as parse_customer_text does
// (nothing that depends on crm.toml), in the thread that asks: `worker` is
// its number. It may read the file, or find its parse elsewhere (the index).
using ParseFile = std::function<Parsed<Customer>(unsigned worker, std::size_t index)>;

// The core of parse_customers: each file's parse comes from `parse`, is
// checked against the ledger's settings (check_with_settings), and goes to
// `take`; counts, diagnostics and the checks across files as below.
void collect_customers(Ledger& ledger, const std::vector<std::string>& paths, unsigned threads,
                       const ParseFile& parse, const TakeCustomer& take);

// How many threads collect_customers uses for `files` files: small folders
// are not worth a thread.
unsigned scan_threads(unsigned threads, std::size_t files);

// Reads and parses the customer files `paths` on `threads` threads, file i on
// thread i % threads. A file's text lives only while it is parsed, and each
// customer goes to `take`: memory holds what `take` keeps, not the folder.
// Adds to `ledger` the counts, every diagnostic in file order, and the checks
// across files (ids that clash ignoring case); not the customers. `take` is
// called with worker < threads. What `read` or `take` throws stops every
// thread and is rethrown here.
void parse_customers(Ledger& ledger, const std::vector<std::string>& paths, unsigned threads,
                     const ReadSource& read, const TakeCustomer& take, Notes notes = Notes::keep);

// What load_customers keeps of each customer.
enum class Keep {
    everything,
    // who the customer is (without_history), its notes not even copied:
    // what a command searches when the user names a customer
    identity,
};

// Runs a scan of `count` files (parse_customers, or the index's) with a take
// that keeps each customer as `keep` says, then adds them to
// ledger.customers in the order of the files.
using ScanWith = std::function<void(const TakeCustomer& take, Notes notes)>;
void keep_customers(Ledger& ledger, std::size_t count, Keep keep, const ScanWith& scan);

// parse_customers keeping each customer in ledger.customers, in the order of
// `paths`.
void load_customers(Ledger& ledger, const std::vector<std::string>& paths, unsigned threads,
                    const ReadSource& read, Keep keep = Keep::everything);

// Parses crm.toml and every customer file into a ledger, in the order given
// (callers sort), on `threads` threads. Pure: the caller reads the files.
Ledger build_ledger(const SourceFile& settings_file, const std::vector<SourceFile>& customer_files,
                    unsigned threads = 1);

} // namespace crm
