#pragma once
// What the writing commands (log, add, edit) share: finding the customer the
// user named, who is writing, and the optional git commit.

#include "context.hpp"

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
std::optional<Target> find_target(const Context& ctx, const Ledger& ledger,
                                  const std::filesystem::path& root, std::string_view query);

// Throws crm::Error, after printing the file's errors, when the target's file
// does not parse: only `crm edit` may open such a file.
void refuse_unparsable(const Context& ctx, const Ledger& ledger, const Target& target);

// Who is writing, when --by is not given: crm.toml's [me] name, else
// $CRM_USER, else git's user.name, else the login name; "" if none is known.
std::string default_by(const Context& ctx, const Settings& s, const std::filesystem::path& root);

// Commits `relative` when crm.toml asks for it and the folder is a git work
// tree. A failed commit is a warning: the file itself is written.
void autocommit(const Context& ctx, const Settings& s, const std::filesystem::path& root,
                const std::string& relative, const std::string& message);

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
