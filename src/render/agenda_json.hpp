#pragma once
// `crm due --format json`: the agenda for scripts, in a schema documented in
// crm(1) and versioned by its "schema" field (bumped only on a breaking
// change; new keys may be added without a bump).

#include "crm/agenda.hpp"
#include "crm/diagnostic.hpp"
#include "crm/settings.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace crm::render {

// The whole agenda as one JSON object, keys in a fixed order, followed by a
// newline. Amounts are JSON numbers with at most two decimals.
std::string agenda_json(const Agenda& agenda, const Settings& settings, const Diagnostics& ds);
// The same handed to `sink` piece by piece (dump_streaming).
void agenda_json(const Agenda& agenda, const Settings& settings, const Diagnostics& ds,
                 const std::function<void(std::string_view)>& sink);

} // namespace crm::render
