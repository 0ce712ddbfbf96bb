#pragma once
// The command table: one entry per subcommand, each defined in its own
// cmd_<name>.cpp. It feeds the parser, `crm --help` and the man-page test.

#include "context.hpp"

#include <functional>
#include <span>

namespace CLI {
class App;
}

namespace crm::cli {

// Adds the command's options to `sub` and returns what runs it; the runner
// returns the exit status (crm::Exit).
using Setup = std::function<std::function<int()>(CLI::App& sub, Context& ctx)>;

struct Command {
    const char* name;
    const char* summary; // N_()-marked: translated where it is shown
    Setup setup;
    // Two or three command lines for the end of `crm CMD --help`.
    const char* examples = nullptr;
};

std::span<const Command> commands();

// One declaration per command file.
std::function<int()> setup_check(CLI::App& sub, Context& ctx);
std::function<int()> setup_import(CLI::App& sub, Context& ctx);
std::function<int()> setup_init(CLI::App& sub, Context& ctx);
std::function<int()> setup_due(CLI::App& sub, Context& ctx);
std::function<int()> setup_log(CLI::App& sub, Context& ctx);
std::function<int()> setup_add(CLI::App& sub, Context& ctx);
std::function<int()> setup_edit(CLI::App& sub, Context& ctx);
std::function<int()> setup_show(CLI::App& sub, Context& ctx);
std::function<int()> setup_list(CLI::App& sub, Context& ctx);
std::function<int()> setup_sell(CLI::App& sub, Context& ctx);
std::function<int()> setup_pay(CLI::App& sub, Context& ctx);
std::function<int()> setup_plan(CLI::App& sub, Context& ctx);
std::function<int()> setup_undo(CLI::App& sub, Context& ctx);
std::function<int()> setup_sync(CLI::App& sub, Context& ctx);
std::function<int()> setup_merge_file(CLI::App& sub, Context& ctx);
std::function<int()> setup_handover(CLI::App& sub, Context& ctx);
std::function<int()> setup_reasons(CLI::App& sub, Context& ctx);
std::function<int()> setup_report(CLI::App& sub, Context& ctx);
std::function<int()> setup_export(CLI::App& sub, Context& ctx);
std::function<int()> setup_completion(CLI::App& sub, Context& ctx);

} // namespace crm::cli
