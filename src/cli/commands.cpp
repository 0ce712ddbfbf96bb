#include "commands.hpp"

namespace crm::cli {

std::span<const Command> commands() {
    static const Command table[] = {
        {"due", "the agenda: whom to contact today and in the coming days", setup_due},
        {"log", "record a contact with a customer", setup_log},
        {"add", "add a customer", setup_add},
        {"edit", "open a customer's file in $EDITOR and check it after", setup_edit},
        {"check", "check every file and report every problem", setup_check},
        {"init", "make a folder a crm ledger", setup_init},
    };
    return table;
}

} // namespace crm::cli
