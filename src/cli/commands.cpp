#include "commands.hpp"

namespace crm::cli {

std::span<const Command> commands() {
    static const Command table[] = {
        {"due", "the agenda: whom to contact today and in the coming days", setup_due},
        {"show", "a customer's briefing before a visit", setup_show},
        {"list", "list, find and export customers", setup_list},
        {"log", "record a contact with a customer", setup_log},
        {"sell", "record a sale", setup_sell},
        {"pay", "record a payment", setup_pay},
        {"plan", "plan a visit or another contact ahead", setup_plan},
        {"undo", "take back crm's last write", setup_undo},
        {"handover", "hand an account manager's customers over to another", setup_handover},
        {"reasons", "why customers buy, keep buying or would stop, in their words", setup_reasons},
        {"report", "money owed and collected, sales, revisits on time, pipeline, satisfaction",
         setup_report},
        {"export", "the agenda and birthdays as a calendar file (ics)", setup_export},
        {"add", "add a customer", setup_add},
        {"import", "customers from a phone's contacts (vcf) or a spreadsheet (csv)", setup_import},
        {"edit", "open a customer's file in $EDITOR and check it after", setup_edit},
        {"check", "check every file and report every problem", setup_check},
        {"init", "make a folder a crm ledger", setup_init},
        {"sync", "commit, pull with crm's merge driver, and push", setup_sync},
        {"merge-file", "git's merge driver for customer files", setup_merge_file},
        {"completion", "shell completion scripts (hidden)", setup_completion},
    };
    return table;
}

} // namespace crm::cli
