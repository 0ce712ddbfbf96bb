#pragma once
// config.toml, the user's own settings outside any folder (crm(1), FILES):
// where it is, reading it once at the top of run(), writing it for crm init.

#include "context.hpp"

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

namespace crm::cli {

// $XDG_CONFIG_HOME/crm/config.toml when that is an absolute path, else
// $HOME/.config/crm/config.toml; nullopt without either.
std::optional<std::filesystem::path> user_config_path(const Environment& env);

// The default folder config.toml names, its ~ expanded; nullopt when there
// is no config.toml or no usable `dir`. Its problems are printed to `err` as
// file:line:column diagnostics and do not stop the command.
std::optional<std::string> read_default_dir(const Environment& env, std::ostream& err);

// Writes config.toml with `dir` as the default folder (replacing the file
// atomically; its folder made when missing). Throws crm::Error on failure.
void write_default_dir(const Environment& env, const std::string& dir);

} // namespace crm::cli
