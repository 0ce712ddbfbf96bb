#pragma once
// `crm due --format json`: the agenda for scripts, in a schema documented in
// crm(1) and versioned by its "schema" field (bumped only on a breaking
// change; new keys may be added without a bump).

#include "crm/agenda.hpp"
#include "crm/diagnostic.hpp"
#include "crm/settings.hpp"

#include <string>

namespace crm::render {

// The whole agenda as one JSON object, keys in a fixed order, followed by a
// newline. Amounts are JSON numbers with at most two decimals.
std::string agenda_json(const Agenda& agenda, const Settings& settings, const Diagnostics& ds);

} // namespace crm::render
