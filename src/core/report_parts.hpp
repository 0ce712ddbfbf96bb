#pragma once
// The parts of crm report, one source file each. Each adds one customer to
// the report's raw rows; report.cpp sums the rows by key at the end, so that
// builders on several threads join by appending.

#include "crm/report.hpp"

namespace crm::detail {

// Who a purchase or payment counts for: its `by`, else the customer's owner.
const std::string& credited_to(const std::string& by, const Customer& c);

// Owed on `until` (and its age), collected and sold in the period.
void add_money(MoneyReport& m, const Customer& c, const ReportOptions& o);
// The logs of `c` by date, ties in file order, as indices (rules::logs_by_date).
std::vector<std::size_t> logs_by_date(const Customer& c);

// "2026-11": the month a day is in, as the report names months.
std::string month_of(Date d);

// Revisits on time, overdue and too sticky; `order` is logs_by_date(c).
void add_revisits(RevisitReport& r, const Customer& c, const std::vector<std::size_t>& order,
                  const Settings& s, const ReportOptions& o);
// The customer's class now and its moves in the period.
void add_pipeline(PipelineReport& p, const Customer& c, const ReportOptions& o);
// Satisfaction scores by owner, and around each handover.
void add_satisfaction(SatisfactionReport& r, const Customer& c,
                      const std::vector<std::size_t>& order, const ReportOptions& o);

} // namespace crm::detail
