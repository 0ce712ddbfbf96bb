#include "commands.hpp"

namespace crm::cli {

std::span<const Command> commands() {
    static const Command table[] = {
        {"due", "the agenda: whom to contact today and in the coming days", setup_due},
        {"check", "check every file and report every problem", setup_check},
        {"init", "make a folder a crm ledger", setup_init},
    };
    return table;
}

} // namespace crm::cli
