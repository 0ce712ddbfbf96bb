#include "period.hpp"

#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "crm/interval.hpp"
#include "crm/text.hpp"
#include "writing.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace crm::cli {

void add_period_options(CLI::App& sub, PeriodOptions& o, const std::string& default_since) {
    sub.add_option("--since", o.since,
                   trf("the first day: a date, or an interval back from --until, like 90d or 1y "
                       "(default: {})",
                       default_since))
        ->option_text("DATE|INTERVAL");
    sub.add_option("--until", o.until, tr("the last day (default: today)"))->option_text("DATE");
}

Period resolve_period(const PeriodOptions& o, Date today) {
    Period p{std::nullopt, today};
    if (o.until) {
        const auto d = parse_date(*o.until);
        if (!d)
            throw UsageError(trf("--until '{}' is not a date (2026-12-01)", visible(*o.until)));
        p.until = *d;
    }
    if (!o.since)
        return p;
    if (const auto d = parse_date(*o.since))
        p.since = *d;
    else if (const auto i = parse_interval(*o.since))
        p.since = subtract(p.until, *i);
    else
        throw UsageError(trf("--since '{}' is neither a date (2026-09-01) nor an interval "
                             "(90d, 3m, 1y)",
                             visible(*o.since)));
    if (*p.since > p.until)
        throw UsageError(
            trf("--since {} is after --until {}", format_date(*p.since), format_date(p.until)));
    return p;
}

} // namespace crm::cli
