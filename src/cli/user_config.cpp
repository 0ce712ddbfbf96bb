#include "user_config.hpp"

#include "atomic_write.hpp"
#include "crm/config.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "diagnostics.hpp"
#include "folder.hpp"

namespace crm::cli {

namespace fs = std::filesystem;

std::optional<fs::path> user_config_path(const Environment& env) {
    if (env.xdg_config_home && fs::path(*env.xdg_config_home).is_absolute())
        return fs::path(*env.xdg_config_home) / "crm" / "config.toml";
    if (env.home && !env.home->empty())
        return fs::path(*env.home) / ".config" / "crm" / "config.toml";
    return std::nullopt;
}

std::optional<std::string> read_default_dir(const Environment& env, std::ostream& err) {
    const auto path = user_config_path(env);
    std::error_code ec;
    if (!path || !fs::exists(*path, ec))
        return std::nullopt;
    const SourceFile file = io::read_source(path->parent_path(), path->filename().string());
    if (!file.read_error.empty()) {
        err << trf("crm: warning: cannot read '{}': {}\n", path->string(), file.read_error);
        return std::nullopt;
    }
    const Parsed<UserConfig> parsed = parse_user_config(file.text, path->string());
    err << render::diagnostics_text(parsed.diagnostics);
    if (!parsed.value || !parsed.value->dir)
        return std::nullopt;
    return expand_home(*parsed.value->dir, env.home.value_or(""));
}

void write_default_dir(const Environment& env, const std::string& dir) {
    const auto path = user_config_path(env);
    if (!path)
        throw Error(tr("cannot make a default folder: neither $XDG_CONFIG_HOME nor $HOME is set"));
    std::error_code ec;
    fs::create_directories(path->parent_path(), ec);
    if (ec)
        throw Error(trf("cannot create '{}': {}", path->parent_path().string(), ec.message()));
    io::AtomicFile file(path->parent_path(), path->string());
    file.write(user_config_text(dir));
    file.commit();
}

} // namespace crm::cli
