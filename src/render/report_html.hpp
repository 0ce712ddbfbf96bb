#pragma once
// `crm report --format html`: the report as one self-contained HTML5 page,
// to open on a phone, mail or print. Nothing is fetched (no script, fonts,
// images or style sheets by URL): the charts are inline SVG, the style is
// inline CSS, so the file reads the same offline and years later.

#include "crm/report.hpp"
#include "crm/settings.hpp"

#include <string>

namespace crm::render {

// The page: a header (the period, the customer count), then Money, Revisits,
// Pipeline and Satisfaction, each with its tables and bar charts. Every text
// from the files is escaped. Every number shown sits alone in an element
// with data-n="PATH", where PATH names the same number in the JSON report
// ("money.owed", "money.ageing.0.amount", "revisits.by_owner.amy.share"):
// arrays are indexed by their key (an id, owner, product, month), or by
// position where there is none (ageing, moves, handovers). Shares show as
// whole percents (80 for 0.8, half up), averages with one decimal.
std::string report_html(const Report& r, const Settings& s);

} // namespace crm::render
