// The agenda's rules on whatever customer the input parses to: reasons_for(),
// coming_for() and the rest of the outlook on a few fixed days (a leap day,
// year ends, the far past and future) must never crash or overflow.

#include "crm/agenda.hpp"

#include "crm/outlook.hpp"
#include "fuzz_common.hpp"

#include <array>

namespace {

using namespace date::literals;

constexpr std::array<date::year_month_day, 5> days = {
    2026_y / date::November / 23, 2024_y / date::February / 29, 2025_y / date::December / 31,
    1970_y / date::January / 1, 2100_y / date::March / 1};

void outlook_of(const crm::Customer& c, const crm::Settings& s) {
    for (const date::year_month_day& ymd : days) {
        const crm::Date today{ymd};
        (void)crm::reasons_for(c, s, today, today + date::days{7}, today + date::days{30});
        (void)crm::coming_for(c, s, today);
        (void)crm::next_revisit(c, s, today);
        crm::AgendaBuilder builder(s, crm::AgendaOptions{}, today);
        builder.add(c);
        const crm::Agenda agenda = std::move(builder).finish();
        for (const crm::Item& item : agenda.items)
            (void)crm::lateness_of(item, s);
    }
    (void)crm::collections_of(c);
    (void)crm::runouts_of(c, s);
    for (const std::size_t i : crm::open_plans_of(c))
        (void)crm::plan_text(c.plans.at(i));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const crm::Settings& settings = crm_fuzz::rich_settings();
    const auto parsed =
        crm::parse_customer(crm_fuzz::as_text(data, size), "customers/x.toml", settings);
    if (parsed.value)
        outlook_of(*parsed.value, settings);
    return 0;
}
