#pragma once
// What the writing commands (log, sell, pay, add, edit, undo) share: finding the customer the
// user named, who is writing, and the optional git commit.

#include "context.hpp"
#include "crm/edit.hpp"
#include "transaction.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

namespace crm::cli {

// The customer file a command writes.
struct Target {
    std::string id;
    std::string path;                   // "customers/<id>.toml"
    const Customer* customer = nullptr; // null when the file does not parse
};

// Finds the customer `query` names (crm/match.hpp). When there is none, or
// several, prints why to ctx.err (the candidates, or the nearest names) and
// returns nullopt: the caller exits with Exit::usage.
// `writes` says whether the command would have written (the message then
// says that nothing was).
std::optional<Target> find_target(const Context& ctx, const Ledger& ledger, std::string_view query,
                                  bool writes = true);

// Why a file with a merge conflict at `line` is not used, ending with how
// to resolve it; `outcome` says what the command did ("nothing was written").
std::string conflict_refusal(const std::string& path, const std::string& id, unsigned line,
                             std::string_view outcome);

// Throws crm::Error, after printing the file's errors, when the target's file
// does not parse or holds a merge conflict: only `crm edit` may open such a
// file.
void refuse_unparsable(const Context& ctx, const Ledger& ledger, const Target& target);

// Who is writing, when --by is not given: crm.toml's [me] name, else
// $CRM_USER, else git's user.name, else the login name; "" if none is known.
std::string default_by(const Context& ctx, const Settings& s, const std::filesystem::path& root);

// How this run writes the folder: where, whether git commits, and when.
io::Session session(const Context& ctx, const Settings& s, const std::filesystem::path& root);

// Writes the customer file `relative` through the one write path
// (io::write_file) and prints its warning, if any, to ctx.err.
io::Written write_customer(const Context& ctx, const Settings& s, const std::filesystem::path& root,
                           const std::string& relative, const io::WriteInfo& info,
                           const io::Produce& produce, const io::Check& check);

// Writes several customer files as one write (io::write_files): one lock,
// one journal entry, one commit; all or none. Prints the warning, if any.
io::WrittenSet write_customers(const Context& ctx, const Settings& s,
                               const std::filesystem::path& root, const io::WriteInfo& info,
                               const std::vector<io::FileChange>& changes);

// Appends the entries of `change` to the target's file (log, sell, pay)
// through write_customer, after `refuse` has seen the file as it is under
// the lock (a check that depends on it throws there). Returns the text
// written.
std::string append_change(const Context& ctx, const Settings& s, const std::filesystem::path& root,
                          const Target& t, const io::WriteInfo& info, const Change& change,
                          const std::function<void(std::string_view current)>& refuse = {});

// "next revisit Fri 2026-11-27" for the customer as `text` now reads, or
// "no revisit (no class)" — the end of the line a write prints.
std::string next_revisit_phrase(std::string_view text, const std::string& path, const Settings& s,
                                Date today);

// Refuses more words than a command takes (crm log Sarah Miller "met at
// fair" would log "Miller met at fair" for Sarah): throws UsageError naming
// the reading probably meant, found by trying the first words together as a
// customer's name or phone, else quoting the last argument (a note) or the
// name (when the last argument is one word, a product or an amount: then
// `note_last` is false). `words` are the positional words, `names` what the
// command takes ("NAME", "NOTE").
void refuse_extra_words(const Ledger& ledger, std::string_view command,
                        const std::vector<std::string>& words,
                        const std::vector<std::string>& names, bool note_last);

// "600 TWD", or "600" when crm.toml has no currency.
std::string money_text(Money m, const Settings& s);

// "owes 600 TWD, to collect Sat 2026-12-05 (payday)", "owes 600 TWD, overdue
// since Mon 2026-10-05 (payday)", "nothing owed", "a credit of 400 TWD".
std::string owed_phrase(const Customer& c, const Settings& s, Date today);

// An amount typed on the command line, at most two decimals and at most
// kMaxAmount: above 0, or 0 too when `zero` says so. Throws UsageError naming
// `what` ("--paid", "AMOUNT") otherwise.
Money amount_option(std::string_view what, const std::string& text, bool zero = false);

// "2026-12-01" or an interval from `today` ("30d"), for --due and --next;
// throws UsageError naming `option` otherwise.
Date date_or_interval(std::string_view option, const std::string& value, Date today);

// The customer file as it is now, whole, with its history (a query by name
// loads customers without it). Throws crm::Error when it does not parse.
Customer read_customer(const std::filesystem::path& root, const std::string& path,
                       const Settings& s);

// `word` quoted for a POSIX shell when it needs it: 'Sarah Miller'.
std::string shell_quote(std::string_view word);

// A bad option value found after parsing (a class crm.toml lacks, an amount
// that is not one): "crm: error: …" and Exit::usage.
class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Runs `run`, turning a UsageError into its message and Exit::usage.
int catching_usage(const Context& ctx, const std::function<int()>& run);

// The customer's name for messages: the name, else the id.
std::string display_name(const Target& t);

} // namespace crm::cli
