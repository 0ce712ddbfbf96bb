#pragma once
// Problems found in the user's files are values, not exceptions: the loader
// collects them and keeps going, and one renderer prints them all alike.

#include <string>
#include <vector>

namespace crm {

enum class Severity { warning, error };

// One problem at a place in a file. `line` and `column` are 1-based; column
// counts Unicode characters (not bytes) after any byte-order mark; 0 means
// "the whole file" or "the whole line".
struct Diagnostic {
    std::string path; // relative to the ledger folder, e.g. "customers/zhang-wei.toml"
    unsigned line = 0;
    unsigned column = 0;
    Severity severity = Severity::error;
    std::string message; // lowercase, no final full stop, subject quoted
    std::string hint;    // optional fix, e.g. "did you mean 'now'?"

    bool operator==(const Diagnostic&) const = default;
};

using Diagnostics = std::vector<Diagnostic>;

// "customers/x.toml:12:5: error: message (hint)", the GNU form editors jump to.
std::string format_diagnostic(const Diagnostic& d);

// Sorts by line and column, keeping the order of equal positions: toml++
// visits keys alphabetically, people read files top to bottom.
void sort_by_position(Diagnostics& ds);

std::size_t count_errors(const Diagnostics& ds);
std::size_t count_warnings(const Diagnostics& ds);

} // namespace crm
