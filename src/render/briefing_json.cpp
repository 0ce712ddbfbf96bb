#include "briefing_json.hpp"

#include "agenda_text.hpp"
#include "json_util.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>

namespace crm::render {

namespace {

using nlohmann::ordered_json;

// Quantities are usually whole: 2, not 2.0.
ordered_json number(double x) {
    const double whole = std::floor(x);
    if (whole == x && std::abs(x) < 1e15)
        return static_cast<std::int64_t>(whole);
    return x;
}

ordered_json date_or_null(const std::optional<Date>& d) {
    return d ? ordered_json(format_date(*d)) : ordered_json(nullptr);
}

ordered_json cadence(const Briefing& b) {
    if (!b.cadence)
        return nullptr;
    return {{"ideal", format_interval(b.cadence->ideal)},
            {"maximum", b.cadence->maximum ? ordered_json(format_interval(*b.cadence->maximum))
                                           : ordered_json(nullptr)}};
}

ordered_json people(const Customer& c) {
    auto out = ordered_json::array();
    for (const Person& p : c.people)
        out.push_back(to_json(p, true));
    return out;
}

// The plans still open, by date.
ordered_json plans(const Briefing& b) {
    auto out = ordered_json::array();
    for (const std::size_t i : b.plans) {
        const PlanEntry& p = b.customer.plans[i];
        out.push_back({{"date", format_date(p.date)},
                       {"kind", p.kind},
                       {"with", p.with},
                       {"note", p.note},
                       {"by", p.by}});
    }
    return out;
}

ordered_json contacts(const Briefing& b, std::size_t shown) {
    auto out = ordered_json::array();
    for (std::size_t k = 0; k < shown; ++k) {
        const LogEntry& e = b.customer.logs[b.contacts[k]];
        out.push_back({{"date", format_date(e.date)},
                       {"kind", e.kind},
                       {"by", e.by},
                       {"note", e.note},
                       {"next", date_or_null(e.next)},
                       {"why", e.why},
                       {"said", e.said},
                       {"themes", e.themes},
                       {"satisfaction",
                        e.satisfaction ? ordered_json(*e.satisfaction) : ordered_json(nullptr)}});
    }
    return out;
}

ordered_json purchases(const Briefing& b) {
    auto out = ordered_json::array();
    for (const std::size_t i : b.purchases) {
        const Purchase& p = b.customer.purchases[i];
        out.push_back({{"date", format_date(p.date)},
                       {"product", p.product},
                       {"qty", number(p.qty)},
                       {"price", json_money(p.price)},
                       {"paid", json_money(p.paid)},
                       {"by", p.by},
                       {"due", date_or_null(p.due)},
                       {"note", p.note}});
    }
    return out;
}

std::string_view from_name(Collection::From from) {
    switch (from) {
    case Collection::From::due:
        return "due";
    case Collection::From::payday:
        return "payday";
    case Collection::From::purchase:
        break;
    }
    return "purchase";
}

ordered_json collections(const Briefing& b) {
    auto out = ordered_json::array();
    for (const Collection& c : b.collections) {
        const Purchase& p = b.customer.purchases[c.purchase];
        out.push_back({{"amount", json_money(c.amount)},
                       {"date", format_date(c.on)},
                       {"from", from_name(c.from)},
                       {"product", p.product},
                       {"purchase_date", format_date(p.date)}});
    }
    return out;
}

ordered_json runouts(const Briefing& b) {
    auto out = ordered_json::array();
    for (const Runout& r : b.runouts)
        out.push_back({{"product", r.product},
                       {"runs_out", format_date(r.runs_out)},
                       {"warn_from", format_date(r.warn_from)},
                       {"divided_by", r.divided_by},
                       {"units", number(r.units)}});
    return out;
}

ordered_json coming(const Briefing& b, const Settings& s) {
    auto out = ordered_json::array();
    for (const Reason& r : b.coming)
        out.push_back({{"kind", kind_name(r.kind)},
                       {"date", format_date(r.date)},
                       {"days_late", r.days_late},
                       {"late", is_late(r, b.customer, s)},
                       {"text", r.text},
                       {"amount", r.amount ? json_money(*r.amount) : ordered_json(nullptr)}});
    return out;
}

// Who the customer is: the fields of the file, as recorded.
void add_who(ordered_json& j, const Briefing& b) {
    const Customer& c = b.customer;
    j["id"] = c.id;
    j["path"] = c.path;
    j["name"] = c.name;
    j["phone"] = first_or_empty(c.phones);
    j["phones"] = c.phones;
    j["email"] = first_or_empty(c.emails);
    j["emails"] = c.emails;
    j["region"] = c.region;
    j["class"] = c.class_name;
    j["cadence"] = cadence(b);
    j["owner"] = c.owner;
    j["contacts"] = c.contacts;
    j["since"] = date_or_null(c.since);
    j["birthday"] = c.birthday ? ordered_json(format_month_day(*c.birthday)) : nullptr;
    j["lunar_birthday"] = json_lunar(c.lunar_birthday);
    j["household"] = c.household;
    j["payday"] = c.payday ? ordered_json(*c.payday) : ordered_json(nullptr);
    j["tags"] = c.tags;
    j["prefers"] = c.prefers;
    j["notes"] = c.notes;
    j["people"] = people(c);
}

} // namespace

std::string briefing_json(const Briefing& b, const Settings& s, bool all, std::size_t recent) {
    const std::size_t total = b.contacts.size();
    ordered_json j;
    j["schema"] = 1;
    j["today"] = format_date(b.today);
    add_who(j, b);
    j["log_total"] = total;
    j["log"] = contacts(b, all ? total : std::min(total, recent));
    j["purchases"] = purchases(b);
    j["currency"] = s.currency;
    j["balance"] = json_money(b.balance);
    j["collections"] = collections(b);
    j["runouts"] = runouts(b);
    j["plans"] = plans(b);
    j["value"] = json_money(b.value);
    j["coming"] = coming(b, s);
    // Text is checked as UTF-8 when read; replacing keeps a stray byte from
    // aborting the output.
    return j.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

} // namespace crm::render
