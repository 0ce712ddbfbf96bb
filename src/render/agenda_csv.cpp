#include "agenda_csv.hpp"

#include "agenda_text.hpp"

#include <algorithm>

namespace crm::render {

const char* const agenda_columns[9] = {"date",      "id",    "name",   "kinds", "reasons",
                                       "days_late", "owner", "region", "phone"};

namespace {

std::string kinds_of(const Item& item) {
    std::vector<std::string_view> kinds;
    std::string out;
    for (const Reason& r : item.reasons) {
        if (std::find(kinds.begin(), kinds.end(), kind_name(r.kind)) != kinds.end())
            continue;
        kinds.push_back(kind_name(r.kind));
        // Appended piece by piece: GCC 12 at -O3 warns falsely (-Wrestrict)
        // about a concatenation of a literal and a string.
        if (!out.empty())
            out += ';';
        out += kind_name(r.kind);
    }
    return out;
}

std::string reasons_of(const Item& item) {
    std::string out;
    for (const Reason& r : item.reasons) {
        if (!out.empty())
            out += " · ";
        out += reason_phrase(r, Words::english);
    }
    return out;
}

} // namespace

std::string agenda_csv(const Agenda& agenda, const DelimitedOptions& options) {
    std::string out = csv_record({std::begin(agenda_columns), std::end(agenda_columns)}, options);
    for (const Item& item : agenda.items) {
        const Customer& c = *item.customer;
        out += csv_record({format_date(item.date), c.id, c.name, kinds_of(item), reasons_of(item),
                           std::to_string(item.days_late), c.owner, c.region,
                           c.phones.empty() ? std::string() : c.phones.front()},
                          options);
    }
    return out;
}

} // namespace crm::render
