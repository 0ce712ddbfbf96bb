#pragma once
// `crm show` as text: one screen about one customer, read before a visit.

#include "crm/briefing.hpp"
#include "crm/settings.hpp"

#include <cstddef>
#include <optional>
#include <string>

namespace crm::render {

struct BriefingTextOptions {
    // Free text (prefers, notes, the notes of contacts and purchases) is
    // wrapped to this many columns; nullopt (not a terminal): never.
    std::optional<std::size_t> width;
    bool all = false;       // every contact, not only the most recent ones
    std::size_t recent = 5; // how many contacts without `all`
};

// The briefing: who (with the class's cadence), the people at the customer,
// prefers, notes, the last
// contacts (newest first), purchases (oldest first), what is owed and when
// it is collected (or a credit), run-outs, lifetime value, and what is
// coming with how late the overdue reasons are. Empty parts are left out;
// everything from the file goes through crm::visible().
std::string briefing_text(const Briefing& b, const Settings& s, const BriefingTextOptions& o);

} // namespace crm::render
