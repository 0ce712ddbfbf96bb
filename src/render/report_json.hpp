#pragma once
// crm report as JSON and CSV, for scripts and spreadsheets. Money is exact:
// JSON numbers with at most two decimals, CSV amounts as format_money()
// writes them.

#include "crm/diagnostic.hpp"
#include "crm/report.hpp"
#include "list_csv.hpp"

#include <string>

namespace crm::render {

// One object: since, until, currency, customers, then money, revisits,
// pipeline and satisfaction as crm(1) lays them out, then diagnostics.
std::string report_json(const Report& r, const Settings& s, const Diagnostics& ds);

// One table: section, key, id, name, date, amount, count, on_time, late,
// missed, average; each row fills the columns its section has.
std::string report_csv(const Report& r, const DelimitedOptions& options);

} // namespace crm::render
