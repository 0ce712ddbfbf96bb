#pragma once
// What `crm due` and `crm export ics` share: the options that choose the
// agenda's lines (the customer filters, --kind, --days), and the scan that
// computes it.

#include "context.hpp"
#include "crm/agenda.hpp"
#include "filters.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace crm::cli {

struct AgendaFilterOptions {
    FilterOptions filters;
    std::vector<std::string> kinds;
    std::optional<int> days;
};

// Adds --owner, --region, --tag, --class, --kind and --days to `sub`.
void add_agenda_filters(CLI::App& sub, AgendaFilterOptions& o);

// The agenda's options from them, with a sort key. A usage error (an
// unknown kind) is returned as its message.
std::optional<std::string> agenda_options(const AgendaFilterOptions& o, SortKey sort,
                                          AgendaOptions& out);

// Runs for each customer the scan reads, on the worker that read it, before
// the agenda takes it.
using SeeCustomer = std::function<void(unsigned worker, const Customer& c)>;

// The agenda of the folder's customers, read on ctx.threads() threads; each
// customer is dropped once its lines are made. `see`, when given, sees each
// one first.
Agenda scan_agenda(const Context& ctx, Ledger& ledger, const AgendaOptions& options, Date today,
                   const SeeCustomer& see = nullptr);

} // namespace crm::cli
