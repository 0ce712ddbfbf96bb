#include "agenda_scan.hpp"

#include "crm/i18n.hpp"
#include "crm/names.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace crm::cli {

namespace {

std::optional<std::string> parse_kinds(const std::vector<std::string>& words,
                                       std::vector<Kind>& out) {
    std::vector<std::string> names;
    for (int k = 0; k <= static_cast<int>(Kind::collect); ++k)
        names.emplace_back(kind_name(static_cast<Kind>(k)));
    for (const std::string& w : words) {
        const auto kind = parse_kind(ascii_lower(w));
        if (!kind)
            return trf("unknown kind '{}' ({})", w, suggestion(w, names));
        out.push_back(*kind);
    }
    return std::nullopt;
}

} // namespace

void add_agenda_filters(CLI::App& sub, AgendaFilterOptions& o) {
    add_customer_filters(sub, o.filters);
    add_list_option(
        sub, "--kind", o.kinds,
        tr("only these reasons: revisit, follow-up, plan, birthday, run-out, collect (a "
           "conflict always shows)"),
        "KIND");
    sub.add_option("--days", o.days, tr("look N days ahead instead of the horizon in crm.toml"))
        ->check(CLI::Validator(
            [](const std::string& v) {
                const bool digits = !v.empty() && v.find_first_not_of("0123456789") == v.npos;
                return digits ? std::string() : "N is a whole number of days, 0 or more";
            },
            "N"))
        ->option_text("N");
}

std::optional<std::string> agenda_options(const AgendaFilterOptions& o, SortKey sort,
                                          AgendaOptions& out) {
    out.days = o.days;
    out.sort = sort;
    out.filters = to_filters(o.filters);
    return parse_kinds(o.kinds, out.filters.kinds);
}

// Each customer goes through its thread's builder as soon as it is parsed
// and is dropped: memory holds the agenda, not the folder.
Agenda scan_agenda(const Context& ctx, Ledger& ledger, const AgendaOptions& options, Date today,
                   const SeeCustomer& see) {
    std::vector<AgendaBuilder> builders;
    const unsigned threads = ctx.threads();
    for (unsigned t = 0; t < threads; ++t)
        builders.emplace_back(ledger.settings, options, today);
    ctx.scan(ledger, threads, [&](unsigned worker, std::size_t, Customer&& c) {
        if (see)
            see(worker, c);
        builders[worker].add(std::move(c));
    });
    for (std::size_t t = 1; t < builders.size(); ++t)
        builders[0].join(std::move(builders[t]));
    return std::move(builders[0]).finish();
}

} // namespace crm::cli
