#pragma once
// crm report as text for a terminal or a mail: sections of aligned tables,
// with bars for the ageing of what is owed, the sales per month and the
// share of revisits done on time.

#include "crm/report.hpp"

#include <string>

namespace crm::render {

std::string report_text(const Report& r, const Settings& s);

} // namespace crm::render
