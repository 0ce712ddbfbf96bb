#include "crm/config.hpp"

#include "crm/i18n.hpp"
#include "toml_reader.hpp"

#include <fmt/format.h>

namespace crm {

Parsed<UserConfig> parse_user_config(std::string_view text, std::string_view path) {
    return detail::parse_document<UserConfig>(
        text, path, [](detail::Reader& r, const toml::table& root) {
            UserConfig c;
            for (const auto& [key, node] : detail::in_file_order(root)) {
                if (key->str() != "dir") {
                    r.unknown_key(*key, {"dir"}, "config.toml");
                    continue;
                }
                auto dir = r.string(*node, "dir");
                if (dir && dir->empty())
                    r.error(node->source(), tr("'dir' is empty"),
                            tr("write the default folder, e.g. dir = \"~/customers\""));
                else if (dir)
                    c.dir = std::move(*dir);
            }
            return c;
        });
}

std::string expand_home(std::string_view path, std::string_view home) {
    if (path == "~")
        return std::string(home);
    if (path.starts_with("~/"))
        return fmt::format("{}/{}", home, path.substr(2));
    return std::string(path);
}

std::string user_config_text(std::string_view dir) {
    std::string quoted;
    for (const char c : dir) {
        if (c == '"' || c == '\\')
            quoted += '\\';
        quoted += c;
    }
    return fmt::format("# crm's own settings (crm(1), FILES).\n"
                       "# The folder crm uses when you are not in one and give no -C.\n"
                       "dir = \"{}\"\n",
                       quoted);
}

} // namespace crm
