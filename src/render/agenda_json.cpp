#include "agenda_json.hpp"

#include "agenda_text.hpp"
#include "json_util.hpp"

#include <algorithm>

namespace crm::render {

namespace {

using nlohmann::ordered_json;

ordered_json to_json(const Reason& r, const Customer& c, const Settings& s) {
    return {{"kind", kind_name(r.kind)},
            {"date", format_date(r.date)},
            {"days_late", r.days_late},
            {"late", is_late(r, c, s)},
            {"text", r.text},
            {"amount", r.amount ? json_money(*r.amount) : ordered_json(nullptr)}};
}

ordered_json kinds_of(const Item& item) {
    auto out = ordered_json::array();
    for (const Reason& r : item.reasons)
        if (std::find(out.begin(), out.end(), kind_name(r.kind)) == out.end())
            out.push_back(kind_name(r.kind));
    return out;
}

ordered_json to_json(const Item& item, const Agenda& agenda, const Settings& s) {
    const Customer& c = *item.customer;
    auto reasons = ordered_json::array();
    bool late = false;
    for (const Reason& r : item.reasons) {
        reasons.push_back(to_json(r, c, s));
        late = late || is_late(r, c, s);
    }
    return {{"id", c.id},
            {"name", c.name},
            {"section", section_name(section_of(item, agenda.today, agenda.horizon_end))},
            {"date", format_date(item.date)},
            {"days_late", item.days_late},
            {"late", late},
            {"kinds", kinds_of(item)},
            {"owner", c.owner},
            {"contacts", c.contacts},
            {"region", c.region},
            {"class", c.class_name},
            {"tags", c.tags},
            {"phone", first_or_empty(c.phones)},
            {"phones", c.phones},
            {"value", json_money(item.value)},
            {"path", c.path},
            {"reasons", std::move(reasons)}};
}

} // namespace

void agenda_json(const Agenda& agenda, const Settings& settings, const Diagnostics& ds,
                 const std::function<void(std::string_view)>& sink) {
    const SectionCounts n = count_sections(agenda);
    ordered_json j;
    j["schema"] = 1;
    j["today"] = format_date(agenda.today);
    j["horizon_end"] = format_date(agenda.horizon_end);
    j["birthday_end"] = format_date(agenda.birthday_end);
    j["currency"] = settings.currency;
    j["counts"] = {{"overdue", n.overdue},
                   {"today", n.today},
                   {"upcoming", n.upcoming},
                   {"birthdays", n.birthdays}};
    j["items"] = ordered_json::array();
    j["diagnostics"] = to_json(ds);
    dump_streaming(
        j, "items", agenda.items.size(),
        [&](std::size_t i) { return to_json(agenda.items[i], agenda, settings); }, sink);
}

std::string agenda_json(const Agenda& agenda, const Settings& settings, const Diagnostics& ds) {
    std::string out;
    agenda_json(agenda, settings, ds, [&](std::string_view piece) { out.append(piece); });
    return out;
}

} // namespace crm::render
