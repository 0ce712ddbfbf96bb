#pragma once
// Shell completion scripts for bash, zsh and fish, made from a plain
// description of the command line (the CLI layer fills it from CLI11), so
// that the scripts list exactly the options the parser knows.

#include <string>
#include <vector>

namespace crm::render {

// Where the values of an option or a positional argument come from.
enum class ValueSource {
    none,    // free text: nothing to offer
    choices, // the fixed set in CompletionArg::choices
    folder,  // `crm completion values KIND` at completion time (CompletionArg::kind)
    file,    // a file name
    dir,     // a folder name
};

// One option (names like "-C", "--dir") or positional argument (no names).
struct CompletionArg {
    std::vector<std::string> names;
    std::string label; // the value's name: "DIR", "NAME", "date|value|name|region"
    std::string help;
    bool takes_value = false;
    bool repeatable = false;
    ValueSource source = ValueSource::none;
    std::vector<std::string> choices;
    std::string kind; // for ValueSource::folder: "name", "class", "product", …
};

struct CompletionCommand {
    std::string name;
    std::string help;
    std::vector<CompletionArg> options;
    std::vector<CompletionArg> positionals; // in order; the last may be repeatable
};

struct CompletionSpec {
    std::string program; // "crm"
    std::vector<CompletionArg> globals;
    std::vector<CompletionCommand> commands;
};

// The script for `source` (bash ≥ 4.4, with or without bash-completion),
// defining _<program> and `complete -F _<program> <program>`.
std::string completion_bash(const CompletionSpec& spec);

// A #compdef file for zsh's compinit (it also works when sourced).
std::string completion_zsh(const CompletionSpec& spec);

// `complete` commands for fish (vendor_completions.d).
std::string completion_fish(const CompletionSpec& spec);

} // namespace crm::render
