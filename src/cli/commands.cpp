#include "commands.hpp"

#include "crm/i18n.hpp"

namespace crm::cli {

std::span<const Command> commands() {
    static const Command table[] = {
        {"due", N_("the agenda: whom to contact today and in the coming days"), setup_due,
         "crm due\ncrm due --owner amy --region Taipei --sort value\ncrm due --mail-to "
         "me@example.com --send"},
        {"show", N_("a customer's briefing before a visit"), setup_show,
         "crm show 張偉\ncrm show zhang-wei"},
        {"list", N_("list, find and export customers"), setup_list,
         "crm list --dormant 60 --sort value\ncrm list --grep 张伟 --format csv > found.csv"},
        {"log", N_("record a contact with a customer"), setup_log,
         "crm log 張偉 \"wants the 5 kg bag next time\" --kind visit --next 2w\n"
         "crm log zhang-wei \"no answer\" --kind call"},
        {"sell", N_("record a sale"), setup_sell, "crm sell 張偉 rice-10kg --qty 2 --paid 600"},
        {"pay", N_("record a payment"), setup_pay, "crm pay 張偉 600 --note cash"},
        {"plan", N_("plan a visit or another contact ahead"), setup_plan,
         "crm plan 張偉 2026-12-05 bring the 5 kg bag"},
        {"undo", N_("take back crm's last write"), setup_undo, "crm undo\ncrm undo --list"},
        {"handover", N_("hand an account manager's customers over to another"), setup_handover,
         "crm handover --from amy --to ben --leaving --out briefing-ben.txt"},
        {"reasons", N_("why customers buy, keep buying or would stop, in their words"),
         setup_reasons, "crm reasons\ncrm reasons --why stop --since 90d"},
        {"report", N_("money owed and collected, sales, revisits on time, pipeline, satisfaction"),
         setup_report, "crm report\ncrm report --owner ben --format html > ben.html"},
        {"export", N_("the agenda and birthdays as a calendar file (ics)"), setup_export,
         "crm export ics -o ~/agenda.ics"},
        {"add", N_("add a customer"), setup_add,
         "crm add 張偉 --phone \"+886 912 345 678\" --class now"},
        {"import", N_("customers from a phone's contacts (vcf) or a spreadsheet (csv)"),
         setup_import,
         "crm import contacts.vcf --dry-run\ncrm import customers.csv --map 手機=phone"},
        {"edit", N_("open a customer's file in $EDITOR and check it after"), setup_edit,
         "crm edit 張偉"},
        {"check", N_("check every file and report every problem"), setup_check, "crm check"},
        {"init", N_("make a folder a crm ledger"), setup_init,
         "crm init ~/customers\ncrm init ~/customers --default"},
        {"sync", N_("commit, pull with crm's merge driver, and push"), setup_sync, "crm sync"},
        {"merge-file", N_("git's merge driver for customer files"), setup_merge_file,
         "crm merge-file %O %A %B %P   (as git runs it; crm init registers it)"},
        {"completion", "shell completion scripts (hidden)", setup_completion},
    };
    return table;
}

} // namespace crm::cli
