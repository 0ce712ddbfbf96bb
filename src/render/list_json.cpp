#include "list_json.hpp"

#include "json_util.hpp"

#include <nlohmann/json.hpp>

namespace crm::render {

namespace {

using nlohmann::ordered_json;

ordered_json to_json(const ListRow& r) {
    return {{"id", r.id},
            {"name", r.name},
            {"class", r.class_name},
            {"owner", r.owner},
            {"contacts", r.contacts},
            {"region", r.region},
            {"phone", r.phone},
            {"email", r.email},
            {"tags", r.tags},
            {"last_contact", json_date(r.last_contact)},
            {"next_due", json_date(r.next_due)},
            {"balance", json_money(r.balance)},
            {"value", json_money(r.value)},
            {"path", r.path}};
}

// Names are checked as UTF-8 when read; replacing keeps a stray byte from
// aborting the whole output.
std::string dump(const ordered_json& j) {
    return j.dump(2, ' ', false, ordered_json::error_handler_t::replace);
}

} // namespace

std::string list_json(const Listing& listing, const Settings& settings) {
    ordered_json j;
    j["schema"] = 1;
    j["today"] = format_date(listing.today);
    j["currency"] = settings.currency;
    j["customers"] = ordered_json::array();
    const std::string whole = dump(j) + "\n";
    if (listing.rows.empty())
        return whole;
    // The rows go in one at a time, laid out as dump() lays out the whole
    // document: a tree of 10,000 customers would take far more memory.
    const std::string empty = "\n  \"customers\": []";
    const std::size_t at = whole.find(empty);
    std::string out = whole.substr(0, at) + "\n  \"customers\": [";
    for (std::size_t i = 0; i < listing.rows.size(); ++i) {
        out += i == 0 ? "\n    " : ",\n    ";
        for (const char ch : dump(to_json(listing.rows[i]))) {
            out += ch;
            if (ch == '\n')
                out += "    ";
        }
    }
    out += "\n  ]";
    out.append(whole, at + empty.size());
    return out;
}

} // namespace crm::render
