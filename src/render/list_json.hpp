#pragma once
// `crm list --format json`: the rows for scripts, in a schema documented in
// crm(1) and versioned by its "schema" field (bumped only on a breaking
// change; new keys may be added without a bump).

#include "crm/listing.hpp"
#include "crm/settings.hpp"

#include <string>

namespace crm::render {

// {"schema": 1, "today", "currency", "customers": [{id, name, class, owner,
// contacts, region, phone, email, tags, last_contact, next_due, balance,
// value, path}]} followed by a newline. Amounts are JSON numbers with at
// most two decimals; dates are "YYYY-MM-DD" or null.
std::string list_json(const Listing& listing, const Settings& settings);

} // namespace crm::render
