#pragma once
// The period a question is asked about: --since DATE|INTERVAL and --until
// DATE, shared by crm report and crm reasons.

#include "crm/dates.hpp"

#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace crm::cli {

struct PeriodOptions {
    std::optional<std::string> since;
    std::optional<std::string> until;
};

// Adds --since and --until to `sub`; `default_since` says in the help what
// an omitted --since means.
void add_period_options(CLI::App& sub, PeriodOptions& o, const std::string& default_since);

struct Period {
    std::optional<Date> since; // nullopt: no --since
    Date until;
};

// --until (default today), and --since: a date, or an interval counted back
// from --until ("90d": the 90 days before it). Throws UsageError on a bad
// value or a --since after --until.
Period resolve_period(const PeriodOptions& o, Date today);

} // namespace crm::cli
