#pragma once
// `crm list` as text: one aligned line per customer for a person to read.

#include "crm/listing.hpp"

#include <string>

namespace crm::render {

// A header row, then one line per row: name, id, class, owner, region, phone,
// last contact ("never" when none), next due, balance and lifetime value,
// columns aligned by display width (CJK names line up), amounts on the right.
// Every text from a file goes through visible(); an empty one shows as "-".
// Last, the count: "25 customers", or "3 of 25 customers" when filtered.
std::string list_text(const Listing& listing);

// "25 customers", "1 customer", "3 of 25 customers".
std::string list_count(const Listing& listing);

} // namespace crm::render
