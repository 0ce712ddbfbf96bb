#pragma once
// The user's own settings, outside any folder: $XDG_CONFIG_HOME/crm/config.toml
// (crm(1), FILES). Today one key, the default folder.

#include "crm/parse.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace crm {

struct UserConfig {
    // The folder crm uses when neither -C, $CRM_DIR nor an enclosing folder
    // names one, as written ("~/customers"; see expand_home).
    std::optional<std::string> dir;
};

// config.toml's text. Unknown keys are warnings; a `dir` that is not a
// non-empty string is an error and left unset.
Parsed<UserConfig> parse_user_config(std::string_view text, std::string_view path);

// `path` with a leading "~" or "~/" replaced by `home`; other paths as they are.
std::string expand_home(std::string_view path, std::string_view home);

// The line config.toml holds to make `dir` the default folder, with the
// string quoted as TOML needs it.
std::string user_config_text(std::string_view dir);

} // namespace crm
