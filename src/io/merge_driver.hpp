#pragma once
// Telling git to merge customer files with `crm merge-file`: the rule in the
// ledger's .gitattributes (committed, so every clone has it) and the driver
// in the repository's own config (per clone: git never copies config).

#include "crm/diagnostic.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace crm::io {

// The .gitattributes line: customer files, in nested folders too, use the
// merge driver named "crm".
inline constexpr const char* kAttributesRule = "customers/**/*.toml merge=crm";

// The 1-based line of `text` (a .gitattributes) holding that rule, or 0.
unsigned attributes_rule_line(std::string_view text);

// Adds the rule to `root`/.gitattributes, creating the file, unless it
// holds it; an existing file is only appended to. Returns whether it wrote.
// Throws crm::Error when the file cannot be read or written.
bool ensure_attributes(const std::filesystem::path& root);

// What git runs for a merge: "crm merge-file %O %A %B %P", crm named "crm"
// when that is what $PATH finds (this very executable), else by its
// absolute path, quoted for sh (git runs the driver through a shell).
std::string driver_command();

// Whether git, seen from `root`, knows the driver (merge.crm.driver set in
// any of its config files).
bool driver_registered(const std::filesystem::path& root);

// Registers the driver (merge.crm.name and merge.crm.driver) in the config
// of `root`'s repository, unless git knows it. Returns whether it wrote.
// Throws crm::Error when git cannot write its config.
bool ensure_driver(const std::filesystem::path& root);

// What `crm check` says in a git work tree that would not merge customer
// files with crm (the rule missing, or the driver unknown in this clone):
// a warning at the rule's line in .gitattributes, telling to run crm sync.
// nullopt when all is set, or outside git.
std::optional<Diagnostic> merge_setup_warning(const std::filesystem::path& root);

// `word` as sh reads it back: bare when it is made of safe characters,
// else in single quotes.
std::string sh_quote(const std::string& word);

} // namespace crm::io
