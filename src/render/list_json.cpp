#include "list_json.hpp"

#include "json_util.hpp"

#include <nlohmann/json.hpp>

namespace crm::render {

namespace {

using nlohmann::ordered_json;

ordered_json people(const ListRow& r) {
    auto out = ordered_json::array();
    for (const Person& p : r.people)
        out.push_back(to_json(p, false));
    return out;
}

ordered_json to_json(const ListRow& r) {
    return {{"id", r.id},
            {"name", r.name},
            {"class", r.class_name},
            {"owner", r.owner},
            {"contacts", r.contacts},
            {"region", r.region},
            {"phone", first_or_empty(r.phones)},
            {"phones", r.phones},
            {"email", first_or_empty(r.emails)},
            {"emails", r.emails},
            {"tags", r.tags},
            {"last_contact", json_date(r.last_contact)},
            {"next_due", json_date(r.next_due)},
            {"balance", json_money(r.balance)},
            {"value", json_money(r.value)},
            {"people", people(r)},
            {"path", r.path}};
}

} // namespace

std::string list_json(const Listing& listing, const Settings& settings) {
    ordered_json j;
    j["schema"] = 1;
    j["today"] = format_date(listing.today);
    j["currency"] = settings.currency;
    j["customers"] = ordered_json::array();
    return dump_streaming(j, "customers", listing.rows.size(),
                          [&](std::size_t i) { return to_json(listing.rows[i]); });
}

} // namespace crm::render
