#include "help.hpp"

#include "crm/i18n.hpp"
#include "crm/text.hpp"

#include <string>

namespace crm::cli {

namespace {

constexpr std::size_t kWidth = 80;
constexpr std::size_t kColumn = 30;

// A help line: the name padded to the column (or alone on its line when
// wider), the description wrapped in the rest of the 80 columns.
std::string help_line(const std::string& name, const std::string& description) {
    std::string out = "  " + name;
    const std::size_t used = display_width(out);
    if (description.empty())
        return out + "\n";
    if (used >= kColumn)
        out += "\n" + std::string(kColumn, ' ');
    else
        out += std::string(kColumn - used, ' ');
    bool first = true;
    for (const std::string& line : wrap(description, kWidth - kColumn)) {
        if (!first)
            out += "\n" + std::string(kColumn, ' ');
        out += line;
        first = false;
    }
    return out + "\n";
}

class Formatter : public CLI::Formatter {
  public:
    Formatter() {
        label("Usage", tr("Usage"));
        label("OPTIONS", tr("OPTIONS"));
        label("SUBCOMMAND", tr("COMMAND"));
        label("SUBCOMMANDS", tr("COMMANDS"));
        label("Positionals", tr("Arguments"));
        label("Options", tr("Options"));
        label("Subcommands", tr("Commands"));
        label("REQUIRED", tr("REQUIRED"));
        label("TEXT", "TEXT");
        column_width(kColumn);
    }
    std::string make_option(const CLI::Option* opt, bool is_positional) const override {
        return help_line(make_option_name(opt, is_positional) + make_option_opts(opt),
                         make_option_desc(opt));
    }
    std::string make_subcommand(const CLI::App* sub) const override {
        return help_line(sub->get_display_name(true), sub->get_description());
    }
};

} // namespace

std::shared_ptr<CLI::Formatter> help_formatter() {
    return std::make_shared<Formatter>();
}

std::string help_footer(const char* examples, const std::string& command) {
    std::string out;
    if (examples && *examples) {
        out += std::string(tr("Examples:")) + "\n";
        for (const std::string& line : wrap(examples, 0))
            out += "  " + line + "\n";
        out += "\n";
    }
    const std::string more =
        command.empty() ? std::string(tr("'crm CMD --help' shows a command's options; 'man crm' "
                                         "has everything, 'man 5 crm' the file format."))
                        : trf("'man crm' describes {} in full, and every other command.", command);
    for (const std::string& line : wrap(more, kWidth - 1))
        out += line + "\n";
    return out;
}

std::string first_steps() {
    return std::string(tr("crm: whom to contact today, and why, from plain TOML files.\n"
                          "\n"
                          "There is no crm folder here or above, and no default folder. "
                          "To start:\n"
                          "\n"
                          "  crm init ~/customers     make a folder (and, if you like, "
                          "your default)\n"
                          "  crm -C DIR due           the agenda of the folder DIR\n"
                          "  crm --help               every command\n"
                          "  man crm                  everything\n"));
}

} // namespace crm::cli
