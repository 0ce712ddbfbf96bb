#pragma once
// Usage errors in crm's own words: what CLI11 found wrong with the command
// line, said as a sentence with a "did you mean" where one fits.

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace crm::cli {

// The message for a command line `app` refused with `e` (app already holds
// every command and option).
std::string usage_message(const CLI::App& app, const CLI::ParseError& e,
                          const std::vector<std::string>& args);

// The command the arguments name (the first word that is not an option or
// an option's value), if any.
std::optional<std::string> command_word(const std::vector<std::string>& args);

} // namespace crm::cli
