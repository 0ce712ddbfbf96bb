#include "commands.hpp"

namespace crm::cli {

std::span<const Command> commands() {
    static const Command table[] = {
        {"check", "check every file and report every problem", setup_check},
        {"init", "make a folder a crm ledger", setup_init},
    };
    return table;
}

} // namespace crm::cli
