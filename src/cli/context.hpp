#pragma once
// What a command gets from the outside world, read once at the top of run():
// the global options, the environment, today's date, the streams. Commands
// take it as an argument; nothing here is global.

#include "crm/dates.hpp"
#include "crm/ledger.hpp"
#include "scan.hpp"

#include <ctime>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace crm::cli {

// Options every command accepts.
struct Globals {
    std::optional<std::string> dir;  // --dir / -C
    std::optional<std::string> date; // --date YYYY-MM-DD
    std::string color = "auto";      // --color auto|always|never
    bool no_index = false;           // --no-index
};

// The environment variables crm reads (crm(1), ENVIRONMENT).
struct Environment {
    std::optional<std::string> crm_dir;
    std::optional<std::string> crm_user;
    std::optional<std::string> visual;
    std::optional<std::string> editor;
    std::optional<std::string> user;            // $USER / $LOGNAME
    std::optional<std::string> columns;         // $COLUMNS
    std::optional<std::string> sendmail;        // $CRM_SENDMAIL
    std::optional<std::string> xdg_config_home; // $XDG_CONFIG_HOME
    std::optional<std::string> home;            // $HOME
    bool no_color = false;
    bool dumb_terminal = false; // TERM=dumb: no colour, as less and git do
    bool no_index = false;      // CRM_NO_INDEX set, not empty and not "0"
    static Environment from_process();
};

struct Context {
    Globals globals;
    Environment env;
    std::filesystem::path cwd;
    std::ostream& out;
    std::ostream& err;
    std::istream& in;
    bool out_is_tty = false;
    bool in_is_tty = false;
    // The terminal's width in columns when standard output is a terminal
    // (TIOCGWINSZ, else $COLUMNS); nullopt for a pipe or a file, whose text
    // is never wrapped.
    std::optional<std::size_t> width;
    // The moment crm started, read once: today's date (without --date) and
    // the time of the undo journal's entries come from it.
    std::time_t started = 0;
    // config.toml's default folder, read the first time folder() needs it
    // (so that its warnings are printed once).
    mutable std::optional<std::optional<std::string>> default_dir;

    // --date, else the local date (TZ respected). Throws crm::Error on a bad --date.
    Date today() const;
    // The ledger folder (--dir, $CRM_DIR, the nearest ancestor with crm.toml,
    // or config.toml's default folder).
    std::filesystem::path folder() const;
    // Whether to colour output, from --color, NO_COLOR and the terminal.
    bool color() const;
    // Every customer of the folder as who they are (Keep::identity): what
    // the writing commands search and check against. The file a command
    // writes is read again, whole, under the lock.
    Ledger load() const;
    // For a command that names one customer (io::load_for_query): by id,
    // that file alone; otherwise load(). Kept until the process ends
    // (keep_until_exit): 10,000 customers are not freed one by one.
    const Ledger& load_for(std::string_view query) const;
    // crm.toml only: the customers are left to scan().
    Ledger open() const;
    // Whether scans go through .crm/index: unless --no-index or CRM_NO_INDEX.
    io::UseIndex use_index() const;
    // How many threads read the customer files: one per core, and at least
    // eight, so that a cold disk has enough reads in flight.
    unsigned threads() const;
    // Parses every customer file on `threads` threads into `take` (see
    // parse_customers), through the index, adding the files' diagnostics
    // and counts to `ledger`. Without their notes: what scans look for is
    // never in them; with their logs as `logs` says.
    void scan(Ledger& ledger, unsigned threads, const TakeCustomer& take,
              Logs logs = Logs::last) const;
};

// The width text is wrapped to: the terminal's when `is_tty` (TIOCGWINSZ on
// `fd`, else $COLUMNS when it is a positive number), else nullopt.
std::optional<std::size_t> terminal_width(int fd, bool is_tty,
                                          const std::optional<std::string>& columns);

} // namespace crm::cli
