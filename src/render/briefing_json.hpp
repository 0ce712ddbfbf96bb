#pragma once
// `crm show --format json`: the briefing for scripts, in a schema documented
// in crm(1) and versioned by its "schema" field, as `crm due`'s is.

#include "crm/briefing.hpp"
#include "crm/settings.hpp"

#include <cstddef>
#include <string>

namespace crm::render {

// The briefing as one JSON object, keys in a fixed order, followed by a
// newline: the same content as briefing_text (the `recent` newest contacts
// unless `all`). Amounts are JSON numbers, dates "YYYY-MM-DD", absent
// values null.
std::string briefing_json(const Briefing& b, const Settings& s, bool all, std::size_t recent = 5);

} // namespace crm::render
